"""Stage 3a, checks: everything validation finds in a loaded report.

- ``framework``: parts map to the framework's pillars; names are unique and not reserved;
- ``rules``: the consistency rules, evaluated on intervals of reported precision;
- ``prose``: the lint of the report's wording (figures left in prose, stale years);
- ``completeness``: missing figures and empty parts;
- ``priors``: last year's report as prior values; ``settings``: the report's own severity overrides.
"""
