"""Stage 4b, workflow: the drafter's year — rollover, status, diff, a new county's skeleton.

Each computes a result object and prints nothing; the CLI formats it.
"""
