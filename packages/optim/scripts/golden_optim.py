#!/usr/bin/python3
"""Golden optimizer trajectories and learning-rate schedules from PyTorch, for src/golden.test.ts.

The problem is a fixed float32 least-squares fit, loss = mean((X @ W.T + b - Y) ** 2), with
X [8, 3], Y [8, 2], W [2, 3], b [2]; the data and the starting point come from sin/cos
formulas (no random generator), rounded to 4 decimals and stored in the fixture so that the
TypeScript test starts from the same float32 values. Each optimizer configuration runs 100
steps (zero_grad, loss, backward, step) and the parameters after every step are recorded.
"maximize" configurations maximize -loss, so their trajectory also descends the loss.

Each scheduler's learning rates (get_last_lr after construction, then after each of 40
steps) are recorded for an SGD optimizer with one or two parameter groups.

Run with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 packages/optim/scripts/golden_optim.py
"""
import json
import math
import warnings
from pathlib import Path

import torch

OUT = Path(__file__).resolve().parent.parent / "src" / "fixtures" / "golden-optim.json"
STEPS = 100
SCHEDULE_STEPS = 40

N, D, K = 8, 3, 2
X = [[round(math.sin(0.37 * i + 1.3 * j + 0.5) * 1.5, 4) for j in range(D)] for i in range(N)]
Y = [[round(math.cos(0.21 * i - 0.8 * k) * 2 + 3, 4) for k in range(K)] for i in range(N)]
W0 = [[round(math.sin(1.7 * k + 0.9 * j) * 0.5, 4) for j in range(D)] for k in range(K)]
B0 = [round(0.1 * k - 0.2, 4) for k in range(K)]

# name -> (optimizer class name, options in tsgrad's camelCase, groups or None)
OPTIMIZERS = {
    "sgd": ("SGD", {"lr": 0.05}),
    "sgd-momentum": ("SGD", {"lr": 0.02, "momentum": 0.9}),
    "sgd-dampening": ("SGD", {"lr": 0.02, "momentum": 0.9, "dampening": 0.5}),
    "sgd-nesterov": ("SGD", {"lr": 0.02, "momentum": 0.9, "nesterov": True}),
    "sgd-weight-decay": ("SGD", {"lr": 0.05, "weightDecay": 0.1}),
    "sgd-momentum-weight-decay": ("SGD", {"lr": 0.02, "momentum": 0.8, "weightDecay": 0.05}),
    "sgd-maximize": ("SGD", {"lr": 0.02, "momentum": 0.9, "maximize": True}),
    "adam": ("Adam", {"lr": 0.01}),
    "adam-betas-eps": ("Adam", {"lr": 0.02, "betas": [0.8, 0.99], "eps": 1e-6}),
    "adam-weight-decay": ("Adam", {"lr": 0.01, "weightDecay": 0.1}),
    "adam-amsgrad": ("Adam", {"lr": 0.01, "betas": [0.9, 0.9], "amsgrad": True}),
    "adam-no-amsgrad": ("Adam", {"lr": 0.01, "betas": [0.9, 0.9]}),
    "adam-maximize": ("Adam", {"lr": 0.01, "maximize": True}),
    "adamw": ("AdamW", {"lr": 0.01}),
    "adamw-weight-decay": ("AdamW", {"lr": 0.01, "weightDecay": 0.1}),
    "adamw-amsgrad": ("AdamW", {"lr": 0.01, "betas": [0.9, 0.95], "weightDecay": 0.05, "amsgrad": True}),
}
# Two parameter groups: W and b with their own hyper-parameters.
GROUPED = {
    "sgd-groups": ("SGD", {"lr": 0.05}, [{"momentum": 0.9, "lr": 0.02}, {"weightDecay": 0.1}]),
    "adam-groups": ("Adam", {"lr": 0.01}, [{"lr": 0.02}, {"amsgrad": True, "weightDecay": 0.01}]),
}

TORCH_KEYS = {"weightDecay": "weight_decay"}


def torch_options(opts):
    out = {}
    for k, v in opts.items():
        out[TORCH_KEYS.get(k, k)] = tuple(v) if k == "betas" else v
    return out


