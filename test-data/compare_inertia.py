#!/usr/bin/env python3
"""Compares geocluster's final inertia with scikit-learn's on the bundled catalogue.

Usage (from the repository root, after `mvn -q package -DskipTests`):
    host/target/geocluster batched-kmeans --layer test-data/insar-catalogue.csv --dynamicAttributes series \
        --staticAttributes height,mean_velocity,temporal_coherence,amplitude_dispersion --k 5 \
        --testFraction 0 --output /tmp/geocluster-inertia --overwrite --quiet
    python3 test-data/compare_inertia.py /tmp/geocluster-inertia/summary.json

Both sides standardise the same 64 features (population std, as StandardScaler) and report the
mean squared distance of every point to its centre. Needs python3-sklearn and python3-pandas.
"""
import json
import re
import sys

import pandas as pd
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.preprocessing import StandardScaler


def main(summary_path, csv_path="test-data/insar-catalogue.csv"):
    ours = json.load(open(summary_path))["inertiaPerPoint"]["train"]
    frame = pd.read_csv(csv_path)
    dated = [c for c in frame.columns if re.fullmatch(r"\d{8}", c)]
    z = StandardScaler().fit_transform(
        frame[dated + ["height", "mean_velocity", "temporal_coherence", "amplitude_dispersion"]].to_numpy(float))
    print(f"geocluster BatchedKMeans                 {ours:.4f}")
    for seed in range(3):
        m = MiniBatchKMeans(5, batch_size=256, n_init=3, random_state=seed).fit(z)
        print(f"sklearn MiniBatchKMeans (seed {seed})        {m.inertia_ / len(z):.4f}  ratio {ours / (m.inertia_ / len(z)):.4f}")
    k = KMeans(5, n_init=10, random_state=0).fit(z)
    print(f"sklearn KMeans(n_init=10)                {k.inertia_ / len(z):.4f}  ratio {ours / (k.inertia_ / len(z)):.4f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
