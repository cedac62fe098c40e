"""PyTorch CPU epochs for the tsgrad epoch bench (bench/src/epochs/run.ts starts this).

One thread by default; the JSON argument's "threads" (1 or 2) goes to torch.set_num_threads, and
the caller sets OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS to the same. The BLAS
is whatever libblas.so.3 the dynamic linker finds: the caller may point LD_LIBRARY_PATH at one of
Debian's alternatives (reference BLAS in .../blas, OpenBLAS in .../openblas-pthread); the
libraries actually mapped into this process are reported.

Tasks (the JSON argument's "task"):
  softmax     d2l's softmax regression on Fashion-MNIST with the loop of train_epoch_ch3:
              nn.Linear(784, 10) from the same initial weights as tsgrad (weight_file,
              bias_file), nn.CrossEntropyLoss(reduction='none'), torch.optim.SGD(lr=0.1),
              l.mean().backward(), per-batch loss sum and correct count; batches in the same
              shuffled order as tsgrad (orders_file: int32, one row of 60000 per epoch), made
              from the uint8 images held as one tensor: X_u8[idx].float().div_(255)
              (what a tuned torch user does; torchvision's per-image DataLoader is far slower).
              "protocol": "f32" instead preloads the whole set as float32 once, outside the
              timed epochs (X_f32 = X_u8.float().div_(255)), and each batch is X_f32[idx]:
              torch's fastest way, 188 MB more memory.
  mlp         issue 19's MLP, 784-256-10, "variant" concise (nn.Sequential(Flatten,
              Linear(784, 256), ReLU, Linear(256, 10)), CrossEntropyLoss, optim.SGD,
              l.mean().backward()) or scratch (W1, b1, W2, b2 tensors, relu = max(X, 0),
              F.cross_entropy, l.sum().backward(), p -= lr * p.grad / batch); the same loop,
              batches, protocols and initial parameters (params_file: w1, b1, w2, b2 float32).
  regression  linear (1000 examples, batch 10, lr 0.03) and logistic (2000, batch 64, lr 0.5)
              regression, scratch and concise, as the tsgrad examples write them.
  data        reading the four files (gzip + SHA-256 + numpy parse) and one epoch of batches.
Prints one JSON object on the last line of stdout.
"""

import gzip
import hashlib
import json
import os
import resource
import sys
import time

import numpy as np
import torch

SHA256 = {
    "train_images": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train_labels": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "test_images": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "test_labels": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}


def blas_libraries():
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    except OSError:
        return []
    return sorted({os.path.realpath(p) for p in paths})


def blas_name():
    """Which BLAS answers torch's calls: the library behind the mapped libblas.so.3 (Debian keeps
    each implementation in its own folder; OpenBLAS's LAPACK may be mapped either way)."""
    blas = [p for p in blas_libraries() if os.path.basename(p).startswith("libblas.so")]
    if any("openblas" in p for p in blas):
        return "OpenBLAS"
    if any("/blas/" in p for p in blas):
        return "reference BLAS (netlib libblas3)"
    if any("openblas" in os.path.basename(p) for p in blas_libraries()):
        return "OpenBLAS"
    return "unknown BLAS"


def detail():
    libs = ", ".join(blas_libraries())
    n = torch.get_num_threads()
    return f"torch {torch.__version__}, {n} thread{'s' if n > 1 else ''}, {blas_name()} (mapped: {libs})"


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024.0 * 1024.0)


def read_idx(path, key, verify=True):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if verify and hashlib.sha256(raw).hexdigest() != SHA256[key]:
        raise ValueError(f"{path}: SHA-256 mismatch")
    magic = int.from_bytes(raw[0:4], "big")
    if magic == 2051:
        n, rows, cols = (int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(3))
        return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols)
    if magic == 2049:
        return np.frombuffer(raw, dtype=np.uint8, offset=8)
    raise ValueError(f"{path}: bad magic {magic}")


def load_all(files):
    return {k: read_idx(files[k], k) for k in ("train_images", "train_labels", "test_images", "test_labels")}


