"""The change layer: every rule the command line and the app share, once
(the faces are driven through the same rules in tests/tui/test_one_rule.py)."""

from __future__ import annotations

import pytest

from journal import actions, rules
from journal.actions import ContactDraft, StakeholderDraft
from journal.errors import InputError, NotFoundError
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS


def add(journal, name, **fields):
    with journal.change():
        return actions.add_stakeholder(journal, StakeholderDraft(name=name, **fields))


def test_the_same_person_twice_is_refused_ignoring_case_and_accents(journal):
    ana = add(journal, "Ana Ruiz", organization="Forestry Board").stakeholder
    with pytest.raises(InputError) as caught:
        add(journal, "ana  ruíz", organization="forestry board")
    assert f"Ana Ruiz (Forestry Board, {ana.id[:6]}) is already in the journal" in str(caught.value)
    assert len(journal.stakeholders()) == 1


def test_a_namesake_elsewhere_is_added_with_a_warning_and_both_resolve(journal):
    first = add(journal, "Ana Ruiz", organization="Forestry Board").stakeholder
    saved = add(journal, "Ana Ruiz", organization="City Hall")
    assert "Ana Ruiz (Forestry Board" in saved.warning
    assert journal.resolve("Ana Ruiz (City Hall)").id == saved.stakeholder.id
    assert journal.resolve("ana ruiz (forestry board)").id == first.id
    assert journal.resolve(f"Ana Ruiz (Forestry Board, {first.id[:6]})").id == first.id
    with pytest.raises(NotFoundError, match="City Hall"):
        journal.resolve("ana ruiz")  # ambiguous: the message shows how to tell them apart


def test_renaming_into_an_existing_person_is_refused(journal):
    add(journal, "Ana Ruiz")
    raj = add(journal, "Raj Patel").stakeholder
    with pytest.raises(InputError, match="already in the journal"), journal.change():
        actions.edit_stakeholder(journal, raj.id, StakeholderDraft(name="ANA RUIZ"))
    assert journal.stakeholder(raj.id).name == "Raj Patel"


def test_tags_are_stored_in_one_form_and_found_in_any_case(journal):
    ana = add(journal, "Ana", tags=("Forestry", " forestry ", "Water  Board")).stakeholder
    assert ana.tags == ["forestry", "water board"]
    assert rules.has_tag({"tags": ["Forestry"]}, "FORESTRY")  # written by an older version
    with journal.change():
        actions.edit_stakeholder(journal, ana.id, StakeholderDraft(remove_tags=("FORESTRY",)))
    assert journal.stakeholder(ana.id).tags == ["water board"]


@pytest.mark.parametrize(
    ("channel", "personal", "formal", "expected"),
    [
        (None, False, None, True),  # a meeting, by default
        (None, True, None, False),  # a personal chat is informal
        ("lunch", False, None, False),
        ("Coffee", False, None, False),
        ("message", False, None, False),
        ("call", False, None, True),
        ("email", False, None, True),
        ("meeting", True, None, False),  # personal outranks the channel
        ("lunch", False, True, True),  # an explicit choice wins
        ("meeting", False, False, False),
    ],
)
def test_formal_or_informal_is_one_rule(channel, personal, formal, expected):
    assert rules.is_formal(channel, personal=personal, formal=formal) is expected


def test_a_personal_lunch_logged_without_a_channel_is_informal(journal):
    ana = add(journal, "Ana").stakeholder
    with journal.change():
        entry = actions.log_contact(
            journal, ContactDraft((ana.id,), "Lunch, talked about family", personal=True)
        )
    assert (entry.formal, entry.business, entry.channel) == (False, False, "other")


@pytest.mark.parametrize("value", ["0", "6", "high", "-1", 7])
def test_scores_are_one_to_five(journal, value):
    with pytest.raises(InputError, match="whole number from 1 to 5"):
        add(journal, "Ana", influence=value)
    assert journal.stakeholders() == []


