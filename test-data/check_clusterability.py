#!/usr/bin/env python3
"""Checks that the synthetic InSAR catalogue is clusterable and that standardisation matters.

Usage: python3 test-data/check_clusterability.py [test-data/insar-catalogue.csv]

Features: every dated displacement column + height + mean_velocity + temporal_coherence
+ amplitude_dispersion. Prints the adjusted Rand index (ARI) against the `truth` column for
  1. KMeans(k=5, n_init=10) on standardised features   (expected >= 0.9)
  2. KMeans(k=5, n_init=10) on raw features            (expected clearly worse: height dominates)
  3. MiniBatchKMeans(k=5, batch_size=256) standardised (scikit-learn semantics of the engine)
Needs numpy, pandas and scikit-learn (Debian: apt-get install python3-sklearn python3-pandas).
"""
import re
import sys

import pandas as pd
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler


def main(path):
    frame = pd.read_csv(path)
    dated = [c for c in frame.columns if re.fullmatch(r"\d{8}", c)]
    features = dated + ["height", "mean_velocity", "temporal_coherence", "amplitude_dispersion"]
    x = frame[features].to_numpy(dtype=float)
    truth = frame["truth"].to_numpy()
    z = StandardScaler().fit_transform(x)  # the all-zero reference column keeps scale 1

    print(f"{path}: {len(frame)} points, {len(dated)} dates, {len(features)} features")
    print("regime shares:", " ".join(f"{r}:{s:.3f}" for r, s in
                                     frame["truth"].value_counts(normalize=True).sort_index().items()))
    results = {
        "KMeans(k=5, n_init=10), standardised": KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(z),
        "KMeans(k=5, n_init=10), raw units": KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(x),
        "MiniBatchKMeans(k=5, batch_size=256), standardised":
            MiniBatchKMeans(n_clusters=5, batch_size=256, n_init=3, random_state=0).fit_predict(z),
    }
    for name, labels in results.items():
        print(f"ARI {adjusted_rand_score(truth, labels):.3f}  {name}")
    standardised = adjusted_rand_score(truth, results["KMeans(k=5, n_init=10), standardised"])
    raw = adjusted_rand_score(truth, results["KMeans(k=5, n_init=10), raw units"])
    ok = standardised >= 0.9 and raw < 0.6
    print("OK" if ok else "FAILED: expected standardised ARI >= 0.9 and raw ARI < 0.6")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "test-data/insar-catalogue.csv"))
