"""Brute-force worst-off slices (SliceLine's score), numpy only: every conjunction of up to
MAX_LEVEL feature=value predicates over distinct features is counted; the slices with at least
MIN_SUPPORT rows and score > 0 are sorted by score (descending), size (descending), then
predicates (feature order, then level in order of first appearance) and the first TOP printed.

usage: python3 slices_bruteforce.py FILE ERROR MAX_LEVEL MIN_SUPPORT TOP ALPHA
ERROR is misclassification, false_positive or false_negative.
"""
import csv
import itertools
import json
import sys

import numpy as np

path, error, max_level, min_sup, top, alpha = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \
    int(sys.argv[5]), float(sys.argv[6])
with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
features = [c for c in rows[0].keys() if c not in ("label", "prediction")]
y = np.array([r["label"] == "1" for r in rows])
p = np.array([r["prediction"] == "1" for r in rows])
err = {"misclassification": y != p, "false_positive": p & ~y, "false_negative": ~p & y}[error]
n = len(rows)
mean = err.sum() / n
levels = {}
for fe in features:
    seen = []
    for r in rows:
        if r[fe] not in seen:
            seen.append(r[fe])
    levels[fe] = seen
cols = {fe: np.array([r[fe] for r in rows], dtype=object) for fe in features}
out = []
for k in range(1, max_level + 1):
    for fs in itertools.combinations(range(len(features)), k):
        for vals in itertools.product(*[range(len(levels[features[i]])) for i in fs]):
            mask = np.ones(n, dtype=bool)
            for i, v in zip(fs, vals):
                mask &= cols[features[i]] == levels[features[i]][v]
            size = int(mask.sum())
            if size < min_sup:
                continue
            e = int(err[mask].sum())
            score = alpha * ((e / size) / mean - 1) - (1 - alpha) * (n / size - 1)
            if score > 0:
                out.append((-score, -size, [(i, v) for i, v in zip(fs, vals)], e))
out.sort(key=lambda t: (t[0], t[1], t[2]))
res = [{"predicates": {features[i]: levels[features[i]][v] for i, v in preds}, "size": -s, "errors": e,
        "score": -sc} for sc, s, preds, e in out[:top]]
print(json.dumps({"rows": n, "mean_error": float(mean), "slices": res}, indent=2))
