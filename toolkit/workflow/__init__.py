"""Stage 4b, workflow: the drafter's year — rollover, status, diff, a new county's skeleton, collect (department
forms back into the YAML) and the prefecture's summary across counties.

Each computes a result object and prints nothing; the CLI formats it.
"""
