#!/usr/bin/python3
"""PyTorch golden values for @tsgrad/tensor.

Writes ../src/fixtures/golden.json, which src/ops/golden.test.ts replays against tsgrad.

    apt-get install python3-torch        # Debian's PyTorch (1.13 on bookworm)
    /usr/bin/python3 packages/tensor/scripts/golden.py

Inputs never come from torch's RNG (tsgrad's generator differs): they are small hand-written
arrays or simple formulas (sin waves, modular integer sequences), stored verbatim in the
fixture, so the test rebuilds exactly the same tensors.

Fixture format
--------------
A tensor ("spec") is
    {"dtype": "float32"|"float64"|"int32"|"bool", "shape": [...], "data": [flat values],
     "views": [[method, arg...], ...], "requiresGrad": true}
`data` holds the contiguous base tensor in row-major order (floats as numbers, or "nan",
"inf", "-inf"; bools as true/false). `linear: [start, step]` or
`[start, step, mod]` may replace `data` for big tensors: value i is start + i * step, or
start + (i * step) % mod, computed in float64, then cast to the dtype (bool: value != 0). `views`
are tsgrad method calls applied in order to the base tensor to make a non-contiguous input
(transpose, t, permute, slice with step, select, expand...), the script applies the same
steps in torch.

An op case is {"name", "op", "args", "expected"}:
  - op "add" calls the tsgrad method `args[0].add(...args[1:])`; op "fn:cat" calls the
    exported function `cat(...args)`.
  - args: a tensor is {"tensor": spec}; {"opts": {...}} is an options object;
    {"undefined": true} an omitted argument; {"float": "nan"|"inf"|"-inf"} a special
    number; lists and null pass through.
  - expected: a spec (contiguous, no views) or, for ops that return several tensors
    (max/min with a dim, sort, topk), an object {"values": spec, "indices": spec}; for
    ops that return a list (split, chunk), {"0": spec, "1": spec, ...} by position.
A print case is {"name", "input": spec, "expected": str(tensor) as tsgrad prints it}.

dtypes: torch int64 ↔ tsgrad int32 (tsgrad's only integer type). JavaScript has one number
type, so an integral scalar such as 2.0 is an int in tsgrad: the script refuses integral
float scalars to keep both sides' promotion rules aligned.
"""

import json
import re
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "fixtures" / "golden.json"

TORCH_DTYPE = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int32": torch.int64,
    "uint8": torch.uint8,
    "bool": torch.bool,
}
TS_DTYPE = {
    torch.float32: "float32",
    torch.float64: "float64",
    torch.int64: "int32",
    torch.uint8: "uint8",
    torch.bool: "bool",
}


class Undefined:
    """An omitted (undefined) argument in the tsgrad call."""


UNDEF = Undefined()

# ---------------------------------------------------------------------------------------
# Encoding numbers and tensors
# ---------------------------------------------------------------------------------------


def enc_num(v, dtype):
    """One element of a tensor of tsgrad dtype `dtype`, JSON-ready and short."""
    if dtype == "bool":
        return bool(v)
    if dtype == "int32":
        v = int(v)
        assert -(2**31) <= v < 2**31, f"{v} does not fit in int32"
        return v
    if dtype == "uint8":
        v = int(v)
        assert 0 <= v < 256, f"{v} does not fit in uint8"
        return v
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if dtype == "float32":
        # The shortest decimal that rounds back to the same float32 ("0.3", not
        # "0.30000001192092896"); Float32Array.from gives back the identical value.
        v = float(repr(np.float32(v)))
    if v == int(v) and abs(v) < 2**53 and not (v == 0 and math.copysign(1.0, v) < 0):
        return int(v)  # 2 rather than 2.0 (but keep -0.0)
    return v


class In:
    """An input tensor: base data (or a linear fill) plus view steps."""

    def __init__(self, data, dtype="float32", shape=None, views=(), requires_grad=False, linear=None):
        self.dtype = dtype
        self.views = [list(v) for v in views]
        self.requires_grad = requires_grad
        self.linear = linear
        if linear is not None:
            self.shape = list(shape)
            self.flat = None
        else:
            base = torch.tensor(data, dtype=TORCH_DTYPE[dtype])
            if shape is not None:
                base = base.reshape(shape)
            self.shape = list(base.shape)
            self.flat = base.reshape(-1).tolist()

    def base(self):
        dt = TORCH_DTYPE[self.dtype]
        if self.linear is None:
            return torch.tensor(self.flat, dtype=dt).reshape(self.shape)
        n = math.prod(self.shape)
        start, step, *mod = self.linear
        vals = torch.arange(n, dtype=torch.float64) * step
        if mod:
            vals = vals % mod[0]
        vals = vals + start
        if dt == torch.bool:
            vals = vals != 0
        return vals.to(dt).reshape(self.shape)

    def torch(self):
        t = self.base()
        for step in self.views:
            t = apply_view(t, step)
        if self.requires_grad:
            t.requires_grad_(True)
        return t

    def spec(self):
        s = {"dtype": self.dtype, "shape": self.shape}
        if self.linear is None:
            s["data"] = [enc_num(v, self.dtype) for v in self.flat]
        else:
            s["linear"] = list(self.linear)
        if self.views:
            s["views"] = [[name, *[enc_arg(a) for a in args]] for name, *args in self.views]
        if self.requires_grad:
            s["requiresGrad"] = True
        return s


def apply_view(t, step):
    """torch equivalent of the tsgrad view method `step = [name, *args]`."""
    name, *a = step
    if name == "slice":  # tsgrad slice(dim, start, end, step) is t[..., start:end:step, ...]
        dim, start, end, st = (a + [UNDEF] * 4)[:4]
        fix = lambda v: None if v is UNDEF else v  # noqa: E731
        idx = [slice(None)] * t.dim()
        idx[dim] = slice(fix(start), fix(end), 1 if st is UNDEF else st)
        return t[tuple(idx)]
    if name == "T":  # all dims reversed
        return t.permute(*reversed(range(t.dim())))
    args = [a_ for a_ in a if a_ is not UNDEF]
    return getattr(t, name)(*args)


def spec_of(result):
    """Expected output of a case: a torch tensor, or max/min's (values, indices)."""
    if isinstance(result, torch.Tensor):
        r = result.detach().contiguous()
        dtype = TS_DTYPE[r.dtype]
        return {"dtype": dtype, "shape": list(r.shape), "data": [enc_num(v, dtype) for v in r.reshape(-1).tolist()]}
    if hasattr(result, "values") and hasattr(result, "indices"):
        return {"values": spec_of(result.values), "indices": spec_of(result.indices)}
    if isinstance(result, dict):  # stdMean, varMean: named tensors
        return {k: spec_of(v) for k, v in result.items()}
    if isinstance(result, (list, tuple)):  # split, chunk: the pieces by position
        return {str(i): spec_of(r) for i, r in enumerate(result)}
    raise TypeError(f"unexpected result {type(result)}")


def enc_arg(a):
    if isinstance(a, In):
        return {"tensor": a.spec()}
    if a is UNDEF:
        return {"undefined": True}
    if isinstance(a, bool) or a is None or isinstance(a, str):
        return a
    if isinstance(a, int):
        return a
    if isinstance(a, float):
        if math.isnan(a) or math.isinf(a):
            return {"float": enc_num(a, "float64")}
        assert a != int(a), f"integral float scalar {a}: JS would see an int; use an int"
        return a
    if isinstance(a, (list, tuple)):
        return [enc_arg(x) for x in a]
    if isinstance(a, dict):
        return {"opts": {k: enc_arg(v) for k, v in a.items()}}
    raise TypeError(f"cannot encode {a!r}")


def to_torch(a):
    if isinstance(a, In):
        return a.torch()
    if isinstance(a, (list, tuple)):
        return [to_torch(x) for x in a]
    if isinstance(a, dict):
        return {k: to_torch(v) for k, v in a.items()}
    return a


# ---------------------------------------------------------------------------------------
# Deterministic input data
# ---------------------------------------------------------------------------------------


def wave(n, phase=0.0, scale=3.0, digits=2):
    """Smooth, signed, short decimals: round(scale * sin(0.7 i + phase), digits)."""
    return [round(scale * math.sin(0.7 * i + phase), digits) for i in range(n)]


def quarters(n, phase=0.0):
    """Multiples of 0.25 in [-3, 3]: sums and products of these are exact in float32, so
    matmul and reductions do not depend on summation order."""
    return [round(3 * math.sin(0.7 * i + phase) * 4) / 4 for i in range(n)]


def ints(n, lo=-5, hi=5, mul=7, add=3):
    """A scrambled integer sequence in [lo, hi]."""
    return [(i * mul + add) % (hi - lo + 1) + lo for i in range(n)]


def W(shape, dtype="float32", phase=0.0, views=(), kind="wave", **kw):
    """A generated input of the given base shape."""
    n = math.prod(shape)
    if kind == "wave":
        data = wave(n, phase, **kw)
    elif kind == "quarters":
        data = quarters(n, phase)
    elif kind == "ints":
        data = ints(n, **kw)
    elif kind == "pos":  # strictly positive, for log / sqrt / pow
        data = [round(0.1 + abs(v), 2) for v in wave(n, phase)]
    elif kind == "bool":
        data = [(i * 5 + int(phase)) % 3 == 0 for i in range(n)]
    else:
        raise ValueError(kind)
    if dtype == "int32" and kind not in ("ints",):
        data = [int(round(v)) for v in data]
    return In(data, dtype, shape, views)


def T(data, dtype="float32", views=(), **kw):
    return In(data, dtype, None, views, **kw)


NAN, INF = float("nan"), float("inf")

# ---------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------

cases = []
names = set()


def case(name, op, args, fn=None):
    """Record `op(*args)` in tsgrad terms; `fn` computes it in torch (default: the torch
    method of the same name on args[0], or torch.<op> for "fn:" ops)."""
    assert name not in names, f"duplicate case name {name}"
    names.add(name)
    targs = to_torch(list(args))
    while targs and targs[-1] is UNDEF:
        targs.pop()
    if fn is None:
        if op.startswith("fn:"):
            result = getattr(torch, op[3:])(*targs)
        else:
            rest = targs[1:]
            if op in ("maximum", "minimum"):
                # torch.maximum takes tensors only; a 0-dim tensor promotes like a number.
                rest = [torch.tensor(a) if isinstance(a, (int, float)) else a for a in rest]
            result = getattr(targs[0], op)(*rest)
    else:
        result = fn(*targs)
    cases.append({"name": name, "op": op, "args": [enc_arg(a) for a in args], "expected": spec_of(result)})


# ---- creation -----------------------------------------------------------------------------

case("arange(5)", "fn:arange", [5])
case("arange(2, 9)", "fn:arange", [2, 9])
case("arange(1, 10, 3)", "fn:arange", [1, 10, 3])
case("arange(10, 0, -3)", "fn:arange", [10, 0, -3])
case("arange(0, 1, 0.1) float", "fn:arange", [0, 1, 0.1])
case("arange(-1, 1, 0.25) float", "fn:arange", [-1, 1, 0.25])
case("arange(0.5, 3) float start", "fn:arange", [0.5, 3])
case(
    "arange(0, 5, 1, float64)",
    "fn:arange",
    [0, 5, 1, {"dtype": "float64"}],
    lambda a, b, c, o: torch.arange(a, b, c, dtype=torch.float64),
)
case(
    "arange(4, undefined, 1, float32)",
    "fn:arange",
    [4, UNDEF, 1, {"dtype": "float32"}],
    lambda a, _u, c, o: torch.arange(0, a, c, dtype=torch.float32),
)
case("linspace(0, 1, 5)", "fn:linspace", [0, 1, 5])
case("linspace(-3, 7, 11)", "fn:linspace", [-3, 7, 11])
case("linspace(1, -1, 6)", "fn:linspace", [1, -1, 6])
case("linspace(0, 1, 7) odd steps", "fn:linspace", [0, 1, 7])
case("linspace(2, 5, 1)", "fn:linspace", [2, 5, 1])
case("linspace(0, 1, 0) empty", "fn:linspace", [0, 1, 0])
case(
    "linspace(0, 1, 7, float64)",
    "fn:linspace",
    [0, 1, 7, {"dtype": "float64"}],
    lambda a, b, n, o: torch.linspace(a, b, n, dtype=torch.float64),
)
case("eye(3)", "fn:eye", [3])
case("eye(2, 4)", "fn:eye", [2, 4])
case("eye(4, 2, float64)", "fn:eye", [4, 2, {"dtype": "float64"}], lambda n, m, o: torch.eye(n, m, dtype=torch.float64))
case("eye(3, 3, int32)", "fn:eye", [3, 3, {"dtype": "int32"}], lambda n, m, o: torch.eye(n, m, dtype=torch.int64))
case("full([2, 3], 1.5)", "fn:full", [[2, 3], 1.5])
case("full([2, 2], 7) int", "fn:full", [[2, 2], 7])
case("full([3], true) bool", "fn:full", [[3], True])
case("full([], 3.25) 0-dim", "fn:full", [[], 3.25])
case("full([2], 2.5, float64)", "fn:full", [[2], 2.5, {"dtype": "float64"}], lambda s, v, o: torch.full(s, v, dtype=torch.float64))
case("full([2], 3, float32)", "fn:full", [[2], 3, {"dtype": "float32"}], lambda s, v, o: torch.full(s, v, dtype=torch.float32))
case("zeros([2, 3])", "fn:zeros", [[2, 3]])
case("ones([3], int32)", "fn:ones", [[3], {"dtype": "int32"}], lambda s, o: torch.ones(s, dtype=torch.int64))
case("zerosLike int", "fn:zerosLike", [W([2, 2], "int32", kind="ints")], torch.zeros_like)
case("onesLike bool", "fn:onesLike", [W([3], "bool", kind="bool")], torch.ones_like)
case("fullLike float64", "fn:fullLike", [W([2], "float64"), 2.5], torch.full_like)
case("tensor ints → int32", "fn:tensor", [[[1, 2], [3, 4]]])
case("tensor floats → float32", "fn:tensor", [[1.5, 2, -0.25]])
case("tensor bools → bool", "fn:tensor", [[True, False, True]])
case("tensor 0-dim float", "fn:tensor", [3.5])
case("tensor [] → float32 empty", "fn:tensor", [[]])
case("arange(0, 1.2, 0.4) length rounds up", "fn:arange", [0, 1.2, 0.4])
case("tensor float64 option", "fn:tensor", [[0.1, 0.2], {"dtype": "float64"}], lambda d, o: torch.tensor(d, dtype=torch.float64))

