#!/usr/bin/env python
"""Sanity figures for the cat vs non-cat data: do the course's two models behave as in the course?

    python scripts/catvnoncat_sanity.py            # both models on datasets/*.h5
    python scripts/catvnoncat_sanity.py --quick    # logistic regression only

Targets (the course on its own photos): logistic regression (zero init, X/255,
lr 0.005, 2000 iterations) about 99% train / 70% test; the 4-layer network
[12288, 20, 7, 5, 1] (ReLU hidden, sigmoid out, W = randn/sqrt(n_prev) after
np.random.seed(1), lr 0.0075, 2500 iterations) about 80% test, clearly above
logistic regression; the 2-layer network (12288, 7, 1) (W = randn * 0.01 after
np.random.seed(1), same rate and iterations) about 72% test. Small standalone numpy implementations, independent of the
notebooks, so the data can be checked before any notebook exists.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nndl.data import load_catvnoncat  # noqa: E402


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logistic_regression(X, Y, num_iterations=2000, learning_rate=0.005):
    """X (n, m), Y (1, m) -> (w (n, 1), b float)."""
    w, b = np.zeros((X.shape[0], 1)), 0.0
    m = X.shape[1]
    for _ in range(num_iterations):
        A = sigmoid(w.T @ X + b)
        w = w - learning_rate * (X @ (A - Y).T) / m
        b = b - learning_rate * float(np.mean(A - Y))
    return w, b


def lr_predict(w, b, X):
    return (sigmoid(w.T @ X + b) > 0.5).astype(float)


def deep_network(X, Y, layer_dims, num_iterations=2500, learning_rate=0.0075, scaled=True):
    """L-layer ReLU...ReLU->sigmoid network by plain gradient descent.

    X (n_0, m), Y (1, m) -> list of (W (n_l, n_{l-1}), b (n_l, 1)).
    scaled -- True: W = randn / sqrt(n_{l-1}) (the course's deep model);
              False: W = randn * 0.01 (the course's 2-layer model); seed 1 either way
    """
    np.random.seed(1)
    params = []
    for l in range(1, len(layer_dims)):
        W = np.random.randn(layer_dims[l], layer_dims[l - 1])
        W = W / np.sqrt(layer_dims[l - 1]) if scaled else W * 0.01
        params.append((W, np.zeros((layer_dims[l], 1))))
    m = X.shape[1]
    for _ in range(num_iterations):
        As, Zs = [X], []
        for l, (W, b) in enumerate(params):
            Z = W @ As[-1] + b
            Zs.append(Z)
            As.append(sigmoid(Z) if l == len(params) - 1 else np.maximum(0, Z))
        dZ = As[-1] - Y  # sigmoid + cross-entropy
        new = []
        for l in range(len(params) - 1, -1, -1):
            W, b = params[l]
            dW = dZ @ As[l].T / m
            db = dZ.sum(axis=1, keepdims=True) / m
            if l > 0:
                dZ = (W.T @ dZ) * (Zs[l - 1] > 0)
            new.append((W - learning_rate * dW, b - learning_rate * db))
        params = new[::-1]
    return params


def deep_predict(params, X):
    A = X
    for l, (W, b) in enumerate(params):
        Z = W @ A + b
        A = sigmoid(Z) if l == len(params) - 1 else np.maximum(0, Z)
    return (A > 0.5).astype(float)


def accuracy(p, Y):
    return 100.0 * float(np.mean(p == Y))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="logistic regression only")
    args = ap.parse_args(argv)
    train_x, train_y, test_x, test_y, classes = load_catvnoncat()
    X = train_x.reshape(train_x.shape[0], -1).T / 255.0
    Xt = test_x.reshape(test_x.shape[0], -1).T / 255.0
    print(f"train {X.shape} cats {int(train_y.sum())}; test {Xt.shape} cats {int(test_y.sum())}")

    t = time.perf_counter()
    w, b = logistic_regression(X, train_y)
    print(f"logistic regression: train {accuracy(lr_predict(w, b, X), train_y):.1f}% "
          f"test {accuracy(lr_predict(w, b, Xt), test_y):.1f}% ({time.perf_counter() - t:.1f} s)")
    if args.quick:
        return 0
    t = time.perf_counter()
    params = deep_network(X, train_y, [12288, 7, 1], scaled=False)
    print(f"2-layer network:     train {accuracy(deep_predict(params, X), train_y):.1f}% "
          f"test {accuracy(deep_predict(params, Xt), test_y):.1f}% ({time.perf_counter() - t:.1f} s)")
    t = time.perf_counter()
    params = deep_network(X, train_y, [12288, 20, 7, 5, 1])
    print(f"4-layer network:     train {accuracy(deep_predict(params, X), train_y):.1f}% "
          f"test {accuracy(deep_predict(params, Xt), test_y):.1f}% ({time.perf_counter() - t:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
