"""Fixtures and helpers for the storage and merge tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from journal import hlc
from journal.clock import Clock
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import Interaction, Stakeholder
from journal.storage import JournalStorage

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@pytest.fixture
def dirs(tmp_path: Path) -> LocalDirs:
    """This machine's local folders (lock, backups, device id), out of the synced folder."""
    return LocalDirs.under(tmp_path / "local")


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    """The synced folder holding the journal."""
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _fresh_hlc(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each test starts like a fresh process: no stamp issued yet.
    monkeypatch.setattr(hlc, "_last", "")


def open_journal(
    path: Path,
    dirs: LocalDirs,
    *,
    device: str | None = None,
    clock: Clock | None = None,
    create: bool = True,
) -> Journal:
    """A Journal on ``path`` as one device with one clock (no conflicted-copy merge)."""
    storage = JournalStorage(path, dirs=dirs, device=device, create=create)
    return Journal(storage, clock or Clock())


def fixed_clock(instant: dt.datetime = T0, offset: dt.timedelta = dt.timedelta(0)) -> Clock:
    return Clock(fixed_now=instant, fixed_today=(instant + offset).date(), offset=offset)


class Machine:
    """One computer: its own local folders, device id and clock, sharing the
    synced journal file with the others. Switching machines resets the
    process-wide stamp floor, as each machine runs its own process."""

    def __init__(self, name: str, root: Path, path: Path, clock: Clock | None = None) -> None:
        self.name = name
        self.dirs = LocalDirs.under(root / f"machine-{name}")
        self.path = path
        self.clock = clock or Clock()
        self._hlc_last = ""
        self.journal: Journal | None = None

    def __enter__(self) -> Journal:
        self._saved = hlc._last
        hlc._last = self._hlc_last
        if self.journal is None:
            self.journal = open_journal(
                self.path, self.dirs, device=f"dev-{self.name}", clock=self.clock
            )
        return self.journal

    def __exit__(self, *exc: object) -> None:
        self._hlc_last = hlc._last
        hlc._last = self._saved


@pytest.fixture
def machine(tmp_path: Path, synced: Path) -> Callable[..., Machine]:
    def make(name: str, clock: Clock | None = None, path: Path | None = None) -> Machine:
        return Machine(name, tmp_path, path or synced / "journal.json", clock)

    return make


def person(name: str = "Ana Ruiz", **fields: object) -> Stakeholder:
    return Stakeholder(name=name, **fields)  # type: ignore[arg-type]


def entry(stakeholder: Stakeholder, summary: str = "coffee", **fields: object) -> Interaction:
    return Interaction(date="2026-11-27", stakeholders=[stakeholder.id], summary=summary, **fields)  # type: ignore[arg-type]


def records_by_id(path: Path, table: str) -> dict[str, dict]:
    """A table of the file on disk, read with the stock json module."""
    import json

    document = json.loads(path.read_text(encoding="utf-8"))
    return {r["id"]: r for r in document.get(table, {}).values()}


def all_versions(record: dict) -> list[dict]:
    """The winning version and every version kept in history."""
    bare = {k: v for k, v in record.items() if k not in ("history", "superseded")}
    return [bare, *record.get("history", [])]