# ---- binary arithmetic ----------------------------------------------------------------------

A23 = W([2, 3])
B23 = W([2, 3], phase=1.3)
B3 = W([3], phase=0.4)
C31 = W([3, 1], phase=2.0)
D14 = W([1, 4], phase=0.9)
E213 = W([2, 1, 3], phase=0.2)
F41 = W([4, 1], phase=1.7)
I23 = W([2, 3], "int32", kind="ints")
J23 = W([2, 3], "int32", kind="ints", add=5)
A23_64 = W([2, 3], "float64")
B23_64 = W([2, 3], "float64", phase=1.3)
S0 = T(1.75)  # 0-dim float32
S0_64 = T(0.5, "float64")  # 0-dim float64
S0_I = T(3, "int32")  # 0-dim int
# Non-contiguous: the transpose of a [3, 2] tensor, and every other column of a [2, 6].
A23_T = W([3, 2], phase=0.6, views=[["t"]])
A23_STEP = W([2, 6], phase=0.8, views=[["slice", 1, 0, 6, 2]])
P23 = W([2, 3], kind="pos")
SMALL_EXP = T([[0, 1, 2], [3, 1, 0]], "int32")

for op in ["add", "sub", "mul", "div", "maximum", "minimum"]:
    case(f"{op} float32 same shape", op, [A23, B23])
    case(f"{op} broadcast [2,3] with [3]", op, [A23, B3])
    case(f"{op} broadcast [3,1] with [1,4]", op, [C31, D14])
    case(f"{op} broadcast [2,1,3] with [4,1]", op, [E213, F41])
    case(f"{op} float scalar", op, [A23, 0.75])
    case(f"{op} int scalar on float", op, [A23, 2])
    case(f"{op} int32 tensors", op, [I23, J23] if op != "div" else [I23, W([2, 3], "int32", kind="ints", lo=1, hi=4)])
    case(f"{op} int32 with float scalar → float32", op, [I23, 0.5])
    case(f"{op} int32 with int scalar", op, [I23, 3])
    case(f"{op} int32 with float32 tensor", op, [I23, B23])
    case(f"{op} float32 with float64 tensor → float64", op, [A23, B23_64])
    case(f"{op} float64 tensors", op, [A23_64, B23_64])
    case(f"{op} float32 [2,3] with 0-dim float64 stays float32", op, [A23, S0_64])
    case(f"{op} int32 [2,3] with 0-dim float64 → float64", op, [I23, S0_64])
    case(f"{op} 0-dim int with float32 [3]", op, [S0_I, B3])
    case(f"{op} 0-dim with 0-dim", op, [S0, S0_64])
    case(f"{op} transposed with contiguous", op, [A23_T, B23])
    case(f"{op} stepped slice with transposed", op, [A23_STEP, A23_T])
    case(f"{op} expanded [3] → [2,3] view", op, [W([3], phase=2.2, views=[["expand", [2, 3]]]), A23])

case("div by zero float", "div", [T([1.0, -1.0, 0.0, 2.5]), T([0.0, 0.0, 0.0, -0.0])])
case("div int32/int32 → float32 with zero", "div", [T([7, -7, 3, 0], "int32"), T([2, 2, 0, 0], "int32")])
case("div int scalar on int tensor → float32", "div", [I23, 4])
case("maximum with NaN propagates", "maximum", [T([NAN, 1.0, 2.0, NAN]), T([0.0, NAN, 1.0, NAN])])
case("minimum with NaN propagates", "minimum", [T([NAN, 1.0, 2.0, NAN]), T([0.0, NAN, 1.0, NAN])])
case("maximum with inf", "maximum", [T([-INF, 1.0, INF]), T([0.0, INF, -INF])])
case("add bool + bool", "add", [T([True, True, False, False], "bool"), T([True, False, True, False], "bool")])
case("mul bool * bool", "mul", [T([True, True, False, False], "bool"), T([True, False, True, False], "bool")])
case("add bool + int32 → int32", "add", [T([True, False, True], "bool"), T([1, 2, 3], "int32")])
case("add bool + float scalar → float32", "add", [T([True, False], "bool"), 0.5])
case("pow float32 by int32 tensor", "pow", [P23, SMALL_EXP])
case("maximum int32 with bool → int32", "maximum", [T([-1, 0, 2], "int32"), T([True, True, False], "bool")])
case("div float32 by 0-dim int", "div", [A23, S0_I])
case("sub int32 0-dim minus float scalar", "sub", [S0_I, 0.25])
case("mul float32 by 0-dim int keeps float32", "mul", [A23, S0_I])
case("add float32 stepped slice of 3-D", "add", [W([2, 3, 4], views=[["slice", 2, 1, 4, 2]]), 1])
case("add permuted 3-D", "add", [W([2, 3, 4], views=[["permute", [2, 0, 1]]]), W([4, 2, 3], phase=0.3)])

# pow: exponent tensor, scalar, negative base, integer powers
case("pow float32 by float scalar 0.5", "pow", [P23, 0.5])
case("pow float32 by int scalar 2", "pow", [A23, 2])
case("pow float32 by int scalar 3", "pow", [A23, 3])
case("pow float32 by negative int -1", "pow", [P23, -1])
case("pow float32 by tensor", "pow", [P23, B23])
case("pow negative base, fractional exponent → NaN", "pow", [T([-2.0, -0.5, 4.0]), 0.5])
case("pow broadcast [3,1] ** [1,4]", "pow", [W([3, 1], kind="pos"), D14])
case("pow int32 by int scalar", "pow", [I23, 2])
case("pow int32 by int32 tensor", "pow", [I23, SMALL_EXP])
case("pow int32 by float scalar → float32", "pow", [W([2, 3], "int32", kind="ints", lo=0, hi=9), 0.5])
case("pow float64 by float64 tensor", "pow", [W([2, 3], "float64", kind="pos"), B23_64])
case("pow float32 by 0-dim float64", "pow", [P23, S0_64])
case("pow transposed base", "pow", [W([3, 2], kind="pos", views=[["t"]]), 1.5])
case("pow 0 ** 0 and inf", "pow", [T([0.0, 0.0, INF, 2.0]), T([0.0, -1.0, 0.5, INF])])

# ---- unary ----------------------------------------------------------------------------------

SPECIAL = T([NAN, INF, -INF, 0.0, -0.0, 1e-8, -1e-8, 100.0, -100.0, 1000.0])
for op in ["neg", "exp", "log", "log1p", "sqrt", "abs", "sigmoid", "tanh", "relu"]:
    base = P23 if op in ("log", "sqrt") else A23
    case(f"{op} float32", op, [base])
    case(f"{op} float64", op, [W([2, 3], "float64", kind="pos" if op in ("log", "sqrt") else "wave", phase=0.5)])
    case(f"{op} int32", op, [W([2, 3], "int32", kind="ints", lo=0 if op in ("log", "sqrt", "log1p") else -5)])
    case(f"{op} transposed", op, [W([3, 2], kind="pos" if op in ("log", "sqrt") else "wave", views=[["t"]])])
    case(f"{op} special values", op, [SPECIAL])
    case(f"{op} 0-dim", op, [T(0.75)])
case("exp overflow to inf in float32", "exp", [T([88.0, 89.0, -104.0, -110.0])])
case("log of zero and negative", "log", [T([0.0, -1.0, 1.0, 2.718281828])])
case("log1p tiny", "log1p", [T([1e-10, -1e-10, 1e-5, -0.5])])
case("sqrt negative → NaN", "sqrt", [T([-1.0, 4.0, 0.0, 2.0])])
case("abs int32 negative", "abs", [T([-3, 0, 7, -2147483647], "int32")])
case("sigmoid large magnitudes float64", "sigmoid", [T([-800.0, -40.0, 0.0, 40.0, 800.0], "float64")])
case("relu float64 with -0", "relu", [T([-0.0, -1.5, 2.5], "float64")])
case("neg stepped slice", "neg", [W([10], views=[["slice", 0, 1, 10, 3]])])
# uint8 (images): arithmetic wraps modulo 256, promotion with int32 and floats, conversions.
U8 = T([0, 1, 7, 128, 200, 255], "uint8")
case("uint8 add wraps", "add", [U8, T([255, 255, 250, 128, 100, 1], "uint8")])
case("uint8 mul wraps", "mul", [U8, 3])
case("uint8 sub wraps below 0", "sub", [U8, T([1, 2, 8, 0, 0, 0], "uint8")])
case("uint8 + int32 is int32", "add", [U8, T([1, -2, 3, -4, 5, -6], "int32")])
case("uint8 + float32 is float32", "add", [U8, T([0.5] * 6)])
case("uint8 / 255 is float32", "div", [U8, 255])
case("uint8 > 100", "gt", [U8, 100])
case("uint8 to float32", "to", [U8, "float32"], lambda x, d: x.to(torch.float32))
case("uint8 to bool", "to", [U8, "bool"], lambda x, d: x.to(torch.bool))
case("float32 to uint8 truncates", "to", [T([0.0, 1.9, 7.5, 254.99]), "uint8"], lambda x, d: x.to(torch.uint8))
case("uint8 max", "amax", [U8])
case("uint8 index", "indexSelect", [U8, 0, T([5, 0, 3], "int32")], lambda x, d, i: x.index_select(d, i))
# Added through the op catalogue (issue 14's proof): softplus (with beta and threshold) and logSigmoid.
for op, f in [("softplus", torch.nn.functional.softplus), ("logSigmoid", torch.nn.functional.logsigmoid)]:
    case(f"{op} float32", op, [A23], lambda x, f=f: f(x))
    case(f"{op} float64", op, [W([2, 3], "float64", phase=0.5)], lambda x, f=f: f(x))
    case(f"{op} transposed", op, [W([3, 2], views=[["t"]])], lambda x, f=f: f(x))
    case(f"{op} special values", op, [SPECIAL], lambda x, f=f: f(x))
    case(f"{op} 0-dim", op, [T(0.75)], lambda x, f=f: f(x))
    case(f"{op} large magnitudes float64", op, [T([-800.0, -40.0, -20.5, 0.0, 19.5, 40.0, 800.0], "float64")], lambda x, f=f: f(x))
case(
    "softplus beta 2 threshold 1",
    "softplus",
    [A23, {"beta": 2, "threshold": 1}],
    lambda x, o: torch.nn.functional.softplus(x, beta=2, threshold=1),
)
case(
    "softplus beta 0.5 float64",
    "softplus",
    [W([2, 3], "float64", phase=0.25), {"beta": 0.5}],
    lambda x, o: torch.nn.functional.softplus(x, beta=0.5),
)
case("square float32", "square", [A23])
case("square int32", "square", [I23])

# Issue 18: rounding, sign, reciprocals, trigonometry, log2/log10/exp2, erf, predicates.
ROUNDING = ["sign", "floor", "ceil", "round", "trunc"]
POSITIVE = ("reciprocal", "rsqrt", "log2", "log10")  # poles or NaN at and below 0
for op in ROUNDING + ["reciprocal", "rsqrt", "sin", "cos", "tan", "log2", "log10", "exp2", "erf"]:
    kind = "pos" if op in POSITIVE else "wave"
    case(f"{op} float32", op, [W([2, 3], kind=kind)])
    case(f"{op} float64", op, [W([2, 3], "float64", kind=kind, phase=0.5)])
    case(f"{op} int32", op, [W([2, 3], "int32", kind="ints", lo=1 if op in POSITIVE else -5)])
    case(f"{op} transposed", op, [W([3, 2], kind=kind, views=[["t"]])])
    case(f"{op} stepped slice", op, [W([2, 6], kind=kind, phase=0.8, views=[["slice", 1, 0, 6, 2]])])
    case(f"{op} special values", op, [SPECIAL])
    case(f"{op} 0-dim", op, [T(0.75)])
