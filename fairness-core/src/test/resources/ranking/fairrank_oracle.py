"""Prefix-fairness oracle: runs DataResponsibly/FairRank's own measures.py and dataGenerator.py
(Yang & Stoyanovich, rND/rKL/rRD) from their fetched sources under Python 3.

The reference is Python 2. Its source is read and executed unchanged except for two things done
here, in memory: the names `long` and `basestring` are given to its modules (as int and str), and
dataGenerator.py's one print statement (`print "Error!"`, reached only when an insertion fails) is
turned into a call so that the file compiles. Nothing else is touched.

usage: python3 fairrank_oracle.py FAIRRANK_SRC > fairrank_oracle.csv

Lines (every float printed with repr):
  ranking,NAME,STEP,FLAGS,rND,rKL,rRD        unnormalised sums (calculateNDFairness(..., 1)) of the
                                             ranking whose rank i is protected when FLAGS[i-1]=='1'
  normalizer,N,P,MEASURE,SEED,Z,FP0          calculateNormalizer(N, P, MEASURE) after random.seed(SEED),
                                             and the unnormalised value of its fairness-probability-0
                                             ranking (protected last; deterministic)
  brute,N,P,STEP,MEASURE,MAX                 the maximum of calculateNDFairness(..., 1) over every
                                             arrangement of P protected among N (itertools.combinations)
  overshoot,N,P,MEASURE,SEED,VALUE           calculateNDFairness of the protected-first ranking divided
                                             by the seeded calculateNormalizer: the reference's own
                                             normalised value of that ranking
"""
import builtins, itertools, random, sys, types

src = sys.argv[1]

def load(name, patch=None):
    text = open(src + "/" + name + ".py").read()
    if patch:
        assert patch[0] in text, patch[0]
        text = text.replace(patch[0], patch[1])
    mod = types.ModuleType(name)
    mod.__dict__["long"] = int
    mod.__dict__["basestring"] = str
    sys.modules[name] = mod
    exec(compile(text, src + "/" + name + ".py", "exec"), mod.__dict__)
    return mod

dg = load("dataGenerator", ('print "Error!"', 'print("Error!")'))
ms = load("measures")

MEASURES = ["rND", "rKL", "rRD"]

def as_ranking(flags):
    n = len(flags)
    return list(range(n)), [i for i in range(n) if flags[i] == "1"]

def unnormalised(flags, step, m):
    ranking, prot = as_ranking(flags)
    return ms.calculateNDFairness(ranking, prot, step, m, 1)

rankings = [
    ("a20", 10, "01001000100010000100"),
    ("b20", 10, "00000000000111111111"),
    ("c20", 5, "10100100010000110001"),
    ("d30", 10, "010010010001000100100101100000"),
    ("e30", 3, "001100001010000011000100011001"),
    ("f47", 10, "01010010001000100100101000100010101000100010011"),
    ("g47", 5, "00100010000100001000010001000010000100001111111"),
    ("h12", 2, "011001001010"),
    ("i12", 4, "100000100011"),
    ("j20", 10, "11111111110000000000"),
    ("k30", 10, "100000000000000000000000011111"),
]
rng = random.Random(20170627)
for name, p_share in (("r100", 0.3), ("s100", 0.5), ("t100", 0.7)):
    flags = "".join("1" if rng.random() < p_share else "0" for _ in range(100))
    rankings.append((name, 10, flags))
flags = ["0"] * 100
for pos in rng.sample(range(100), 25):
    flags[pos] = "1"
rankings.append(("u100", 7, "".join(flags)))

for name, step, flags in rankings:
    vals = [repr(unnormalised(flags, step, m)) for m in MEASURES]
    print("ranking,%s,%d,%s,%s" % (name, step, flags, ",".join(vals)))

for n, p in ((20, 6), (30, 9), (47, 13), (100, 30), (100, 50), (100, 70)):
    for m in MEASURES:
        for seed in (1, 2):
            random.seed(seed)
            z = ms.calculateNormalizer(n, p, m)
            ranking = dg.generateUnfairRanking(list(range(n)), list(range(p)), 0)
            fp0 = ms.calculateNDFairness(ranking, list(range(p)), 10, m, 1)
            print("normalizer,%d,%d,%s,%d,%r,%r" % (n, p, m, seed, float(z), float(fp0)))

for n, p, step in ((20, 6, 10), (20, 10, 10), (20, 3, 5), (16, 5, 4), (14, 4, 3), (12, 5, 2)):
    for m in ("rND", "rRD"):
        best = 0.0
        for combo in itertools.combinations(range(n), p):
            v = ms.calculateNDFairness(list(range(n)), list(combo), step, m, 1)
            best = max(best, v)
        print("brute,%d,%d,%d,%s,%r" % (n, p, step, m, float(best)))

for n, p in ((100, 30), (100, 50)):
    for m in ("rND", "rKL"):
        for seed in (1, 2):
            random.seed(seed)
            z = ms.calculateNormalizer(n, p, m)
            v = ms.calculateNDFairness(list(range(n)), list(range(p)), 10, m, z)
            print("overshoot,%d,%d,%s,%d,%r" % (n, p, m, seed, float(v)))
