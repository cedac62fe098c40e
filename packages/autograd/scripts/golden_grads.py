#!/usr/bin/python3
"""Golden gradients of random op compositions, from PyTorch, for src/golden.test.ts.

Each program starts from four float32 inputs (a [3, 4], b [4], c [3, 1], d [4, 5]) and
applies random steps, each taking earlier values from a pool and adding its result to it.
The loss is the sum of every value's sum, weighted, so every step matters. The TypeScript
test interprets the same program with tsgrad and compares values and input gradients.

Run with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 packages/autograd/scripts/golden_grads.py
"""
import json
import math
import random
from pathlib import Path

import torch

OUT = Path(__file__).resolve().parent.parent / "src" / "fixtures" / "golden-grads.json"
SHAPES = {"a": [3, 4], "b": [4], "c": [3, 1], "d": [4, 5]}
UNARY = ["tanh", "sigmoid", "relu", "neg", "abs", "square", "logsigmoid", "softplus_safe"]
BINARY = ["add", "sub", "mul", "div", "maximum"]
REDUCE = ["sum", "mean", "amax", "logsumexp", "softmax", "logSoftmax"]


def values(name, shape):
    n = math.prod(shape)
    seed = sum(ord(ch) for ch in name)
    return [round(math.sin(i * 0.7 + seed) * 1.5 + 0.1 * (i % 3), 4) for i in range(n)]


def apply(step, pool):
    op = step["op"]
    x = pool[step["args"][0]]
    if op == "tanh":
        return x.tanh()
    if op == "sigmoid":
        return x.sigmoid()
    if op == "relu":
        return x.relu()
    if op == "neg":
        return x.neg()
    if op == "abs":
        return x.abs()
    if op == "square":
        return x * x
    if op == "logsigmoid":
        return x.sigmoid().log()
    if op == "softplus_safe":
        return (x.tanh().exp() + 1).log()
    if op in BINARY:
        y = pool[step["args"][1]]
        if op == "add":
            return x + y
        if op == "sub":
            return x - y
        if op == "mul":
            return x * y
        if op == "div":
            return x / (y.sigmoid() + 0.5)
        return torch.maximum(x, y)
    if op == "matmul":
        return x @ pool[step["args"][1]]
    dim = step["dim"]
    if op == "sum":
        return x.sum(dim, keepdim=True)
    if op == "mean":
        return x.mean(dim, keepdim=True)
    if op == "amax":
        return x.amax(dim, keepdim=True)
    if op == "logsumexp":
        return x.logsumexp(dim, keepdim=True)
    if op == "softmax":
        return x.softmax(dim)
    if op == "logSoftmax":
        return x.log_softmax(dim)
    raise ValueError(op)


def broadcastable(s, t):
    for p, q in zip(reversed(s), reversed(t)):
        if p != q and p != 1 and q != 1:
            return False
    return True


def make_program(rng, length):
    shapes = dict(SHAPES)
    names = list(shapes)
    steps = []
    for k in range(length):
        kind = rng.choice(["unary", "unary", "binary", "binary", "reduce", "matmul"])
        i = rng.choice(names)
        step = None
        if kind == "unary":
            step = {"op": rng.choice(UNARY), "args": [i]}
            shape = shapes[i]
        elif kind == "binary":
            options = [j for j in names if broadcastable(shapes[i], shapes[j])]
            j = rng.choice(options)
            step = {"op": rng.choice(BINARY), "args": [i, j]}
            shape = list(torch.broadcast_shapes(tuple(shapes[i]), tuple(shapes[j])))
        elif kind == "reduce" and len(shapes[i]) > 0:
            dim = rng.randrange(-len(shapes[i]), len(shapes[i]))
            op = rng.choice(REDUCE)
            step = {"op": op, "args": [i], "dim": dim}
            shape = list(shapes[i])
            if op not in ("softmax", "logSoftmax"):
                shape[dim] = 1
        elif kind == "matmul":
            pairs = [(p, q) for p in names for q in names
                     if len(shapes[p]) == 2 and len(shapes[q]) == 2 and shapes[p][1] == shapes[q][0]]
            if pairs:
                p, q = rng.choice(pairs)
                step = {"op": "matmul", "args": [p, q]}
                shape = [shapes[p][0], shapes[q][1]]
        if step is None:
            step = {"op": "tanh", "args": [i]}
            shape = shapes[i]
        name = f"v{k}"
        step["out"] = name
        steps.append(step)
        shapes[name] = shape
        names.append(name)
    return steps, names


def main():
    rng = random.Random(20261123)
    programs = []
    for p in range(16):
        steps, names = make_program(rng, rng.randint(6, 14))
        inputs = {n: values(n, s) for n, s in SHAPES.items()}
        pool = {n: torch.tensor(v, dtype=torch.float32).reshape(SHAPES[n]).requires_grad_() for n, v in inputs.items()}
        for step in steps:
            pool[step["out"]] = apply(step, pool)
        loss = sum((k + 1) * 0.1 * pool[n].sum() for k, n in enumerate(names))
        loss.backward()
        programs.append({
            "name": f"program {p} ({len(steps)} steps: {' '.join(s['op'] for s in steps)})",
            "inputs": inputs,
            "shapes": SHAPES,
            "steps": steps,
            "order": names,
            "loss": loss.item(),
            "grads": {n: pool[n].grad.reshape(-1).tolist() for n in SHAPES},
        })
    OUT.write_text(json.dumps({"torch": torch.__version__, "programs": programs}, indent=None) + "\n")
    print(f"wrote {len(programs)} programs to {OUT}")


if __name__ == "__main__":
    main()
