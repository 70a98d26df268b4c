"""The coaching commands through ``tui.cli.main``."""

import json

import pytest

from tui.cli import main


@pytest.fixture
def sj(tmp_path, monkeypatch, capsys):
    for name in ("SJ_FILE", "SJ_NOW", "SJ_CLOCK_OFFSET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SJ_TODAY", "2026-11-28")
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / "home" / name.lower()))
    path = tmp_path / "journal.json"

    def run(*argv):
        capsys.readouterr()
        code = main(["--file", str(path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run("add", "Ana Ruiz", "--every", "10d", "--key", "--tag", "water", "--issues", "low water")
    run("add", "Ben Okafor", "--tag", "roads", "--personal", "cycling")
    run("add", "Cy Lee", "--tag", "water")
    return run


def test_today_json_and_text(sj):
    assert sj("log", "ana", "budget", "--on", "2026-10-28")[0] == 0
    code, out, _ = sj("today", "--json")
    assert code == 0
    data = json.loads(out)
    first = data[0]
    assert set(first) == {"name", "id", "score", "reasons"}
    assert first["name"] == "Ana Ruiz" and first["reasons"] == ["3.1x past cadence"]
    code, out, _ = sj("reach-out")
    assert "Ana Ruiz" in out and "3.1x past cadence" in out


def test_today_with_nobody_due(sj):
    code, out, _ = sj("today", "--json")
    assert json.loads(out)[0]["reasons"] == ["not contacted yet"]
    sj("log", "ana", "hello")
    code, out, _ = sj("today")
    assert code == 0 and "Nobody" in out


def test_promise_flow(sj):
    sj("log", "ana", "site visit", "--on", "yesterday")
    code, out, _ = sj("promise", "ana", "a reply on the permit", "--due", "friday")
    assert code == 0 and "due 2026-12-04" in out
    code, out, _ = sj("promise", "ben", "the traffic counts", "--due", "2026-11-20", "--theirs")
    assert code == 0 and "Ben Okafor promised you" in out
    code, out, _ = sj("promises", "--json")
    items = json.loads(out)
    assert [(i["name"], i["direction"], i["status"]) for i in items] == [
        ("Ben Okafor", "theirs", "overdue"),
        ("Ana Ruiz", "mine", "open"),
    ]
    code, out, _ = sj("today", "--json")
    reasons = {i["name"]: i["reasons"] for i in json.loads(out)}
    assert reasons["Ana Ruiz"] == ['you promised "a reply on the permit" by Friday']
    assert reasons["Ben Okafor"] == ['they promised "the traffic counts" by Nov 20: follow up']
    code, out, _ = sj("due", "--json", "--window", "7")
    assert {d["name"]: d["due"] for d in json.loads(out)}["Ana Ruiz"] == "2026-12-04"
    code, out, _ = sj("promise-done", items[0]["id"][:6])
    assert code == 0 and "Kept" in out
    code, out, _ = sj("promises", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = sj("promises", "--all", "--json")
    assert len(json.loads(out)) == 2
    code, out, _ = sj("promises", "--who", "ana")
    assert "a reply on the permit" in out and "traffic" not in out


def test_promise_errors_are_one_line(sj):
    code, _, err = sj("promise-done", "ab")
    assert code == 1 and err.count("\n") == 1 and "at least 4" in err
    code, _, err = sj("promise", "nobody", "x")
    assert code == 1 and err.startswith("sj: No stakeholder")
    code, _, err = sj("promise", "ana", "x", "--due", "someday")
    assert code == 1 and "not a date" in err


def test_log_flags_reach_the_entry_and_the_brief(sj):
    code, _, _ = sj(
        "log",
        "ana",
        "walk",
        "--on",
        "2026-11-20",
        "--informal",
        "--personal",
        "--reaction",
        "relaxed",
        "--differently",
        "ask first",
        "--next",
        "bring the map",
        "--met",
        "Dee",
    )
    assert code == 0
    code, out, _ = sj("brief", "ana", "--json")
    b = json.loads(out)
    assert b["last_contact"]["business"] is False and b["last_contact"]["formal"] is False
    assert b["reaction"]["text"] == "relaxed"
    assert b["differently"]["text"] == "ask first"
    assert b["next_time"]["text"] == "bring the map"
    assert b["last_personal"] == "2026-11-20"
    assert b["critical_issues"] == "low water"
    code, out, _ = sj("show", "ana", "--json")
    entry = json.loads(out)["recent"][0]
    assert entry["new_person"] is True and entry["new_person_name"] == "Dee"


def test_brief_text(sj):
    sj("promise", "ben", "a call back", "--due", "in 3d")
    code, out, _ = sj("brief", "ben")
    assert code == 0
    assert out.startswith("Ben Okafor")
    assert "No contact logged yet." in out
    assert "You promised: a call back (due 2026-12-01)" in out
    assert "Something outside work to open with: cycling" in out


def test_share_logs_and_suggests(sj):
    code, out, _ = sj(
        "share", "Water quality outlook", "--with", "ana", "--url", "https://x", "--tag", "water"
    )
    assert code == 0
    assert "shared with Ana Ruiz on 2026-11-28 (1 shared this month)" in out
    assert "Might interest too: Cy Lee (water)" in out
    code, out, _ = sj("review", "--json")
    assert json.loads(out)["totals"]["shared"] == 1
    code, _, err = sj("share", "x", "--with", "nobody")
    assert code == 1 and "No stakeholder" in err


def test_review_month_and_range(sj):
    sj("log", "ana", "a", "--on", "2025-12-31", "--informal")
    sj("log", "ana,ben", "b", "--on", "2026-01-01")
    sj("log", "ben", "c", "--on", "2026-01-31")
    code, out, _ = sj("review", "--month", "2026-01", "--json")
    data = json.loads(out)
    assert data["totals"]["contacts"] == 2
    assert {s["name"]: s["contacts"] for s in data["stakeholders"]} == {
        "Ben Okafor": 2,
        "Ana Ruiz": 1,
    }
    assert data["heatmap"]["2026-01-01"] == 1 and len(data["heatmap"]) == 31
    code, out, _ = sj("review", "--from", "2025-12-31", "--to", "2026-01-01", "--json")
    data = json.loads(out)
    assert data["totals"]["contacts"] == 2 and data["totals"]["informal"] == 1
    assert data["balance"] == []
    code, out, _ = sj("review", "--month", "2026-01")
    assert code == 0 and "Contacts from 2026-01-01 to 2026-01-31: 2" in out and "Ben Okafor" in out
    code, _, err = sj("review", "--month", "2026-01", "--from", "2026-01-01", "--to", "2026-01-02")
    assert code == 1 and "not both" in err
    code, _, err = sj("contact-review", "--from", "2026-01-01")
    assert code == 1 and "both --from and --to" in err
    code, _, err = sj("review", "--month", "2026-13")
    assert code == 1 and "YYYY-MM" in err


def test_review_balance_signal_text(sj):
    sj("log", "ana", "formal one", "--on", "2026-11-03")
    code, out, _ = sj("review")
    assert "Met only formally" in out and "key influencer: 1 formal contact, none informal" in out


def test_review_balance_is_silent_without_key_contacts_and_counts_them_otherwise(sj):
    code, out, _ = sj("review")
    assert code == 0 and "Contacts from 2026-11-01 to 2026-11-30: 0" in out
    assert "Balance" not in out and "informal contact too" not in out
    sj("log", "cy", "coffee", "--informal", "--on", "2026-11-03")
    assert "Balance" not in sj("review")[1]
    sj("log", "ana", "coffee", "--informal", "--on", "2026-11-04")
    code, out, _ = sj("review")
    assert "Balance: The one key or focus relationship in touch had an informal contact too." in out


def test_due_praises_only_what_was_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SJ_TODAY", "2026-11-28")
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / "home" / name.lower()))
    path = str(tmp_path / "j.json")

    def said(*argv):
        capsys.readouterr()
        assert main(["--file", path, *argv]) == 0
        return capsys.readouterr().out

    said("add", "Ana Ruiz")
    said("delete", "ana")
    assert said("due") == (
        'Nobody is due: there are no stakeholders yet (sj add "Ana Ruiz" --every 2w).\n'
    )
    assert said("today").startswith("No stakeholders yet")
    said("add", "Ben Okafor")
    assert said("due").startswith("Nobody is due: no one has a cadence")
    said("edit", "ben", "--every", "2w")
    said("log", "ben", "call")
    assert said("due") == "Nobody is due. Well kept.\n"


def test_report_to_file_and_reflections(sj, tmp_path):
    sj("log", "ana", "visit", "--on", "2026-10-05", "--differently", "private lesson")
    target = tmp_path / "out" / "report.md"
    code, _, err = sj("report", "--month", "2026-10", "-o", str(target))
    assert code == 1 and "does not exist; create it first" in err
    target.parent.mkdir()
    code, _, err = sj("report", "--month", "2026-10", "-o", str(target))
    assert code == 0 and "Wrote" in err
    text = target.read_text()
    assert text.startswith("# Stakeholder relationships: October 2026")
    assert "| Contacts | 1 |" in text and "private lesson" not in text
    code, out, _ = sj("report", "--month", "2026-10", "--include-reflections")
    assert "private lesson" in out
    code, _, err = sj("report", "--month", "October")
    assert code == 1 and "YYYY-MM" in err


def test_focus_commands(sj):
    code, out, _ = sj("focus")
    assert code == 0 and "No focus set yet" in out
    code, out, _ = sj("focus", "ana", "ben")
    assert code == 0 and "Focus set: Ana Ruiz, Ben Okafor." in out and "Add 1 more" in out
    code, out, _ = sj("focus")
    assert "◆ Ana Ruiz" in out and "◆ Ben Okafor" in out
    code, out, _ = sj("today", "--json")
    assert [i["name"] for i in json.loads(out)][:2] == ["Ana Ruiz", "Ben Okafor"]
    code, out, _ = sj("focus", "--clear")
    assert code == 0 and "Cleared" in out
    code, _, err = sj("focus", "--clear", "ana")
    assert code == 1
    for name in ("Dee", "Eve", "Fay"):
        sj("add", name)
    code, _, err = sj("focus", "ana", "ben", "cy", "dee", "eve", "fay")
    assert code == 1 and "at most 5" in err


def test_edit_records_role_change_for_today(sj):
    sj("add", "Gus", "--role", "Analyst")
    sj("log", "gus", "chat", "--on", "2026-11-01")
    assert sj("edit", "gus", "--role", "Director")[0] == 0
    code, out, _ = sj("today", "--json")
    reasons = {i["name"]: i["reasons"] for i in json.loads(out)}
    assert reasons["Gus"] == ["no contact since they changed role"]
    code, out, _ = sj("brief", "gus", "--json")
    assert json.loads(out)["role_change"]["before"] == "Analyst"
