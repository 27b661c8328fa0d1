"""Independent NYC Local Law 144 tables (6 RCNY 5-301) from a CSV, numpy only.

usage: python3 ll144_oracle.py FILE SEX_COL RACE_COL (--selected COL VALUE | --score COL) MIN_SHARE [UNKNOWN...]

Prints JSON: kind, median (scoring), applicants, per table the rows (category, applicants,
selected, rate, impact_ratio or null, excluded) and the unknown counts. An empty cell or one of
the UNKNOWN values is unknown. Written from the rule's text, not from Fairway's code.
"""
import csv
import json
import sys

import numpy as np

args = sys.argv[1:]
path, sex_col, race_col, mode = args[0], args[1], args[2], args[3]
if mode == "--selected":
    sel_col, sel_value = args[4], args[5]
    rest = args[6:]
else:
    score_col = args[4]
    rest = args[5:]
min_share = float(rest[0])
unknown = set(rest[1:]) | {""}

with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
sex = np.array([r[sex_col] for r in rows], dtype=object)
race = np.array([r[race_col] for r in rows], dtype=object)
out = {"applicants": len(rows)}
if mode == "--selected":
    hit = np.array([r[sel_col] == sel_value for r in rows])
    out["kind"] = "selection"
else:
    score = np.array([float(r[score_col]) for r in rows])
    median = float(np.median(score))  # numpy: mean of the two middle values for an even count
    hit = score > median
    out["kind"] = "scoring"
    out["median"] = median

known_sex = np.array([s not in unknown for s in sex])
known_race = np.array([s not in unknown for s in race])


def table(keys, known):
    cats = sorted(set(keys[known]))
    total = int(known.sum())
    res = []
    for c in cats:
        m = known & (keys == c)
        n = int(m.sum())
        k = int(hit[m].sum())
        res.append({"category": c, "applicants": n, "selected": k, "rate": k / n,
                    "excluded": bool(n < min_share * total)})
    top = max([r["rate"] for r in res if not r["excluded"]], default=0.0)
    for r in res:
        r["impact_ratio"] = None if r["excluded"] or top == 0 else r["rate"] / top
    return res, int(len(keys) - total)


both = np.array([s + "\u0001" + r for s, r in zip(sex, race)], dtype=object)
t_sex, u_sex = table(sex, known_sex)
t_race, u_race = table(race, known_race)
t_both, u_both = table(both, known_sex & known_race)
for r in t_both:
    s, e = r["category"].split("\u0001")
    r["category"] = {"sex": s, "race_ethnicity": e}
out["tables"] = {"sex": t_sex, "race_ethnicity": t_race, "intersectional": t_both}
out["unknown"] = {"sex": u_sex, "race_ethnicity": u_race, "intersectional": u_both}
print(json.dumps(out, indent=2, sort_keys=True))
