"""A small journal in tmp_path with a fixed clock, and helpers to fill it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from journal.clock import Clock
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import Interaction, Promise, Stakeholder

TODAY = dt.date(2026, 11, 28)  # a Saturday


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def days_ahead(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


class Book:
    """A journal plus shortcuts for building test data."""

    def __init__(self, journal: Journal) -> None:
        self.j = journal

    def person(self, name: str, **fields: Any) -> str:
        return self.j.add(Stakeholder(name=name, **fields), save=False).id

    def log(self, who: str | list[str], date: str, **fields: Any) -> str:
        ids = [who] if isinstance(who, str) else list(who)
        entry = Interaction(
            date=date, stakeholders=ids, summary=fields.pop("summary", "met"), **fields
        )
        return self.j.add(entry, save=False).id

    def promise(self, who: str, text: str, due: str | None, **fields: Any) -> str:
        return self.j.add(Promise(stakeholder=who, text=text, due=due, **fields), save=False).id


@pytest.fixture
def book(tmp_path: Path) -> Book:
    clock = Clock(fixed_today=TODAY, fixed_now=dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC))
    journal = Journal.open(
        tmp_path / "journal.json", clock=clock, dirs=LocalDirs.under(tmp_path / "home")
    )
    return Book(journal)
