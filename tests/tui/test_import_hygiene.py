"""Textual stays out of the domain and out of the command line's import path."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_journal_and_cli_do_not_import_textual():
    modules = _modules_after("import journal.journal, journal.sample, tui.cli, tui.commands")
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


def test_the_app_imports():
    modules = _modules_after("import tui.app")
    assert "textual" in modules
