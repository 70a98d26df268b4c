"""`sj search`, and names that forgive on the command line."""

from __future__ import annotations

import json

import pytest

from tui.cli import search_command


def changed_on(machine, name):
    """The day a profile last changed: the date its results show."""
    people = json.loads(machine.journal.read_text())["stakeholders"].values()
    return next(p["updated_at"][:10] for p in people if p["name"] == name)


@pytest.fixture
def journal(sj, machine):
    assert sj("add", "Ana Ruiz", "--org", "Forestry Board", "--tag", "wetlands").code == 0
    assert sj("add", "Chloé Martin", "--issues", "Permits for the mill").code == 0
    assert sj("log", "ana", "Talked about the permits", "--on", "2026-03-02").code == 0
    assert (
        sj(
            "log",
            "ana",
            "Spring consultation opened",
            "--on",
            "2026-04-10",
            "--reaction",
            "Wants the maps first",
            "--informal",
        ).code
        == 0
    )
    assert sj("log", "chloe", "Lunch at the Café Noir", "--on", "2026-05-01").code == 0
    return machine


def test_lines_newest_first_with_kind_names_field_and_snippet(sj, journal):
    result = sj("search", "permits")
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{changed_on(journal, 'Chloé Martin')}  profile     Chloé Martin · critical issues: Permits for the mill",
        "2026-03-02  entry       Ana Ruiz · what I said or did: Talked about the permits",
    ]
    assert "\x1b" not in result.out  # not a terminal: no highlight


def test_phrase_exclusion_prefix_and_accents(sj, journal):
    assert len(sj("search", "spring consultation").out.splitlines()) == 1
    assert sj("search", '"consultation spring"').out.startswith("Nothing matches")
    assert len(sj("search", "perm").out.splitlines()) == 2
    assert len(sj("search", "permits", "-mill").out.splitlines()) == 1
    assert "Café Noir" in sj("search", "CAFE").out
    assert "Chloé Martin" in sj("search", "chloe").out


def test_json_fields(sj, journal):
    (hit,) = sj("search", "maps", "--json").json()
    assert set(hit) >= {"kind", "id", "date", "stakeholders", "field", "snippet"}
    assert (hit["kind"], hit["date"], hit["stakeholders"], hit["field"]) == (
        "entry",
        "2026-04-10",
        ["Ana Ruiz"],
        "reaction",
    )
    assert hit["snippet"] == "Wants the maps first"
    (person,) = sj("search", "mill", "--json").json()
    assert (person["kind"], person["date"]) == ("stakeholder", changed_on(journal, "Chloé Martin"))


def test_filters(sj, journal):
    def kinds_and_dates(*args):
        return [(h["kind"], h["date"]) for h in sj("search", *args, "--json").json()]

    chloe = changed_on(journal, "Chloé Martin")
    assert kinds_and_dates("permits", "--in", "people") == [("stakeholder", chloe)]
    assert kinds_and_dates("permits", "--who", "ana") == [("entry", "2026-03-02")]
    assert kinds_and_dates("spring", "--since", "2026-04-01", "--until", "2026-04-30") == [
        ("entry", "2026-04-10")
    ]
    assert kinds_and_dates("spring", "--until", "2026-04-09") == []
    assert kinds_and_dates("spring", "--informal") == [("entry", "2026-04-10")]
    assert kinds_and_dates("spring", "--formal") == []
    assert kinds_and_dates("permits", "--tag", "wetlands") == [("entry", "2026-03-02")]


def test_limit(sj, journal):
    for day in range(1, 5):
        sj("log", "ana", f"Zebra {day}", "--on", f"2026-06-0{day}")
    result = sj("search", "zebra", "--limit", "2")
    assert [line[:10] for line in result.out.splitlines()] == ["2026-06-04", "2026-06-03"]
    assert result.err == "sj: the 2 newest shown, more match; --limit 0 shows them all.\n"
    assert len(sj("search", "zebra", "--limit", "0").out.splitlines()) == 4


def test_no_match_is_one_line_and_success(sj, journal):
    result = sj("search", "giraffe")
    assert (result.code, result.out, result.err) == (0, "Nothing matches giraffe.\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "someday"), 'sj: "someday" is not a date'),
        (("--who", "nobody"), "sj: No stakeholder matches 'nobody'"),
        (("--who", "ana ruis"), "sj: No stakeholder matches 'ana ruis'; did you mean Ana Ruiz?"),
        (("--in", "notes"), "sj: 'notes' is not something to search in"),
        (("--in", "peple"), "sj: 'peple' is not something to search in; did you mean people?"),
        (("--tag", "wetland"), "sj: No one has the tag 'wetland'; did you mean wetlands?"),
        (("--since", "2026-05-01", "--until", "2026-04-01"), "sj: --since 2026-05-01 is after"),
        (("--limit", "-1"), "sj: --limit is a number of results"),
    ],
)
def test_errors_are_one_line_exit_1(sj, journal, args, message):
    result = sj("search", "permits", *args)
    assert result.code == 1
    assert len(result.err_lines) == 1 and result.err.startswith(message)
    assert result.out == ""


def test_usage_errors_exit_2(sj, journal):
    assert sj("search").code == 2
    assert sj("search", "-permits").code == 2
    assert sj("search", "permits", "--nope").code == 2


def test_highlight_on_a_terminal_only(sj, journal, monkeypatch):
    monkeypatch.setattr(search_command.sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    marked = sj("search", "cafe").out
    assert f"{search_command.MARK_ON}Café{search_command.MARK_OFF}" in marked
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in sj("search", "cafe").out


def test_markup_and_escapes_in_text_are_shown_inert(sj, journal):
    sj("log", "ana", "Zebra [bold]x[/] \x1b[31mred", "--on", "2026-06-01")
    out = sj("search", "zebra").out
    assert "[bold]x[/]" in out and "\\x1b[31mred" in out


def test_a_close_name_is_suggested_and_nothing_is_written(sj, journal):
    before = journal.journal.read_bytes()
    result = sj("log", "ana ruis", "Met again")
    assert result.code == 1
    assert result.err == "sj: No stakeholder matches 'ana ruis'; did you mean Ana Ruiz?\n"
    assert journal.journal.read_bytes() == before


def test_a_name_without_its_accent_is_the_one_match(sj, journal):
    assert sj("log", "chloe martin", "Second lunch").code == 0
    assert "Second lunch" in sj("search", "second", "--who", "CHLOÉ").out


def test_nothing_found_under_options_says_so(sj, journal):
    plain = sj("search", "zzzqqq")
    assert plain.code == 0 and plain.out.strip() == "Nothing matches zzzqqq."
    narrowed = sj("search", "permits", "--formal", "--since", "2026-11-01")
    assert narrowed.code == 0 and "with those options" in narrowed.out


def test_on_a_narrow_terminal_each_result_fits_its_line(sj, journal, monkeypatch):
    import os
    import shutil
    import sys

    from tui.cli.output import cell_len

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a, **k: os.terminal_size((80, 24)))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    long = "the board asked again about " + "timber " * 20 + "permits for the mill"
    assert sj("log", "ana", long).code == 0
    result = sj("search", "permits", "mill")
    lines = result.out.splitlines()
    assert lines and all(cell_len(line) <= 80 for line in lines)
    [logged] = [line for line in lines if "what I said" in line]
    assert logged.endswith("permits for the mill")  # the matches kept in what the line leaves
