"""The command line reaches what the app writes: reflections, goals, editing
and deleting an entry, reopening a follow-up or a promise."""

from __future__ import annotations

import pytest


@pytest.fixture
def ana(sj):
    assert sj("add", "Ana Ruiz", "--every", "2w").code == 0
    assert (
        sj("log", "ana", "Coffee about the permits", "--follow-up", "send the deck@friday").code
        == 0
    )
    shown = sj("show", "ana", "--json").json()
    return shown["recent"][0]["id"], shown["open_follow_ups"][0]["id"]


def test_a_reflection_is_kept_and_listed_newest_first(sj, ana):
    assert sj("reflect", "--about", "ana", "Listen", "before", "proposing.").code == 0
    assert sj("reflect", "A quiet week.").code == 0
    listed = sj("reflections")
    assert listed.code == 0
    assert "Listen before proposing." in listed.out and "Ana Ruiz" in listed.out
    about = sj("reflections", "--about", "ana", "--json").json()
    assert [r["answer"] for r in about] == ["Listen before proposing."]
    empty = sj("reflect", "  ")
    assert empty.code == 1 and len(empty.err_lines) == 1


def test_goals_are_added_listed_counted_and_checked_off(sj, ana):
    assert sj("goal", "add", "--count", "formal", "--target", "2").code == 0
    assert sj("goal", "add", "Ask", "a", "peer", "for", "feedback").code == 0
    twice = sj("goal", "add", "--count", "formal", "--target", "2")
    assert twice.code == 1 and "already a goal for 2026-11" in twice.err
    goals = {g["goal"]: g for g in sj("goal", "list", "--json").json()}
    assert goals["2 formal contacts"]["value"] == 1  # logged without a channel: a meeting, formal
    item = goals["Ask a peer for feedback"]
    assert sj("goal", "done", item["id"][:6]).code == 0
    assert {g["goal"]: g["done"] for g in sj("goal", "list", "--json").json()}[item["goal"]]
    counted = sj("goal", "done", goals["2 formal contacts"]["id"][:6])
    assert counted.code == 1 and "counted from the journal" in counted.err
    bad = sj("goal", "add", "--count", "formal", "--target", "none")
    assert bad.code == 1 and "1 or more" in bad.err


def test_an_entry_is_edited_deleted_and_restored(sj, ana):
    entry, _ = ana
    assert sj("entry", "edit", entry[:6], "--reaction", "Warm", "--informal").code == 0
    [shown] = sj("show", "ana", "--json").json()["recent"]
    assert (shown["reaction"], shown["formal"]) == ("Warm", False)
    assert shown["follow_ups"][0]["text"] == "send the deck"  # kept, with its id
    assert sj("entry", "delete", entry[:6]).code == 0
    assert sj("show", "ana", "--json").json()["recent"] == []
    assert sj("entry", "restore", entry[:6]).code == 0
    assert len(sj("show", "ana", "--json").json()["recent"]) == 1
    future = sj("entry", "edit", entry[:6], "--on", "2027-01-01")
    assert future.code == 1 and "future" in future.err


def test_a_follow_up_and_a_promise_are_reopened(sj, ana):
    _, follow_up = ana
    assert sj("done", follow_up[:6]).code == 0
    assert sj("show", "ana", "--json").json()["open_follow_ups"] == []
    assert sj("reopen", follow_up[:6]).code == 0
    assert [f["id"] for f in sj("show", "ana", "--json").json()["open_follow_ups"]] == [follow_up]
    sj("promise", "ana", "send the draft")
    [promise] = sj("promises", "--json").json()
    assert sj("promise-done", promise["id"][:6]).code == 0
    assert sj("reopen", promise["id"][:6]).code == 0
    assert [p["id"] for p in sj("promises", "--json").json()] == [promise["id"]]
    nothing = sj("reopen", "zzzzzz")
    assert nothing.code == 1 and len(nothing.err_lines) == 1


