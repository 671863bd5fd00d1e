"""The stand-in for pydantic's plugin loader answers as the real loader does, and spares its imports."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.paths import SAMPLE_2024


def run(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    return result.stdout.strip()


def test_the_real_loader_gives_the_stand_ins_answer_when_every_plugin_is_off() -> None:
    for value in ("__all__", "1", "true"):
        real = run(
            "from pydantic.plugin._loader import get_plugins; print(tuple(get_plugins()))",
            **{"PYDANTIC_DISABLE_PLUGINS": value},
        )
        assert real == "()"
    from toolkit.cli.no_plugins import NoPlugins

    assert NoPlugins("x").get_plugins() == ()


def test_validating_a_report_does_not_import_the_package_metadata_machinery() -> None:
    out = run(
        f"""
        import sys
        from toolkit.cli import no_plugins
        no_plugins.install()
        from toolkit.pipeline import check_file
        from pathlib import Path
        checked = check_file(Path({str(SAMPLE_2024)!r}))
        print(checked.ok, "importlib.metadata" in sys.modules, type(sys.modules["pydantic.plugin._loader"]).__name__)
        """,
        PYDANTIC_DISABLE_PLUGINS="__all__",
    )
    assert out == "True False NoPlugins"


def test_anything_else_asked_of_it_comes_from_the_real_loader() -> None:
    out = run(
        """
        import sys
        from toolkit.cli import no_plugins
        no_plugins.install()
        stand_in = sys.modules["pydantic.plugin._loader"]
        print(stand_in.PYDANTIC_ENTRY_POINT_GROUP, type(sys.modules["pydantic.plugin._loader"]).__name__)
        """,
        PYDANTIC_DISABLE_PLUGINS="__all__",
    )
    assert out == "pydantic module"


def test_nothing_is_replaced_while_plugins_are_on() -> None:
    out = run(
        """
        import sys
        from toolkit.cli import no_plugins
        no_plugins.install()
        print("pydantic.plugin._loader" in sys.modules)
        """,
        PYDANTIC_DISABLE_PLUGINS="",
    )
    assert out == "False"
