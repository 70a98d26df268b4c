"""Neither the domain (``journal/``) nor the command line (``tui/cli/``) imports
textual: the commands start fast and the core stays usable without a UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def _textual(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "textual" or m.startswith("textual."))


def _modules_of(package: str) -> list[str]:
    folder = ROOT.joinpath(*package.split("."))
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in folder.rglob("*.py")
        if path.name != "__main__.py"
    )


DOMAIN_AND_COMMAND_LINE = [*_modules_of("journal"), *_modules_of("tui.cli"), "tui.safe_text"]


def test_every_module_is_probed():
    # The list is read from the tree: a new module is probed without editing this file.
    assert "journal.storage" in DOMAIN_AND_COMMAND_LINE
    assert "tui.cli.commands" in DOMAIN_AND_COMMAND_LINE
    assert not any(m.startswith("tui.app") for m in DOMAIN_AND_COMMAND_LINE)


def test_journal_and_the_command_line_do_not_import_textual():
    imports = "\n".join(f"import {module}" for module in DOMAIN_AND_COMMAND_LINE)
    assert _textual(_imported_after(imports)) == []


def test_the_app_imports_textual():
    assert _textual(_imported_after("import tui.app"))


def test_command_line_commands_do_not_import_textual(tmp_path):
    code = (
        "import os\n"
        f"os.environ['XDG_DATA_HOME'] = {str(tmp_path / 'data')!r}\n"
        f"os.environ['XDG_STATE_HOME'] = {str(tmp_path / 'state')!r}\n"
        f"os.environ['XDG_CACHE_HOME'] = {str(tmp_path / 'cache')!r}\n"
        "import contextlib, io\n"
        "from tui import cli\n"
        f"path = {str(tmp_path / 'j.json')!r}\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    assert cli.main(['--file', path, 'add', 'Ana Ruiz', '--every', '2w']) == 0\n"
        "    assert cli.main(['--file', path, 'log', 'ana', 'coffee']) == 0\n"
        "    for command in (['due'], ['due', '--json'], ['list'], ['show', 'ana'], ['merge']):\n"
        "        assert cli.main(['--file', path, *command]) == 0, command\n"
    )
    assert _textual(_imported_after(code)) == []


def test_the_probe_would_see_textual():
    # Guard against a probe that can never fail.
    assert _textual(_imported_after("import textual.app"))
