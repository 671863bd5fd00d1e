"""Read the project's reference data (``schema/*.yaml``) once, lazily, with the reports' own reader.

The files are the project's own and hold only plain mappings, lists, words and integers; the reader
(``toolkit.source.reader``: libyaml's composer, YAML 1.2 types) reads them as a YAML 1.2 load does
(``tests/model/test_data.py`` compares every file with ruamel's).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from toolkit.resources import data_dir
from toolkit.source.reader import read_yaml


@cache
def load_data(name: str) -> Any:
    """A data file under ``schema/``, parsed once per process."""
    return read_yaml(data_dir("schema") / name).data
