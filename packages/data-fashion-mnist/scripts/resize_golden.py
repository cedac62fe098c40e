# Writes src/fixtures/resize-golden.json: torch's bilinear resizing (align_corners=False,
# antialias on and off) of a small image, the reference for resize.test.ts.
# Usage: /usr/bin/python3 scripts/resize_golden.py
import json
import torch
import torch.nn.functional as F

x = (torch.arange(5 * 7, dtype=torch.float32).reshape(1, 1, 5, 7) * 37 % 256) / 255
cases = []
for size in [(9, 11), (3, 4), (28, 28), (2, 9)]:
    for aa in [True, False]:
        y = F.interpolate(x, size=size, mode="bilinear", align_corners=False, antialias=aa)
        cases.append({"size": list(size), "antialias": aa, "output": y.flatten().tolist()})
json.dump({"input": x.flatten().tolist(), "shape": [5, 7], "cases": cases}, open("src/fixtures/resize-golden.json", "w"))
