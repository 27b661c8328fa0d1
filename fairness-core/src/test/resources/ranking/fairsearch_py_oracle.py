"""Prints fairsearch-fair-python's m-tables and fail probabilities (run from the fetched source)."""
import sys
sys.path.insert(0, sys.argv[1])
from fairsearchcore import mtable_generator, fail_prob
# Compatibility shim for pandas 1.5 / numpy 1.24: block sizes arrive as numpy.int64, and Python
# refuses a numpy.int64 returned from __hash__. Wrapping the reference's own hash in int() changes
# no value; it only lets the memo dictionary work.
_hash = fail_prob.LegalAssignmentKey.__hash__
fail_prob.LegalAssignmentKey.__hash__ = lambda self: int(_hash(self))
mode, k, p, alpha = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
if mode == "adjusted":
    pair = fail_prob.RecursiveNumericFailProbabilityCalculator(k, p, alpha).adjust_alpha()
    m = [int(x) for x in pair.mtable.m.tolist()]
    al, fp = pair.alpha, pair.fail_prob
else:
    gen = mtable_generator.MTableGenerator(k, p, alpha, False)
    m = gen.mtable_as_list()
    al = alpha
    fp = fail_prob.RecursiveNumericFailProbabilityCalculator(k, p, alpha).calculate_fail_probability(gen.mtable_as_dataframe())
print("%s,%d,%r,%r,%s,%s,%s" % (mode, k, p, alpha, float(al).hex(), float(fp).hex(), " ".join(map(str, m))))
