"""Stage 2, model: what a report is.

- ``report``: the pydantic models (Report, parts, items, points, Metric) and the one walk over a report's blocks;
- ``fields``: the one classification of a report's text fields (template text, printed verbatim);
- ``rules``: the rule kinds of ``checks:`` and the report's ``validation:`` settings;
- ``expressions``: the ``expr`` rule's language, parsed and vetted once;
- ``units`` and ``frameworks``: the unit vocabulary and the report types' frameworks, from ``schema/`` data;
- ``loading``: plain data validated as a Report, every pydantic error at its YAML position;
- ``scalars``: ids, numbers and vocabulary words, each with the JSON Schema that makes editors decide as the CLI;
- ``json_schema``: the JSON Schema editors use, and the modeline that points a written file at it.
"""
