"""Sparse storage of the numerous tables: what is left out, and that nothing
a user wrote is."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal import records
from journal.clock import Clock
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import (
    TABLE_INTERACTIONS,
    TABLE_STAKEHOLDERS,
    Interaction,
    Reflection,
    Stakeholder,
)
from journal.sparse import compact, with_defaults


def test_a_quick_log_keeps_only_what_was_said():
    raw = compact(
        Interaction(date="2026-11-20", stakeholders=["a"], summary="Coffee").to_raw(),
        TABLE_INTERACTIONS,
    )
    # (the stamps are set when the journal stores it)
    assert set(raw) == {"id", "date", "stakeholders", "summary", "formal", "business", "channel"}


def test_a_false_that_means_something_stays():
    # "Was last time's advice applied?": no (False) is an answer, None is not.
    raw = compact(
        Interaction(date="2026-11-20", applied_differently=False, formal=False).to_raw(),
        TABLE_INTERACTIONS,
    )
    assert raw["applied_differently"] is False and raw["formal"] is False
    # Zero minutes is a value; the default is None.
    assert compact({"minutes": 0}, TABLE_INTERACTIONS) == {"minutes": 0}


def test_other_tables_are_stored_whole():
    raw = Stakeholder(name="Ana").to_raw()
    assert compact(dict(raw), TABLE_STAKEHOLDERS) == raw


def test_with_defaults_puts_the_left_out_fields_back():
    raw = {"id": "x", "date": "2026-11-20", "summary": "Coffee"}
    full = with_defaults(raw, TABLE_INTERACTIONS)
    assert full["reaction"] == "" and full["follow_ups"] == [] and full["minutes"] is None
    assert full["summary"] == "Coffee" and full["id"] == "x"
    assert raw == {"id": "x", "date": "2026-11-20", "summary": "Coffee"}, (
        "the record is not changed"
    )


texts = st.text(max_size=12)
interactions = st.builds(
    Interaction,
    date=st.just("2026-11-20"),
    stakeholders=st.lists(st.text(min_size=1, max_size=4), max_size=2),
    formal=st.booleans(),
    business=st.booleans(),
    summary=texts,
    reaction=texts,
    differently=texts,
    follow_ups=st.lists(st.fixed_dictionaries({"text": texts, "done": st.booleans()}), max_size=2),
    new_person=st.booleans(),
    minutes=st.none() | st.integers(min_value=0, max_value=500),
    applied_differently=st.none() | st.booleans(),
    deleted=st.booleans(),
)


@given(interactions)
def test_an_interaction_reads_back_the_same_from_its_sparse_form(entry):
    sparse = compact(entry.to_raw(), TABLE_INTERACTIONS)
    assert Interaction.from_raw(orjson.loads(orjson.dumps(sparse))) == entry


@given(st.builds(Reflection, answer=texts, stakeholder=st.none() | st.just("a")))
def test_a_reflection_reads_back_the_same_from_its_sparse_form(reflection):
    sparse = compact(reflection.to_raw(), records.TABLE_REFLECTIONS)
    assert Reflection.from_raw(sparse) == reflection


def test_the_journal_stores_new_versions_sparse_and_leaves_stored_ones_alone(tmp_path):
    journal = Journal.open(
        tmp_path / "j.json",
        clock=Clock(fixed_today=dt.date(2026, 11, 28)),
        dirs=LocalDirs.under(tmp_path / "local"),
    )
    ana = journal.add(Stakeholder(name="Ana"))
    entry = journal.add(
        Interaction(date="2026-11-20", stakeholders=[ana.id], summary="Coffee", reaction="Warm")
    )
    stored = journal.get(TABLE_INTERACTIONS, entry.id)
    assert "needs" not in stored and stored["reaction"] == "Warm"
    # Clearing a field leaves it out of the new version.
    journal.update(TABLE_INTERACTIONS, entry.id, {"reaction": ""})
    assert "reaction" not in journal.get(TABLE_INTERACTIONS, entry.id)
    assert journal.interaction(entry.id).reaction == ""
    # A version written whole (by an earlier version of sj) reads the same.
    full = Interaction(date="2026-11-21", stakeholders=[ana.id], summary="Call").to_raw()
    journal.table(TABLE_INTERACTIONS)["99"] = full | {"updated_at": "2026-11-21T00:00:00.000000Z"}
    journal.drop_indexes()
    assert [e.get("summary") for e in journal.interactions_of(ana.id)] == ["Call", "Coffee"]


@given(interactions)
def test_a_record_stored_without_its_object_is_stored_as_its_object_would_be(entry):
    fields = {k: v for k, v in entry.to_raw().items() if v != getattr(Interaction, k, None)}
    assert Interaction.new_raw(fields) == Interaction(**fields).to_raw()
    assert Interaction.new_raw(fields)["follow_ups"] is not fields.get("follow_ups")


def test_a_record_stored_without_its_object_gets_a_fresh_id_and_is_checked():
    first, second = Stakeholder.new_raw({"name": "Ana"}), Stakeholder.new_raw({"name": "Ana"})
    assert first["id"] != second["id"] and first["tags"] is not second["tags"]
    assert {**first, "id": ""} == {**Stakeholder(name="Ana").to_raw(), "id": ""}
    with pytest.raises(TypeError):
        Stakeholder.new_raw({"name": "Ana", "colour": "red"})
    with pytest.raises(TypeError):
        Stakeholder.new_raw({"organization": "Coastal Timber"})


def test_a_new_id_is_a_random_uuid4():
    import uuid

    ids = {records.new_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(uuid.UUID(i).version == 4 and uuid.UUID(i).hex == i for i in ids)
    assert all(uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
