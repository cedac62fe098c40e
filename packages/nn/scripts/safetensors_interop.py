#!/usr/bin/python3
"""PyTorch side of the safetensors interoperability test (src/safetensors.test.ts).

    safetensors_interop.py read FILE    load a file written by tsgrad into torch tensors and
                                        print {name: {dtype, shape, values}} as JSON
    safetensors_interop.py write FILE   write torch tensors to FILE for tsgrad to load

The format is parsed and written here by hand (8-byte header length, JSON header, raw
little-endian bytes) with torch only, so the check needs no `safetensors` package; run with
Debian's PyTorch (apt-get install python3-torch).
"""
import json
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
NAMES = {v: k for k, v in DTYPES.items()}


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    body = data[8 + n :]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            out[name] = info
            continue
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        raw = bytearray(body[begin:end])
        t = torch.frombuffer(raw, dtype=dtype).reshape(info["shape"]) if raw else torch.empty(info["shape"], dtype=dtype)
        out[name] = {"dtype": info["dtype"], "shape": list(t.shape), "values": t.reshape(-1).tolist()}
    print(json.dumps(out))


def write(path):
    tensors = {
        "linear.weight": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8 - 0.5,
        "linear.bias": torch.tensor([0.25, -1.5, 3.0], dtype=torch.float32),
        "step": torch.tensor([7], dtype=torch.int32),
        "mask": torch.tensor([[True, False], [False, True]]),
        "precise": torch.tensor([1 / 3, -2 / 7], dtype=torch.float64),
    }
    header = {"__metadata__": {"format": "pt"}}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        raw = t.numpy().tobytes()
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(chunks))


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