HALVES = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, -3.5, 0.49999997, -0.49999997, 4.5000005, 1e7 + 0.5]
for op in ROUNDING:
    case(f"{op} halves and -0", op, [T(HALVES + [-0.0, 0.0, -0.25])])
    case(f"{op} halves float64", op, [T(HALVES + [0.49999999999999994, 2**52 + 1.0, -(2**52) - 1.0], "float64")])
    case(f"{op} int32 keeps the values", op, [T([-7, -1, 0, 1, 2147483647, -2147483648], "int32")])
    case(f"{op} uint8", op, [T([0, 1, 200, 255], "uint8")])
case("sign bool", "sign", [T([True, False, True], "bool")])
case("reciprocal of ±0 and negatives", "reciprocal", [T([0.0, -0.0, -2.0, 0.25, -INF])])
case("reciprocal bool → float32", "reciprocal", [T([True, False], "bool")])
case("rsqrt of 0, -0, negative, tiny", "rsqrt", [T([0.0, -0.0, -4.0, 1e-30, 1e30], "float64")])
case("log2 powers of two", "log2", [T([1.0, 2.0, 1024.0, 0.125, 0.0, -1.0])])
case("log10 powers of ten float64", "log10", [T([1.0, 10.0, 1e10, 1e-5, 0.0, -1.0], "float64")])
case("exp2 overflow and underflow float32", "exp2", [T([127.0, 128.0, -149.0, -150.0, -126.5])])
case("exp2 int32 → float32", "exp2", [T([-3, 0, 10, 30], "int32")])
case("sin cos tan large arguments float64", "sin", [T([1e6, -1e10, 1e22, 3.141592653589793], "float64")])
case("cos large arguments float64", "cos", [T([1e6, -1e10, 1e22, 3.141592653589793], "float64")])
case("tan near the pole float64", "tan", [T([1.5707963267948966, -1.5707963, 1.57, 1e22], "float64")])
case("erf bool → float32", "erf", [T([True, False], "bool")])
case("erf tails float64", "erf", [T([-0.0, 1e-300, 1e-9, -1e-5, 5.9, -6.5, 27.0, 1e300], "float64")])
# A dense float64 grid over [-6.5, 6.5] (step 0.0125) and one around the range splits at 1 and 2
# (ops/math.test.ts checks these to a few ulps, tighter than the suite's float64 tolerance).
case("erf float64 grid", "erf", [In(None, "float64", [1041], linear=(-6.5, 0.0125))])
case("erf float64 near 1 and 2", "erf", [In(None, "float64", [401], linear=(0.9, 0.0030000000000000001))])
case("erf float32 grid", "erf", [In(None, "float32", [521], linear=(-6.5, 0.025))])
for op in ["isnan", "isinf", "isfinite"]:
    case(f"{op} float32 special values", op, [SPECIAL])
    case(f"{op} float64", op, [T([NAN, -INF, 1.0, -0.0, 1e308, INF], "float64")])
    case(f"{op} int32", op, [I23])
    case(f"{op} bool", op, [T([True, False], "bool")])
    case(f"{op} transposed", op, [T([[NAN, 1.0], [INF, -INF], [0.0, 2.0]], views=[["t"]])])
    case(f"{op} 0-dim", op, [T(INF)])
# Issue 18: activations of torch.nn.functional (leakyRelu, gelu exact and tanh, silu, elu).
F = torch.nn.functional
ACTIVATIONS = [
    ("leakyRelu", [], lambda x: F.leaky_relu(x)),
    ("gelu", [], lambda x: F.gelu(x)),
    ("silu", [], lambda x: F.silu(x)),
    ("elu", [], lambda x: F.elu(x)),
]
for op, extra, f in ACTIVATIONS:
    case(f"{op} float32", op, [A23], lambda x, f=f: f(x))
    case(f"{op} float64", op, [W([2, 3], "float64", phase=0.5)], lambda x, f=f: f(x))
    case(f"{op} transposed", op, [W([3, 2], views=[["t"]])], lambda x, f=f: f(x))
    case(f"{op} stepped slice", op, [W([2, 6], phase=0.8, views=[["slice", 1, 0, 6, 2]])], lambda x, f=f: f(x))
    case(f"{op} special values", op, [SPECIAL], lambda x, f=f: f(x))
    case(f"{op} 0-dim", op, [T(0.75)], lambda x, f=f: f(x))
    case(f"{op} large magnitudes float64", op, [T([-800.0, -40.0, -20.5, -0.0, 0.0, 19.5, 40.0, 800.0], "float64")], lambda x, f=f: f(x))
case("leakyRelu slope 0.2", "leakyRelu", [A23, 0.2], lambda x, s: F.leaky_relu(x, s))
case("leakyRelu negative slope float64", "leakyRelu", [A23_64, -0.5], lambda x, s: F.leaky_relu(x, s))
case("leakyRelu slope 0", "leakyRelu", [A23, 0], lambda x, s: F.leaky_relu(x, s))
for dtype, name in [("float32", ""), ("float64", " float64")]:
    case(f"gelu tanh{name}", "gelu", [W([2, 3], dtype, phase=0.3), {"approximate": "tanh"}], lambda x, o: F.gelu(x, **o))
    case(f"gelu none explicitly{name}", "gelu", [W([2, 3], dtype, phase=0.9), {"approximate": "none"}], lambda x, o: F.gelu(x, **o))
case("gelu tanh special values", "gelu", [SPECIAL, {"approximate": "tanh"}], lambda x, o: F.gelu(x, **o))
case("gelu tanh transposed", "gelu", [A23_T, {"approximate": "tanh"}], lambda x, o: F.gelu(x, **o))
# gelu's kernel calls erf's function: the same dense float64 grid as erf's.
case("gelu float64 grid", "gelu", [In(None, "float64", [1041], linear=(-6.5, 0.0125))], lambda x: F.gelu(x))
case("gelu tanh float64 grid", "gelu", [In(None, "float64", [1041], linear=(-6.5, 0.0125)), {"approximate": "tanh"}], lambda x, o: F.gelu(x, **o))
case("gelu float32 grid", "gelu", [In(None, "float32", [521], linear=(-6.5, 0.025))], lambda x: F.gelu(x))
case("silu float64 grid", "silu", [In(None, "float64", [1041], linear=(-26, 0.05))], lambda x: F.silu(x))
case("elu alpha 0.5 float64", "elu", [A23_64, {"alpha": 0.5}], lambda x, o: F.elu(x, **o))
case("elu alpha 2", "elu", [A23, {"alpha": 2}], lambda x, o: F.elu(x, **o))
case("elu small negatives float64", "elu", [T([-1e-3, -1e-5, -1e-7, -0.125], "float64")], lambda x: F.elu(x))
# The function forms, F.<op>(x, ...): the same values as the methods.
case("fn:leakyRelu", "fn:leakyRelu", [A23_T, 0.2], lambda x, s: F.leaky_relu(x, s))
case("fn:gelu", "fn:gelu", [A23_T, {"approximate": "tanh"}], lambda x, o: F.gelu(x, **o))
case("fn:silu", "fn:silu", [A23_T], lambda x: F.silu(x))
case("fn:elu", "fn:elu", [A23_T, {"alpha": 0.5}], lambda x, o: F.elu(x, **o))

# The function forms, torch.<op>(x): the same values as the methods.
for op in ["neg", "exp", "log", "log1p", "sqrt", "abs", "sigmoid", "tanh", "relu", "square"] + ROUNDING + [
    "reciprocal", "rsqrt", "sin", "cos", "tan", "log2", "log10", "exp2", "erf", "isnan", "isinf", "isfinite"
]:
    case(f"fn:{op}", f"fn:{op}", [P23 if op in POSITIVE + ("log", "sqrt") else A23_T])

# clamp
case("clamp(-1, 1)", "clamp", [A23, -1, 1], lambda x, a, b: x.clamp(a, b))
case("clamp(-0.5, 0.75) float bounds", "clamp", [A23, -0.5, 0.75], lambda x, a, b: x.clamp(a, b))
case("clamp(min only)", "clamp", [A23, 0.5], lambda x, a: x.clamp(min=a))
case("clamp(null, max)", "clamp", [A23, None, 0.25], lambda x, _n, b: x.clamp(max=b))
case("clamp(undefined, max)", "clamp", [A23, UNDEF, -1], lambda x, _u, b: x.clamp(max=b))
case("clamp int32 with int bounds", "clamp", [I23, -2, 3], lambda x, a, b: x.clamp(a, b))
case("clamp int32 with float bound → float32", "clamp", [I23, -2.5, 3], lambda x, a, b: x.clamp(a, b))
case("clamp float64", "clamp", [A23_64, -1, 0.5], lambda x, a, b: x.clamp(a, b))
case("clamp NaN stays NaN", "clamp", [T([NAN, -5.0, 5.0, INF]), -1, 1], lambda x, a, b: x.clamp(a, b))
case("clamp transposed", "clamp", [A23_T, 0, 1], lambda x, a, b: x.clamp(a, b))
case("clamp min > max gives max", "clamp", [T([0.0, 1.5, 3.0]), 2, 1], lambda x, a, b: x.clamp(a, b))

# ---- comparisons and where ------------------------------------------------------------------

CMP_A = T([[1.0, 2.0, 3.0], [4.0, 2.5, -1.0]])
CMP_B = T([[1.0, 3.0, 2.0], [4.0, 2.5, 0.0]])
for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    case(f"{op} float32 same shape", op, [CMP_A, CMP_B])
    case(f"{op} broadcast [2,3] with [3]", op, [CMP_A, T([1.0, 2.5, 3.0])])
    case(f"{op} float scalar", op, [CMP_A, 2.5])
    case(f"{op} int32 with float scalar", op, [T([1, 2, 3, 4], "int32"), 2.5])
    case(f"{op} int32 with int32", op, [I23, J23])
    case(f"{op} float32 with float64 (compared in float64)", op, [T([0.1, 0.5, 0.25]), T([0.1, 0.5, 0.3], "float64")])
    case(f"{op} float32 with scalar 0.1", op, [T([0.1, 0.2, 0.05]), 0.1])
    case(f"{op} NaN", op, [T([NAN, 1.0, NAN]), T([NAN, NAN, 1.0])])
    case(f"{op} transposed", op, [A23_T, B23])
    case(f"{op} bool with bool", op, [T([True, True, False, False], "bool"), T([True, False, True, False], "bool")])

COND = T([[True, False, True], [False, False, True]], "bool")
case("where(cond, x, y)", "fn:where", [COND, A23, B23])
case("where broadcast cond [3] x [2,3] y [2,1]", "fn:where", [T([True, False, True], "bool"), A23, W([2, 1], phase=3.0)])
case("where(cond, x, float scalar)", "fn:where", [COND, A23, 0.5])
case("where(cond, float scalar, x)", "fn:where", [COND, -0.5, A23])
case("where(cond, 1.5, -2.5) scalars → float32", "fn:where", [COND, 1.5, -2.5])
case("where(cond, 1, 0) int scalars → int32", "fn:where", [COND, 1, 0])
case("where int32 x, float32 y → float32", "fn:where", [COND, I23, B23])
case("where int32 x, float scalar → float32", "fn:where", [COND, I23, 0.5])
case("where float32 x, float64 y → float64", "fn:where", [COND, A23, B23_64])
case("where transposed cond", "fn:where", [T([[True, False], [True, True], [False, True]], "bool", views=[["t"]]), A23, B23])
case("where bool x, bool y", "fn:where", [COND, T([True, True, True], "bool"), T([False, False, False], "bool")])
case("Tensor.where(cond, other)", "where", [A23, COND, B23])
case("Tensor.where(cond, scalar)", "where", [A23, COND, 0], lambda x, c, o: torch.where(c, x, o))

# ---- reductions -----------------------------------------------------------------------------

Q234 = W([2, 3, 4], kind="quarters")
Q234_64 = W([2, 3, 4], "float64")
Q34 = W([3, 4], kind="quarters", phase=0.3)
I34 = W([3, 4], "int32", kind="ints")
Q34_T = W([4, 3], kind="quarters", phase=0.5, views=[["t"]])
B34 = W([3, 4], "bool", kind="bool")

for op in ["sum", "mean"]:
    case(f"{op} all", op, [Q234])
    case(f"{op} dim 0", op, [Q234, 0])
    case(f"{op} dim -1", op, [Q234, -1])
    case(f"{op} dim 1 keepdim", op, [Q234, 1, True])
    case(f"{op} dims [0, 2]", op, [Q234, [0, 2]])
    case(f"{op} dims [-1, 0] keepdim", op, [Q234, [-1, 0], True])
    case(f"{op} float64 dim 1", op, [Q234_64, 1])
    case(f"{op} transposed dim 0", op, [Q34_T, 0])
    case(f"{op} transposed all", op, [Q34_T])
    case(f"{op} 0-dim", op, [T(2.5)])
    case(f"{op} null dim keepdim", op, [Q34, None, True], lambda x, _n, k: getattr(x, op)(dim=(0, 1), keepdim=k))
