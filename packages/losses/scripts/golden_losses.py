#!/usr/bin/env python3
"""Golden values for @tsgrad/losses from PyTorch (written against 1.13).

Writes packages/losses/src/fixtures/golden-losses.json: for every loss x reduction x option
combination, the inputs, the loss value and the gradient of the input (and of the target for
the regression losses), for float32 and float64, after backward with a fixed output gradient.
Inputs are deterministic (a sine sequence), never torch's RNG, so the file is reproducible. Non-finite numbers are written as the strings
"nan", "inf", "-inf" (JSON has no such numbers).

Run from the repository root:  /usr/bin/python3 packages/losses/scripts/golden_losses.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "fixtures", "golden-losses.json")
DTYPES = {"float32": torch.float32, "float64": torch.float64}
REDUCTIONS = ["none", "mean", "sum"]


def seq(n, seed, scale=1.0, shift=0.0):
    """n deterministic values in [shift - scale, shift + scale]."""
    return [shift + scale * math.sin(1.7 * k + 0.37 * seed + 0.1) for k in range(n)]


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def enc(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def flat(t):
    return [enc(float(v)) for v in t.detach().reshape(-1).tolist()]


def spec(t):
    dtype = "int32" if t.dtype == torch.int64 else {torch.float32: "float32", torch.float64: "float64"}[t.dtype]
    return {"shape": list(t.shape), "dtype": dtype, "data": [int(v) for v in t.reshape(-1).tolist()]
            if dtype == "int32" else flat(t)}


cases = []


def add(name, fn, tensors, options, call, grad_of=("input",)):
    """tensors: name -> tensor (float tensors in grad_of get requires_grad). call(**tensors) -> loss."""
    leaves = {}
    for k, t in tensors.items():
        if t is None:
            continue
        t = t.clone()
        if k in grad_of:
            t.requires_grad_(True)
        leaves[k] = t
    out = call(**leaves)
    # A deterministic output gradient, so 'none' checks the whole vector-Jacobian product.
    g = torch.tensor(seq(out.numel(), 99, 0.5, 1.0), dtype=out.dtype).reshape(out.shape)
    out.backward(g)
    cases.append({
        "name": name,
        "fn": fn,
        "inputs": {k: spec(t.detach()) for k, t in leaves.items()},
        "options": options,
        "value": {"shape": list(out.shape), "data": flat(out)},
        "gradOutput": flat(g),
        "grads": {k: flat(leaves[k].grad) for k in grad_of if k in leaves},
    })


def T(values, shape, dtype):
    return torch.tensor(values, dtype=dtype).reshape(shape)


def I(values, shape=None):
    t = torch.tensor(values, dtype=torch.int64)
    return t if shape is None else t.reshape(shape)


for dn, dt in DTYPES.items():
    # ---- regression -------------------------------------------------------------------
    x = T(seq(12, 1, 2.0), [4, 3], dt)
    y = T(seq(12, 2, 2.0), [4, 3], dt)
    y[1, 1] = x[1, 1]  # d = 0: l1's subgradient is 0 there
    y[2, 0] = x[2, 0] - 1.0  # |d| exactly at delta = beta = 1 (the linear branch in PyTorch)
    for r in REDUCTIONS:
        add(f"mse {r} {dn}", "mseLoss", {"input": x, "target": y}, {"reduction": r},
            lambda input, target, r=r: F.mse_loss(input, target, reduction=r), ("input", "target"))
        add(f"l1 {r} {dn}", "l1Loss", {"input": x, "target": y}, {"reduction": r},
            lambda input, target, r=r: F.l1_loss(input, target, reduction=r), ("input", "target"))
        for delta in [1.0, 0.5, 2.5]:
            add(f"huber delta={delta} {r} {dn}", "huberLoss", {"input": x, "target": y},
                {"reduction": r, "delta": delta},
                lambda input, target, r=r, d=delta: F.huber_loss(input, target, reduction=r, delta=d),
                ("input", "target"))
        for beta in [1.0, 0.5, 0.0]:
            # With beta = 0 PyTorch's backward gives -1 at d = 0 for the input AND for the target
            # (it swaps the arguments), which no single function's gradient does: the target's
            # gradient is left out there; tsgrad matches the input's.
            add(f"smoothL1 beta={beta} {r} {dn}", "smoothL1Loss", {"input": x, "target": y},
                {"reduction": r, "beta": beta},
                lambda input, target, r=r, b=beta: F.smooth_l1_loss(input, target, reduction=r, beta=b),
                ("input", "target") if beta > 0 else ("input",))
        # d2l's squared_loss: y reshaped to y_hat's shape, 1/2 (y_hat - y)^2.
        yh = T(seq(5, 3, 1.5), [5, 1], dt)
        yy = T(seq(5, 4, 1.5), [5], dt)

        def squared(input, target, r=r):
            loss = (input - target.reshape(input.shape)) ** 2 / 2
            return loss if r == "none" else loss.sum() if r == "sum" else loss.mean()

        add(f"squared {r} {dn}", "squaredLoss", {"input": yh, "target": yy}, {"reduction": r}, squared)

    # ---- cross-entropy with class indices ---------------------------------------------
    logits = T(seq(40, 5, 3.0), [8, 5], dt)
    tgt = I([0, 4, 2, 1, 3, 4, 0, 2])
    tgt_ign = I([0, -100, 2, 1, -100, 4, 0, 2])
    tgt_ign2 = I([0, 4, 2, 1, 3, 4, 0, 2])  # ignoreIndex=2 drops three rows
    big = T([1000, -1000, 0, 1000, -1000,
             -1000, -1000, -1000, -1000, 1000,
             1000, 999, -1000, 0, 0,
             -1000, 1000, -1000, -1000, -1000], [4, 5], dt)
    big_t = I([1, 4, 1, 0])  # row 0 and row 3 pick a logit 2000 below the max
    w = T([0.5, 2.0, 1.0, 0.25, 3.0], [5], dt)
    probs = torch.softmax(T(seq(40, 6, 2.0), [8, 5], dt), 1)
    x4 = T(seq(48, 7, 2.0), [3, 4, 2, 2], dt)
    t4 = I([0, 3, 2, 1, 1, -100, 3, 0, 2, 2, 0, 3], [3, 2, 2])
    p4 = torch.softmax(T(seq(48, 8, 2.0), [3, 4, 2, 2], dt), 1)
    w4 = T([1.5, 0.5, 2.0, 1.0], [4], dt)
    x1 = T(seq(5, 9, 2.0), [5], dt)
    for r in REDUCTIONS:
        def ce(**o):
            def call(input, target, weight=None, o=o):
                return F.cross_entropy(input, target, weight=weight, reduction=r, **o)
            return call

        add(f"ce {r} {dn}", "crossEntropy", {"input": logits, "target": tgt}, {"reduction": r}, ce())
        add(f"ce ignore {r} {dn}", "crossEntropy", {"input": logits, "target": tgt_ign}, {"reduction": r}, ce())
        add(f"ce ignoreIndex=2 {r} {dn}", "crossEntropy", {"input": logits, "target": tgt_ign2},
            {"reduction": r, "ignoreIndex": 2}, ce(ignore_index=2))
        add(f"ce +-1000 {r} {dn}", "crossEntropy", {"input": big, "target": big_t}, {"reduction": r}, ce())
        add(f"ce unbatched {r} {dn}", "crossEntropy", {"input": x1, "target": I(3)}, {"reduction": r}, ce())
        add(f"ce weight {r} {dn}", "crossEntropy", {"input": logits, "target": tgt, "weight": w},
            {"reduction": r}, ce())
        add(f"ce weight ignore {r} {dn}", "crossEntropy", {"input": logits, "target": tgt_ign, "weight": w},
            {"reduction": r}, ce())
        add(f"ce smoothing {r} {dn}", "crossEntropy", {"input": logits, "target": tgt},
            {"reduction": r, "labelSmoothing": 0.1}, ce(label_smoothing=0.1))
        add(f"ce smoothing weight ignore {r} {dn}", "crossEntropy",
            {"input": logits, "target": tgt_ign, "weight": w},
            {"reduction": r, "labelSmoothing": 0.2}, ce(label_smoothing=0.2))
        add(f"ce smoothing +-1000 {r} {dn}", "crossEntropy", {"input": big, "target": big_t},
            {"reduction": r, "labelSmoothing": 0.1}, ce(label_smoothing=0.1))
        add(f"ce soft {r} {dn}", "crossEntropy", {"input": logits, "target": probs}, {"reduction": r}, ce())
        add(f"ce soft smoothing weight {r} {dn}", "crossEntropy",
            {"input": logits, "target": probs, "weight": w},
            {"reduction": r, "labelSmoothing": 0.15}, ce(label_smoothing=0.15))
        add(f"ce soft +-1000 {r} {dn}", "crossEntropy",
            {"input": big, "target": torch.softmax(T(seq(20, 10, 2.0), [4, 5], dt), 1)},
            {"reduction": r}, ce())
        add(f"ce 4d {r} {dn}", "crossEntropy", {"input": x4, "target": t4}, {"reduction": r}, ce())
        add(f"ce 4d weight smoothing {r} {dn}", "crossEntropy", {"input": x4, "target": t4, "weight": w4},
            {"reduction": r, "labelSmoothing": 0.1}, ce(label_smoothing=0.1))
        add(f"ce 4d soft {r} {dn}", "crossEntropy", {"input": x4, "target": p4}, {"reduction": r}, ce())

        # ---- nll_loss on log-probabilities --------------------------------------------
        def nll(**o):
            def call(input, target, weight=None, o=o):
                return F.nll_loss(input, target, weight=weight, reduction=r, **o)
            return call

        logp = torch.log_softmax(logits, 1)
        add(f"nll {r} {dn}", "nllLoss", {"input": logp, "target": tgt}, {"reduction": r}, nll())
        add(f"nll weight ignore {r} {dn}", "nllLoss", {"input": logp, "target": tgt_ign, "weight": w},
            {"reduction": r}, nll())
        add(f"nll ignoreIndex=2 {r} {dn}", "nllLoss", {"input": logp, "target": tgt_ign2},
            {"reduction": r, "ignoreIndex": 2}, nll(ignore_index=2))
        add(f"nll 4d weight {r} {dn}", "nllLoss", {"input": torch.log_softmax(x4, 1), "target": t4, "weight": w4},
            {"reduction": r}, nll())
        add(f"nll unbatched {r} {dn}", "nllLoss", {"input": torch.log_softmax(x1, 0), "target": I(1)},
            {"reduction": r}, nll())

        # ---- binary cross-entropy ------------------------------------------------------
        p = T([0.0, 1.0, 0.0, 1.0, 0.3, 0.7, 0.5, 1e-3, 0.999, 0.2, 0.9, 0.05], [4, 3], dt)
        pt = T([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.5, 1.0, 0.0, 0.25, 1.0, 0.0], [4, 3], dt)
        bw = T([0.5, 1.0, 2.0], [3], dt)

        def bce(input, target, weight=None, r=r):
            return F.binary_cross_entropy(input, target, weight=weight, reduction=r)

        add(f"bce {r} {dn}", "bceLoss", {"input": p, "target": pt}, {"reduction": r}, bce)
        add(f"bce weight {r} {dn}", "bceLoss", {"input": p, "target": pt, "weight": bw}, {"reduction": r}, bce)

        z = T([0.0, 1000.0, -1000.0, 3.0, -2.5, 0.5, 40.0, -40.0, 1.25, -0.75, 1000.0, -1000.0], [4, 3], dt)
        zt = T([1.0, 0.0, 1.0, 1.0, 0.0, 0.3, 0.0, 1.0, 0.5, 0.0, 1.0, 0.0], [4, 3], dt)
        pw = T([2.0, 0.5, 3.0], [3], dt)

        def bcel(input, target, weight=None, posWeight=None, r=r):
            return F.binary_cross_entropy_with_logits(input, target, weight=weight, pos_weight=posWeight,
                                                      reduction=r)

        add(f"bceWithLogits {r} {dn}", "bceWithLogitsLoss", {"input": z, "target": zt}, {"reduction": r}, bcel)
        add(f"bceWithLogits weight posWeight {r} {dn}", "bceWithLogitsLoss",
            {"input": z, "target": zt, "weight": bw, "posWeight": pw}, {"reduction": r}, bcel)

    # PyTorch's 'mean' over all-ignored targets is 0/0.
    add(f"ce all ignored mean {dn}", "crossEntropy", {"input": logits[:2], "target": I([-100, -100])},
        {"reduction": "mean"}, lambda input, target: F.cross_entropy(input, target))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
