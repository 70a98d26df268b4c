"""What a user sees when something is wrong: one line on stderr saying what to
do, exit 1, and the journal file left byte for byte as it was."""

from __future__ import annotations

import pytest


@pytest.fixture
def journal(sj, machine):
    """Two stakeholders whose names share "ana", and one contact."""
    for args in (
        ("add", "Ana Ruiz", "--every", "2w"),
        ("add", "Anabel Ortiz", "--every", "monthly"),
        ("add", "Bram Okafor"),
        ("log", "bram", "--on", "2026-11-20", "Budget call", "--follow-up", "Send figures"),
    ):
        assert sj(*args).code == 0
    return machine.journal


def refused(sj, journal, *args):
    """Run a command that must be refused; return its one error line."""
    before = journal.read_bytes()
    result = sj(*args)
    assert result.code == 1, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert result.err.startswith("sj: ") and result.err.endswith("\n")
    assert journal.read_bytes() == before
    return result.err_lines[0]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("log", "ruiz", "--on", "2026-13-01", "x"), "use YYYY-MM-DD, dec 5, 5 Dec 2026, today"),
        (("log", "ruiz", "--on", "yesterdy", "x"), '"yesterdy" is not a date: use YYYY-MM-DD'),
        (("log", "ruiz", "--on", "tomorrow", "x"), "2026-11-29 is in the future; log contacts"),
        (("log", "ruiz", "--on", "2027-01-05", "x"), "in the future"),
        (("log", "ruiz", "--at", "25:00", "x"), "use HH:MM"),
        (("log", "ruiz", "--follow-up", "@friday", "x"), "has no text"),
        (("log", "ruiz", "--minutes", "-3", "x"), "cannot be negative"),
        (("log", "ruiz", " "), "Say what happened"),
        (("add", "Cleo", "--every", "sometimes"), '"sometimes" is not a cadence: use a number'),
        (("add", "Cleo", "--every", "0d"), "at least 1 day"),
        (("edit", "ruiz", "--every", "fortnight"), "not a cadence"),
        (("add", "Cleo", "--influence", "7"), "Influence is a whole number from 1 to 5, not 7"),
        (("edit", "ruiz", "--interest", "0"), "Interest is a whole number from 1 to 5"),
        (("edit", "ruiz", "--rank", "0"), "Rank is a whole number of 1 or more"),
        (("edit", "ruiz"), "Nothing to change"),
        (("add", "  "), "needs a name"),
        (("add", "ana ruiz"), "already in the journal"),
        (("log", "nobody", "x"), "No stakeholder matches 'nobody'; try `sj list`"),
        (("show", "nobody"), "No stakeholder matches 'nobody'"),
        (("delete", "nobody"), "No stakeholder matches"),
        (("restore", "nobody"), "No deleted stakeholder matches 'nobody'"),
        (("snooze", "ruiz", "yesterday"), "is not after today: snooze to a later date"),
        (("snooze", "ruiz", "someday"), "not a date"),
        (("done", "ab"), "at least 4 characters"),
        (("done", "zzzzzz"), "No open follow-up"),
        (("due", "--window", "-5"), "--window"),
        (("show", "ruiz", "--entries", "-1"), "--entries"),
        (("sample", "--stakeholders", "0", "-o", "s.json"), "--stakeholders must be 1 or more"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(sj, journal, args, says):
    assert says in refused(sj, journal, *args)


def test_ambiguous_name_lists_the_candidates(sj, journal):
    for args in (("log", "an", "x"), ("show", "an"), ("snooze", "an", "2026-12-24")):
        line = refused(sj, journal, *args)
        assert line.startswith("sj: 'an' matches Ana Ruiz (")
        assert "Anabel Ortiz (" in line and "type the one you mean as shown, or its id" in line
    # "ana ruiz" is exact, "ana" a whole word of one name, "abel" unique: all work.
    assert sj("show", "ana ruiz", "--json").json()["stakeholder"]["name"] == "Ana Ruiz"
    assert sj("show", "ana", "--json").json()["stakeholder"]["name"] == "Ana Ruiz"
    assert sj("show", "ABEL", "--json").json()["stakeholder"]["name"] == "Anabel Ortiz"


def test_a_typo_on_a_new_journal_does_not_create_it(sj, machine):
    result = sj("log", "ana", "--on", "yesterdy", "x")
    assert result.code == 1 and len(result.err_lines) == 1
    assert not machine.journal.exists()


def test_reading_does_not_rewrite_the_file(sj, journal):
    before = journal.read_bytes()
    for args in (("due",), ("due", "--json"), ("list",), ("show", "bram", "--json"), ("check",)):
        assert sj(*args).code == 0
    assert journal.read_bytes() == before


ESCAPE = "\x1b[31m"


def test_terminal_escapes_in_names_are_printed_escaped(sj, machine):
    name = f"Eve {ESCAPE}Red"
    added = sj("add", name, "--every", "1w", "--org", f"Acme{ESCAPE}")
    assert added.code == 0
    assert added.out.startswith("Added Eve \\x1b[31mRed (")
    assert sj("add", "Eve Blue", "--every", "1w").code == 0
    assert sj("log", "red", "--on", "2026-11-01", f"Met {ESCAPE}at dawn").code == 0
    outputs = [
        sj("list").out,
        sj("due").out,
        sj("show", "red").out,
        sj("log", "red", f"more {ESCAPE}").out,
    ]
    for out in outputs:
        assert "\x1b" not in out
        assert "Eve \\x1b[31mRed" in out
    # JSON escapes it its own way and keeps the name intact for scripts.
    rows = sj("list", "--json")
    assert "\x1b" not in rows.out and rows.json()[0]["name"] in (name, "Eve Blue")
    assert name in [r["name"] for r in rows.json()]

    # Error messages quote names and what was typed: escaped as well.
    before = machine.journal.read_bytes()
    ambiguous = sj("log", "eve", "x")
    assert ambiguous.code == 1 and "\x1b" not in ambiguous.err
    assert "Eve \\x1b[31mRed (" in ambiguous.err and "Eve Blue (" in ambiguous.err
    unknown = sj("show", f"{ESCAPE}nobody")
    assert unknown.code == 1 and "\x1b" not in unknown.err and "\\x1b[31mnobody" in unknown.err
    assert len(unknown.err_lines) == 1
    assert machine.journal.read_bytes() == before


# -- sj check


def test_check_passes_on_a_sound_file(sj, journal):
    result = sj("check")
    assert result.code == 0, result.err
    assert result.out.startswith(f"{journal}: sound (3 stakeholders, 1 interaction)")
    report = sj("check", "--json").json()
    assert report["sound"] is True and report["problems"] == []
    assert report["records"]["stakeholders"] == 3


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda b: b[: len(b) // 2], "is truncated"),
        (lambda b: b"", "is empty"),
        (lambda b: b + b"garbage", "it was left untouched"),
        (lambda b: b"\xff\xfe" + b, "not UTF-8"),
        (lambda b: b'{"stakeholders": {}}', "is not a Stakeholder Journal file"),
        (lambda b: b"[1, 2, 3]", "is not a Stakeholder Journal file"),
    ],
    ids=["truncated", "empty", "trailing-garbage", "not-utf8", "no-meta", "a-list"],
)
def test_check_fails_on_a_corrupt_file_with_one_line(sj, journal, damage, says):
    journal.write_bytes(damage(journal.read_bytes()))
    broken = journal.read_bytes()
    result = sj("check")
    assert result.code == 1
    # What was damaged goes to stderr; the backups that can mend it to stdout.
    assert result.out.startswith(f"{journal}: NOT sound\n  backups: ")
    assert "sj backups restore N" in result.out
    [line] = result.err_lines
    assert line.startswith(f"sj: {journal} ") and says in line
    assert journal.read_bytes() == broken
    # Every other command refuses the same way and never writes over it.
    for args in (("due",), ("log", "bram", "x"), ("add", "Cleo")):
        assert says in refused(sj, journal, *args)
    report = sj("check", "--json")
    assert report.code == 1 and report.json()["sound"] is False
    assert journal.read_bytes() == broken


def test_trailing_garbage_is_named_as_such(sj, journal):
    journal.write_bytes(journal.read_bytes() + b"garbage")
    assert "has extra data after the journal" in refused(sj, journal, "due")


def test_check_on_a_folder(sj, machine, tmp_path):
    result = sj("--file", str(tmp_path), "check")
    assert result.code == 1 and len(result.err_lines) == 1
    assert "is a folder" in result.err


def test_a_missing_journal_that_existed_is_not_recreated(sj, journal):
    journal.unlink()
    result = sj("due")
    assert result.code == 1 and len(result.err_lines) == 1
    assert "is missing but was a journal before" in result.err
    assert not journal.exists()