class Batches:
    """Batches of (X float32 [n, 784] in [0, 1], y int64 [n]) in a given order."""

    def __init__(self, images, labels, batch_size, protocol="u8"):
        self.X = torch.from_numpy(images.copy())  # uint8 [N, 784], 47 MB for the training set
        self.y = torch.from_numpy(labels.astype(np.int64))
        self.batch_size = batch_size
        # "f32": the whole set as float32 in [0, 1], once (188 MB for the training set).
        self.F = self.X.float().div_(255) if protocol == "f32" else None

    def epoch(self, order=None):
        n = self.X.shape[0]
        bs = self.batch_size
        for s in range(0, n, bs):
            if self.F is not None:
                if order is None:
                    yield self.F[s : s + bs], self.y[s : s + bs]
                else:
                    idx = order[s : s + bs]
                    yield self.F[idx], self.y[idx]
            elif order is None:
                yield self.X[s : s + bs].float().div_(255), self.y[s : s + bs]
            else:
                idx = order[s : s + bs]
                yield self.X[idx].float().div_(255), self.y[idx]


def accuracy(y_hat, y):
    return float((y_hat.argmax(dim=1) == y).sum())


def label_hash(labels):
    h = 0x811C9DC5
    for v in labels.tolist():
        h ^= v & 0xFF
        h = (h * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def softmax_model(a):
    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
    with torch.no_grad():
        net[1].weight.copy_(torch.from_numpy(np.fromfile(a["weight_file"], dtype=np.float32)).view(10, 784))
        net[1].bias.copy_(torch.from_numpy(np.fromfile(a["bias_file"], dtype=np.float32)))
    loss = torch.nn.CrossEntropyLoss(reduction="none")
    trainer = torch.optim.SGD(net.parameters(), lr=0.1)

    def step(X, y):
        y_hat = net(X)
        l = loss(y_hat, y)
        trainer.zero_grad()
        l.mean().backward()
        trainer.step()
        return y_hat, l

    return net, step


def mlp_params(a, shapes):
    flat = torch.from_numpy(np.fromfile(a["params_file"], dtype=np.float32))
    out, off = [], 0
    for shape in shapes:
        n = int(np.prod(shape))
        out.append(flat[off : off + n].view(*shape).clone())
        off += n
    if off != flat.numel():
        raise ValueError(f"params_file has {flat.numel()} floats, expected {off}")
    return out


def mlp_concise(a):
    net = torch.nn.Sequential(
        torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)
    )
    w1, b1, w2, b2 = mlp_params(a, [(256, 784), (256,), (10, 256), (10,)])
    with torch.no_grad():
        net[1].weight.copy_(w1)
        net[1].bias.copy_(b1)
        net[3].weight.copy_(w2)
        net[3].bias.copy_(b2)
    loss = torch.nn.CrossEntropyLoss(reduction="none")
    trainer = torch.optim.SGD(net.parameters(), lr=0.1)

    def step(X, y):
        y_hat = net(X)
        l = loss(y_hat, y)
        trainer.zero_grad()
        l.mean().backward()
        trainer.step()
        return y_hat, l

    return net, step


def mlp_scratch(a):
    params = mlp_params(a, [(784, 256), (256,), (256, 10), (10,)])
    W1, b1, W2, b2 = (p.requires_grad_() for p in params)
    lr = 0.1

    def relu(X):
        return torch.max(X, torch.zeros_like(X))

    def net(X):
        H = relu(X.reshape((-1, 784)) @ W1 + b1)
        return H @ W2 + b2

    def step(X, y):
        y_hat = net(X)
        l = torch.nn.functional.cross_entropy(y_hat, y, reduction="none")
        l.sum().backward()
        with torch.no_grad():
            for p in (W1, b1, W2, b2):
                p -= lr * p.grad / X.shape[0]
                p.grad.zero_()
        return y_hat, l

    net.eval = lambda: None
    net.train = lambda: None
    return net, step


