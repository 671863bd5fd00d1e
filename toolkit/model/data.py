"""Read the project's reference data (``schema/*.yaml``) once, lazily, with libyaml's safe loader.

The files are the project's own and hold only plain mappings, lists, words and integers, read the same under
YAML 1.1 and 1.2 (``tests/model/test_data.py`` compares every file with a YAML 1.2 load).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from toolkit.resources import data_dir

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_data(name: str) -> Any:
    """A data file under ``schema/``, parsed once per process."""
    return yaml.load((data_dir("schema") / name).read_text(encoding="utf-8"), Loader=_LOADER)
