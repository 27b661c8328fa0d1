"""Popularity-bias oracle: runs RecBole's and Elliot's own metric code (from their fetched sources)
on a small catalog. Heavy imports (torch, RecBole's and Elliot's base classes, sklearn) are stubbed;
the functions called use only numpy and the standard library.

usage: python3 popularity_oracle.py RECBOLE_METRICS_PY ELLIOT_ROOT
"""
import sys, types, importlib.util
import numpy as np
import scipy.sparse as sp

def stub(name, **attrs):
    m = types.ModuleType(name)
    for k, v in attrs.items():
        setattr(m, k, v)
    sys.modules[name] = m
    return m

class Base:  # stands in for the references' abstract metric base classes
    def __init__(self, *a, **k):
        pass

stub("sklearn"); stub("sklearn.metrics", auc=None, mean_absolute_error=None, mean_squared_error=None)
stub("recbole"); stub("recbole.evaluator")
stub("recbole.evaluator.utils", _binary_clf_curve=None)
stub("recbole.evaluator.base_metric", AbstractMetric=Base, TopkMetric=Base, LossMetric=Base)
stub("recbole.utils", EvaluatorType=types.SimpleNamespace(RANKING=1, VALUE=2))
stub("elliot"); stub("elliot.evaluation"); stub("elliot.evaluation.metrics")
stub("elliot.evaluation.metrics.base_metric", BaseMetric=Base)

def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

rb = load("rb_metrics", sys.argv[1])
root = sys.argv[2]
pop_mod = load("el_pop", root + "/elliot/evaluation/popularity_utils/popularity.py")
aplt_mod = load("el_aplt", root + "/elliot/evaluation/metrics/bias/aplt/aplt.py")
aclt_mod = load("el_aclt", root + "/elliot/evaluation/metrics/bias/aclt/aclt.py")
arp_mod = load("el_arp", root + "/elliot/evaluation/metrics/bias/arp/arp.py")
se_mod = load("el_se", root + "/elliot/evaluation/metrics/diversity/shannon_entropy/shannon_entropy.py")

# The small catalog: 12 items; training interactions of 10 users (binary matrix).
n_items, k = 12, 4
rng = np.random.default_rng(20261202)
train = (rng.random((10, n_items)) < np.linspace(0.9, 0.05, n_items)).astype(int)
popularity = train.sum(axis=0)
# Recommendation lists of 5 items (longer than k), item ids 0..11.
lists = [list(rng.permutation(n_items)[:5]) for _ in range(6)]
top = np.array([l[:k] for l in lists])

print("# catalog popularity (item 0..11):", " ".join(map(str, popularity)))
for u, l in enumerate(lists):
    print("# list %d:" % u, " ".join(map(str, l)))

# RecBole (padding item excluded: we pass the true catalog size)
arp_rb = rb.AveragePopularity.metric_info(None, rb.AveragePopularity.get_pop(None, top, dict(enumerate(popularity))))[:, k - 1].mean()
cov_rb = rb.ItemCoverage.get_coverage(None, top, n_items)
gini_rb = rb.GiniIndex.get_gini(None, top, n_items)
gini_rb_plus1 = rb.GiniIndex.get_gini(None, top, n_items + 1)
ent_rb = rb.ShannonEntropy.get_entropy(None, top)

# Elliot
data = types.SimpleNamespace(private_items={i: i for i in range(n_items)}, sp_i_train=sp.csr_matrix(train),
                             transactions=int(train.sum()))
pop = pop_mod.Popularity(data)
tail = pop.get_long_tail()
recs = {u: [(i, 1.0) for i in l] for u, l in enumerate(lists)}
pops = pop.get_pop_items()
arp_el = np.mean([arp_mod.ARP._ARP__user_arp(r, k, pops) for r in recs.values()])
aplt_el = np.mean([aplt_mod.APLT._APLT__user_aplt(r, k, tail) for r in recs.values()])
aclt_el = np.mean([aclt_mod.ACLT._ACLT__user_aclt(r, k, tail) for r in recs.values()])
counts = np.bincount(top.flatten(), minlength=n_items)
q = counts[counts > 0] / counts.sum()
print("k,%d" % k)
print("arp_recbole,%r" % float(arp_rb))
print("arp_elliot,%r" % float(arp_el))
print("coverage_recbole,%r" % float(cov_rb))
print("gini_recbole_true_catalog,%r" % float(gini_rb))
print("gini_recbole_catalog_plus_1,%r" % float(gini_rb_plus1))
print("shannon_entropy_recbole,%r" % float(ent_rb))
print("long_tail_elliot,%s" % " ".join(map(str, sorted(tail))))
print("aplt_elliot,%r" % float(aplt_el))
print("aclt_elliot,%r" % float(aclt_el))
# Elliot's SEntropy: its constructor's fields are set by hand (the base class is stubbed)
se = object.__new__(se_mod.ShannonEntropy)
se._recommendations = recs
se._cutoff = k
se._item_count, se._item_weights, se._free_norm = {}, {}, 0
import math
se._ln2 = math.log(2.0)
print("shannon_entropy_elliot_bits,%r" % float(se.eval()))
