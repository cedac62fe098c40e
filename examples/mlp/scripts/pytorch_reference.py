"""The reference numbers of the MLP example: d2l 4.2/4.3's MLP in PyTorch 1.13 on Fashion-MNIST.

Run with Debian's PyTorch (apt-get install python3-torch, dataset-fashion-mnist):

    /usr/bin/python3 examples/mlp/scripts/pytorch_reference.py [seed ...]

For each seed it trains the concise net (Flatten, Linear(784, 256), ReLU, Linear(256, 10), weights
from N(0, 0.01²)) with CrossEntropyLoss and SGD (lr 0.1, batch 256, 10 epochs) as d2l's
train_ch3 does, and prints the test accuracy after each epoch and the mean of epochs 8-10. The
data is read from the IDX files (torchvision is not needed): X as float32 / 255, shuffled by a
DataLoader drawing from the seeded global generator, as d2l's load_data_fashion_mnist.
"""

import gzip
import sys

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def idx(name, offset):
    with gzip.open(f"{DATA}/{name}.gz") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def split(prefix):
    X = torch.tensor(idx(f"{prefix}-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
    y = torch.tensor(idx(f"{prefix}-labels-idx1-ubyte", 8).astype(np.int64))
    return torch.utils.data.TensorDataset(X, y)


def accuracy(net, loader):
    net.eval()
    with torch.no_grad():
        correct = sum((net(X).argmax(1) == y).sum().item() for X, y in loader)
    return correct / len(loader.dataset)


def run(seed, train, test):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.01)
    loss = nn.CrossEntropyLoss(reduction="none")
    trainer = torch.optim.SGD(net.parameters(), lr=0.1)
    train_iter = torch.utils.data.DataLoader(train, 256, shuffle=True)
    test_iter = torch.utils.data.DataLoader(test, 256)
    accs = []
    for _ in range(10):
        net.train()
        for X, y in train_iter:
            trainer.zero_grad()
            loss(net(X), y).mean().backward()
            trainer.step()
        accs.append(accuracy(net, test_iter))
    return accs


if __name__ == "__main__":
    torch.set_num_threads(1)
    train, test = split("train"), split("t10k")
    for seed in [int(s) for s in sys.argv[1:]] or [0]:
        accs = run(seed, train, test)
        print(f"seed {seed}: test acc {' '.join(f'{a:.3f}' for a in accs)}; mean of epochs 8-10 {np.mean(accs[7:]):.4f}")