def test_a_rank_is_one_or_more_and_empty_clears_it(journal):
    ana = add(journal, "Ana", rank="2").stakeholder
    with pytest.raises(InputError, match="of 1 or more"), journal.change():
        actions.edit_stakeholder(journal, ana.id, StakeholderDraft(rank=0))
    with journal.change():
        actions.edit_stakeholder(journal, ana.id, StakeholderDraft(rank=""))
    assert journal.stakeholder(ana.id).rank is None


def test_snooze_to_a_weekday_is_the_next_one_and_none_clears_it(journal):
    ana = add(journal, "Ana").stakeholder
    with journal.change():
        assert actions.snooze(journal, ana.id, "friday").until == "2026-12-04"
    assert journal.stakeholder(ana.id).snooze_until == "2026-12-04"
    with journal.change():
        assert actions.snooze(journal, ana.id, "none").until is None
    assert journal.stakeholder(ana.id).snooze_until is None
    with pytest.raises(InputError, match="not after today"), journal.change():
        actions.snooze(journal, ana.id, "yesterday")


def test_a_follow_up_is_done_and_reopened_and_its_neighbours_stay(journal):
    ana = add(journal, "Ana").stakeholder
    with journal.change():
        entry = actions.log_contact(
            journal,
            ContactDraft(
                (ana.id,), "Coffee", follow_ups=("send the deck@friday", "email raj@x.org")
            ),
        )
    deck, mail = entry.follow_ups
    assert (deck["due"], mail["text"]) == ("2026-12-04", "email raj@x.org")
    found = actions.find_follow_up(journal, deck["id"][:6])
    with journal.change():
        actions.set_follow_up_done(journal, found.entry["id"], deck["id"])
    assert [i["id"] for _, i in journal.open_follow_ups()] == [mail["id"]]
    with pytest.raises(NotFoundError):
        actions.find_follow_up(journal, deck["id"][:6])  # no longer open
    again = actions.find_follow_up(journal, deck["id"][:6], done=True)
    with journal.change():
        actions.set_follow_up_done(journal, again.entry["id"], deck["id"], done=False)
    assert len(journal.open_follow_ups()) == 2


def test_a_contact_in_the_future_or_with_nobody_writes_nothing(journal):
    ana = add(journal, "Ana").stakeholder
    for draft in (
        ContactDraft((ana.id,), "Coffee", on="2026-12-01"),
        ContactDraft((), "Coffee"),
        ContactDraft((ana.id,), "  "),
        ContactDraft(("nobody",), "Coffee"),
    ):
        with pytest.raises((InputError, NotFoundError)), journal.change():
            actions.log_contact(journal, draft)
    assert list(journal.records(TABLE_INTERACTIONS)) == []


def test_editing_an_entry_keeps_a_done_follow_up(journal):
    ana = add(journal, "Ana").stakeholder
    with journal.change():
        entry = actions.log_contact(
            journal, ContactDraft((ana.id,), "Coffee", follow_ups=("call",))
        )
        actions.set_follow_up_done(journal, entry.id, entry.follow_ups[0]["id"])
    with journal.change():
        actions.edit_contact(journal, entry.id, ContactDraft((ana.id,), "Coffee and cake"))
    raw = journal.get(TABLE_INTERACTIONS, entry.id)
    assert raw["summary"] == "Coffee and cake"
    assert [(i["text"], i["done"]) for i in raw["follow_ups"]] == [("call", True)]


def test_delete_and_restore(journal):
    ana = add(journal, "Ana").stakeholder
    with journal.change():
        actions.delete(journal, TABLE_STAKEHOLDERS, ana.id)
    assert journal.stakeholders() == []
    with journal.change():
        assert actions.restore(journal, TABLE_STAKEHOLDERS, ana.id).what == "Ana"
    assert [s.name for s in journal.stakeholders()] == ["Ana"]
