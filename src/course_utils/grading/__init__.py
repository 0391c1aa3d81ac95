"""Grade learners' notebooks (`lr-course grade`): the learner's code runs sandboxed, judging here.

Modules: identify (which notebook), extract (the learner's definitions, via ast), worker (the
sandbox: a pre-warmed fork server, one confined child per submission and per exercise),
confine (the limits applied inside that child), grade (one submission end to end),
report (table, JSON, CSV, feedback files), cli (the command).
"""
