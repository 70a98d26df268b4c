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
    assert merged.out == f"Skipped {DROPBOX}: left in place: it belongs to a different journal\n"
    assert stranger.exists() and machine.journal.read_bytes() == before
