import sys, time, random
from tests.mutants import verdicts, summary
from course_utils.exercises import EXERCISES
from course_utils.verdict import explain, known_outcomes
for name in sys.argv[1:]:
    e = EXERCISES[name]
    t=time.time()
    vs=verdicts(e)
    print(name, summary(vs), f"{time.time()-t:.1f}s")
    cases = e.cases(random.Random(0)); exp = e.expected(cases); runs=known_outcomes(e,cases)
    for v in vs:
        if v.kind in ("wrong","flaky"):
            fn = v.mutant.load()
            outs=[e.evaluate(fn,c) for c in cases]
            js = sorted(((explain(e,cases,exp,outs,runs[m.key]).share, m.key) for m in e.mistakes), reverse=True)[:2]
            jt = " ".join(f"{k}:{j:.2f}" for j,k in js)
            print(f"  {v.kind:6} {'R' if v.raises else ' '} {str(set(v.mistakes)):28} [{jt:50}] {v.mutant.where[:110]}")
        elif v.kind=="equivalent":
            print(f"  EQUIV  {v.mutant.where}")
