#!/usr/bin/env python3
"""Times scikit-learn's Lloyd iterations on N pixels x D bands with k classes (DESIGN.md §7).

Usage: python3 bench/sklearn_lloyd.py [N] [D] [K] [PIXELS_FILE] [converge]   (defaults 5000000 6 8)

PIXELS_FILE, when given, holds the N x D pixels as little-endian float32, row-major: `geocluster
bench` writes the pixels it clusters there, so that both are timed on the very same data;
without it the pixels are uniform in [0.02, 0.5) from numpy's generator. Both start from the
min-max centres of IIkMC (centre j = min + (j + 0.5)(max - min)/k per band).

Prints one line: seconds per iteration on float32 data, seconds per iteration on float64 data
(numpy's default, what code that does not ask for float32 gets), and the iterations the long
float32 run made. The per-iteration time is (t(21 iterations) - t(1 iteration)) / 20, each the
fastest of three fits, so input checks, the first iteration and the final labelling that every
fit does are not counted; `geocluster bench` times its own iterations the same way.

With `converge`, prints instead the seconds of a whole fit run until no label changes (at most
100 iterations, fastest of three) and the iterations it made, on float32 then float64 data:
`geocluster bench` runs this on clustered pixels, where Lloyd's algorithm settles in a few
iterations.
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

ITERATIONS = 21


def fit_seconds(x, centres, iterations):
    best = float("inf")
    fitted = None
    for _ in range(3):
        t0 = time.perf_counter()
        fitted = KMeans(len(centres), init=centres, n_init=1, max_iter=iterations, tol=0, algorithm="lloyd").fit(x)
        best = min(best, time.perf_counter() - t0)
    return best, fitted.n_iter_


def per_iteration(x, k):
    centres = min_max_centres(x, k)
    one, _ = fit_seconds(x, centres, 1)
    many, iterations = fit_seconds(x, centres, ITERATIONS)
    return (many - one) / max(1, iterations - 1), iterations


def min_max_centres(x, k):
    lo = x.min(axis=0).astype(np.float64)
    hi = x.max(axis=0).astype(np.float64)
    return np.array([lo + (j + 0.5) * (hi - lo) / k for j in range(k)]).astype(np.float32).astype(x.dtype)


def main(n=5_000_000, d=6, k=8, pixels=None, mode="iteration"):
    n, d, k = int(n), int(d), int(k)
    if pixels:
        x = np.fromfile(pixels, dtype="<f4").reshape(n, d)
    else:
        x = np.random.default_rng(20240101).uniform(0.02, 0.5, size=(n, d)).astype(np.float32)
    if mode == "converge":
        out = []
        for data in (x, x.astype(np.float64)):
            seconds, iterations = fit_seconds(data, min_max_centres(data, k), 100)
            out += [f"{seconds:.6f}", str(iterations)]
        print(" ".join(out))
        return
    single, iterations = per_iteration(x, k)
    double, _ = per_iteration(x.astype(np.float64), k)
    print(f"{single:.6f} {double:.6f} {iterations}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