def run(cls_name, opts, groups=None):
    W = torch.tensor(W0, dtype=torch.float32, requires_grad=True)
    b = torch.tensor(B0, dtype=torch.float32, requires_grad=True)
    Xt = torch.tensor(X, dtype=torch.float32)
    Yt = torch.tensor(Y, dtype=torch.float32)
    cls = getattr(torch.optim, cls_name)
    if groups is None:
        opt = cls([W, b], **torch_options(opts))
    else:
        params = [dict(params=[p], **torch_options(g)) for p, g in zip([W, b], groups)]
        opt = cls(params, **torch_options(opts))
    maximize = opts.get("maximize", False)
    traj, losses = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = ((Xt @ W.T + b - Yt) ** 2).mean()
        (-loss if maximize else loss).backward()
        opt.step()
        losses.append(float(f"{loss.item():.9g}"))
        traj.append(f32(W.detach().flatten().tolist() + b.detach().tolist()))
    return {"optimizer": cls_name, "options": opts, "groups": groups, "losses": losses, "params": traj}


def schedule(make, groups=1):
    params = [torch.zeros(1, requires_grad=True) for _ in range(groups)]
    opt = torch.optim.SGD([{"params": [p], "lr": 0.1 * (i + 1)} for i, p in enumerate(params)], lr=0.1)
    sched = make(opt)
    lrs = [sched.get_last_lr()]
    for _ in range(SCHEDULE_STEPS):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr())
    return lrs


S = torch.optim.lr_scheduler
LAMBDAS = {"pow0.9": lambda e: 0.9 ** e, "inv": lambda e: 1 / (e + 1)}
SCHEDULERS = {
    "StepLR": ({"stepSize": 7, "gamma": 0.5}, lambda o: S.StepLR(o, step_size=7, gamma=0.5)),
    "StepLR-default-gamma": ({"stepSize": 10}, lambda o: S.StepLR(o, step_size=10)),
    "MultiStepLR": (
        {"milestones": [3, 10, 10, 25], "gamma": 0.3},
        lambda o: S.MultiStepLR(o, milestones=[3, 10, 10, 25], gamma=0.3),
    ),
    "ExponentialLR": ({"gamma": 0.93}, lambda o: S.ExponentialLR(o, gamma=0.93)),
    "CosineAnnealingLR": ({"tMax": 12, "etaMin": 0.001}, lambda o: S.CosineAnnealingLR(o, T_max=12, eta_min=0.001)),
    "CosineAnnealingLR-zero-min": ({"tMax": 5}, lambda o: S.CosineAnnealingLR(o, T_max=5)),
    "LambdaLR": ({"lrLambda": "pow0.9"}, lambda o: S.LambdaLR(o, LAMBDAS["pow0.9"])),
    "LambdaLR-per-group": (
        {"lrLambda": ["pow0.9", "inv"]},
        lambda o: S.LambdaLR(o, [LAMBDAS["pow0.9"], LAMBDAS["inv"]]),
    ),
    "LinearLR": ({"startFactor": 0.25, "totalIters": 8}, lambda o: S.LinearLR(o, start_factor=0.25, total_iters=8)),
    "LinearLR-default": ({}, lambda o: S.LinearLR(o)),
    "LinearLR-decay": (
        {"startFactor": 1.0, "endFactor": 0.2, "totalIters": 10},
        lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.2, total_iters=10),
    ),
}


def sequential(o):
    warmup = S.LinearLR(o, start_factor=0.1, total_iters=5)
    cosine = S.CosineAnnealingLR(o, T_max=20, eta_min=0.0001)
    decay = S.StepLR(o, step_size=4, gamma=0.5)
    return S.SequentialLR(o, schedulers=[warmup, cosine, decay], milestones=[5, 25])


def f32(values):
    """float32 values with the 9 significant digits that identify them."""
    return [float(f"{v:.9g}") for v in values]


def main():
    warnings.filterwarnings("ignore", message="The epoch parameter")
    torch.set_num_threads(1)
    optimizers = {name: run(cls, opts) for name, (cls, opts) in OPTIMIZERS.items()}
    optimizers.update({name: run(cls, opts, groups) for name, (cls, opts, groups) in GROUPED.items()})
    schedulers = {}
    for name, (opts, make) in SCHEDULERS.items():
        cls = name.split("-")[0]
        schedulers[name] = {"scheduler": cls, "options": opts, "groups": 2, "lrs": schedule(make, groups=2)}
    schedulers["SequentialLR"] = {"scheduler": "SequentialLR", "options": {}, "groups": 2, "lrs": schedule(sequential, 2)}
    out = {
        "torch": torch.__version__,
        "steps": STEPS,
        "problem": {"X": X, "Y": Y, "W0": W0, "b0": B0},
        "optimizers": optimizers,
        "schedulers": schedulers,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out) + "\n")
    for name, r in optimizers.items():
        print(f"{name:28s} loss {r['losses'][0]:.4f} -> {r['losses'][-1]:.6f}")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
