"""Important dates: typed, kept on the stakeholder, shown with when they fall next."""

from __future__ import annotations

import datetime as dt

import pytest

from journal import actions, important_dates
from journal.actions import StakeholderDraft
from journal.brief import build_brief
from journal.errors import InputError
from journal.merge import merge_record
from journal.records import TABLE_STAKEHOLDERS

TODAY = dt.date(2026, 11, 28)


def test_a_yearly_date_may_leave_out_its_year_and_falls_next_year_once_past():
    item = important_dates.make_date("Birthday", "04-15", TODAY, yearly=True)
    assert item == {"label": "Birthday", "date": "--04-15", "yearly": True}
    assert important_dates.next_day(item, TODAY) == dt.date(2027, 4, 15)
    leap = important_dates.make_date("birthday", "2000-02-29", TODAY, yearly=True)
    assert important_dates.next_day(leap, TODAY) == dt.date(2027, 2, 28)


def test_a_one_off_date_needs_its_year_and_is_past_once_gone():
    with pytest.raises(InputError, match="no year"):
        important_dates.make_date("election", "05-03", TODAY, yearly=False)
    with pytest.raises(InputError, match="not a date"):
        important_dates.make_date("election", "2027-02-30", TODAY, yearly=False)
    gone = important_dates.make_date("election", "2026-05-03", TODAY, yearly=False)
    assert important_dates.describe(gone, TODAY) == "election 2026-05-03 (past)"
    soon = important_dates.make_date("term ends", "in 3d", TODAY, yearly=False)
    assert important_dates.describe(soon, TODAY) == "term ends 2026-12-01 (in 3d)"


def test_the_form_line_reads_back_to_the_same_dates():
    dates = important_dates.parse_dates("term ends: 2027-06-30; Birthday: 04-15 yearly", TODAY)
    line = important_dates.format_dates(dates)
    assert important_dates.parse_dates(line, TODAY) == dates
    with pytest.raises(InputError) as caught:
        important_dates.parse_dates("birthday 04-15", TODAY)
    assert caught.value.field == "dates"
    with pytest.raises(InputError, match="twice"):
        important_dates.parse_dates("birthday: 04-15 yearly; BIRTHDAY: 04-16 yearly", TODAY)


def test_set_replaces_the_date_of_the_same_label_and_remove_names_what_is_left(journal):
    with journal.change():
        ana = actions.add_stakeholder(journal, StakeholderDraft(name="Ana Ruiz")).stakeholder
        actions.set_date(journal, ana.id, "birthday", "04-15", yearly=True)
        done = actions.set_date(journal, ana.id, "Birthday", "1980-04-16", yearly=True)
    assert done.replaced is not None
    assert journal.stakeholder(ana.id).dates == [
        {"label": "Birthday", "date": "1980-04-16", "yearly": True}
    ]
    with pytest.raises(InputError, match="Birthday"):
        actions.remove_date(journal, ana.id, "anniversary")
    with journal.change():
        actions.remove_date(journal, ana.id, "BIRTHDAY")
    assert journal.stakeholder(ana.id).dates == []


def test_the_brief_and_an_edit_from_the_form_carry_the_dates(journal):
    with journal.change():
        ana = actions.add_stakeholder(
            journal, StakeholderDraft(name="Ana Ruiz", dates="birthday: 12-01 yearly")
        ).stakeholder
    assert build_brief(journal, ana.id).dates == ["birthday 12-01, yearly (next in 3d)"]
    with pytest.raises(InputError) as caught:
        actions.edit_stakeholder(journal, ana.id, StakeholderDraft(dates="birthday: soon"))
    assert caught.value.field == "dates"
    with journal.change():
        actions.edit_stakeholder(journal, ana.id, StakeholderDraft(dates=""))
    assert journal.stakeholder(ana.id).dates == []


def test_concurrent_date_edits_keep_the_losing_list_in_history(journal):
    with journal.change():
        ana = actions.add_stakeholder(journal, StakeholderDraft(name="Ana Ruiz")).stakeholder
    base = dict(journal.get(TABLE_STAKEHOLDERS, ana.id))
    with journal.change():
        actions.set_date(journal, ana.id, "birthday", "04-15", yearly=True)
    mine = dict(journal.get(TABLE_STAKEHOLDERS, ana.id))
    theirs = dict(base, dates=[{"label": "term ends", "date": "2027-06-30", "yearly": False}])
    theirs["updated_at"] = "2026-11-28T23:59:59.000000Z"
    theirs["device"] = "other"
    theirs["superseded"] = [f"{base['updated_at']}|{base['device']}"]
    merged = merge_record(mine, theirs)
    assert merged == merge_record(theirs, mine)
    kept = [merged["dates"], *(v.get("dates") for v in merged["history"])]
    assert theirs["dates"] in kept and mine["dates"] in kept
