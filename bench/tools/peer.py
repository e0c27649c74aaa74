#!/usr/bin/python3
"""The PyTorch side of `bench/run peer`: trains the same model as the DL4J side on the same rows.

Reads the Fashion-MNIST IDX files itself (the first --train training images, the first --validation
test images, pixels / 255, as net2net's LabeledImages does), builds the MLP 784-H-H-10 or the
daemon's cnn seed (conv 3x3 same, batch norm, ReLU, 2x2 max pooling per filter count, a dense
layer, softmax output), trains with Adam (lr 1e-3) and cross-entropy at the given batch size and
thread count, and prints one JSON object per epoch on stdout: training seconds (batches only, as
net2net's TrainingLoop counts them), samples/s, validation accuracy after the epoch. The first line
describes the run (torch version, threads, the BLAS library loaded).
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory, split, n):
    images = idx(os.path.join(directory, split + "-images-idx3-ubyte.gz"))[:n]
    labels = idx(os.path.join(directory, split + "-labels-idx1-ubyte.gz"))[:n]
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)
    return x, torch.from_numpy(labels.astype(np.int64))


def mlp(width):
    layers = [
        nn.Linear(784, width),
        nn.ReLU(),
        nn.Linear(width, width),
        nn.ReLU(),
        nn.Linear(width, 10),
    ]
    for layer in layers[:-1]:
        if isinstance(layer, nn.Linear):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")  # DL4J WeightInit.RELU
            nn.init.zeros_(layer.bias)
    nn.init.xavier_normal_(layers[-1].weight)  # DL4J WeightInit.XAVIER
    nn.init.zeros_(layers[-1].bias)
    return nn.Sequential(*layers)


def cnn(filters, dense):
    layers = [nn.Unflatten(1, (1, 28, 28))]
    channels, side = 1, 28
    for f in filters:
        conv = nn.Conv2d(channels, f, 3, padding=1)
        nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
        nn.init.zeros_(conv.bias)
        # DL4J's batch normalization: decay 0.9 (PyTorch momentum 0.1), eps 1e-5.
        layers += [conv, nn.BatchNorm2d(f, eps=1e-5, momentum=0.1), nn.ReLU(), nn.MaxPool2d(2, 2)]
        channels, side = f, side // 2
    hidden = nn.Linear(channels * side * side, dense)
    nn.init.kaiming_normal_(hidden.weight, nonlinearity="relu")
    nn.init.zeros_(hidden.bias)
    out = nn.Linear(dense, 10)
    nn.init.xavier_normal_(out.weight)
    nn.init.zeros_(out.bias)
    layers += [nn.Flatten(), hidden, nn.ReLU(), out]
    return nn.Sequential(*layers)


def blas_libraries():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(lib) for lib in libs)
    except OSError:
        return []


def accuracy(model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), 1000):
            correct += (model(x[i : i + 1000]).argmax(1) == y[i : i + 1000]).sum().item()
    model.train()
    return correct / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--model", choices=["mlp", "cnn"], required=True)
    p.add_argument("--width", type=int, default=1024)
    p.add_argument("--filters", default="16,32")
    p.add_argument("--dense", type=int, default=64)
    p.add_argument("--train", type=int, required=True)
    p.add_argument("--validation", type=int, required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    x, y = load(a.data, "train", a.train)
    vx, vy = load(a.data, "t10k", a.validation)
    model = (
        mlp(a.width)
        if a.model == "mlp"
        else cnn([int(f) for f in a.filters.split(",")], a.dense)
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "blas": blas_libraries(),
                "mkldnn": torch.backends.mkldnn.is_available(),
            }
        ),
        flush=True,
    )
    generator = torch.Generator().manual_seed(a.seed)
    for epoch in range(1, a.epochs + 1):
        order = torch.randperm(len(x), generator=generator)
        started = time.perf_counter()
        loss_sum, batches = 0.0, 0
        for i in range(0, len(x), a.batch):
            rows = order[i : i + a.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
        seconds = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "epoch": epoch,
                    "seconds": seconds,
                    "samplesPerSecond": len(x) / seconds,
                    "trainLoss": loss_sum / batches,
                    "accuracy": accuracy(model, vx, vy),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