case("sum int32 all", "sum", [I34])
case("sum int32 dim 1", "sum", [I34, 1])
case("sum bool → int32", "sum", [B34])
case("sum bool dim 0", "sum", [B34, 0])
case("sum empty dim", "sum", [W([0, 3]), 0], lambda x, d: x.sum(d))
case("sum expanded", "sum", [W([3], kind="quarters", views=[["expand", [4, 3]]]), 0])
case("mean empty dim → NaN", "mean", [W([0, 3]), 0])
case("sum empty all → 0", "sum", [W([0, 3])])
case("prod empty all → 1", "prod", [W([0, 3])])
case("mean with NaN", "mean", [T([[1.0, NAN], [2.0, 3.0]]), 1])

for op in ["max", "min"]:
    case(f"{op} all", op, [Q234])
    case(f"{op} dim 0", op, [Q34, 0])
    case(f"{op} dim -1 keepdim", op, [Q34, -1, True])
    case(f"{op} dim 1 3-D", op, [W([2, 3, 4], phase=0.1), 1])
    case(f"{op} int32 dim 1", op, [W([3, 4], "int32", kind="ints", lo=-50, hi=50), 1])
    case(f"{op} float64 dim 0", op, [Q234_64, 0])
    case(f"{op} transposed dim 1", op, [Q34_T, 1])
    case(f"{op} with NaN dim 1", op, [T([[1.0, NAN, 3.0], [5.0, 4.0, 6.0]]), 1])
    case(f"{op} with NaN all", op, [T([1.0, NAN, 3.0])])
    case(f"{op} 0-dim with dim 0", op, [T(4.5), 0])
for op in ["argmax", "argmin"]:
    case(f"{op} all (flattened)", op, [Q34])
    case(f"{op} dim 1", op, [Q34, 1])
    case(f"{op} dim 0 keepdim", op, [Q34, 0, True])
    case(f"{op} dim -1 3-D", op, [W([2, 3, 4], phase=0.2), -1])
    case(f"{op} no dim keepdim", op, [Q34, UNDEF, True], lambda x, _u, k: getattr(x, op)(keepdim=k))
    case(f"{op} ties pick first", op, [T([[1.0, 3.0, 3.0, 1.0], [2.0, 2.0, 2.0, 2.0]]), 1])
    case(f"{op} NaN wins", op, [T([[1.0, NAN, 3.0], [NAN, 0.0, NAN]]), 1])
    case(f"{op} int32", op, [I34, 0])
    case(f"{op} transposed", op, [Q34_T, 1])
    case(f"{op} float64 3-D", op, [Q234_64, 2])
for op in ["amax", "amin"]:
    case(f"{op} all", op, [Q234])
    case(f"{op} dim 1", op, [Q234, 1])
    case(f"{op} dims [0, 2] keepdim", op, [Q234, [0, 2], True])
    case(f"{op} int32 dim -1", op, [I34, -1])
    case(f"{op} NaN", op, [T([[1.0, NAN], [2.0, 3.0]]), 1])
    case(f"{op} transposed dim 0", op, [Q34_T, 0])
    case(f"{op} float64", op, [Q234_64, [1, 2]])

LSE = W([3, 4], phase=0.7)
case("logsumexp dim 1", "logsumexp", [LSE, 1])
case("logsumexp dim 0 keepdim", "logsumexp", [LSE, 0, True])
case("logsumexp dim -1 3-D", "logsumexp", [W([2, 3, 4]), -1])
case("logsumexp dims [0, 1]", "logsumexp", [LSE, [0, 1]])
case("logsumexp large values", "logsumexp", [T([[1000.0, 1000.0, -1000.0], [-1000.0, -1000.5, -999.0]]), 1])
case("logsumexp with -inf and all -inf row", "logsumexp", [T([[-INF, 0.0, 1.0], [-INF, -INF, -INF]]), 1])
case("logsumexp with +inf and NaN rows", "logsumexp", [T([[INF, 1.0], [NAN, 1.0]]), 1])
case("logsumexp float64", "logsumexp", [Q234_64, 2])
case("logsumexp int32 → float32", "logsumexp", [T([[1, 2], [3, 4]], "int32"), 1])
case("logsumexp transposed", "logsumexp", [Q34_T, 0])

PR = T([[1.5, -2.0, 0.5], [2.0, 0.25, -1.0]])
case("prod all", "prod", [PR])
case("prod dim 1", "prod", [PR, 1])
case("prod dim 0 keepdim", "prod", [PR, 0, True])
case("prod dim -1 with zero", "prod", [T([[1.0, 0.0, 3.0], [2.0, 2.0, 2.0]]), -1])
case("prod int32", "prod", [T([[1, -2, 3], [4, 5, -1]], "int32"), 1])
case("prod bool → int32", "prod", [T([[True, True], [True, False]], "bool"), 1])
case("prod float64", "prod", [Q234_64, 1])
case("prod transposed", "prod", [W([4, 3], views=[["t"]]), 1])

VAR = W([3, 5], phase=0.4)
for op in ["var", "std"]:
    def vfn(x, dim=UNDEF, o=None, _op=op):
        o = o or {}
        d = None if dim is UNDEF or dim is None else dim
        return getattr(torch, _op)(x, d, correction=o.get("correction", 1), keepdim=o.get("keepdim", False))

    case(f"{op} all", op, [VAR], vfn)
    case(f"{op} dim 1", op, [VAR, 1], vfn)
    case(f"{op} dim 0 keepdim", op, [VAR, 0, {"keepdim": True}], vfn)
    case(f"{op} dims [0, 1]", op, [VAR, [0, 1]], vfn)
    case(f"{op} correction 0", op, [VAR, 1, {"correction": 0}], vfn)
    case(f"{op} correction 2 keepdim", op, [VAR, -1, {"correction": 2, "keepdim": True}], vfn)
    case(f"{op} null dim correction 0", op, [VAR, None, {"correction": 0}], vfn)
    case(f"{op} float64", op, [Q234_64, 2], vfn)
    case(f"{op} transposed", op, [W([5, 3], phase=0.9, views=[["t"]]), 1], vfn)
    case(f"{op} single element → NaN", op, [T([[1.0], [2.0]]), 1], vfn)
    case(f"{op} large offset (stability)", op, [T([10000.1, 10000.2, 10000.3, 10000.4], "float64")], vfn)

for op, key in [("stdMean", "std"), ("varMean", "var")]:
    def vmfn(x, dim=UNDEF, o=None, _f=getattr(torch, "std_mean" if key == "std" else "var_mean"), _k=key):
        o = o or {}
        d = None if dim is UNDEF or dim is None else dim
        s, m = _f(x, d, correction=o.get("correction", 1), keepdim=o.get("keepdim", False))
        return {_k: s, "mean": m}

    case(f"{op} all", op, [VAR], vmfn)
    case(f"{op} dim 1", op, [VAR, 1], vmfn)
    case(f"{op} dims [0, 1] keepdim", op, [Q234_64, [0, 1], {"keepdim": True}], vmfn)
    case(f"{op} correction 0 transposed", op, [W([5, 3], phase=0.9, views=[["t"]]), -1, {"correction": 0}], vmfn)
    case(f"{op} null dim correction 2", op, [VAR, None, {"correction": 2}], vmfn)
    case(f"{op} single element → NaN", op, [T([[1.0], [2.0]]), 1], vmfn)
    case(f"fn:{op}", f"fn:{op}", [VAR, 0], vmfn)

# ---- issue 18 part 2: norm -------------------------------------------------------------------
def NORM(x, p=UNDEF, dim=UNDEF, keepdim=False):
    p = 2 if p is UNDEF else p
    d = None if dim is UNDEF else dim
    return torch.norm(x, p, d, keepdim)


NX = W([3, 4], phase=0.15)
case("norm default (2, all)", "norm", [NX], NORM)
case("norm 2 dim 1", "norm", [NX, 2, 1], NORM)
case("norm fro dims [0, 1] keepdim", "norm", [NX, "fro", [0, 1], True], NORM)
case("norm 1 dim 0", "norm", [NX, 1, 0], NORM)
case("norm 3 dim -1 keepdim", "norm", [NX, 3, -1, True], NORM)
case("norm 0.5 dim 1", "norm", [NX, 0.5, 1], NORM)
case("norm inf dim 1", "norm", [NX, INF, 1], NORM)
case("norm -inf all", "norm", [NX, -INF], NORM)
case("norm 0 (count) dim 1", "norm", [T([[0.0, 1.5, 0.0], [-2.0, 0.0, 3.0]]), 0, 1], NORM)
case("norm float64 3-D dims [0, 2]", "norm", [W([2, 3, 4], "float64", phase=0.3), 2, [0, 2]], NORM)
case("norm transposed", "norm", [W([4, 3], views=[["t"]]), 2, 0], NORM)
case("norm zero rows", "norm", [T([[0.0, 0.0], [3.0, 4.0]]), 2, 1], NORM)
case("norm 0-dim", "norm", [T(-2.5)], NORM)
case("fn:norm", "fn:norm", [NX, 2, 0], NORM)

# ---- issue 18 part 2: pad --------------------------------------------------------------------
def PAD(x, p, o=None):
    o = o or {}
    return F.pad(x, p, mode=o.get("mode", "constant"), value=o.get("value", 0))


case("pad last dim", "pad", [W([2, 3]), [1, 2]], PAD)
case("pad last two dims, value", "pad", [W([2, 3, 4], phase=0.2), [0, 1, 2, 0], {"value": -1.5}], PAD)
case("pad negative crops", "pad", [W([3, 5], phase=0.4), [-1, 2, 1, -2]], PAD)
case("pad three dims", "pad", [W([2, 2, 3], "float64"), [1, 0, 0, 1, 1, 1]], PAD)
case("pad int32", "pad", [T([[1, 2], [3, 4]], "int32"), [1, 1], {"value": 7}], PAD)
case("pad transposed", "pad", [W([4, 3], views=[["t"]]), [2, 0, 0, 1]], PAD)
case("pad crop to empty", "pad", [W([2, 3]), [-3, 0]], PAD)
case("pad empty list", "pad", [W([2, 3]), []], PAD)
case("fn:pad", "fn:pad", [W([2, 3]), [1, 1, 1, 1], {"value": 0.25}], PAD)

# ---- issue 18 part 2: einsum -----------------------------------------------------------------
case("einsum ij,jk->ik", "fn:einsum", ["ij,jk->ik", W([2, 3]), W([3, 4], phase=0.3)])
case("einsum implicit ij,jk", "fn:einsum", ["ij,jk", W([2, 3]), W([3, 4], phase=0.3)])
case("einsum bij,bjk->bik", "fn:einsum", ["bij,bjk->bik", W([2, 2, 3], phase=0.1), W([2, 3, 2], phase=0.6)])
case("einsum i,i-> (dot)", "fn:einsum", ["i,i->", W([4]), W([4], phase=0.5)])
case("einsum i,j->ij (outer)", "fn:einsum", ["i,j->ij", W([3]), W([2], phase=0.5)])
case("einsum ij->ji", "fn:einsum", ["ij->ji", W([2, 3])])
case("einsum ii-> (trace)", "fn:einsum", ["ii->", W([3, 3], phase=0.2)])
case("einsum ii->i (diagonal)", "fn:einsum", ["ii->i", W([3, 3], phase=0.2)])
case("einsum ijk->ki", "fn:einsum", ["ijk->ki", W([2, 3, 4], "float64")])
case("einsum implicit ba", "fn:einsum", ["ba", W([2, 3])])
case("einsum ij,kj->ik transposed", "fn:einsum", ["ij,kj->ik", W([3, 2], views=[["t"]]), W([4, 3], phase=0.7)])
case("einsum ijk,ikl->jl", "fn:einsum", ["ijk,ikl->jl", W([2, 3, 2], phase=0.4), W([2, 2, 3], phase=0.8)])
case("einsum bn,anm,bm->ba (three operands)", "fn:einsum", ["bn,anm,bm->ba", W([2, 3]), W([2, 3, 2], phase=0.3), W([2, 2], phase=0.6)])
case("einsum int32", "fn:einsum", ["ij,j->i", T([[1, 2], [3, 4]], "int32"), T([5, -1], "int32")])

