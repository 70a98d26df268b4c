"""What ``sj check`` reports about syncing: the conflicted copies it found and
what it merged from them, versions merged back into a journal that had lost
them, and records stamped more than a day in the future.

No sync engine here: the files a sync client would leave are made by hand,
with real ``sj`` processes as two machines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TODAY = "2026-11-28"
REPO = Path(__file__).resolve().parents[2]
COPY_NAME = "journal.sync-conflict-20261128-101500-ABCDEF1.json"


@dataclass
class Machine:
    home: Path
    clock_offset: float = 0.0

    def run(self, journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SJ_", "XDG_"))}
        env.update(
            SJ_TODAY=TODAY,
            PYTHONPATH=str(REPO),
            **{f"XDG_{d.upper()}_HOME": str(self.home / d) for d in ("data", "state", "cache")},
            XDG_CONFIG_HOME=str(self.home / "config"),
        )
        if self.clock_offset:
            env["SJ_CLOCK_OFFSET"] = str(self.clock_offset)
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", "--file", str(journal), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def ok(self, journal: Path, *args: str) -> str:
        done = self.run(journal, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def check(self, journal: Path) -> dict[str, Any]:
        return json.loads(self.ok(journal, "check", "--json"))


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


@pytest.fixture
def laptop(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "laptop")


@pytest.fixture
def desktop(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "desktop")


def stakeholder(journal: Path, name: str) -> dict[str, Any]:
    doc = json.loads(journal.read_text())
    [record] = [r for r in doc["stakeholders"].values() if r["name"] == name]
    return record


def test_a_sound_journal_reports_nothing_to_merge_and_where_local_files_are(
    synced: Path, laptop: Machine
) -> None:
    journal = synced / "journal.json"
    laptop.ok(journal, "add", "Ana Ruiz")
    report = laptop.check(journal)
    assert report["sound"] is True
    assert report["conflicted_copies"] == [] and report["merged_back"] == {}
    assert report["future"] == []
    local = report["local"]
    for key in ("backups", "merged_copies", "written_log", "lock"):
        assert Path(local[key]).is_relative_to(laptop.home), key
    text = laptop.ok(journal, "check")
    assert f"on this machine only: merged copies in {local['merged_copies']}" in text


def test_check_reports_the_conflicted_copies_it_found_and_what_it_merged(
    synced: Path, laptop: Machine, desktop: Machine, tmp_path: Path
) -> None:
    journal = synced / "journal.json"
    laptop.ok(journal, "add", "Ana Ruiz")
    # The desktop worked on its own copy; the sync client left it beside ours.
    theirs = tmp_path / "desktop-copy" / "journal.json"
    theirs.parent.mkdir()
    shutil.copy2(journal, theirs)
    desktop.ok(theirs, "add", "Ben Okafor")
    desktop.ok(theirs, "log", "ben", "Call from the desktop")
    desktop.ok(theirs, "edit", "ana", "--role", "Director")
    shutil.move(theirs, synced / COPY_NAME)
    (synced / "journal (1).json").write_text("not a journal")  # damaged: left alone

    report = laptop.check(journal)
    assert report["sound"] is True
    copies = {Path(c["file"]).name: c for c in report["conflicted_copies"]}
    merged = copies[COPY_NAME]
    assert merged["merged"] is True and merged["service"] == "Syncthing"
    assert merged["tables"] == {"stakeholders": 2, "interactions": 1}
    assert merged["records_changed"] == 3
    assert Path(merged["moved_to"]).is_file() and not (synced / COPY_NAME).exists()
    assert Path(merged["moved_to"]).is_relative_to(laptop.home)
    damaged = copies["journal (1).json"]
    assert damaged["merged"] is False and damaged["reason"].startswith("left in place")
    assert (synced / "journal (1).json").exists()
    assert any(
        n.startswith(
            f"merged conflicted copy {COPY_NAME} (Syncthing): 2 stakeholders, 1 interactions"
        )
        for n in report["notes"]
    ), report["notes"]
    assert stakeholder(journal, "Ana Ruiz")["role"] == "Director"
    assert report["records"]["stakeholders"] == 2

    # Nothing left to merge the next time; the damaged copy is reported again.
    again = laptop.check(journal)
    assert [Path(c["file"]).name for c in again["conflicted_copies"]] == ["journal (1).json"]


def test_check_reports_records_stamped_more_than_a_day_ahead(
    synced: Path, laptop: Machine, desktop: Machine
) -> None:
    journal = synced / "journal.json"
    laptop.ok(journal, "add", "Ana Ruiz")
    desktop.clock_offset = 3 * 3600  # hours ahead: not worth a note
    desktop.ok(journal, "add", "Ben Okafor")
    assert laptop.check(journal)["future"] == []

    desktop.clock_offset = 2 * 86400  # two days ahead
    desktop.ok(journal, "edit", "ana", "--notes", "from the future")
    report = laptop.check(journal)
    ana = stakeholder(journal, "Ana Ruiz")
    assert report["sound"] is True
    assert report["future"] == [
        {"table": "stakeholders", "id": ana["id"], "stamp": ana["updated_at"]}
    ]
    assert any("1 record stamped more than a day ahead" in n for n in report["notes"])
    # The machine with the wrong clock sees nothing wrong with its own stamps.
    assert desktop.check(journal)["future"] == []


def test_check_reports_versions_merged_back_into_a_restored_older_copy(
    synced: Path, laptop: Machine, tmp_path: Path
) -> None:
    journal = synced / "journal.json"
    laptop.ok(journal, "add", "Ana Ruiz")
    laptop.ok(journal, "add", "Ben Okafor")
    older = tmp_path / "older.json"
    shutil.copy2(journal, older)
    laptop.ok(journal, "delete", "ben")
    laptop.ok(journal, "add", "Chloé Martin")
    laptop.ok(journal, "log", "chloé", "Met after the copy")

    shutil.copy2(older, journal)  # an older copy put back in place
    report = laptop.check(journal)
    assert report["merged_back"] == {"stakeholders": 2, "interactions": 1}
    assert any(n.startswith("the file lacked versions") for n in report["notes"])
    # Saved at once: the file itself holds them again, and Ben stays deleted.
    assert stakeholder(journal, "Ben Okafor")["deleted"] is True
    assert stakeholder(journal, "Chloé Martin")["deleted"] is False
    names = [p["name"] for p in json.loads(laptop.ok(journal, "list", "--json"))]
    assert names == ["Ana Ruiz", "Chloé Martin"]
    assert laptop.check(journal)["merged_back"] == {}
