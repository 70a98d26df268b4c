"""The command line as real processes: the installed ``sj`` script and
``python -m tui.cli``, with everything pointed at the test's folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import run_process

ENTRY_POINT = Path(sys.executable).parent / "sj"


@pytest.mark.skipif(not ENTRY_POINT.exists(), reason="the sj script is not installed")
def test_installed_script_help_and_version(sj_process):
    result = sj_process("--help", entry_point=True)
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("usage: sj ")
    assert "Stakeholder Journal" in result.out and "merge" in result.out
    version = sj_process("--version", entry_point=True)
    assert version.code == 0 and version.out.startswith("sj ")


def test_quick_start_in_processes(sj_process, machine):
    steps = [
        ("add", "Ana Ruiz", "--org", "Coastal Timber Assoc.", "--role", "Policy lead",
         "--every", "2w", "--tag", "forestry", "--key"),
        ("log", "ana", "--informal", "--via", "coffee", "--on", "yesterday",
         "Talked about the spring consultation; she worries about timelines"),
        ("add", "Bram Okafor", "--every", "10d"),
        ("log", "bram", "--on", "2026-11-10", "Budget call"),
    ]  # fmt: skip
    for args in steps:
        result = sj_process(*args)
        assert result.code == 0, result.err
    due = sj_process("due", "--json")
    assert due.code == 0 and due.err == ""
    [row] = due.json()
    assert row["name"] == "Bram Okafor"
    assert (row["due"], row["days_overdue"], row["state"]) == ("2026-11-20", 8, "overdue")
    text = sj_process("due")
    assert "Bram Okafor" in text.out and "contact 8d late" in text.out
    listed = sj_process("list", "--json").json()
    assert [(r["name"], r["last_contact"]) for r in listed] == [
        ("Ana Ruiz", "2026-11-27"),
        ("Bram Okafor", "2026-11-10"),
    ]
    # Only the journal was written in the synced folder, and the local
    # folders (device id, backups, lock) went where XDG points.
    assert sorted(p.name for p in machine.journal.parent.iterdir()) == ["journal.json"]
    assert (machine.root / "state" / "stakeholder-journal" / "device.json").exists()
    assert list((machine.root / "cache").rglob("*.lock"))


def test_file_option_wins_over_sj_file(sj_process, machine, tmp_path):
    other = tmp_path / "other.json"
    assert sj_process("--file", str(other), "add", "Cleo Diaz").code == 0
    assert other.exists() and not machine.journal.exists()


def test_bad_input_in_a_process(sj_process, machine):
    assert sj_process("add", "Ana Ruiz").code == 0
    before = machine.journal.read_bytes()
    result = sj_process("log", "ana", "--on", "yesterdy", "x")
    assert result.code == 1 and result.out == ""
    assert result.err == (
        'sj: "yesterdy" is not a date: use YYYY-MM-DD, dec 5, 5 Dec 2026, today, yesterday, '
        "tomorrow, a weekday, next mon, last fri, next week, 3d ago, in 2w, 1y ago or 3d.\n"
    )
    assert machine.journal.read_bytes() == before


def test_check_in_a_process(sj_process, machine):
    assert sj_process("add", "Ana Ruiz").code == 0
    sound = sj_process("check")
    assert sound.code == 0 and " sound (1 stakeholder" in sound.out
    machine.journal.write_bytes(machine.journal.read_bytes()[:-40])
    broken = sj_process("check")
    assert broken.code == 1 and "  backups: 1 in " in broken.out
    assert broken.err == (
        f"sj: {machine.journal} is truncated; it was left untouched: restore it from a backup "
        "or move it away.\n"
    )


def test_commands_do_not_import_textual(machine):
    code = (
        "import sys; from tui.cli import main; "
        "codes = [main(a) for a in (['add', 'Ana Ruiz', '--every', '1w'], ['due', '--json'], "
        "['list'], ['show', 'ana'], ['log', 'ana', 'x'], ['check'])]; "
        "assert codes == [0] * 6, codes; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "assert not loaded, loaded"
    )
    result = run_process(["-c", code], machine.env, python=True)
    assert result.code == 0, result.err