def run_train(a):
    t0 = time.perf_counter()
    data = load_all(a["files"])
    load_ms = (time.perf_counter() - t0) * 1000.0
    protocol = a.get("protocol", "u8")
    train = Batches(data["train_images"], data["train_labels"], 256, protocol)
    test = Batches(data["test_images"], data["test_labels"], 256, protocol)
    n = train.X.shape[0]
    total = a["warmup"] + a["epochs"]
    orders = torch.from_numpy(np.fromfile(a["orders_file"], dtype=np.int32).astype(np.int64)).view(-1, n)
    if orders.shape[0] < total:
        raise ValueError(f"orders_file has {orders.shape[0]} epochs, need {total}")

    if a["task"] == "softmax":
        net, step = softmax_model(a)
    elif a.get("variant") == "scratch":
        net, step = mlp_scratch(a)
    else:
        net, step = mlp_concise(a)

    warmup_s, epoch_s, mem = [], [], []
    last = (float("nan"), float("nan"))
    first_labels = train.y[orders[0]]
    for e in range(1, total + 1):
        net.train()
        t = time.perf_counter()
        l_sum, correct, count = 0.0, 0.0, 0
        for X, y in train.epoch(orders[e - 1]):
            y_hat, l = step(X, y)
            l_sum += float(l.sum())
            correct += accuracy(y_hat, y)
            count += y.numel()
        s = time.perf_counter() - t
        (warmup_s if e <= a["warmup"] else epoch_s).append(s)
        last = (l_sum / count, correct / count)
        mem.append({"epoch": e, "rssMB": rss_mb(), "heapMB": None, "heapTotalMB": None, "externalMB": None})

    eval_ms, test_acc = [], float("nan")
    net.eval()
    for _ in range(a["eval_reps"]):
        t = time.perf_counter()
        correct, count = 0.0, 0
        with torch.no_grad():
            for X, y in test.epoch():
                correct += accuracy(net(X), y)
                count += y.numel()
        test_acc = correct / count
        eval_ms.append((time.perf_counter() - t) * 1000.0)
    return {
        "task": a["task"],
        "peer": a["peer"],
        "threads": torch.get_num_threads(),
        "detail": f"{detail()}, {'preloaded float32' if protocol == 'f32' else 'uint8 X_u8[idx].float().div_(255)'} batches",
        "warmupS": warmup_s,
        "epochS": epoch_s,
        "trainLoss": last[0],
        "trainAcc": last[1],
        "testAcc": test_acc,
        "evalMs": eval_ms,
        "loadMs": load_ms,
        "mem": mem,
        "maxRssMB": max_rss_mb(),
        "labelHash": label_hash(first_labels),
    }


# ---- linear and logistic regression -----------------------------------------------------------


def synthetic_linear(n, g):
    w, b = torch.tensor([2.0, -3.4]), 4.2
    X = torch.normal(0, 1, (n, 2), generator=g)
    y = X @ w + b + torch.normal(0, 0.01, (n,), generator=g)
    return X, y.reshape(-1, 1)


def synthetic_logistic(n, g):
    w, b = torch.tensor([1.9, -3.1]), -0.6
    X = torch.rand((n, 2), generator=g) * 2 - 1
    p = torch.sigmoid(X @ w + b) + torch.normal(0, 0.05, (n,), generator=g)
    return X, (p > 0.5).float().reshape(-1, 1)


def data_iter(batch_size, features, labels, g):
    n = features.shape[0]
    idx = torch.randperm(n, generator=g)
    for s in range(0, n, batch_size):
        j = idx[s : s + batch_size]
        yield features[j], labels[j]


def loader(features, labels, batch_size, g):
    ds = torch.utils.data.TensorDataset(features, labels)
    return torch.utils.data.DataLoader(ds, batch_size, shuffle=True, generator=g)


def time_epochs(batches, step, full_loss, warmup, epochs):
    ms, sink = [], 0.0
    for e in range(warmup + epochs):
        t = time.perf_counter()
        for X, y in batches():
            sink += step(X, y)
        if e >= warmup:
            ms.append((time.perf_counter() - t) * 1000.0)
    return {"epochMs": ms, "finalLoss": full_loss()}


