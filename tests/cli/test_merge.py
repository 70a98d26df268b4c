"""Conflicted copies from sync services, merged by ``sj merge`` (and on open).

A copy is made the way it happens in real life: the journal is copied to a
second device, edited there by sj on that device (its own device id and local
folders), and comes back under the sync service's conflict name while this
machine kept editing its own version.
"""

from __future__ import annotations

import shutil

import pytest

from .conftest import Machine, run_process

DROPBOX = "journal (Bram's conflicted copy 2026-11-28).json"
SYNCTHING = "journal.sync-conflict-20261128-101500-ABCDEF1.json"


class OtherDevice:
    """Another machine holding a synced copy of the journal taken now."""

    def __init__(self, machine: Machine, root) -> None:
        self.home = machine.journal.parent
        folder = root / "Sync"
        folder.mkdir(parents=True)
        self.machine = Machine(root / "home", folder / "journal.json")
        shutil.copy2(machine.journal, self.machine.journal)

    def sj(self, *args: str) -> None:
        result = run_process(list(args), self.machine.env)
        assert result.code == 0, result.err

    def conflict(self, name: str) -> None:
        """The sync service brings this device's version back as a conflicted copy."""
        self.machine.journal.rename(self.home / name)


@pytest.fixture
def overdue_pair(sj):
    assert sj("add", "Ana Ruiz", "--every", "2w").code == 0
    assert sj("add", "Bram Okafor", "--every", "10d").code == 0
    assert sj("log", "ana", "--on", "2026-11-01", "Site visit").code == 0
    assert sj("log", "bram", "--on", "2026-11-10", "Budget call").code == 0
    assert [r["name"] for r in sj("due", "--json").json()] == ["Ana Ruiz", "Bram Okafor"]


def test_merge_folds_in_dropbox_and_syncthing_copies(sj, machine, tmp_path, overdue_pair):
    laptop = OtherDevice(machine, tmp_path / "laptop")
    phone = OtherDevice(machine, tmp_path / "phone")
    # Each edits its own copy while this machine edits the journal.
    laptop.sj("log", "ana", "--via", "call", "Called Ana")
    phone.sj("log", "bram", "--on", "yesterday", "Lunch")
    assert sj("add", "Chen Wei", "--every", "weekly").code == 0
    assert sj("edit", "ana", "--role", "Policy lead").code == 0
    laptop.conflict(DROPBOX)
    phone.conflict(SYNCTHING)

    result = sj("merge")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert any(line.startswith(f"Merged {DROPBOX} (Dropbox or Nextcloud): ") for line in lines)
    assert any(line.startswith(f"Merged {SYNCTHING} (Syncthing): ") for line in lines)

    # The copies left the synced folder for the local backup folder.
    assert sorted(p.name for p in machine.journal.parent.iterdir()) == ["journal.json"]
    moved = sorted(p.name for p in machine.backups.rglob("merged-copies/*"))
    assert len(moved) == 2
    assert any(n.endswith(DROPBOX) for n in moved) and any(n.endswith(SYNCTHING) for n in moved)

    # Both devices' contacts and this machine's edits are in; `sj due` agrees.
    rows = {r["name"]: r for r in sj("due", "--all", "--json").json()}
    assert rows["Ana Ruiz"]["last_contact"] == "2026-11-28"
    assert rows["Bram Okafor"]["last_contact"] == "2026-11-27"
    assert rows["Ana Ruiz"]["state"] == rows["Bram Okafor"]["state"] == "ok"
    assert [r["name"] for r in sj("due", "--json").json()] == ["Chen Wei"]
    ana = sj("show", "ana", "--json").json()
    assert ana["stakeholder"]["role"] == "Policy lead"
    assert [e["summary"] for e in ana["recent"]] == ["Called Ana", "Site visit"]
    assert sj("check").code == 0

    assert sj("merge").out == f"No conflicted copies next to {machine.journal}.\n"


