"""One user action is one save: the unit of work every face commits."""

from __future__ import annotations

import orjson
import pytest

from journal.errors import InputError
from journal.records import TABLE_STAKEHOLDERS, Stakeholder


def _names_on_disk(journal):
    table = orjson.loads(journal.path.read_bytes())[TABLE_STAKEHOLDERS]
    return sorted(raw["name"] for raw in table.values())


def _count_saves(journal, monkeypatch):
    saves = []
    real = journal.storage.save
    monkeypatch.setattr(journal.storage, "save", lambda: saves.append(1) or real())
    return saves


def test_two_writes_in_one_change_are_one_save(journal, monkeypatch):
    saves = _count_saves(journal, monkeypatch)
    with journal.change():
        journal.add(Stakeholder(name="Ana Ruiz"))
        journal.add(Stakeholder(name="Raj Patel"))
        assert _names_on_disk(journal) == []  # nothing written until the action ends
    assert len(saves) == 1
    assert _names_on_disk(journal) == ["Ana Ruiz", "Raj Patel"]


def test_a_change_that_fails_saves_nothing(journal, monkeypatch):
    saves = _count_saves(journal, monkeypatch)
    with pytest.raises(InputError), journal.change():
        raise InputError("No such tag.")
    assert saves == []


def test_nested_changes_commit_once_at_the_outer_end(journal, monkeypatch):
    saves = _count_saves(journal, monkeypatch)
    with journal.change():
        with journal.change():
            journal.add(Stakeholder(name="Ana Ruiz"))
        assert saves == []
    assert len(saves) == 1


def test_the_commit_hook_replaces_the_save(journal, monkeypatch):
    saves = _count_saves(journal, monkeypatch)
    hooked = []
    journal.commit_hook = lambda: hooked.append(1)
    with journal.change():
        journal.add(Stakeholder(name="Ana Ruiz"))
    assert (saves, hooked) == ([], [1])
    assert journal.unsaved
