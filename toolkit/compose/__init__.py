"""Stage 3b, compose: a validated report into a document tree.

- ``composer``: the walk in document order, numbering, block templates; ``compose()`` is the entry point;
- ``text``: text fields rendered in the sandbox, with ``MetricView`` as what a text may read of a metric;
- ``blocks``: the block templates' environment; ``document``: the tree the writers read.
"""
