#!/usr/bin/env python3
"""Times one scikit-learn Lloyd iteration on N pixels x D bands with k classes (DESIGN.md §7).

Usage: python3 bench/sklearn_lloyd.py [N] [D] [K]   (defaults 5000000 6 8)
Prints one line: seconds per iteration on float32 data, then on float64 data (numpy's default,
which is what code that does not ask for float32 gets). `geocluster bench` runs it, when python3 with
scikit-learn is on the PATH, to print its own iteration time beside scikit-learn's on the same
machine. The per-iteration time is (t(21 iterations) - t(1 iteration)) / 20, so input checks and
the final labelling that every fit does are not counted; uniform data keeps Lloyd from
converging early.
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans


def fit_seconds(x, centres, iterations):
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        KMeans(len(centres), init=centres, n_init=1, max_iter=iterations, tol=0, algorithm="lloyd").fit(x)
        best = min(best, time.perf_counter() - t0)
    return best


def per_iteration(x, k):
    lo, hi = x.min(axis=0), x.max(axis=0)
    centres = np.array([lo + (j + 0.5) * (hi - lo) / k for j in range(k)], dtype=x.dtype)
    one = fit_seconds(x, centres, 1)
    many = fit_seconds(x, centres, 21)
    return (many - one) / 20


def main(n=5_000_000, d=6, k=8):
    rng = np.random.default_rng(20240101)
    x = rng.uniform(0.02, 0.5, size=(n, d))
    single = per_iteration(x.astype(np.float32), k)
    double = per_iteration(x, k)
    print(f"{single:.6f} {double:.6f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