# ---- issue 18 part 2: nonzero -----------------------------------------------------------------
case("nonzero 2-D float", "nonzero", [T([[0.0, 1.5, 0.0], [-2.0, 0.0, NAN]])])
case("nonzero 3-D int", "nonzero", [T([[[0, 1], [2, 0]], [[0, 0], [3, 4]]], "int32")])
case("nonzero bool transposed", "nonzero", [T([[True, False, True], [False, True, True]], "bool", views=[["t"]])])
case("nonzero 1-D none", "nonzero", [T([0.0, 0.0])])
case("nonzero 0-dim", "nonzero", [T(2.5)])
case("maskedSelect", "maskedSelect", [W([2, 3], phase=0.2), T([[True, False, True], [False, False, True]], "bool")], torch.masked_select)
case("maskedSelect mask broadcast", "maskedSelect", [W([2, 3], "float64"), T([False, True, True], "bool")], torch.masked_select)
case("maskedSelect input broadcast", "maskedSelect", [T([1, 2, 3], "int32"), T([[True], [False]], "bool")], torch.masked_select)
case("maskedSelect transposed, none selected", "maskedSelect", [W([3, 2], views=[["t"]]), T([False], "bool")], torch.masked_select)
case("fn:maskedSelect", "fn:maskedSelect", [W([2, 3], phase=0.2), T([[True], [False]], "bool")], torch.masked_select)
case("fn:nonzero", "fn:nonzero", [T([[1, 0], [0, 1]], "int32")])

ALLB = T([[True, True, False], [True, True, True]], "bool")
for op in ["all", "any"]:
    case(f"{op} bool all", op, [ALLB])
    case(f"{op} bool dim 1", op, [ALLB, 1])
    case(f"{op} bool dim 0 keepdim", op, [ALLB, 0, True])
    case(f"{op} bool dim -1", op, [T([[False, False], [True, False]], "bool"), -1])
    case(f"{op} float32 dim 1", op, [T([[0.0, 1.5, -2.0], [0.0, 0.0, 0.0]]), 1])
    case(f"{op} float32 NaN counts as true", op, [T([NAN, 1.0])])
    case(f"{op} int32 dim 0", op, [T([[0, 1], [2, 0], [3, 4]], "int32"), 0])
    case(f"{op} transposed bool", op, [T([[True, False], [True, True], [True, False]], "bool", views=[["t"]]), 1])
    case(f"{op} 0-dim", op, [T(0.0)])
    case(f"{op} empty", op, [W([0])])

# ---- matmul ---------------------------------------------------------------------------------

MA = W([3, 4], kind="quarters")
MB = W([4, 5], kind="quarters", phase=0.8)
case("matmul 1-D · 1-D → 0-dim", "matmul", [W([4], kind="quarters"), W([4], kind="quarters", phase=1.0)])
case("matmul 2-D @ 1-D", "matmul", [MA, W([4], kind="quarters", phase=1.0)])
case("matmul 1-D @ 2-D", "matmul", [W([4], kind="quarters", phase=1.0), MB])
case("matmul 2-D @ 2-D", "matmul", [MA, MB])
case("matmul batched [2,3,4] @ [4,5]", "matmul", [W([2, 3, 4], kind="quarters"), MB])
case("matmul batched [2,3,4] @ [2,4,5]", "matmul", [W([2, 3, 4], kind="quarters"), W([2, 4, 5], kind="quarters", phase=0.2)])
case("matmul broadcast [2,1,3,4] @ [3,4,2]", "matmul", [W([2, 1, 3, 4], kind="quarters"), W([3, 4, 2], kind="quarters", phase=0.3)])
case("matmul [3,4] @ [2,4,5]", "matmul", [MA, W([2, 4, 5], kind="quarters", phase=0.2)])
case("matmul 1-D @ batched [2,4,3]", "matmul", [W([4], kind="quarters"), W([2, 4, 3], kind="quarters", phase=0.6)])
case("matmul batched [2,3,4] @ 1-D", "matmul", [W([2, 3, 4], kind="quarters"), W([4], kind="quarters", phase=0.6)])
case("matmul transposed lhs (X.T @ G)", "matmul", [W([4, 3], kind="quarters", views=[["t"]]), MB])
case("matmul transposed rhs (X @ W.T)", "matmul", [MA, W([5, 4], kind="quarters", views=[["t"]])])
case("matmul both transposed", "matmul", [W([4, 3], kind="quarters", views=[["t"]]), W([5, 4], kind="quarters", views=[["t"]])])
case("matmul stepped slices", "matmul", [W([3, 8], kind="quarters", views=[["slice", 1, 0, 8, 2]]), W([8, 5], kind="quarters", views=[["slice", 0, 1, 8, 2]])])
case("matmul float64", "matmul", [W([3, 4], "float64"), W([4, 2], "float64", phase=0.5)])
case("matmul int32", "matmul", [W([3, 4], "int32", kind="ints"), W([4, 2], "int32", kind="ints", add=1)])
# Integers in [-3, 3] as float32: exact, whatever the summation order; sizes off the tiles.
case("matmul larger 17x33 @ 33x9", "matmul", [In(None, "float32", [17, 33], linear=(-3, 5, 7)), In(None, "float32", [33, 9], linear=(-3, 3, 7))])
case("matmul larger transposed rhs 9x20 @ (13x20).T", "matmul", [In(None, "float32", [9, 20], linear=(-2, 3, 5)), In(None, "float32", [13, 20], linear=(-3, 2, 7), views=[["t"]])])
case("matmul empty inner dim → zeros", "matmul", [W([2, 0]), W([0, 3])])
case("matmul expanded batch", "matmul", [W([1, 3, 4], kind="quarters", views=[["expand", [2, 3, 4]]]), MB])
case("fn:matmul 2-D @ 2-D", "fn:matmul", [MA, MB])
case("mm 2-D", "mm", [MA, MB])
case("mm transposed rhs", "mm", [MA, W([5, 4], kind="quarters", views=[["t"]])])
case("mm transposed lhs", "mm", [W([4, 3], kind="quarters", views=[["t"]]), MB])
case("mm float64", "mm", [W([2, 3], "float64"), W([3, 2], "float64", phase=0.1)])
case("mm int32", "mm", [W([2, 3], "int32", kind="ints"), W([3, 2], "int32", kind="ints", add=2)])
case("mm [1,k] @ [k,1]", "mm", [W([1, 5], kind="quarters"), W([5, 1], kind="quarters", phase=1.1)])

# ---- indexing -------------------------------------------------------------------------------

YHAT = T([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
Y = T([0, 2], "int32")
X34 = W([3, 4], phase=0.25)
case("gather dim 1 (cross-entropy picks)", "gather", [YHAT, 1, T([[0], [2]], "int32")])
case("gather dim 1 several", "gather", [X34, 1, T([[0, 3], [1, 1], [2, 0]], "int32")])
case("gather dim 0", "gather", [X34, 0, T([[2, 1, 0, 0], [0, 0, 1, 2]], "int32")])
case("gather dim -1 smaller index", "gather", [X34, -1, T([[3], [0]], "int32")])
case("gather 3-D dim 1", "gather", [W([2, 3, 2]), 1, T([[[0, 2]], [[1, 1]]], "int32")])
case("gather transposed input", "gather", [W([4, 3], views=[["t"]]), 1, T([[0, 3], [2, 1], [1, 1]], "int32")])
case("gather int32 input", "gather", [I34, 1, T([[3, 2, 1, 0]] * 3, "int32")])
case("gather float64 input", "gather", [W([2, 3], "float64"), 0, T([[1, 0, 1]], "int32")])
case("gather transposed index", "gather", [X34, 1, T([[0, 1, 2], [3, 2, 1]], "int32", views=[["t"]])])

SC = lambda s, d, i, x: s.scatter(d, i, x)  # noqa: E731
case("scatter dim 0", "scatter", [W([3, 4], kind="quarters"), 0, T([[2, 0, 1, 0], [0, 2, 2, 1]], "int32"), W([2, 4], kind="quarters", phase=0.5)], SC)
case("scatter dim 1, index smaller than src", "scatter", [W([2, 5]), 1, T([[4, 0], [1, 3]], "int32"), W([2, 3], phase=0.4)], SC)
case("scatter number src", "scatter", [W([2, 3], "float64"), -1, T([[2], [0]], "int32"), 0.25], SC)
case("scatter int32 number", "scatter", [T([[1, 2], [3, 4]], "int32"), 0, T([[1, 0]], "int32"), -7], SC)
case("scatter transposed self", "scatter", [W([3, 2], views=[["t"]]), 1, T([[0, 2], [1, 0]], "int32"), W([2, 2], phase=1.0)], SC)
case("scatter bool", "scatter", [T([[True, False], [False, False]], "bool"), 1, T([[1], [0]], "int32"), T([[False], [True]], "bool")], SC)
case("fn:scatter", "fn:scatter", [W([3, 3]), 0, T([[1, 2, 0]], "int32"), W([1, 3], phase=0.2)], torch.scatter)
case("scatterAdd dim 0 duplicates", "scatterAdd", [W([3, 4], kind="quarters"), 0, T([[0, 1, 2, 0], [0, 0, 1, 2]], "int32"), W([2, 4], kind="quarters", phase=0.5)], lambda s, d, i, x: s.scatter_add(d, i, x))
case("scatterAdd dim 1", "scatterAdd", [W([2, 5]), 1, T([[0, 1, 0], [4, 4, 4]], "int32"), W([2, 3], phase=0.4)], lambda s, d, i, x: s.scatter_add(d, i, x))
case("scatterAdd index smaller than src", "scatterAdd", [W([3, 3]), 0, T([[2, 0]], "int32"), W([2, 3], phase=0.8)], lambda s, d, i, x: s.scatter_add(d, i, x))
case("scatterAdd into zeros (bincount)", "scatterAdd", [T([0, 0, 0, 0], "int32"), 0, T([1, 3, 1, 1, 0], "int32"), T([1, 1, 1, 1, 1], "int32")], lambda s, d, i, x: s.scatter_add(d, i, x))
case("scatterAdd float64 dim -1", "scatterAdd", [W([2, 3], "float64"), -1, T([[2, 2], [0, 1]], "int32"), W([2, 2], "float64", phase=1.0)], lambda s, d, i, x: s.scatter_add(d, i, x))
case("scatterAdd transposed self", "scatterAdd", [W([3, 2], views=[["t"]]), 1, T([[0, 2], [1, 1]], "int32"), W([2, 2], phase=1.0)], lambda s, d, i, x: s.scatter_add(d, i, x))

case("indexSelect dim 0", "indexSelect", [X34, 0, T([2, 0], "int32")], lambda x, d, i: x.index_select(d, i))
case("indexSelect dim 1 repeats", "indexSelect", [X34, 1, T([3, 3, 0, 1], "int32")], lambda x, d, i: x.index_select(d, i))
case("indexSelect dim -1 3-D", "indexSelect", [W([2, 3, 4]), -1, T([1, 3], "int32")], lambda x, d, i: x.index_select(d, i))
case("indexSelect 3-D middle dim", "indexSelect", [W([2, 3, 4]), 1, T([2, 1, 2], "int32")], lambda x, d, i: x.index_select(d, i))
case("indexSelect transposed", "indexSelect", [W([4, 3], views=[["t"]]), 1, T([0, 2], "int32")], lambda x, d, i: x.index_select(d, i))
case("indexSelect int32", "indexSelect", [I34, 0, T([1], "int32")], lambda x, d, i: x.index_select(d, i))
case("indexSelect empty index", "indexSelect", [X34, 0, T([], "int32")], lambda x, d, i: x.index_select(d, i))


def idx_fn(x, idx):
    """x[i0, i1, ...] with None → `:`."""
    return x[tuple(slice(None) if i is None else i for i in idx)]


X234 = W([2, 3, 4], phase=0.15)
case("index [arange(n), y] picks", "index", [YHAT, [T([0, 1], "int32"), Y]], idx_fn)
case("index single dim", "index", [X34, [T([2, 0, 2], "int32")]], idx_fn)
case("index [null, idx]", "index", [X34, [None, T([3, 1], "int32")]], idx_fn)
case("index [idx0, idx1] on 3-D keeps last dim", "index", [X234, [T([1, 0], "int32"), T([2, 2], "int32")]], idx_fn)
case("index [null, idx1, idx2] adjacent", "index", [X234, [None, T([0, 2], "int32"), T([1, 3], "int32")]], idx_fn)
case("index [idx0, null, idx2] non-adjacent → front", "index", [X234, [T([1, 0, 1], "int32"), None, T([3, 0, 2], "int32")]], idx_fn)
case("index broadcast [2,1] with [3]", "index", [X34, [T([[0], [2]], "int32"), T([1, 2, 3], "int32")]], idx_fn)
case("index 2-D index tensor", "index", [X34, [T([[0, 1], [2, 2]], "int32")]], idx_fn)
case("index negative indices", "index", [X34, [T([-1, 0], "int32"), T([-2, -4], "int32")]], idx_fn)
case("index bool mask full shape", "index", [X34, [T([[True, False, True, False], [False, False, False, True], [True, True, False, False]], "bool")]], idx_fn)
case("index bool mask first dim", "index", [X34, [T([True, False, True], "bool")]], idx_fn)
case("index [null, bool mask]", "index", [X34, [None, T([False, True, True, False], "bool")]], idx_fn)
case("index bool mask then int", "index", [X234, [T([False, True], "bool"), None, T([0, 3], "int32")]], idx_fn)
case("index transposed input", "index", [W([4, 3], views=[["t"]]), [T([0, 2], "int32"), T([3, 1], "int32")]], idx_fn)
case("index 0-dim index tensor drops the dim", "index", [X34, [T(1, "int32")]], idx_fn)
case("index [null, 0-dim]", "index", [X34, [None, T(-1, "int32")]], idx_fn)
case("index all-false mask → empty", "index", [X34, [T([False, False, False], "bool")]], idx_fn)
case("index int32 input", "index", [I34, [T([1, 2], "int32"), T([0, 0], "int32")]], idx_fn)
case("index bool input", "index", [B34, [T([2, 0], "int32")]], idx_fn)

case("fn:oneHot default classes", "fn:oneHot", [T([0, 2, 1], "int32")], F.one_hot)
case("fn:oneHot numClasses 5", "fn:oneHot", [T([0, 2, 1, 4], "int32"), 5], F.one_hot)
case("fn:oneHot 2-D input", "fn:oneHot", [T([[1, 0], [2, 2]], "int32"), 4], F.one_hot)
case("fn:oneHot transposed input", "fn:oneHot", [T([[1, 0, 2], [2, 2, 0]], "int32", views=[["t"]])], F.one_hot)

# ---- softmax --------------------------------------------------------------------------------

SM = W([3, 5], phase=0.35)
for op, tfn in [("softmax", lambda x, d: x.softmax(d)), ("logSoftmax", lambda x, d: x.log_softmax(d))]:
    case(f"{op} dim -1", op, [SM, -1], tfn)
    case(f"{op} dim 0", op, [SM, 0], tfn)
    case(f"{op} 3-D dim 1", op, [W([2, 3, 4], phase=0.45), 1], tfn)
    case(f"{op} large logits ±1000", op, [T([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -999.0], [1000.0, 1000.0, 999.0]]), 1], tfn)
    case(f"{op} with -inf", op, [T([[-INF, 0.0, 1.0], [2.0, -INF, -INF]]), 1], tfn)
    case(f"{op} float64", op, [W([3, 5], "float64"), 1], tfn)
    case(f"{op} transposed", op, [W([5, 3], views=[["t"]]), 1], tfn)
    case(f"{op} 1-D", op, [T([1.0, 2.0, 3.0]), 0], tfn)
    case(f"{op} 0-dim", op, [T(2.5), 0], tfn)
    case(f"{op} +inf and NaN rows", op, [T([[INF, 1.0, 0.0], [NAN, 1.0, 0.0]]), 1], tfn)
    case(f"{op} wide spread (tiny probabilities)", op, [T([[0.0, 50.0, 100.0, -100.0]]), 1], tfn)
    # log Σ must not be absorbed into a huge max: log_softmax gives -log 2 here, not 0.
    case(f"{op} tied huge logits", op, [T([[1e30, 1e30, 0.0], [-1e30, 5.0, 5.0]]), 1], tfn)
    case(f"{op} tied huge logits float64", op, [T([[1e30, 1e30, 0.0], [1e300, 1e300, -1e300]], "float64"), 1], tfn)

case("softmin dim -1", "softmin", [SM, -1], F.softmin)
case("softmin dim 0", "softmin", [SM, 0], F.softmin)
case("softmin float64 3-D dim 1", "softmin", [W([2, 3, 4], "float64", phase=0.45), 1], F.softmin)
case("softmin transposed", "softmin", [W([5, 3], views=[["t"]]), 1], F.softmin)
case("softmin large logits ±1000", "softmin", [T([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -999.0]]), 1], F.softmin)
case("softmin with +inf", "softmin", [T([[INF, 0.0, 1.0], [2.0, INF, INF]]), 1], F.softmin)
case("fn:softmin", "fn:softmin", [SM, 1], F.softmin)