def test_every_command_merges_copies_on_open(sj, machine, tmp_path, overdue_pair):
    laptop = OtherDevice(machine, tmp_path / "laptop")
    laptop.sj("log", "ana", "Quick call")
    laptop.conflict(SYNCTHING)
    result = sj("due", "--json")
    assert result.code == 0
    assert [r["name"] for r in result.json()] == ["Bram Okafor"]
    [note] = result.err_lines
    assert note.startswith(f"sj: merged Syncthing conflicted copy {SYNCTHING} (")
    assert not (machine.journal.parent / SYNCTHING).exists()


def test_a_copy_of_another_journal_is_left_in_place(sj, machine, tmp_path, overdue_pair):
    stranger = machine.journal.parent / DROPBOX
    result = sj("sample", "--stakeholders", "3", "--interactions", "5", "-o", str(stranger))
    assert result.code == 0
    before = machine.journal.read_bytes()
    merged = sj("merge")
    assert merged.code == 0
    assert merged.out == (
        f"Skipped {DROPBOX}: left in place: it belongs to a different journal\n"
        f'  to fold its records into this journal: sj merge --adopt "{stranger}"\n'
    )
    assert stranger.exists() and machine.journal.read_bytes() == before


def test_two_journals_started_apart_are_made_one(sj, machine, tmp_path):
    """Two machines each started a journal at the same path before their
    first sync: the sync service keeps one and leaves the other as a
    conflicted copy, and the losing machine's own file is replaced."""
    assert sj("add", "Ana Ruiz", "--every", "2w").code == 0
    assert sj("log", "ana", "Coffee on this machine").code == 0
    laptop_root = tmp_path / "laptop"
    laptop_file = laptop_root / "Sync" / "journal.json"
    laptop_file.parent.mkdir(parents=True)
    laptop = Machine(laptop_root / "home", laptop_file)
    for args in (("add", "Bram Okafor"), ("log", "bram", "Met at the laptop's event")):
        result = run_process(list(args), laptop.env)
        assert result.code == 0, result.err
    # The laptop's journal arrives here as a conflicted copy.
    copy = machine.journal.parent / SYNCTHING
    shutil.copy2(laptop_file, copy)

    # Every command names the copy and says what to do; nothing is lost.
    due = sj("due", "--all", "--json")
    assert due.code == 0
    assert f'sj merge --adopt "{copy}"' in due.err
    assert copy.exists()
    check = sj("check")
    assert check.code == 1 and "sj merge --adopt" in check.out

    adopted = sj("merge", "--adopt", str(copy))
    assert adopted.code == 0, adopted.err
    assert adopted.out.startswith(f"Adopted {SYNCTHING}: ")
    assert not copy.exists()
    names = {r["name"] for r in sj("list", "--json").json()}
    assert names == {"Ana Ruiz", "Bram Okafor"}
    assert sj("check").code == 0

    # Meanwhile the sync service put this machine's journal in place of the
    # laptop's file: the laptop says so once and brings back what it wrote.
    shutil.copy2(machine.journal, laptop_file)
    again = run_process(["list", "--json"], laptop.env)
    assert again.code == 0, again.err
    assert "now holds a different journal" in again.err
    assert {r["name"] for r in again.json()} == {"Ana Ruiz", "Bram Okafor"}
    once_more = run_process(["list"], laptop.env)
    assert "different journal" not in once_more.err


def test_adopting_a_bad_path_writes_nothing(sj, machine, overdue_pair, tmp_path):
    before = machine.journal.read_bytes()
    for target, says in (
        (tmp_path / "nope.json", "does not exist"),
        (machine.journal, "this journal itself"),
    ):
        result = sj("merge", "--adopt", str(target))
        assert result.code == 1 and says in result.err and "Traceback" not in result.err
        assert len(result.err_lines) == 1
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"_meta": ')
    result = sj("merge", "--adopt", str(damaged))
    assert result.code == 1 and "not adopted" in result.err
    assert machine.journal.read_bytes() == before
