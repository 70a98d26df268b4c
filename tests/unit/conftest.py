"""A journal on a fixed day (Saturday 2026-11-28), in a test's folder."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.clock import Clock
from journal.journal import Journal
from journal.paths import LocalDirs

SATURDAY = dt.date(2026, 11, 28)


def open_journal(path, machine: str = "local") -> Journal:
    """The journal file at ``path``, as the machine whose local folder is
    ``machine`` (beside the file) opens it."""
    return Journal.open(
        path, clock=Clock(fixed_today=SATURDAY), dirs=LocalDirs.under(path.parent / machine)
    )


@pytest.fixture
def journal(tmp_path):
    return open_journal(tmp_path / "j.json")