def test_due_and_show_say_which_clock_speaks(sj):
    sj("add", "Ana Ruiz", "--every", "10d")
    sj("log", "ana", "call")
    sj("promise", "ana", "intro", "--due", "3d ago")
    due = sj("due")
    assert "promise 3d late" in due.out and "every 10d" in due.out
    [row] = sj("due", "--json").json()
    assert (row["state"], row["contact_state"], row["reasons"]) == (
        "overdue",
        "ok",
        ["promise 3d late"],
    )
    assert row["contact_due"] == "2026-12-08"
    assert "promise 3d late" in sj("show", "ana").out
    snoozed = sj("snooze", "ana", "in 2w")
    assert snoozed.code == 0 and "a promise due 2026-11-25 still makes them due" in snoozed.err


def test_important_dates_are_added_shown_and_removed_from_the_command_line(sj, ana):
    assert sj("date", "add", "ana", "birthday", "12-01", "--yearly").code == 0
    assert sj("date", "add", "ana", "term ends", "2027-06-30").code == 0
    shown = sj("show", "ana").out
    assert "birthday 12-01, yearly (next in 3d)" in shown
    assert "term ends 2027-06-30" in shown
    no_year = sj("date", "add", "ana", "election", "05-03")
    assert no_year.code == 1 and len(no_year.err_lines) == 1 and "year" in no_year.err
    assert sj("date", "remove", "ana", "Birthday").code == 0
    dates = sj("show", "ana", "--json").json()["stakeholder"]["dates"]
    assert [d["label"] for d in dates] == ["term ends"]
    missing = sj("date", "remove", "ana", "birthday")
    assert missing.code == 1 and "term ends" in missing.err


def test_duplicates_are_listed_with_why(sj):
    assert sj("add", "Ana Ruiz", "--org", "Forestry Board", "--email", "ana@f.example").code == 0
    assert sj("add", "Ana Ruiz", "--org", "Forest Service", "--email", "ANA@f.example").code == 0
    assert sj("add", "Jon Smith", "--org", "Harbour").code == 0
    assert sj("add", "John Smith", "--org", "Harbour").code == 0
    listed = sj("duplicates")
    assert listed.code == 0
    assert "same e-mail" in listed.out and "similar names" in listed.out
    pairs = sj("duplicates", "--json").json()
    assert [p["reason"] for p in pairs] == ["same e-mail", "similar names"]
    assert {pairs[1]["first"]["name"], pairs[1]["second"]["name"]} == {"Jon Smith", "John Smith"}


def test_notes_of_several_lines_stay_under_their_label(sj):
    assert sj("add", "Ana Ruiz", "--notes", "Prefers mornings\nAsk about the survey").code == 0
    assert sj("log", "ana", "Coffee", "--reaction", "Warm\nbut wary of the timeline").code == 0
    shown = sj("show", "ana").out.splitlines()
    notes = shown.index("  notes: Prefers mornings")
    assert shown[notes + 1] == "    Ask about the survey"
    reaction = shown.index("      their reaction: Warm")
    assert shown[reaction + 1] == "        but wary of the timeline"


def test_a_comma_separates_tags_wherever_they_are_typed(sj, tmp_path):
    assert sj("add", "Ana Ruiz", "--tag", "forestry,Key", "--tag", " permits ").code == 0
    assert sj("show", "ana", "--json").json()["stakeholder"]["tags"] == [
        "forestry",
        "key",
        "permits",
    ]
    assert sj("list", "--tag", "forestry").code == 0
    card = tmp_path / "bo.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lind\nEND:VCARD\n")
    assert sj("import", str(card), "--tag", "a,b").code == 0
    assert sj("show", "bo", "--json").json()["stakeholder"]["tags"] == ["a", "b"]
    out = tmp_path / "people.csv"
    assert sj("export", "--format", "csv", "-o", str(out)).code == 0
    again = sj("import", str(out), "--json").json()
    assert again["added"] == [] and again["updated"] == []


def test_names_sort_without_case_or_accents(sj, tmp_path):
    for name in ("Zofia Nowak", "Émilie Roux", "anders Berg", "Ødegård Sølvi"):
        assert sj("add", name).code == 0
    listed = [p["name"] for p in sj("list", "--json").json()]
    assert listed == ["anders Berg", "Émilie Roux", "Ødegård Sølvi", "Zofia Nowak"]
    out = tmp_path / "people.csv"
    assert sj("export", "--format", "csv", "-o", str(out)).code == 0
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == listed
