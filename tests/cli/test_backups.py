"""`sj check`, `sj backups` and `sj backups restore N`: a damaged journal's
message leads to a restore that works, and a restore never loses anything."""

from __future__ import annotations

import stat

import pytest

from tests.cli.conftest import Machine


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _summaries(sj) -> list[str]:
    return sorted(e["summary"] for e in sj("show", "ana", "--json").json()["recent"])


@pytest.fixture
def written(sj, machine: Machine):
    """A journal saved four times: one person, then three entries."""
    assert sj("add", "Ana Ruiz").code == 0
    for text in ("First call", "Second call", "Third call"):
        assert sj("log", "ana", "--on", "yesterday", text).code == 0
    return machine.journal


def _set_aside(machine: Machine) -> list:
    return sorted(machine.backups.glob("*/set-aside/*"))


def test_backups_lists_number_date_size_and_what_each_holds(sj, written):
    listed = sj("backups")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert lines[1].split() == ["N", "REPLACED", "AT", "SIZE", "HOLDS"]
    # Newest first: the last save replaced the version with two entries.
    assert lines[2].startswith("1  ") and lines[2].endswith("1 person, 2 entries")
    assert lines[5].startswith("4  ") and lines[5].endswith("0 people, 0 entries")
    assert "sj backups restore N" in listed.out
    as_json = sj("backups", "--json").json()
    assert [b["number"] for b in as_json["backups"]] == [1, 2, 3, 4]
    assert [b["entries"] for b in as_json["backups"]] == [2, 1, 0, 0]
    first = as_json["backups"][0]
    assert first["size"] > 0 and first["replaced_at"].endswith("Z") and first["problem"] is None


def test_a_damaged_journal_leads_to_a_restore_that_works(sj, written, machine):
    damaged = written.read_bytes()[:-60]
    written.write_bytes(damaged)
    refused = sj("due")
    assert refused.code == 1
    assert "sj backups restore N" in refused.err and len(refused.err_lines) == 1
    check = sj("check")
    assert check.code == 1 and "  backups: 4 in " in check.out
    assert "sj backups restore N" in check.out
    listed = sj("backups")
    assert listed.code == 0 and "1 person, 2 entries" in listed.out

    restored = sj("backups", "restore", "1")
    assert restored.code == 0, restored.err
    [kept] = _set_aside(machine)
    assert str(kept) in restored.out and "damaged file" in restored.out
    assert kept.read_bytes() == damaged
    assert _mode(kept) == 0o600 and _mode(kept.parent) == 0o700
    assert _mode(written) == 0o600
    # The backup held two entries; the third, written by this machine since,
    # comes back from the log of its writes.
    assert _summaries(sj) == ["First call", "Second call", "Third call"]
    assert "merged back" in restored.out
    assert sj("check").code == 0


def test_restoring_over_a_readable_journal_loses_nothing(sj, written, machine):
    assert sj("edit", "ana", "--role", "Policy lead").code == 0
    with_third = sj("backups", "--json").json()["backups"][0]["file"]
    # An older copy lands on the file (a sync client rolling it back) while
    # this machine's log of its writes is lost: the third entry now lives
    # only in a backup.
    older = next(b for b in sj("backups", "--json").json()["backups"] if b["entries"] == 2)
    with open(older["file"], "rb") as f:
        written.write_bytes(f.read())
    for log in (machine.root / "state").rglob("*.log"):
        log.unlink()
    sj("add", "Raj Patel")
    sj("log", "ana", "Fourth call")  # newer than every backup
    sj("delete", "raj")
    assert _summaries(sj) == ["First call", "Fourth call", "Second call"]
    listed = sj("backups", "--json").json()["backups"]
    number = next(b["number"] for b in listed if b["file"] == with_third)
    before = written.read_bytes()

    restored = sj("backups", "restore", str(number))
    assert restored.code == 0, restored.err
    assert "1 record brought back" in restored.out
    assert _summaries(sj) == ["First call", "Fourth call", "Second call", "Third call"]
    # A deletion made since the backup stays a deletion.
    assert [s["name"] for s in sj("list", "--json").json()] == ["Ana Ruiz"]
    [kept] = _set_aside(machine)
    assert kept.read_bytes() == before and _mode(kept) == 0o600
    assert str(kept) in restored.out


def test_restoring_what_the_journal_already_holds_writes_nothing(sj, written, machine):
    before = written.read_bytes()
    again = sj("backups", "restore", "2")
    assert again.code == 0 and again.out.startswith("Nothing to restore")
    assert written.read_bytes() == before and _set_aside(machine) == []


@pytest.mark.parametrize("number", ["0", "5", "x", "-1", "1.5", ""])
def test_a_bad_number_is_one_line_and_writes_nothing(sj, written, machine, number):
    written.write_bytes(written.read_bytes()[:-60])
    before = written.read_bytes()
    backups = sorted(p.read_bytes() for p in machine.backups.rglob("*.json"))
    refused = sj("backups", "restore", number)
    assert refused.code == 1 and refused.out == ""
    assert refused.err_lines == [
        f'sj: "{number}" is not a backup number: use 1 (the newest) to 4; `sj backups` lists them.'
    ]
    assert written.read_bytes() == before
    assert sorted(p.read_bytes() for p in machine.backups.rglob("*.json")) == backups


def test_a_damaged_backup_is_refused_and_nothing_is_written(sj, written, machine):
    newest = sj("backups", "--json").json()["backups"][0]["file"]
    with open(newest, "r+b") as f:
        f.truncate(20)
    assert "cannot be read" in sj("backups").out
    before = written.read_bytes()
    refused = sj("backups", "restore", "1")
    assert refused.code == 1 and "backup 1 cannot be put back" in refused.err
    assert written.read_bytes() == before and _set_aside(machine) == []


def test_a_missing_journal_is_put_back(sj, written, machine):
    written.unlink()
    assert "sj backups restore N" in sj("list").err
    restored = sj("backups", "restore", "1")
    assert restored.code == 0, restored.err
    assert _set_aside(machine) == [] and "kept" not in restored.out
    assert _summaries(sj) == ["First call", "Second call", "Third call"]


def test_no_backups_yet(sj, machine):
    machine.journal.write_bytes(b"")
    assert "No backups of" in sj("backups").out
    refused = sj("backups", "restore", "1")
    assert refused.code == 1 and "there are no backups of" in refused.err
    assert machine.journal.read_bytes() == b""


def test_a_backup_of_another_journal_is_not_merged_in(sj, written, machine, tmp_path):
    other = tmp_path / "other.json"
    assert sj("--file", str(other), "add", "Cleo Diaz").code == 0
    written.write_bytes(other.read_bytes())  # a different journal now at this path
    assert sj("list").code == 0  # saves it, with what this machine wrote merged back
    before = written.read_bytes()
    # Backup 1 is the other journal as it landed; 2 is this one's last version.
    refused = sj("backups", "restore", "2")
    assert refused.code == 1 and len(refused.err_lines) == 1
    assert "holds a different journal" in refused.err and "sj merge --adopt" in refused.err
    assert written.read_bytes() == before and _set_aside(machine) == []
