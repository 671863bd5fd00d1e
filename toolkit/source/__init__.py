"""Stage 1, source: YAML in and out with positions.

- ``reader``: YAML read into plain data plus a source map (line and column of every key and value);
- ``editor``: the comment-keeping round-trip editor that rollover, collect (and absorb) rewrite files with;
- ``workbooks``: the department forms' layout, and the raw cells of a returned .xlsx (openpyxl).
"""

from toolkit.source.reader import Loaded, PathT, SourceMap, parse_yaml, read_yaml

# The suffixes of a report read as a document (``documents``) rather than as YAML; here so that telling the two
# apart does not import the document reader.
DOCUMENT_SUFFIXES = (".docx", ".txt", ".md")

__all__ = ["DOCUMENT_SUFFIXES", "Loaded", "PathT", "SourceMap", "parse_yaml", "read_yaml"]
