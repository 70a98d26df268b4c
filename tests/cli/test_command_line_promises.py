"""The command line keeps its own promises: a usage mistake is one line and
status 2, a command that only reads never starts a journal, `-o` never
overwrites by surprise, and without a terminal `sj` prints its help."""

from __future__ import annotations

import pytest

from .conftest import machine_env, run_process


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["due", "--window", "abc"], "sj due: argument --window: invalid int value: 'abc'"),
        (["bogus"], "sj: 'bogus' is not a command"),
        (["log", "ana", "--formal", "--informal", "x"], "not allowed with argument --formal"),
        (["goal"], "sj goal: the following arguments are required"),
    ],
)
def test_a_usage_mistake_is_one_line_and_status_2(sj, args, said):
    result = sj(*args)
    assert result.code == 2 and result.out == ""
    [line] = result.err_lines
    assert said in line and line.endswith("--help")


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["due"],
        ["show", "ana"],
        ["today"],
        ["check"],
        ["export"],
        ["promises"],
        ["reflections"],
        ["goal", "list"],
        ["log", "ana", "Coffee"],
        ["snooze", "ana", "in 2w"],
    ],
)
def test_a_command_on_a_mistyped_path_starts_no_journal(tmp_path, args):
    typo = tmp_path / "Dropbox" / "jornal.json"
    typo.parent.mkdir()
    result = run_process(["--file", str(typo), *args], machine_env(tmp_path / "home", None))
    assert result.code == 1
    [line] = result.err_lines
    assert f"No journal at {typo}" in line
    assert not typo.exists() and list(typo.parent.iterdir()) == []


def test_adding_someone_starts_a_journal_at_a_new_path(tmp_path):
    new = tmp_path / "Dropbox" / "journal.json"
    new.parent.mkdir()
    env = machine_env(tmp_path / "home", None)
    added = run_process(["--file", str(new), "add", "Ana Ruiz"], env)
    assert added.code == 0 and f"started a new journal at {new}" in added.err
    assert run_process(["--file", str(new), "list", "--json"], env).json()[0]["name"] == "Ana Ruiz"


def test_export_to_a_file_never_overwrites_without_force(sj, tmp_path):
    sj("add", "Ana Ruiz")
    out = tmp_path / "out.json"
    assert sj("export", "-o", str(out)).code == 0
    assert out.stat().st_mode & 0o777 == 0o600
    out.write_text("mine")
    again = sj("export", "-o", str(out))
    assert again.code == 1 and "already exists; add --force" in again.err
    assert out.read_text() == "mine"
    assert sj("export", "-o", str(out), "--force").code == 0
    assert "Ana Ruiz" in out.read_text()


@pytest.mark.parametrize("where", ["folder", "missing folder"])
def test_export_to_a_folder_or_nowhere_is_one_line(sj, tmp_path, where):
    sj("add", "Ana Ruiz")
    target = tmp_path if where == "folder" else tmp_path / "nope" / "out.json"
    result = sj("export", "-o", str(target))
    assert result.code == 1 and len(result.err_lines) == 1 and "Traceback" not in result.err


def test_report_to_an_existing_file_needs_force(sj, tmp_path):
    sj("add", "Ana Ruiz")
    out = tmp_path / "report.md"
    out.write_text("mine")
    result = sj("report", "--month", "2026-11", "-o", str(out))
    assert result.code == 1 and "--force" in result.err and out.read_text() == "mine"


def test_without_a_terminal_sj_prints_its_help(tmp_path):
    result = run_process([], machine_env(tmp_path / "home", tmp_path / "j.json"))
    assert result.code == 0 and result.out.startswith("usage: sj ")
    assert not (tmp_path / "j.json").exists()


def test_columns_stay_straight_with_wide_characters(sj):
    from rich.cells import cell_len

    sj("add", "王小明", "--org", "北京林业局", "--every", "2w")
    sj("add", "Ana Ruiz", "--org", "Coastal", "--every", "2w")
    lines = sj("list").out.splitlines()
    # The ORGANIZATION and LAST CONTACT columns start at the same cell on every row.
    starts = {
        line[: line.index(word)]
        for line, word in zip(lines, ["ORG", "Coastal", "北京"], strict=True)
    }
    assert len({cell_len(prefix) for prefix in starts}) == 1


def test_new_person_is_a_flag_and_the_text_that_follows_stays_the_entrys(sj):
    sj("add", "Fishers Union")
    logged = sj("log", "union", "--new-person", "met their treasurer")
    assert logged.code == 0, logged.err
    named = sj("log", "union", "--met", "Omar Haddad", "AGM")
    assert named.code == 0, named.err
    entries = sj("show", "union", "--json").json()["recent"]
    by_summary = {e["summary"]: e for e in entries}
    assert by_summary["met their treasurer"]["new_person"] is True
    assert by_summary["AGM"]["new_person_name"] == "Omar Haddad"
