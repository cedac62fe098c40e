"""PyTorch CPU timings for the tsgrad kernel bench (bench/src/peers/torch.ts runs this).

Same case ids, shapes and timing method as the TypeScript side: warm-up, calibration so one
sample lasts about sample_ms, median over `rounds` samples. One thread (torch.set_num_threads(1)),
like tsgrad and the TensorFlow.js peers, unless the argument's "threads" says otherwise (issue 19's
2-thread rows; the caller sets OMP/OpenBLAS/MKL_NUM_THREADS alike). Prints one JSON object on stdout.

usage: python3 torch_kernels.py '{"warmup_ms": 150, "sample_ms": 25, "rounds": 15, "cases": ["gemm.x_wt"]}'
"""

import json
import os
import re
import statistics
import sys
import time

import torch

B, D, C = 256, 784, 10


def make_cases():
    g = torch.Generator().manual_seed(0)
    X = torch.randn(B, D, generator=g)
    Y = torch.randn(B, D, generator=g)
    W = torch.randn(C, D, generator=g)
    G = torch.randn(B, C, generator=g)
    Z = torch.randn(B, C, generator=g)
    row = torch.randn(1, D, generator=g)
    H = 256
    W1 = torch.randn(D, H, generator=g)
    V = torch.randn(H, D, generator=g)
    A = torch.randn(D, B, generator=g)
    Hd = torch.randn(B, H, generator=g)
    W2 = torch.randn(H, C, generator=g)
    sq = {n: (torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)) for n in (512, 1024)}
    return {
        "gemm.mlp_nn": lambda: X @ W1,
        "gemm.mlp_nt": lambda: X @ V.T,
        "gemm.mlp_tn": lambda: A.T @ W1,
        "gemm.mlp_out": lambda: Hd @ W2,
        "gemm.sq512": lambda: sq[512][0] @ sq[512][1],
        "gemm.sq1024": lambda: sq[1024][0] @ sq[1024][1],
        "gemm.x_wt": lambda: X @ W.T,
        "gemm.gt_x": lambda: G.T @ X,
        "gemm.g_w": lambda: G @ W,
        "ew.add": lambda: X + Y,
        "ew.mul": lambda: X * Y,
        "ew.exp": lambda: torch.exp(X),
        "ew.sigmoid": lambda: torch.sigmoid(X),
        "ew.add_row": lambda: X + row,
        "red.softmax": lambda: torch.softmax(Z, 1),
        "red.sum": lambda: X.sum(1),
    }


def sample(fn, reps):
    t0 = time.perf_counter()
    for _ in range(reps):
        fn()
    return (time.perf_counter() - t0) * 1000.0 / reps


def measure(fn, warmup_ms, sample_ms, rounds):
    start = time.perf_counter()
    calls = 0
    while calls < 3 or (time.perf_counter() - start) * 1000.0 < warmup_ms:
        fn()
        calls += 1
    per_call = sample(fn, max(1, min(calls, 5)))
    reps = max(1, round(sample_ms / max(per_call, 1e-6)))
    samples = [sample(fn, reps) for _ in range(rounds)]
    q = statistics.quantiles(samples, n=4, method="inclusive") if len(samples) > 1 else [samples[0]] * 3
    median = statistics.median(samples)
    return {
        "median_ms": median,
        "min_ms": min(samples),
        "max_ms": max(samples),
        "iqr_pct": 100.0 * (q[2] - q[0]) / median if median > 0 else None,
        "samples_ms": samples,
        "reps_per_sample": reps,
    }


def loaded_blas_libraries():
    """The BLAS shared libraries mapped into this process (Linux), e.g. libopenblas.so.0."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    except OSError:
        return []
    return sorted({os.path.basename(os.path.realpath(p)) for p in paths})


def blas_info():
    config = torch.__config__.show()
    m = re.search(r"BLAS_INFO=([^,\s]+)", config)
    blas = m.group(1) if m else "unknown"
    if torch.backends.mkl.is_available():
        blas = f"{blas}, MKL available"
    # "generic" means the system libblas.so.3 (Debian alternatives: reference BLAS, OpenBLAS,
    # BLIS...): name the library actually loaded.
    libs = loaded_blas_libraries()
    if libs:
        blas = f"{blas}: {' '.join(libs)}"
    return blas, config


def main():
    cfg = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    torch.set_num_threads(int(cfg.get("threads", 1)))
    torch.set_grad_enabled(False)
    cases = make_cases()
    wanted = cfg.get("cases", list(cases))
    blas, config = blas_info()
    results = {}
    for case_id in wanted:
        fn = cases.get(case_id)
        if fn is not None:
            results[case_id] = measure(
                fn, cfg.get("warmup_ms", 150), cfg.get("sample_ms", 25), cfg.get("rounds", 15)
            )
    print(
        json.dumps(
            {
                "version": torch.__version__,
                "threads": torch.get_num_threads(),
                "blas": blas,
                "config": config,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
