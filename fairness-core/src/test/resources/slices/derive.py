"""Derives compas_slices.csv from ProPublica's compas-scores-two-years.csv (all 7214 rows).

Run: python3 derive.py /path/to/compas-scores-two-years.csv > compas_slices.csv
Columns: sex, race, age_cat, charge_degree (c_charge_degree), priors (priors_count as 0, 1-3, 4+),
juvenile (yes when juv_fel_count + juv_misd_count + juv_other_count > 0), label (two_year_recid),
prediction (1 when decile_score >= 5, ProPublica's Medium/High).
"""
import csv
import sys

with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
header = rows[0]
col = {}
for i, h in enumerate(header):
    col.setdefault(h, i)  # the file has decile_score twice; the first is the score
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["sex", "race", "age_cat", "charge_degree", "priors", "juvenile", "label", "prediction"])
for r in rows[1:]:
    p = int(r[col["priors_count"]])
    priors = "0" if p == 0 else ("1-3" if p <= 3 else "4+")
    juv = sum(int(r[col[c]]) for c in ("juv_fel_count", "juv_misd_count", "juv_other_count"))
    w.writerow([r[col["sex"]], r[col["race"]], r[col["age_cat"]], r[col["c_charge_degree"]], priors,
                "yes" if juv > 0 else "no", r[col["two_year_recid"]],
                1 if int(r[col["decile_score"]]) >= 5 else 0])
