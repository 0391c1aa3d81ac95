"""Grade learners' notebooks (`lr-course grade`): the learner's code runs sandboxed, judging here.

Modules: identify (which notebook), extract (the learner's definitions, via ast), worker (the
sandbox: a pre-warmed fork server, one confined child per submission and per exercise),
processes (its pipes and process cleanup), confine (the limits applied inside that child),
isolation (namespaces through bubblewrap, or the process sandbox alone: what this machine
supports, the command starting the server), namespaces (inside them: the server out of reach,
a private workspace per submission), sandbox (the grader's handle on a server), grade (one
submission end to end), report (table, JSON, CSV, feedback files), cli (the command).
"""
