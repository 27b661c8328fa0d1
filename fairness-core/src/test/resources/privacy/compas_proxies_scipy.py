"""Oracle for ProxyReport on COMPAS: every measure computed with scipy/numpy, independently of Fairway.

Run from this folder:  python3 compas_proxies_scipy.py > compas_proxies_scipy.json
Input: ../datasets/compas_golden_input.csv (all 7214 rows).
"""
import csv
import json
import numpy as np
import scipy
from scipy.stats import contingency, chi2_contingency, entropy, mannwhitneyu

with open("../datasets/compas_golden_input.csv", newline="") as fh:
    rows = list(csv.DictReader(fh))

SENSITIVE = ["race", "sex"]
CATEGORICAL = ["decile_score", "two_year_recid", "y_pred", "sex", "race"]
NUMERIC = ["age"]
BINS = 10


def table(f, s):
    fl = sorted(set(f))
    sl = sorted(set(s))
    t = np.zeros((len(fl), len(sl)), dtype=np.int64)
    fi = {v: i for i, v in enumerate(fl)}
    si = {v: i for i, v in enumerate(sl)}
    for a, b in zip(f, s):
        t[fi[a], si[b]] += 1
    return t


def measures(t):
    n = t.sum()
    r, c = t.shape
    v = contingency.association(t, method="cramer", correction=False)
    res = chi2_contingency(t, correction=False)
    phi2 = res.statistic / n
    phi2c = max(0.0, phi2 - (r - 1) * (c - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1)
    cc = c - (c - 1) ** 2 / (n - 1)
    vc = np.sqrt(phi2c / min(rc - 1, cc - 1))
    p = t / n
    mi = entropy(p.sum(axis=1)) + entropy(p.sum(axis=0)) - entropy(p.ravel())
    return {"n": int(n), "cramers_v": float(v), "cramers_v_corrected": float(vc),
            "mutual_information": float(mi), "p_value": float(res.pvalue), "chi2": float(res.statistic)}


def quantile_bins(x, bins):
    srt = np.sort(x)
    n = len(srt)
    cuts = np.unique(np.array([srt[(i * n) // bins] for i in range(1, bins)]))
    return np.searchsorted(cuts, x, side="right")


out = {"scipy": scipy.__version__, "numpy": np.__version__,
       "command": "python3 compas_proxies_scipy.py > compas_proxies_scipy.json", "bins": BINS, "pairs": []}
for s in SENSITIVE:
    sv = [row[s] for row in rows]
    for f in CATEGORICAL:
        if f == s:
            continue
        m = measures(table([row[f] for row in rows], sv))
        m.update(feature=f, sensitive=s, kind="categorical", auc=None)
        out["pairs"].append(m)
    for f in NUMERIC:
        x = np.array([float(row[f]) for row in rows])
        b = quantile_bins(x, BINS)
        m = measures(table(list(b), sv))
        m.update(feature=f, sensitive=s, kind="numeric", auc=None)
        levels = sorted(set(sv))
        if len(levels) == 2:
            sa = np.array(sv)
            x1, x2 = x[sa == levels[0]], x[sa == levels[1]]
            u = mannwhitneyu(x1, x2, alternative="two-sided").statistic
            a = u / (len(x1) * len(x2))
            m["auc"] = float(max(a, 1 - a))
        out["pairs"].append(m)
print(json.dumps(out, indent=2))