# ---- views (the values of each result; strides are tsgrad's business) -----------------------

V24 = W([2, 3, 4], phase=0.05)
V24_T = W([4, 6], views=[["t"]])  # [6, 4] non-contiguous
case("view [6, 4]", "view", [V24, 6, 4])
case("view -1 inferred", "view", [V24, -1, 2])
case("view as array", "view", [V24, [4, 6]], lambda x, s: x.view(s))
case("view to 0-dim", "view", [T([3.5]), []], lambda x, s: x.view(s))
case("view of 0-dim to [1, 1]", "view", [T(3.5), 1, 1])
case("view merge contiguous dims of a slice", "view", [W([4, 6], views=[["slice", 0, 1, 3]]), -1])
case("reshape contiguous", "reshape", [V24, 4, -1])
case("reshape transposed (copies)", "reshape", [V24_T, -1])
case("reshape transposed [3, 8]", "reshape", [V24_T, 3, 8])
case("reshape int32", "reshape", [I34, [2, 6]], lambda x, s: x.reshape(s))
case("transpose 0 1", "transpose", [V24, 0, 1])
case("transpose -1 0", "transpose", [V24, -1, 0])
case("transpose same dim", "transpose", [V24, 1, 1])
case("t 2-D", "t", [X34])
case("t 1-D", "t", [T([1.0, 2.0])])
case("T 3-D", "T", [V24], lambda x: x.permute(2, 1, 0))
case("permute [2, 0, 1]", "permute", [V24, 2, 0, 1])
case("permute negative dims", "permute", [V24, [-1, -3, -2]], lambda x, d: x.permute(d))
case("permute of a transposed", "permute", [V24_T, 1, 0])
case("flatten", "flatten", [V24])
case("flatten 1", "flatten", [V24, 1])
case("flatten 0 1", "flatten", [V24, 0, 1])
case("flatten -2 -1", "flatten", [V24, -2, -1])
case("flatten transposed", "flatten", [V24_T])
case("flatten 0-dim", "flatten", [T(2.5)])
case("unflatten", "unflatten", [V24, 2, [2, 2]], lambda x, d, s: x.unflatten(d, s))
case("unflatten -1 inferred, negative dim", "unflatten", [V24, -2, [-1, 1]], lambda x, d, s: x.unflatten(d, s))
case("unflatten transposed", "unflatten", [V24_T, 0, [2, 3]], lambda x, d, s: x.unflatten(d, s))
case("fn:unflatten", "fn:unflatten", [V24, 0, [1, 2]], lambda x, d, s: torch.unflatten(x, d, s))
SQ = W([1, 3, 1, 2])
case("squeeze all", "squeeze", [SQ])
case("squeeze dim 0", "squeeze", [SQ, 0])
case("squeeze dim -2", "squeeze", [SQ, -2])
case("squeeze non-1 dim is a no-op", "squeeze", [SQ, 1])
case("unsqueeze 0", "unsqueeze", [X34, 0])
case("unsqueeze -1", "unsqueeze", [X34, -1])
case("unsqueeze 1 on transposed", "unsqueeze", [V24_T, 1])
case("expand [3, 4] from [3, 1]", "expand", [W([3, 1]), 3, 4])
case("expand -1 keeps dim", "expand", [W([3, 1]), -1, 4])
case("expand new leading dims", "expand", [W([3]), [2, 4, 3]], lambda x, s: x.expand(s))
case("expand 0-dim", "expand", [T(1.5), 2, 2])
case("expand a transposed [1,3] → [2,3]", "expand", [W([3, 1], views=[["t"]]), 2, 3])
case("expandAs", "expandAs", [W([1, 4]), X34], lambda x, o: x.expand_as(o))
case("narrow dim 0", "narrow", [X34, 0, 1, 2])
case("narrow dim -1", "narrow", [X34, -1, 1, 3])
case("narrow negative start", "narrow", [X34, 1, -2, 2])
case("narrow length 0", "narrow", [X34, 1, 2, 0])
case("narrow transposed", "narrow", [V24_T, 0, 2, 3])
case("select dim 0", "select", [V24, 0, 1])
case("select dim -1 negative index", "select", [V24, -1, -1])
case("select 1-D → 0-dim", "select", [T([1.0, 2.0, 3.0]), 0, 2])
case("select transposed", "select", [V24_T, 1, 2])
SL = W([3, 10], phase=0.55)


def apply_view_fn(x, *a):
    return apply_view(x, ["slice", *a])


case("slice with step 2", "slice", [SL, 1, 0, 10, 2], apply_view_fn)
case("slice with step 3 odd start", "slice", [SL, 1, 1, 9, 3], apply_view_fn)
case("slice negative start", "slice", [SL, 1, -4], apply_view_fn)
case("slice negative end", "slice", [SL, -1, 2, -2], apply_view_fn)
case("slice end past the size clamps", "slice", [SL, 0, 1, 100], apply_view_fn)
case("slice start past the end is empty", "slice", [SL, 1, 12, 20], apply_view_fn)
case("slice start > end is empty", "slice", [SL, 1, 6, 3], apply_view_fn)
case("slice undefined bounds, step 4", "slice", [SL, 1, UNDEF, UNDEF, 4], apply_view_fn)
case("slice of a slice", "slice", [W([20], views=[["slice", 0, 1, 20, 2]]), 0, 2, 9, 3], apply_view_fn)
case("slice transposed", "slice", [V24_T, 0, 1, 6, 2], apply_view_fn)
case("slice select expand chain", "slice", [W([4, 5], views=[["select", 0, 2], ["expand", [3, 5]]]), 1, 1, 5, 2], apply_view_fn)
case("contiguous of transposed", "contiguous", [V24_T])
case("clone of a stepped slice", "clone", [W([3, 10], views=[["slice", 1, 0, 10, 3]])])

# ---- conversions ------------------------------------------------------------------------------

CV = T([-2.7, -0.5, 0.0, 0.5, 2.7, 3.0])
case("int() truncates toward zero", "int", [CV], lambda x: x.long())
case("to int32", "to", [CV, "int32"], lambda x, _d: x.long())
case("bool() of floats", "bool", [CV])
case("float() of int32", "float", [I34])
case("double() of float32", "double", [CV])
case("float() of bool", "float", [B34])
case("to float64 of transposed int", "to", [T([[1, 2], [3, 4]], "int32", views=[["t"]]), "float64"], lambda x, _d: x.double())
case("double → float rounds", "float", [T([0.1, 1 / 3, 1e-50, 1e50], "float64")])

# ---- join -----------------------------------------------------------------------------------

case("cat dim 0", "fn:cat", [[W([2, 3]), W([1, 3], phase=1.0)]])
case("cat dim 1", "fn:cat", [[W([2, 3]), W([2, 2], phase=1.0)], 1])
case("cat dim -1 three tensors", "fn:cat", [[W([2, 1]), W([2, 2], phase=1.0), W([2, 3], phase=2.0)], -1])
case("cat 1-D", "fn:cat", [[T([1.0, 2.0]), T([3.0]), T([4.5, 5.5, 6.5])]])
case("cat int32 + float32 promotes", "fn:cat", [[T([1, 2], "int32"), T([0.5])]])
case("cat float32 + float64 promotes", "fn:cat", [[T([1.5]), T([0.25], "float64")]])
case("cat transposed inputs", "fn:cat", [[W([3, 2], views=[["t"]]), W([2, 6], views=[["slice", 1, 0, 6, 2]])], 0])
case("cat 3-D dim 1", "fn:cat", [[W([2, 1, 2]), W([2, 2, 2], phase=0.3)], 1])
case("cat bool", "fn:cat", [[T([True], "bool"), T([False, True], "bool")]])
case("cat int32 + bool → int32", "fn:cat", [[T([3, 4], "int32"), T([True, False], "bool")]])
case("cat with empty", "fn:cat", [[W([0, 3]), W([2, 3])]])
case("stack dim 0", "fn:stack", [[T([1.0, 2.0]), T([3.0, 4.0]), T([5.0, 6.0])]])
case("stack dim 1", "fn:stack", [[W([2, 3]), W([2, 3], phase=1.0)], 1])
case("stack dim -1", "fn:stack", [[W([2, 3]), W([2, 3], phase=1.0)], -1])
case("stack 0-dim tensors", "fn:stack", [[T(1.5), T(2.5), T(-1.0)]])
case("stack int32 + float32 promotes", "fn:stack", [[T([1, 2], "int32"), T([0.5, 1.5])]])
case("stack int32 transposed", "fn:stack", [[T([[1, 2], [3, 4]], "int32", views=[["t"]]), T([[5, 6], [7, 8]], "int32")], 1])

# ---- issue 18: maskedFill, split, chunk, repeat, flip, cumsum -------------------------------

MASK3 = T([True, False, True], "bool")
MF = lambda x, m, v: x.masked_fill(m, v)  # noqa: E731
case("maskedFill broadcast mask", "maskedFill", [A23, MASK3, -1.5], MF)
case("maskedFill mask broadcasts the input", "maskedFill", [W([2, 1]), MASK3, 0.25], MF)
case("maskedFill int32 with a float value truncates", "maskedFill", [I23, MASK3, 2.75], MF)
case("maskedFill bool", "maskedFill", [T([False, True, False], "bool"), MASK3, True], MF)
case("maskedFill float64 with -inf", "maskedFill", [A23_64, T([[True], [False]], "bool"), -INF], MF)
case("maskedFill 0-dim tensor value", "maskedFill", [A23, MASK3, T(0.5, "float64")], MF)
case("maskedFill transposed input and mask", "maskedFill", [A23_T, T([[True, False], [False, True], [True, True]], "bool", views=[["t"]]), 9], MF)
case("fn:maskedFill", "fn:maskedFill", [A23, MASK3, 3], MF)

