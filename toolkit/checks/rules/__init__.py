"""Consistency rules: each declared rule load-checked, then evaluated on intervals (pass, fail, not evaluated).

- ``consistency``: the driver (``check_consistency``) and the load checks of a rule's names and units;
- ``evaluate``: one evaluator per rule kind; ``expressions``: the ``expr`` kind on intervals;
- ``figures``: what rules can name, as intervals in base units; ``intervals``: interval arithmetic in Decimal;
- ``typos``: the one-digit slip that would make a failing rule hold.
"""