def regression_runs(warmup, epochs):
    runs = {}
    for model in ("linreg", "logreg"):
        g = torch.Generator().manual_seed(0)
        if model == "linreg":
            X, Y = synthetic_linear(1000, g)
            bs, lr = 10, 0.03
        else:
            X, Y = synthetic_logistic(2000, g)
            bs, lr = 64, 0.5

        # scratch: d2l 3.2 / the logistic lab's hand-written version
        gs = torch.Generator().manual_seed(1)
        w = torch.normal(0, 0.01, (2, 1), generator=gs).requires_grad_()
        b = torch.zeros(1, requires_grad=True)
        if model == "linreg":
            fwd = lambda X_: X_ @ w + b  # noqa: E731
            per_ex = lambda p, y: (p - y) ** 2 / 2  # noqa: E731
        else:
            fwd = lambda X_: 1 / (1 + torch.exp(-(X_ @ w + b)))  # noqa: E731

            def per_ex(p, y, eps=1e-6):
                q = p.clamp(eps, 1 - eps)
                return -(y * torch.log(q) + (1 - y) * torch.log(1 - q))

        def step_scratch(X_, y_, fwd=fwd, per_ex=per_ex, w=w, b=b, lr=lr):
            l = per_ex(fwd(X_), y_).sum()
            value = l.item()
            l.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= lr * p.grad / X_.shape[0]
                    p.grad.zero_()
            return value

        def full_scratch(fwd=fwd, per_ex=per_ex):
            with torch.no_grad():
                return float(per_ex(fwd(X), Y).mean())

        runs[f"{model}-scratch"] = time_epochs(
            lambda: data_iter(bs, X, Y, gs), step_scratch, full_scratch, warmup, epochs
        )

        # concise: d2l 3.3 / the logistic lab's nn version
        gc = torch.Generator().manual_seed(2)
        it = loader(X, Y, bs, gc)
        net = torch.nn.Sequential(torch.nn.Linear(2, 1))
        net[0].weight.data.normal_(0, 0.01, generator=gc)
        net[0].bias.data.fill_(0)
        loss = torch.nn.MSELoss() if model == "linreg" else torch.nn.BCEWithLogitsLoss()
        trainer = torch.optim.SGD(net.parameters(), lr=lr)

        def step_concise(X_, y_, net=net, loss=loss, trainer=trainer):
            l = loss(net(X_), y_)
            value = l.item() * X_.shape[0]
            trainer.zero_grad()
            l.backward()
            trainer.step()
            return value

        def full_concise(net=net, loss=loss):
            with torch.no_grad():
                return float(loss(net(X), Y))

        runs[f"{model}-concise"] = time_epochs(lambda it=it: it, step_concise, full_concise, warmup, epochs)
    return runs


def run_data(a):
    rows = []
    first, loads = None, []
    for r in range(a["reps"] + 1):
        t = time.perf_counter()
        data = load_all(a["files"])
        ms = (time.perf_counter() - t) * 1000.0
        if r == 0:
            first = ms
        else:
            loads.append(ms)
    rows.append({"what": "torch: gzip + sha256 + numpy parse 4 files", "ms": loads, "firstMs": first})
    train = Batches(data["train_images"], data["train_labels"], 256)
    g = torch.Generator().manual_seed(1)
    ms, first = [], None
    for r in range(a["reps"] + 1):
        order = torch.randperm(train.X.shape[0], generator=g)
        t = time.perf_counter()
        for X, y in train.epoch(order):
            pass
        v = (time.perf_counter() - t) * 1000.0
        if r == 0:
            first = v
        else:
            ms.append(v)
    rows.append({"what": "torch: X_u8[idx].float().div_(255), epoch", "ms": ms, "firstMs": first})
    return {"task": "data", "peer": a["peer"], "detail": detail(), "rows": rows}


def main():
    a = json.loads(sys.argv[1])
    torch.set_num_threads(int(a.get("threads", 1)))
    if a["task"] in ("softmax", "mlp"):
        out = run_train(a)
    elif a["task"] == "regression":
        out = {
            "task": "regression",
            "peer": a["peer"],
            "detail": detail(),
            "runs": regression_runs(a["warmup"], a["epochs"]),
        }
    elif a["task"] == "data":
        out = run_data(a)
    else:
        raise ValueError(f"unknown task {a['task']}")
    print(json.dumps(_nan_to_none(out)))


def _nan_to_none(v):
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return None
    if isinstance(v, dict):
        return {k: _nan_to_none(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_nan_to_none(x) for x in v]
    return v


if __name__ == "__main__":
    main()