SP = W([3, 7], phase=0.45)
case("split size 3 dim 1", "split", [SP, 3, 1])
case("split size 2 dim 0", "split", [SP, 2])
case("split sections [2, 0, 5] dim -1", "split", [SP, [2, 0, 5], -1])
case("split transposed", "split", [W([7, 3], views=[["t"]]), 4, 1])
case("split int32", "split", [I34, [1, 2]])
case("fn:split", "fn:split", [SP, [3, 4], 1])
case("chunk 3 of 7", "chunk", [SP, 3, 1])
case("chunk 4 of 6 gives 3", "chunk", [W([6]), 4])
case("chunk 2 dim 0", "chunk", [SP, 2])
case("chunk empty dim gives empties", "chunk", [W([0, 2]), 3])
case("fn:chunk", "fn:chunk", [SP, 2, -1])

case("repeat [2, 3]", "repeat", [A23, 2, 3])
case("repeat new leading dims", "repeat", [W([3]), [2, 1, 2]], lambda x, s: x.repeat(s))
case("repeat transposed", "repeat", [A23_T, 1, 2])
case("repeat int32 zero size", "repeat", [I23, 0, 2])
case("repeat bool", "repeat", [T([True, False], "bool"), 3])
case("repeat 0-dim", "repeat", [T(2.5), 2, 2])

case("flip dim 0", "flip", [A23, 0])
case("flip dims [0, 1]", "flip", [A23, [0, 1]], lambda x, d: x.flip(d))
case("flip 3-D dims -1 and 0", "flip", [W([2, 3, 4], phase=0.65), 0, -1])
case("flip transposed", "flip", [A23_T, 1])
case("flip stepped slice", "flip", [A23_STEP, 1])
case("flip int32", "flip", [I34, 1])
case("fn:flip", "fn:flip", [A23, [1]])

case("cumsum dim 1", "cumsum", [A23, 1])
case("cumsum dim 0 float64", "cumsum", [Q234_64, 0])
case("cumsum dim -1 3-D", "cumsum", [Q234, -1])
case("cumsum transposed", "cumsum", [A23_T, 0])
case("cumsum int32", "cumsum", [I34, 1])
case("cumsum bool → int32", "cumsum", [B34, 0])
case("cumsum uint8 → int32", "cumsum", [T([200, 100, 50], "uint8"), 0])
case("cumsum float32 partial sums rounded from float64", "cumsum", [T([1e8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]), 0])
case("cumsum with NaN and inf", "cumsum", [T([1.0, INF, 2.0, NAN, 3.0]), 0])
case("cumsum 0-dim", "cumsum", [T(2.5), 0])
case("cumsum dtype float64", "cumsum", [I34, 1, {"dtype": "float64"}], lambda x, d, o: x.cumsum(d, dtype=torch.float64))
case("fn:cumsum", "fn:cumsum", [A23_T, 1])

# ---- issue 18: sort, argsort, topk (stable; ties only where the order is defined) ------------


def SORT(x, dim=-1, descending=False):
    return torch.sort(x, dim=dim, descending=descending, stable=True)


def ARGSORT(x, dim=-1, descending=False):
    return torch.sort(x, dim=dim, descending=descending, stable=True).indices


TIES = T([[3.0, 1.0, 2.0, 1.0, 3.0], [0.5, 0.5, -1.0, 0.5, 2.0]])
case("sort last dim", "sort", [A23], SORT)
case("sort dim 0 descending", "sort", [Q34, 0, True], SORT)
case("sort 3-D dim 1", "sort", [W([2, 3, 4], phase=0.35), 1], SORT)
case("sort stable ties", "sort", [TIES], SORT)
case("sort stable ties descending", "sort", [TIES, -1, True], SORT)
case("sort NaN and inf", "sort", [T([1.0, NAN, -INF, 0.0, NAN, INF])], SORT)
case("sort NaN and inf descending", "sort", [T([1.0, NAN, -INF, 0.0, NAN, INF]), 0, True], SORT)
case("sort int32", "sort", [I34, 1], SORT)
case("sort bool", "sort", [B34, 1], SORT)
case("sort float64 transposed", "sort", [W([4, 3], "float64", views=[["t"]]), 1], SORT)
case("sort stepped slice", "sort", [A23_STEP, 1, True], SORT)
case("sort 0-dim", "sort", [T(1.5)], SORT)
case("fn:sort", "fn:sort", [TIES, 1, True], SORT)
case("argsort last dim", "argsort", [A23], ARGSORT)
case("argsort ties descending", "argsort", [TIES, 1, True], ARGSORT)
case("argsort dim 0 transposed", "argsort", [A23_T, 0], ARGSORT)
case("fn:argsort", "fn:argsort", [TIES], ARGSORT)
case("topk 2", "topk", [A23, 2])
case("topk 3 dim 0 smallest", "topk", [Q34_T, 3, 0, False])
case("topk 1 3-D dim 1", "topk", [W([2, 3, 4], phase=0.15), 1, 1])
case("topk NaN is largest", "topk", [T([1.0, NAN, 0.0, 2.0]), 2])
case("topk int32", "topk", [T([[5, -2, 9, 0], [1, 7, -4, 3]], "int32"), 2])
case("topk k = 0", "topk", [A23, 0])
case("topk float64 all", "topk", [Q234_64, 4])
case("fn:topk", "fn:topk", [A23_T, 1, 1, False])

# ---- issue 18: rounded division, remainder, fmod --------------------------------------------

DIVIDEND = T([7.5, -7.5, 7.5, -7.5, 0.5, -0.5, 6.0, -6.0])
DIVISOR = T([2.0, 2.0, -2.0, -2.0, 3.0, 3.0, -1.5, 1.5])
IDIVIDEND = T([7, -7, 7, -7, 0, 5, -5, 6], "int32")
IDIVISOR = T([2, 2, -2, -2, 3, -3, 3, -4], "int32")
NONZERO = W([2, 3], "int32", kind="ints", lo=1, hi=4)
for mode in ["trunc", "floor"]:
    DM = lambda x, y, o: torch.div(x, y, rounding_mode=o["roundingMode"])  # noqa: E731
    opts = {"roundingMode": mode}
    case(f"div {mode} float32 signs", "div", [DIVIDEND, DIVISOR, opts], DM)
    case(f"div {mode} int32 signs", "div", [IDIVIDEND, IDIVISOR, opts], DM)
    case(f"div {mode} broadcast [2,3] with [3]", "div", [A23, B3, opts], DM)
    case(f"div {mode} int32 with float scalar", "div", [I23, 0.75, opts], DM)
    case(f"div {mode} int32 with int scalar", "div", [I23, 2, opts], DM)
    case(f"div {mode} float64 by zero and inf", "div", [T([1.0, -1.0, 0.0, 5.0, -5.0, INF], "float64"), T([0.0, 0.0, 0.0, INF, INF, 2.0], "float64"), opts], DM)
    case(f"div {mode} signed zero quotients", "div", [T([-0.0, 0.0, 1.0, -1.0]), T([3.0, -3.0, -4.0, 4.0]), opts], DM)
    case(f"div {mode} transposed", "div", [A23_T, B23, opts], DM)
    case(f"div {mode} uint8", "div", [T([200, 7, 255], "uint8"), T([3, 2, 16], "uint8"), opts], DM)
case("div roundingMode null is true division", "div", [I23, NONZERO, {"roundingMode": None}], lambda x, y, o: torch.div(x, y, rounding_mode=None))
case("fn:div floor", "fn:div", [A23, B23, {"roundingMode": "floor"}], lambda x, y, o: torch.div(x, y, rounding_mode="floor"))
case("div floor float32 large quotients", "div", [T([1e30, -3e7, 16777217.0, 0.3]), T([3.0, 7.0, 3.0, 0.1]), {"roundingMode": "floor"}], lambda x, y, o: torch.div(x, y, rounding_mode="floor"))
case("floorDivide float32", "floorDivide", [DIVIDEND, DIVISOR], torch.floor_divide)
case("floorDivide int32 scalar", "floorDivide", [IDIVIDEND, 3], torch.floor_divide)
case("fn:floorDivide", "fn:floorDivide", [I23, NONZERO], torch.floor_divide)
for op in ["remainder", "fmod"]:
    case(f"{op} float32 signs", op, [DIVIDEND, DIVISOR])
    case(f"{op} int32 signs", op, [IDIVIDEND, IDIVISOR])
    case(f"{op} broadcast [2,1,3] with [4,1]", op, [E213, F41])
    case(f"{op} float scalar", op, [A23, 0.75])
    case(f"{op} negative float scalar", op, [A23, -1.25])
    case(f"{op} int32 with int scalar", op, [I23, -3])
    case(f"{op} int32 with float scalar → float32", op, [I23, 2.5])
    case(f"{op} float64 with zero, inf and NaN", op, [T([1.0, -1.0, 5.0, -5.0, INF, NAN, -0.0], "float64"), T([0.0, 0.0, INF, INF, 2.0, 1.0, 3.0], "float64")])
    case(f"{op} transposed with stepped slice", op, [A23_T, A23_STEP])
    case(f"{op} uint8", op, [T([200, 7, 255], "uint8"), T([3, 2, 16], "uint8")])
    case(f"fn:{op}", f"fn:{op}", [A23, B23])

# ---- issue 18: max/min with a tensor, maximum/minimum functions, sum/mean dtype --------------

for op in ["max", "min"]:
    case(f"{op} with a tensor broadcast", op, [A23, B3])
    case(f"{op} with a tensor NaN propagates", op, [T([NAN, 1.0, 2.0, NAN]), T([0.0, NAN, 3.0, NAN])])
    case(f"{op} int32 with float32 tensor", op, [I23, B23])
    case(f"fn:{op} with a tensor", f"fn:{op}", [A23_T, B23])
    case(f"fn:{op} along a dim", f"fn:{op}", [Q34, 1])
    case(f"fn:{op} all", f"fn:{op}", [Q34])
for op in ["maximum", "minimum"]:
    case(f"fn:{op}", f"fn:{op}", [C31, D14])
SUMD = lambda x, d, k, o: getattr(x, "sum")(d, keepdim=k, dtype=TORCH_DTYPE[o["dtype"]])  # noqa: E731
MEAND = lambda x, d, k, o: x.mean(d, keepdim=k, dtype=TORCH_DTYPE[o["dtype"]])  # noqa: E731
case("sum int32 dtype float64", "sum", [I34, 1, False, {"dtype": "float64"}], SUMD)
case("sum float32 dtype float64 keepdim", "sum", [Q234, [0, 2], True, {"dtype": "float64"}], SUMD)
case("sum bool dtype float32", "sum", [B34, 0, False, {"dtype": "float32"}], SUMD)
case("sum uint8 dtype uint8 wraps", "sum", [T([200, 100, 7], "uint8"), 0, False, {"dtype": "uint8"}], SUMD)
case("sum all dtype float64", "sum", [A23, None, False, {"dtype": "float64"}], lambda x, d, k, o: x.sum(dtype=torch.float64))
case("mean int32 dtype float32", "mean", [I34, 1, False, {"dtype": "float32"}], MEAND)
case("mean float32 dtype float64 transposed", "mean", [Q34_T, 0, True, {"dtype": "float64"}], MEAND)
case("mean all int32 dtype float64", "mean", [I34, None, False, {"dtype": "float64"}], lambda x, d, k, o: x.mean(dtype=torch.float64))

# ---- issue 18: tril, triu, diagonal, diag, dot, outer, bmm ------------------------------------

M34 = W([3, 4], phase=0.85)
for op in ["tril", "triu"]:
    case(f"{op}", op, [M34])
    case(f"{op} diagonal 1", op, [M34, 1])
    case(f"{op} diagonal -2", op, [M34, -2])
    case(f"{op} diagonal beyond the matrix", op, [M34, 5])
    case(f"{op} batched 3-D", op, [W([2, 3, 3], phase=0.25), -1])
    case(f"{op} transposed", op, [W([4, 3], views=[["t"]]), 1])
    case(f"{op} int32", op, [I34])
    case(f"{op} bool", op, [B34, 1])
    case(f"fn:{op}", f"fn:{op}", [M34, -1])
