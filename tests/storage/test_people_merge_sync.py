"""merge-people on one machine while another, not yet synced, edits OTHER and
logs a contact with them, both machines writing the one synced file."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.journal import Journal
from journal.paths import LocalDirs
from journal.people_merge import merge_people
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS

from .conftest import T0, entry, fixed_clock, person, records_by_id


@pytest.mark.parametrize("b_later", [True, False])
def test_an_edit_of_other_saved_over_the_merge_lands_on_keep(machine, b_later):
    a = machine("a", fixed_clock(T0))
    offset = dt.timedelta(minutes=1 if b_later else -1)
    b = machine("b", fixed_clock(T0 + offset))
    with a as ja:
        keep = ja.add(person("Ana Ruiz", organization="Forestry Board"))
        other = ja.add(person("A. Ruiz", role="Lead"))
    with b as jb:
        jb.refresh()  # b has both, then goes offline
    with a as ja, ja.change():
        merge_people(ja, keep.id, other.id)
    with b as jb:
        # b never refreshed: it edits OTHER and logs with OTHER; its saves
        # merge a's file first, so the file holds both sides.
        with jb.change():
            jb.update(TABLE_STAKEHOLDERS, other.id, {"role": "Director", "phone": "+34 600"})
        with jb.change():
            jb.add(entry(jb.stakeholder(other.id), "Called about permits"))
        # b's next change settles what its save brought in.
        with jb.change():
            jb.update(TABLE_STAKEHOLDERS, keep.id, {"values": "Clear timelines"})
    people = records_by_id(b.path, TABLE_STAKEHOLDERS)
    assert people[other.id]["deleted"] and people[other.id]["merged_into"] == keep.id
    assert people[keep.id]["role"] == "Director" and people[keep.id]["phone"] == "+34 600"
    assert people[keep.id]["values"] == "Clear timelines"
    entries = records_by_id(b.path, TABLE_INTERACTIONS).values()
    called = next(e for e in entries if e["summary"] == "Called about permits")
    assert called["stakeholders"] == [keep.id]


def test_a_machine_that_opens_an_unsettled_file_settles_it(machine, tmp_path):
    a = machine("a", fixed_clock(T0))
    b = machine("b", fixed_clock(T0 + dt.timedelta(minutes=1)))
    with a as ja:
        keep = ja.add(person("Ana Ruiz"))
        other = ja.add(person("A. Ruiz"))
    with b as jb:
        jb.refresh()
    with a as ja, ja.change():
        merge_people(ja, keep.id, other.id)
    with b as jb:
        jb.update(TABLE_STAKEHOLDERS, other.id, {"role": "Director"})  # saved over a's merge
    assert not records_by_id(b.path, TABLE_STAKEHOLDERS)[other.id]["deleted"]
    # Another machine opens the file: the open settles it and saves.
    jc = Journal.open(b.path, dirs=LocalDirs.under(tmp_path / "machine-c"), clock=fixed_clock(T0))
    assert [s.name for s in jc.stakeholders()] == ["Ana Ruiz"]
    people = records_by_id(b.path, TABLE_STAKEHOLDERS)
    assert people[keep.id]["role"] == "Director" and people[other.id]["deleted"]
