import sys, random
sys.path.insert(0, "/work/main/src")
import course_utils; print(course_utils.__file__, file=sys.stderr)
from course_utils.exercises import EXERCISES
from course_utils.verdict import mismatch, _same
from tests.mutants import mutants, classify, SKIPPED
def share(e, cases, exp, outs, impl):
    d=a=0
    for c,w,o in zip(cases,exp,outs):
        t=e.evaluate(impl,c)
        if mismatch(e,c,w,o) is None and mismatch(e,c,w,t) is None: continue
        d+=1; a+=_same(e,c,t,o)
    return a/d if d else 1
print("| exercise | mutants | equivalent | broken | wrong | named | named right |")
for name,e in EXERCISES.items():
    if name in SKIPPED: continue
    vs=[classify(e,m) for m in mutants(e)]
    wrong=[v for v in vs if v.kind in ("wrong","flaky")]
    cases=e.cases(random.Random(0)); exp=e.expected(cases)
    named=right=0
    for v in wrong:
        if v.mistakes[0]:
            named+=1
            fn=v.mutant.load(); outs=[e.evaluate(fn,c) for c in cases]
            m=next(m for m in e.mistakes if m.key==v.mistakes[0])
            right+= share(e,cases,exp,outs,m.implementation)>=0.8
    eq=sum(v.kind=="equivalent" for v in vs); br=sum(v.kind=="broken" for v in vs)
    print(f"| {name} | {len(vs)} | {eq} | {br} | {len(wrong)} | {named} ({named/len(wrong):.0%}) | {right} ({right/len(wrong):.0%}) |")
