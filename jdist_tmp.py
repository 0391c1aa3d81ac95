import random
from tests.mutants import verdicts
from tests.corpus_loader import entries
from course_utils.exercises import EXERCISES
from course_utils.verdict import explain, known_outcomes, MATCH
for name in ['step_lr','multistep_lr','exponential_lr','cosine_lr','reduce_on_plateau','one_cycle_lr','warmup_cosine_schedule']:
    e=EXERCISES[name]
    cases=e.cases(random.Random(0)); exp=e.expected(cases); runs=known_outcomes(e,cases)
    vs=verdicts(e)
    for v in vs:
        if v.kind!='wrong': continue
        fn=v.mutant.load(); outs=[e.evaluate(fn,c) for c in cases]
        ex=sorted(((explain(e,cases,exp,outs,runs[m.key]).share,m.key, explain(e,cases,exp,outs,runs[m.key]).contained) for m in e.mistakes), reverse=True)
        top=ex[0]
        if 0.3 < top[0] < 0.999 or (v.mistakes[0] and top[0]<0.999):
            print(f"{name:24} {top[0]:.2f} c={top[2]} named={v.mistakes} {v.mutant.where[:90]}")
