"""AWRF oracle: runs fair-trec/trec2022-fair-public's AWRFMetric.qr_awrf and qr_ndcg (wptrec,
from the fetched source) on small rankings with one fairness dimension (one-hot alignments).

usage: python3 awrf_oracle.py TREC_SRC
"""
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
import pandas as pd
import xarray as xr
from wptrec.dimension import FairDim
from wptrec.metrics.awrf import AWRFMetric

groups = ["g1", "g2", "g3"]
pages = ["p%d" % i for i in range(12)]
page_group = {p: groups[i % 3] if i < 9 else "g1" for i, p in enumerate(pages)}
df = pd.DataFrame([[1.0 if page_group[p] == g else 0.0 for g in groups] for p in pages], index=pd.Index(pages, name="page"),
                  columns=pd.Index(groups, name="grp"))
df.name = "grp"
da = xr.DataArray(df.values, coords={"page": pages, "grp": groups}, dims=("page", "grp"))
dim = FairDim(df, da)
rankings = {
    "q1": (["p0", "p1", "p2", "p3", "p4", "p5"], [0.5, 0.3, 0.2], ["p0", "p4", "p7"]),
    "q2": (["p9", "p10", "p11", "p0", "p3", "p1", "p2"], [0.2, 0.4, 0.4], ["p1", "p2", "p10", "p5"]),
    "q3": (["p2", "p5", "p8"], [1.0, 1.0, 1.0], ["p2"]),
}
qtgts = xr.DataArray([t for (_, t, _) in rankings.values()], coords={"qid": list(rankings), "grp": groups},
                     dims=("qid", "grp"))
metric = AWRFMetric(None, [dim], qtgts, target_len=500)
for qid, (run, tgt, rel) in rankings.items():
    s = pd.Series(run)
    awrf = metric.qr_awrf(s, qtgts.loc[qid])
    ndcg = metric.qr_ndcg(np.array(run), np.array(rel))
    print("%s,%s,%s,%s,%s,%r,%r" % (qid, " ".join(run), " ".join(page_group[p] for p in run),
                                     " ".join(map(repr, tgt)), " ".join("1" if p in rel else "0" for p in run) + "|" + str(len(rel)),
                                     float(awrf), float(ndcg)))
