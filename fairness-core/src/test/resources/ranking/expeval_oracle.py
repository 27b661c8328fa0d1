"""Runs diazf/expeval's own functions on qrels.txt/run.txt and prints raw values and bounds at full
precision (expeval's command line prints %f). Mirrors expeval.py's main() step for step.

usage: python3 expeval_oracle.py EXPEVAL_SRC QRELS RUN
"""
import sys, math
sys.path.insert(0, sys.argv[1])
import data, exposure, group

qfn, rfn = sys.argv[2], sys.argv[3]
for um, p, u in (("rbp", 0.5, 0.5), ("rbp", 0.8, 0.5), ("gerr", 0.5, 0.5), ("gerr", 0.7, 0.3)):
    for complete in (True, False):
        for grp in (False, True):
            qrels, did2gids = data.read_qrels(qfn, False, complete)
            perms = data.read_topfile(rfn)
            for qid in sorted(qrels):
                targ, disp, rel, diff = exposure.target(qrels[qid], um, p, u, complete)
                runexp = exposure.expected(perms[qid], qrels[qid], um, p, u)
                if grp:
                    gt = group.exposure(targ, did2gids[qid], qrels[qid], complete)
                    n = len(targ) if complete else math.inf
                    r = sum(1 for v in qrels[qid].values() if v > 0)
                    disp, rel, diff = group.metrics(gt, um, p, u, n, r)
                    runexp = group.exposure(runexp, did2gids[qid], qrels[qid], complete)
                for m in (disp, rel, diff):
                    m.compute(runexp)
                    print(",".join([um, repr(p), repr(u), "complete" if complete else "retrieval",
                                    "group" if grp else "individual", qid, m.name, repr(m.value),
                                    repr(m.lowerBound), repr(m.upperBound)]))