case("diagonal", "diagonal", [M34])
case("diagonal offset 1", "diagonal", [M34, 1])
case("diagonal offset -2", "diagonal", [M34, -2])
case("diagonal offset off the matrix is empty", "diagonal", [M34, 4])
case("diagonal 3-D dims 0 and 2", "diagonal", [W([3, 2, 4]), 0, 0, 2])
case("diagonal 3-D dims -1 and 1, offset 1", "diagonal", [W([2, 3, 4]), 1, -1, 1])
case("diagonal transposed", "diagonal", [W([4, 3], views=[["t"]]), -1])
case("fn:diagonal", "fn:diagonal", [W([2, 3, 4]), 0, 1, 2])
case("diag of a vector", "diag", [W([3])])
case("diag of a vector, diagonal 2", "diag", [W([3]), 2])
case("diag of a vector, diagonal -1, int32", "diag", [T([4, -5, 6], "int32"), -1])
case("diag of a stepped vector", "diag", [W([6], views=[["slice", 0, 0, 6, 2]])])
case("diag of a matrix", "diag", [M34])
case("diag of a matrix, diagonal -1", "diag", [M34, -1])
case("diag of a transposed matrix, diagonal 1", "diag", [W([4, 3], views=[["t"]]), 1])
case("fn:diag", "fn:diag", [W([2]), 1])
case("dot float32", "dot", [W([5], kind="quarters"), W([5], kind="quarters", phase=0.4)])
case("dot float64 stepped", "dot", [W([6], "float64", views=[["slice", 0, 0, 6, 2]]), W([3], "float64", phase=1.1)])
case("dot int32", "dot", [T([1, -2, 3], "int32"), T([4, 5, -6], "int32")])
case("fn:dot", "fn:dot", [W([3], kind="quarters"), W([3], kind="quarters", phase=0.9)])
case("outer float32", "outer", [W([3]), W([4], phase=0.5)])
case("outer int32 with float32 promotes", "outer", [T([1, -2], "int32"), W([3], phase=0.2)])
case("outer bool", "outer", [T([True, False], "bool"), T([True, True, False], "bool")])
case("fn:outer", "fn:outer", [W([2], "float64"), W([3], "float64", phase=0.7)])
case("bmm", "bmm", [W([2, 3, 4], kind="quarters"), W([2, 4, 2], kind="quarters", phase=0.3)])
case("bmm transposed mat2", "bmm", [W([2, 3, 4], kind="quarters"), W([2, 2, 4], kind="quarters", phase=0.6, views=[["transpose", 1, 2]])])
case("bmm float64", "bmm", [W([3, 2, 2], "float64"), W([3, 2, 5], "float64", phase=0.1)])
case("fn:bmm", "fn:bmm", [W([1, 2, 3], kind="quarters"), W([1, 3, 2], kind="quarters", phase=0.9)])

# ---- issue 18: lerp, logaddexp, copysign, atan2, isclose, allclose --------------------------

case("lerp number weight 0.3", "lerp", [A23, B23, 0.3])
case("lerp number weight 0.75 broadcast", "lerp", [A23, B3, 0.75])
case("lerp weight -0.5 and 1.5", "lerp", [A23_64, B23_64, -0.5])
case("lerp weight 1.5 float64", "lerp", [A23_64, B23_64, 1.5])
case("lerp tensor weight broadcast", "lerp", [A23, B23, W([3], phase=0.3)])
case("lerp tensor weight both sides", "lerp", [T([0.0, 1.0, -2.0, 3.0, 100.0]), T([10.0, -1.0, 2.0, 3.5, -100.0]), T([0.0, 0.45, 0.55, 1.0, 0.999])])
case("lerp transposed", "lerp", [A23_T, B23, 0.6])
case("fn:lerp", "fn:lerp", [A23_64, B23_64, 0.25])
case("logaddexp float32", "logaddexp", [A23, B23])
case("logaddexp broadcast float64", "logaddexp", [W([2, 1], "float64"), W([3], "float64", phase=0.6)])
case("logaddexp large and infinite", "logaddexp", [T([1000.0, -1000.0, INF, -INF, -INF, NAN, 30.0]), T([1000.0, -1000.5, INF, -INF, 2.0, 1.0, -30.0])])
case("logaddexp float scalar", "logaddexp", [A23, 0.5], lambda x, y: torch.logaddexp(x, torch.tensor(y)))
case("fn:logaddexp", "fn:logaddexp", [A23_T, B23])
case("copysign float32", "copysign", [A23, B23])
case("copysign signed zeros and inf", "copysign", [T([1.0, 2.0, -3.0, 0.0, INF, NAN]), T([-0.0, 0.0, 0.0, -1.0, -2.0, 1.0])])
case("copysign int32 → float32", "copysign", [I23, J23])
case("copysign scalar", "copysign", [A23, -1])
case("copysign float64 broadcast", "copysign", [A23_64, W([3], "float64", phase=1.9)])
case("fn:copysign", "fn:copysign", [A23_T, B23])
case("atan2 float32", "atan2", [A23, B23])
case("atan2 quadrants and zeros float64", "atan2", [T([1.0, 1.0, -1.0, -1.0, 0.0, -0.0, 0.0, -0.0, INF], "float64"), T([1.0, -1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 0.0, INF], "float64")])
case("atan2 int32 → float32", "atan2", [I23, J23])
case("atan2 broadcast", "atan2", [C31, D14])
case("fn:atan2", "fn:atan2", [A23_T, B23])
ISA = T([1.0, 1.0, 100.0, 0.0, INF, INF, NAN, NAN, 1e-9], "float64")
ISB = T([1.000001, 1.0001, 100.0005, 1e-9, INF, -INF, NAN, 1.0, 0.0], "float64")
ISC = lambda x, y, o=None: torch.isclose(x, y, **{  # noqa: E731
    {"rtol": "rtol", "atol": "atol", "equalNan": "equal_nan"}[k]: v for k, v in (o or {}).items()
})
case("isclose defaults", "isclose", [ISA, ISB], ISC)
case("isclose rtol 1e-3", "isclose", [ISA, ISB, {"rtol": 0.001}], ISC)
case("isclose atol 0, rtol 0", "isclose", [ISA, ISB, {"rtol": 0, "atol": 0}], ISC)
case("isclose equalNan", "isclose", [ISA, ISB, {"equalNan": True}], ISC)
case("isclose float32 broadcast", "isclose", [A23, T([0.0, 1.93, 2.96]), {"atol": 0.01}], ISC)
case("isclose int32", "isclose", [I23, J23, {"atol": 2}], ISC)
case("isclose bool", "isclose", [T([True, False, True], "bool"), T([True, True, False], "bool")], ISC)
case("fn:isclose", "fn:isclose", [ISA, ISB, {"atol": 1e-6}], ISC)

# ---------------------------------------------------------------------------------------
# Printing: str(t), mapped to tsgrad's spelling
# ---------------------------------------------------------------------------------------

prints = []


def ts_str(t):
    """torch's str(t) in tsgrad's spelling: dtype=float64 (no torch. prefix), int64 is the
    default integer (tsgrad int32 prints no dtype either), true/false, requiresGrad=true,
    and shapes in brackets like every tsgrad message (size=[0, 3], not size=(0, 3)).
    The body is torch's own; the suffixes are re-added with torch's _add_suffixes rule but
    with tsgrad's (shorter) spelling, since their length decides where the line breaks."""
    from torch._tensor_str import _tensor_str, PRINT_OPTS
    prefix = "tensor("
    indent = len(prefix)
    if t.numel() == 0 and t.dim() == 1:
        body = "[]"
    elif t.numel() == 0:
        body = "[]"
    else:
        body = _tensor_str(t, indent)
    body = body.replace("True", "true").replace("False", "false")
    suffixes = []
    if t.numel() == 0 and t.dim() > 1:
        suffixes.append("size=[" + ", ".join(str(d) for d in t.shape) + "]")
    # An empty tensor has no elements to show its dtype, so any non-float32 dtype is printed.
    defaults = (torch.float32,) if t.numel() == 0 else (torch.float32, torch.int64, torch.bool)
    if t.dtype not in defaults:
        suffixes.append("dtype=" + str(t.dtype).replace("torch.", "").replace("int64", "int32"))
    if t.requires_grad:
        suffixes.append("requiresGrad=true")
    out = prefix + body
    last_line_len = len(out) - out.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > PRINT_OPTS.linewidth:
            out += ",\n" + " " * indent + suffix
            last_line_len = indent + len(suffix)
        else:
            out += ", " + suffix
            last_line_len += len(suffix) + 2
    return out + ")"


def pcase(name, inp):
    assert name not in names, f"duplicate case name {name}"
    names.add(name)
    prints.append({"name": name, "input": inp.spec(), "expected": ts_str(inp.torch())})


pcase("print 0-dim float", T(3.5))
pcase("print 0-dim int", T(-7, "int32"))
pcase("print 0-dim float64", T(0.125, "float64"))
pcase("print 0-dim bool", T(True, "bool"))
pcase("print 0-dim nan", T(NAN))
pcase("print 0-dim negative", T(-2.5))
pcase("print 0-dim sci", T(1e-5))
pcase("print 1-D float", T([0.1, 0.2, 0.3]))
pcase("print 1-D integer-valued floats", T([1.0, 2.0, 3.0]))
pcase("print 1-D single element", T([5.0]))
pcase("print negative numbers", T([-1.5, 2.25, -3.125, 0.0]))
pcase("print 2-D float", W([2, 3]))
pcase("print 3-D float", W([2, 3, 4], phase=0.3))
pcase("print 4-D float", W([2, 2, 2, 2], phase=0.6))
pcase("print all zeros", T([[0.0, 0.0], [0.0, 0.0]]))
pcase("print summarized 1-D int arange(2000)", In(None, "int32", [2000], linear=(0, 1)))
pcase("print summarized 2-D float [40, 50]", In(None, "float32", [40, 50], linear=(-100, 0.37)))
pcase("print summarized 3-D float [10, 10, 20]", In(None, "float32", [10, 10, 20], linear=(0, 0.5)))
pcase("print summarized 2-D few columns [600, 2]", In(None, "float32", [600, 2], linear=(0, 0.25)))
pcase("print exactly 1000 elements not summarized", In(None, "int32", [1000], linear=(0, 1)))
pcase("print wide 1-D wraps at 80 columns", W([30], phase=0.1))
pcase("print wide 2-D rows wrap", W([2, 25], phase=0.2))
pcase("print wide int row wraps", In(None, "int32", [40], linear=(-20, 7)))
pcase("print summarized 2-D int [30, 40]", In(None, "int32", [30, 40], linear=(-500, 3)))
pcase("print summarized bool", In(None, "bool", [1001], linear=(0, 1, 3)))
pcase("print summarized float64", In(None, "float64", [1200], linear=(0.5, 0.001)))
pcase("print sci notation [1e-5, 1, 1000]", T([1e-5, 1.0, 1000.0]))
pcase("print sci notation integer-valued ratio > 1000", T([1.0, 1e5]))
pcase("print sci notation max > 1e8", T([1e9, 2.0]))
pcase("print sci notation 2-D", T([[1e-8, 0.5], [3.0, -2e-6]]))
pcase("print small values not sci", T([1e-3, 2.5e-3, 0.0125]))
pcase("print nan and inf", T([NAN, INF, -INF, 1.5]))
pcase("print nan with integer-valued", T([NAN, 1.0]))
pcase("print -inf with integer-valued", T([-INF, 1.0, 2.0]))
pcase("print all nan", T([NAN, NAN]))
pcase("print int 2-D with negatives", T([[1, -20, 300], [-4000, 5, 6]], "int32"))
pcase("print large int", T([123456789, -1], "int32"))
pcase("print bool 1-D", T([True, False, True], "bool"))
pcase("print bool 2-D", T([[True, True], [True, False]], "bool"))
pcase("print bool all true", T([True, True], "bool"))
pcase("print float64 1-D", T([0.1, 1 / 3, -2.5], "float64"))
pcase("print float64 sci", T([1e-10, 1.0, 3e5], "float64"))
pcase("print float64 integer-valued", T([1.0, -2.0], "float64"))
pcase("print requiresGrad", T([1.5, -0.5], requires_grad=True))
pcase("print requiresGrad float64", T([1.0, 2.5], "float64", requires_grad=True))
pcase("print requiresGrad 0-dim", T(1.0, requires_grad=True))
pcase("print transposed input", W([3, 2], views=[["t"]]))
pcase("print stepped slice", W([12], views=[["slice", 0, 0, 12, 3]]))
pcase("print empty float", T([]))
pcase("print empty int", T([], "int32"))
pcase("print empty 2-D", In(None, "float32", [0, 3], linear=(0, 1)))
pcase("print halfway rounding 0.03125", T([0.03125, 1.5]))
pcase("print negative zero", T([-0.0, 1.0]))
pcase("print big values fixed", T([12345.678, -0.5]))

# ---------------------------------------------------------------------------------------

doc = {
    "generatedBy": "packages/tensor/scripts/golden.py",
    "torch": torch.__version__,
    "cases": cases,
    "print": prints,
}
OUT.parent.mkdir(parents=True, exist_ok=True)
# One case per line: readable diffs, compact file.
lines = [json.dumps(c, separators=(",", ":"), ensure_ascii=False, allow_nan=False) for c in cases]
plines = [json.dumps(p, separators=(",", ":"), ensure_ascii=False, allow_nan=False) for p in prints]
text = (
    "{\n"
    f'"generatedBy":{json.dumps(doc["generatedBy"])},\n"torch":{json.dumps(doc["torch"])},\n'
    '"cases":[\n' + ",\n".join(lines) + '\n],\n"print":[\n' + ",\n".join(plines) + "\n]\n}\n"
)
json.loads(text)  # well-formed
OUT.write_text(text)
print(f"wrote {OUT} ({len(text) // 1024} KB): {len(cases)} op cases, {len(prints)} print cases")
