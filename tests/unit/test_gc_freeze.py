"""Parsed journals are frozen out of the collector's walks, but garbage
pending at a later parse (the app reloading another device's save) is never
frozen with them, or the app left open for days would grow without end."""

from __future__ import annotations

import gc
import weakref

import pytest

from journal import document as storage


class Node:
    pass


@pytest.fixture
def freezing(monkeypatch):
    monkeypatch.setattr(storage, "FREEZE_PARSED", True)
    monkeypatch.setattr(storage, "_FROZEN_ONCE", False, raising=False)
    yield
    gc.unfreeze()


def test_garbage_pending_at_a_reload_is_not_frozen(freezing):
    storage.loads(b'{"_meta": {}}')  # the first load
    cycle = Node()
    cycle.me = cycle  # only the cyclic collector can free it
    alive = weakref.ref(cycle)
    del cycle
    storage.loads(b'{"_meta": {}}')  # a reload while the cycle is pending
    gc.collect()
    assert alive() is None, "a reload froze garbage, which is then never freed"


def test_the_parsed_journal_itself_is_frozen(freezing):
    before = gc.get_freeze_count()
    storage.loads(b'{"a": [{"b": 1}, {"c": 2}]}')
    assert gc.get_freeze_count() > before


def test_a_first_parse_is_frozen_before_the_collector_can_walk_it(freezing):
    """Every container a parse makes goes uncounted while the collector is
    paused; the first allocation after it resumes would walk them all
    (40 ms on a 50 MB journal, at the app's start) unless the document is
    frozen first."""
    payload = b'{"t": {' + b",".join(b'"%d": {"a": [%d]}' % (n, n) for n in range(20_000)) + b"}}"
    runs = [generation["collections"] for generation in gc.get_stats()]
    storage.loads(payload)
    assert [generation["collections"] for generation in gc.get_stats()] == runs
