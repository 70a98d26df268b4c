"""The everyday flow: add, log, due, list, show, snooze, done, delete, restore."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import TODAY

DUE_KEYS = {"id", "name", "cadence_days", "last_contact", "due", "days_overdue", "state"}
LIST_KEYS = {"id", "name", "organization", "tags", "cadence_days", "last_contact", "state"}


def ok(result):
    assert result.code == 0, result.err
    return result


@pytest.fixture
def people(sj):
    """A small journal on a fixed today (2026-11-28):

    - Ana Ruiz, every 2w, last contact 2026-11-01: due 11-15, 13 days overdue
    - Bram Okafor, every 10d, last contact 2026-11-10: due 11-20, 8 days overdue
    - Chen Wei, weekly, last contact 2026-11-23: due 11-30, due soon
    - Dolores Park, monthly, last contact yesterday: due 12-27, ok
    - Emil Sato, no cadence
    """
    ok(sj("add", "Ana Ruiz", "--org", "Coastal Timber Assoc.", "--every", "2w", "--key"))
    ok(sj("add", "Bram Okafor", "--org", "River Council", "--every", "10d", "--tag", "water"))
    ok(sj("add", "Chen Wei", "--every", "weekly"))
    ok(sj("add", "Dolores Park", "--every", "monthly"))
    ok(sj("add", "Emil Sato"))
    ok(sj("log", "ana", "--on", "2026-11-01", "Site visit"))
    ok(sj("log", "bram", "--on", "2026-11-10", "--via", "call", "Budget call"))
    ok(sj("log", "chen", "--on", "5d ago", "--via", "email", "Sent the minutes"))
    ok(sj("log", "dolores", "--on", "yesterday", "--via", "lunch", "Lunch"))
    return {row["name"].split()[0].lower(): row["id"] for row in ok(sj("list", "--json")).json()}


def test_help_lists_the_commands(sj):
    result = sj("--help")
    assert result.code == 0
    for command in ("add", "log", "due", "list", "show", "merge", "check", "sample"):
        assert f"    {command} " in result.out
    assert "YYYY-MM-DD" in result.out and "SJ_FILE" in result.out


def test_the_quick_start_from_the_issue(sj, machine):
    added = sj(
        "add", "Ana Ruiz", "--org", "Coastal Timber Assoc.", "--role", "Policy lead",
        "--every", "2w", "--tag", "forestry", "--key",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.out.startswith("Added Ana Ruiz (") and added.out.endswith(", every 2w.\n")
    assert added.err == f"sj: started a new journal at {machine.journal}\n"
    assert machine.journal.stat().st_mode & 0o777 == 0o600

    logged = sj(
        "log", "ana", "--informal", "--via", "coffee", "--on", "yesterday",
        "Talked about the spring consultation; she worries about timelines",
    )  # fmt: skip
    assert logged.code == 0, logged.err
    assert logged.out == "Logged an informal coffee with Ana Ruiz on 2026-11-27.\n"
    assert logged.err == ""

    due = ok(sj("due"))
    assert due.out == "Nobody is due. Well kept.\n"
    assert ok(sj("due", "--json")).json() == []

    [row] = ok(sj("list", "--json")).json()
    assert row.keys() >= LIST_KEYS
    assert row["name"] == "Ana Ruiz"
    assert row["organization"] == "Coastal Timber Assoc."
    assert row["tags"] == ["forestry"]
    assert row["cadence_days"] == 14
    assert row["last_contact"] == "2026-11-27"
    assert row["state"] == "ok"

    shown = ok(sj("show", "ana", "--json")).json()
    assert shown["stakeholder"]["role"] == "Policy lead"
    assert shown["stakeholder"]["key"] is True
    assert shown["cadence"]["due"] == "2026-12-11"
    [entry] = shown["recent"]
    assert entry["summary"].startswith("Talked about the spring consultation")
    assert entry["formal"] is False and entry["channel"] == "coffee"
    assert entry["date"] == "2026-11-27"
    assert shown["open_follow_ups"] == []

    text = ok(sj("show", "ana")).out
    assert text.startswith("Ana Ruiz  ★ key influencer")
    assert "Policy lead · Coastal Timber Assoc." in text
    assert "last contact yesterday, every 2w, state ok" in text


def test_due_json_most_overdue_first_with_right_values(sj, people):
    rows = ok(sj("due", "--json")).json()
    assert all(row.keys() >= DUE_KEYS for row in rows)
    assert [(r["name"], r["state"], r["due"], r["days_overdue"]) for r in rows] == [
        ("Ana Ruiz", "overdue", "2026-11-15", 13),
        ("Bram Okafor", "overdue", "2026-11-20", 8),
        ("Chen Wei", "due-soon", "2026-11-30", 0),
    ]
    assert [(r["cadence_days"], r["last_contact"]) for r in rows] == [
        (14, "2026-11-01"),
        (10, "2026-11-10"),
        (7, "2026-11-23"),
    ]
    assert rows[0]["id"] == people["ana"]


def test_due_all_includes_the_rest(sj, people):
    rows = ok(sj("due", "--all", "--json")).json()
    states = {r["name"]: r["state"] for r in rows}
    assert states == {
        "Ana Ruiz": "overdue",
        "Bram Okafor": "overdue",
        "Chen Wei": "due-soon",
        "Dolores Park": "ok",
        "Emil Sato": "no-cadence",
    }
    emil = next(r for r in rows if r["name"] == "Emil Sato")
    assert emil["due"] is None and emil["last_contact"] is None and emil["days_overdue"] == 0


def test_due_table(sj, people):
    lines = ok(sj("due")).out.splitlines()
    assert lines[0].split() == ["NAME", "LAST", "CONTACT", "CADENCE", "STATE"]
    assert lines[1].startswith("!  Ana Ruiz") and lines[1].endswith("contact 13d late")
    assert lines[2].startswith("!  Bram Okafor") and lines[2].endswith("contact 8d late")
    assert lines[3].startswith("~  Chen Wei") and lines[3].endswith("due in 2d")
    assert len(lines) == 4


def test_list_json_and_tag_filter(sj, people):
    rows = ok(sj("list", "--json")).json()
    assert [r["name"] for r in rows] == [
        "Ana Ruiz", "Bram Okafor", "Chen Wei", "Dolores Park", "Emil Sato",
    ]  # fmt: skip
    assert all(r.keys() >= LIST_KEYS for r in rows)
    bram = rows[1]
    assert bram["organization"] == "River Council" and bram["tags"] == ["water"]
    assert bram["cadence_days"] == 10 and bram["last_contact"] == "2026-11-10"
    assert [r["name"] for r in ok(sj("list", "--tag", "water", "--json")).json()] == ["Bram Okafor"]
    table = ok(sj("list")).out
    assert "★ Ana Ruiz" in table and people["bram"][:8] in table


def test_logging_restarts_the_clock(sj, people):
    ok(sj("log", "bram", "--via", "call", "Caught up on the budget"))
    names = [r["name"] for r in ok(sj("due", "--json")).json()]
    assert names == ["Ana Ruiz", "Chen Wei"]
    bram = next(r for r in ok(sj("due", "--all", "--json")).json() if r["name"] == "Bram Okafor")
    assert (bram["last_contact"], bram["due"], bram["state"]) == (TODAY, "2026-12-08", "ok")


def test_a_back_dated_log_does_not_move_the_last_contact_back(sj, people):
    ok(sj("log", "dolores", "--on", "2026-10-01", "Old note typed late"))
    row = next(r for r in ok(sj("list", "--json")).json() if r["name"] == "Dolores Park")
    assert row["last_contact"] == "2026-11-27"


def test_one_log_for_several_people(sj, people):
    ok(sj("log", "ana,bram", "--via", "event", "Forestry forum"))
    assert [r["name"] for r in ok(sj("due", "--json")).json()] == ["Chen Wei"]


def test_snooze_pushes_the_due_date(sj, people):
    result = ok(sj("snooze", "ana", "2026-12-20"))
    assert result.out == "Snoozed Ana Ruiz until 2026-12-20.\n"
    assert "Ana Ruiz" not in [r["name"] for r in ok(sj("due", "--json")).json()]
    ana = ok(sj("show", "ana", "--json")).json()
    assert ana["cadence"]["due"] == "2026-12-20"
    assert ana["cadence"]["state"] == "ok"
    assert ana["stakeholder"]["snooze_until"] == "2026-12-20"


def test_follow_up_shown_then_done(sj, people):
    ok(sj("log", "ana", "Consultation call", "--follow-up", "Send the timeline@2026-12-05"))
    shown = ok(sj("show", "ana", "--json")).json()
    [item] = shown["open_follow_ups"]
    assert item["text"] == "Send the timeline" and item["due"] == "2026-12-05"
    assert item["done"] is False
    assert f"[{item['id'][:6]}] Send the timeline (due 2026-12-05)" in ok(sj("show", "ana")).out

    done = ok(sj("done", item["id"][:6]))
    assert done.out == "Done: Send the timeline\n"
    assert ok(sj("show", "ana", "--json")).json()["open_follow_ups"] == []
    again = sj("done", item["id"][:6])
    assert again.code == 1 and "No open follow-up" in again.err


def test_delete_and_restore(sj, people):
    deleted = ok(sj("delete", "bram"))
    assert (
        deleted.out == f"Deleted Bram Okafor; `sj restore {people['bram'][:8]}` brings them back.\n"
    )
    assert "Bram Okafor" not in [r["name"] for r in ok(sj("list", "--json")).json()]
    assert "Bram Okafor" not in [r["name"] for r in ok(sj("due", "--json")).json()]
    assert sj("show", "bram").code == 1

    assert ok(sj("restore", "bram")).out == "Restored Bram Okafor.\n"
    rows = ok(sj("due", "--json")).json()
    bram = next(r for r in rows if r["name"] == "Bram Okafor")
    assert bram["id"] == people["bram"] and bram["last_contact"] == "2026-11-10"
    assert bram["days_overdue"] == 8


def test_restore_of_someone_not_deleted_says_so(sj, people, machine):
    before = machine.journal.read_bytes()
    result = sj("restore", "ana")
    assert result.code == 1
    assert result.err_lines == [
        "sj: No deleted stakeholder matches 'ana'; `sj restore` brings back someone "
        "removed with `sj delete`."
    ]
    assert machine.journal.read_bytes() == before


def test_edit_changes_the_profile(sj, people):
    ok(sj("edit", "emil", "--every", "quarterly", "--tag", "Ports", "--role", "Harbour master"))
    shown = ok(sj("show", "emil", "--json")).json()
    assert shown["stakeholder"]["cadence_days"] == 91
    assert shown["stakeholder"]["tags"] == ["ports"]
    assert shown["stakeholder"]["role"] == "Harbour master"
    # Never contacted: due from the day they were added, that is today.
    assert shown["cadence"]["due"] == TODAY and shown["cadence"]["state"] == "due-soon"


def test_a_name_can_be_an_id_prefix(sj, people):
    shown = ok(sj("show", people["chen"][:8], "--json")).json()
    assert shown["stakeholder"]["name"] == "Chen Wei"


def test_sample_then_due_json(sj, machine, tmp_path):
    result = ok(
        sj("sample", "--stakeholders", "20", "--interactions", "300", "--seed", "1", "-o", "f.json")
    )
    assert result.out == "Wrote f.json: 20 stakeholders, 300 contacts.\n"
    sample = tmp_path / "f.json"
    first = sample.read_bytes()
    rows = ok(sj("--file", "f.json", "due", "--json")).json()
    assert rows, "a sample journal has someone due on its today"
    today = dt.date.fromisoformat(TODAY)
    for row in rows:
        assert row.keys() >= DUE_KEYS
        assert row["state"] in ("overdue", "due-soon")
        due = dt.date.fromisoformat(row["due"])
        assert row["days_overdue"] == max(0, (today - due).days)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    assert len(ok(sj("--file", "f.json", "list", "--json")).json()) == 20
    assert sample.read_bytes() == first  # reading never rewrites the file

    # The same seed gives the same journal, and an existing file is never overwritten.
    ok(sj("sample", "--stakeholders", "20", "--interactions", "300", "--seed", "1", "-o", "g.json"))
    assert (tmp_path / "g.json").read_bytes() == first
    again = sj("sample", "--stakeholders", "20", "--interactions", "300", "-o", "f.json")
    assert again.code == 1 and len(again.err_lines) == 1 and "already exists" in again.err
    assert sample.read_bytes() == first
