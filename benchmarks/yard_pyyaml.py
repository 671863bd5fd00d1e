"""Yardstick for ``validate``: a bare PyYAML load of the same file with libyaml (``yaml.CLoader``).

python benchmarks/yard_pyyaml.py FILE.yaml
"""

import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f, Loader=yaml.CLoader)
