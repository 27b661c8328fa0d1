#!/usr/bin/python3
"""The TreeShapBenchmark's model and XGBoost's own timing on it. Ours; see README.md.

  /usr/bin/python3 tree_bench.py train   # writes model.json and rows.csv (seeded)
  /usr/bin/python3 tree_bench.py time    # XGBoost pred_contribs / margin per row, nthread=1, best of 5 over 10,000 rows
"""
import sys
import time
import numpy as np
import xgboost as xgb

NAMES = ["income", "age", "tenure", "debt", "visits", "utilisation", "inquiries", "accounts", "delinquencies",
         "region", "channel"]


def data(rng, n):
    x = rng.normal(size=(n, len(NAMES)))
    x[rng.random(size=x.shape) < 0.05] = np.nan
    return x


def label(x, rng):
    z = np.nan_to_num(x)
    s = z[:, 0] - z[:, 3] + 0.5 * z[:, 1] * z[:, 2] + np.sin(z[:, 4]) + 0.3 * z[:, 5] ** 2 - 0.4 * z[:, 6] \
        + 0.2 * z[:, 7] * z[:, 8] + 0.1 * z[:, 9] - 0.1 * z[:, 10]
    return (s + rng.normal(scale=0.5, size=len(z)) > 0).astype(float)


def train():
    rng = np.random.default_rng(150)
    x = data(rng, 20000)
    d = xgb.DMatrix(x, label=label(x, rng), feature_names=NAMES)
    b = xgb.train({"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "seed": 7, "nthread": 1,
                   "tree_method": "exact", "min_child_weight": 0}, d, num_boost_round=150)
    b.save_model("model.json")
    rows = data(np.random.default_rng(151), 1000)
    with open("rows.csv", "w") as f:
        f.write(",".join(NAMES) + "\n")
        for r in rows:
            f.write(",".join("" if np.isnan(v) else repr(float(v)) for v in r) + "\n")


def timing(margin_only=False):
    b = xgb.Booster({"nthread": 1})
    b.load_model("model.json")
    b.set_param({"nthread": 1})
    x = data(np.random.default_rng(152), 10000)
    cases = (("pred_contribs", {"pred_contribs": True}), ("output_margin", {"output_margin": True}))
    for what, kw in cases[1:] if margin_only else cases:
        best = float("inf")
        for _ in range(5):
            # a fresh DMatrix each time: XGBoost caches a DMatrix's margin predictions
            d = xgb.DMatrix(x, feature_names=NAMES, nthread=1)
            t = time.perf_counter()
            b.predict(d, **kw)
            best = min(best, time.perf_counter() - t)
        print("xgboost %s %s: %.2f us per row (nthread=1, best of 5 over %d rows)"
              % (xgb.__version__, what, best / len(x) * 1e6, len(x)))


if __name__ == "__main__":
    {"train": train, "time": timing, "margin": lambda: timing(margin_only=True)}[sys.argv[1]]()
