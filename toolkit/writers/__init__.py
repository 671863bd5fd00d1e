"""Stage 4a, writers: a document tree into bytes of one format (docx with the GB/T 9704 style pack, pdf, md, txt).

Only modules of this package import python-docx, and only when a .docx is written. ``forms`` (department forms) and
``tables`` (the prefecture's summary as .xlsx, .md or .csv) write workbooks with openpyxl.
"""

FORMATS = ("docx", "pdf", "md", "txt")
"""The output formats ``build`` writes."""
