#!/usr/bin/python3
"""Trains small XGBoost models on seeded synthetic data and records their margins and
pred_contribs as goldens for explain-trees' tests. Ours (not third-party code); see README.md.

Run from this directory:  /usr/bin/python3 make_goldens.py
"""
import json
import numpy as np
import xgboost as xgb

NAMES = ["income", "age", "tenure", "debt", "visits"]


def data(rng, n):
    x = rng.normal(size=(n, len(NAMES)))
    x[:, 1] = np.round(x[:, 1] * 10 + 40)  # integer-valued ages: ties at split points
    return x


def with_missing(rng, x, share):
    x = x.copy()
    x[rng.random(size=x.shape) < share] = np.nan
    return x


def thresholds(booster):
    out = []
    for tree in json.loads(booster.save_raw("json"))["learner"]["gradient_booster"]["model"]["trees"]:
        for i, left in enumerate(tree["left_children"]):
            if left != -1:
                out.append((tree["split_indices"][i], tree["split_conditions"][i]))
    return out


def edge_rows(booster, base, rng, count):
    """Rows with one feature exactly at a float32 threshold, or the float64 just below it (which
    rounds up to the threshold when cast to float32, so it must go right)."""
    rows = []
    ts = thresholds(booster)
    for k in range(count):
        f, t = ts[rng.integers(len(ts))]
        r = base[rng.integers(len(base))].copy()
        t64 = float(np.float32(t))
        r[f] = t64 if k % 2 == 0 else np.nextafter(t64, -np.inf)
        rows.append(r)
    return np.array(rows)


def fmt(v):
    return "" if np.isnan(v) else repr(float(v))


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(fmt(v) for v in r) + "\n")


def make(name, params, label, rounds, rng):
    x = with_missing(rng, data(rng, 600), 0.08)
    y = label(np.nan_to_num(x), rng)
    dtrain = xgb.DMatrix(x, label=y, feature_names=NAMES)
    params = dict(params, seed=7, nthread=1, tree_method="exact")
    booster = xgb.train(params, dtrain, num_boost_round=rounds)
    booster.save_model(name + ".model.json")
    test = with_missing(rng, data(rng, 60), 0.15)
    test = np.vstack([test, edge_rows(booster, test, rng, 40)])
    dtest = xgb.DMatrix(test, feature_names=NAMES)
    margin = booster.predict(dtest, output_margin=True).reshape(len(test), -1)
    pred = booster.predict(dtest).reshape(len(test), -1)
    contribs = booster.predict(dtest, pred_contribs=True).reshape(-1, len(NAMES) + 1)
    write_csv(name + ".rows.csv", NAMES, test)
    k = margin.shape[1]
    write_csv(name + ".margin.csv", ["margin%d" % c for c in range(k)], margin.astype(np.float64))
    write_csv(name + ".predict.csv", ["predict%d" % c for c in range(pred.shape[1])], pred.astype(np.float64))
    write_csv(name + ".contribs.csv", NAMES + ["bias"], contribs.astype(np.float64))


def main():
    rng = np.random.default_rng(20261208)
    make("logistic", {"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "base_score": 0.3},
         lambda x, r: (x[:, 0] + 0.05 * (x[:, 1] - 40) - x[:, 2] + 0.5 * x[:, 3] * x[:, 4]
                       + r.normal(scale=0.5, size=len(x)) > 0).astype(float), 20, rng)
    make("squarederror", {"objective": "reg:squarederror", "max_depth": 4, "eta": 0.3, "base_score": 1.25},
         lambda x, r: np.sin(x[:, 0]) + x[:, 2] * x[:, 3] + 0.02 * x[:, 1] + r.normal(scale=0.1, size=len(x)),
         20, rng)
    make("softprob", {"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.3},
         lambda x, r: np.digitize(x[:, 0] - x[:, 2] + 0.3 * x[:, 4] + r.normal(scale=0.3, size=len(x)),
                                  [-0.5, 0.5]).astype(float), 10, rng)
    make("poisson", {"objective": "count:poisson", "max_depth": 3, "eta": 0.3},
         lambda x, r: r.poisson(np.exp(0.4 * x[:, 0] - 0.3 * x[:, 3] + 0.01 * (x[:, 1] - 40))).astype(float),
         20, rng)


if __name__ == "__main__":
    main()
