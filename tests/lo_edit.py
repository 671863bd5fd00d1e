"""Edit a .docx in LibreOffice with record-changes on, through UNO, and save it as .docx again.

Run with a Python that has the ``uno`` module (Debian's python3-uno: /usr/bin/python3), not the project's:

    /usr/bin/python3 tests/lo_edit.py IN.docx OUT.docx PROFILE_DIR EDITS.json

EDITS.json is a list of edits: ``{"find": REGEX, "replace": TEXT}`` (a regular expression, replaced everywhere)
or ``{"after": REGEX, "paragraph": TEXT}`` (a new paragraph after the one where REGEX matches). LibreOffice runs
headless with its own profile folder, listening on a pipe named after the process; the author of the changes is
set in that profile (王科长).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

PARAGRAPH_BREAK = 0  # com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(200):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.25)
    raise SystemExit("LibreOffice did not answer on its pipe")


def set_author(ctx: object, given: str, surname: str) -> None:
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
    )
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", surname)
    access.commitChanges()


def main() -> None:
    source, target, profile, edits_file = sys.argv[1:5]
    with open(edits_file, encoding="utf-8") as handle:
        edits = json.load(handle)
    pipe = f"govreport{os.getpid()}"
    command = [
        "soffice",
        f"-env:UserInstallation={uno.systemPathToFileUrl(os.path.abspath(profile))}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        f"--accept=pipe,name={pipe};urp;",
    ]
    office = subprocess.Popen(command, start_new_session=True)
    try:
        ctx = connect(pipe)
        set_author(ctx, "王", "科长")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
        )
        doc.RecordChanges = True
        for edit in edits:
            if "find" in edit:
                descriptor = doc.createReplaceDescriptor()
                descriptor.SearchString, descriptor.ReplaceString = edit["find"], edit["replace"]
                descriptor.SearchRegularExpression = True
                if doc.replaceAll(descriptor) < 1:
                    raise SystemExit(f"not found: {edit['find']}")
            else:
                descriptor = doc.createSearchDescriptor()
                descriptor.SearchString = edit["after"]
                descriptor.SearchRegularExpression = True
                found = doc.findFirst(descriptor)
                if found is None:
                    raise SystemExit(f"not found: {edit['after']}")
                cursor = found.getText().createTextCursorByRange(found.getEnd())
                cursor.gotoEndOfParagraph(False)
                text = cursor.getText()
                text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
                text.insertString(cursor, edit["paragraph"], False)
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)),
            (prop("FilterName", "MS Word 2007 XML"), prop("Overwrite", True)),
        )
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge goes away as LibreOffice exits
            desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    main()
