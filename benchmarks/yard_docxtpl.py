"""Yardstick for ``build``: docxtpl renders the same paragraphs into a Word file.

python benchmarks/yard_docxtpl.py TEMPLATE.docx PARAGRAPHS.json OUT.docx
"""

import json
import sys

from docxtpl import DocxTemplate

template, paragraphs, out = sys.argv[1:4]
doc = DocxTemplate(template)
with open(paragraphs, encoding="utf-8") as f:
    doc.render({"paragraphs": json.load(f)})
doc.save(out)
