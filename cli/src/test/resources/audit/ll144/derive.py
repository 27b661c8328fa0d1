"""Derives ll144_compas.csv from fairness-core's compas_golden_input.csv (first 2000 data rows).

Blank sex where row_index % 97 == 5, blank race/ethnicity where row_index % 89 == 3 (row_index is
0-based, header excluded), so the tables have unknown applicants. Columns: id, sex, race,
decile_score (the score), y_pred (1 = selected, decile_score >= 5).
Run from the repository root: python3 cli/src/test/resources/audit/ll144/derive.py
"""
import csv

src = "fairness-core/src/test/resources/datasets/compas_golden_input.csv"
dst = "cli/src/test/resources/audit/ll144/ll144_compas.csv"
with open(src, newline="") as f, open(dst, "w", newline="") as g:
    r = csv.DictReader(f)
    w = csv.writer(g, lineterminator="\n")
    w.writerow(["id", "sex", "race", "decile_score", "y_pred"])
    for i, row in enumerate(r):
        if i >= 2000:
            break
        sex = "" if i % 97 == 5 else row["sex"]
        race = "" if i % 89 == 3 else row["race"]
        w.writerow([row["id"], sex, race, row["decile_score"], row["y_pred"]])
