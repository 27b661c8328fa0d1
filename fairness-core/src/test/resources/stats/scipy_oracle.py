"""Reference values for dev.fairway.fairness.stats tests, computed by scipy (not by Fairway).

Run from the repository root:
    python3 fairness-core/src/test/resources/stats/scipy_oracle.py > fairness-core/src/test/resources/stats/scipy_stats.json
Versions used are written into the output ("versions").
"""
import csv
import json
import platform
import sys

import numpy
import scipy
from scipy import stats

rows = list(csv.DictReader(open("fairness-core/src/test/resources/datasets/compas_golden_input.csv", newline="")))

out = {"schema": "fairway-stats-oracle/v1", "tool": "scipy",
       "versions": {"python": platform.python_version(), "numpy": numpy.__version__, "scipy": scipy.__version__},
       "command": "python3 fairness-core/src/test/resources/stats/scipy_oracle.py", "proportion_ci": [],
       "contingency": [], "fisher_exact": [], "two_proportion_z": []}

# binomial proportion intervals: scipy.stats.binomtest(k, n).proportion_ci(level, method)
for k, n in [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (7, 18), (1, 32), (1901, 3696), (500, 1000), (1, 1000000)]:
    for level in (0.9, 0.95, 0.99):
        r = stats.binomtest(k, n)
        w = r.proportion_ci(confidence_level=level, method="wilson")
        e = r.proportion_ci(confidence_level=level, method="exact")
        out["proportion_ci"].append({"k": k, "n": n, "level": level, "wilson": [w.low, w.high],
                                     "clopper_pearson": [e.low, e.high]})

def table(column):
    groups = sorted({r[column] for r in rows})
    t = [[sum(1 for r in rows if r[column] == g and r["y_pred"] == v) for v in ("0", "1")] for g in groups]
    return groups, t

for column in ("race", "sex"):
    groups, t = table(column)
    chi = stats.chi2_contingency(t, correction=False)
    g = stats.chi2_contingency(t, correction=False, lambda_="log-likelihood")
    out["contingency"].append({"grouping": column, "groups": groups, "table_pred0_pred1": t,
                               "chi_square": {"statistic": chi[0], "p_value": chi[1], "dof": int(chi[2])},
                               "g_test": {"statistic": g[0], "p_value": g[1], "dof": int(g[2])}})
    # two-proportion z-test of each group's selection rate against the reference group (pooled variance)
    ref = "Caucasian" if column == "race" else "Female"
    rt = t[groups.index(ref)]
    for name, row in zip(groups, t):
        if name == ref:
            continue
        n1, k1 = sum(row), row[1]
        n2, k2 = sum(rt), rt[1]
        p = (k1 + k2) / (n1 + n2)
        z = (k1 / n1 - k2 / n2) / numpy.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
        out["two_proportion_z"].append({"grouping": column, "group": name, "reference": ref, "k": k1, "n": n1,
                                        "k_ref": k2, "n_ref": n2, "z": float(z),
                                        "p_value": float(2 * stats.norm.sf(abs(z)))})

for t in ([[3, 1], [1, 3]], [[10, 2], [3, 15]], [[0, 5], [6, 1]], [[1, 2], [3, 4]]):
    r = stats.fisher_exact(t, alternative="two-sided")
    out["fisher_exact"].append({"table": t, "odds_ratio": float(r[0]), "p_value": float(r[1])})
# Fisher on COMPAS sex x y_pred (2x2)
groups, t = table("sex")
r = stats.fisher_exact(t)
out["fisher_exact"].append({"table": t, "grouping": "sex", "odds_ratio": float(r[0]), "p_value": float(r[1])})

json.dump(out, sys.stdout, indent=1)
print()
