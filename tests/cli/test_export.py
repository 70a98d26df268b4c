"""`sj export`: JSON, CSV tables, vCards and the Markdown handover pack; the
CSV and vCard exports import again with nothing duplicated."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def filled(sj):
    """People with every kind of field, contacts, promises both ways."""
    for fixture in ("apple.vcf", "android.vcf", "Connections.csv"):
        assert sj("import", str(FIXTURES / fixture)).code == 0
    assert sj("date", "add", "ana", "term ends", "2027-06-30").code == 0
    assert sj("add", "Township of Pine Falls", "--kind", "organization").code == 0
    assert (
        sj("edit", "ana", "--values", "Clear timelines", "--issues", "# permits backlog").code == 0
    )
    assert (
        sj(
            "log",
            "ana",
            "Walked the site",
            "--reaction",
            "Relieved",
            "--differently",
            "Bring the maps",
            "--follow-up",
            "send the minutes@friday",
        ).code
        == 0
    )
    assert sj("promise", "ana", "Share the survey", "--due", "in 2w").code == 0
    assert sj("promise", "ana", "Introduce the new director", "--theirs").code == 0
    assert sj("reflect", "--about", "ana", "I talk too much in site visits.").code == 0


def test_a_vcard_export_imports_again_with_nothing_new_and_carries_everything(
    sj, filled, tmp_path, machine, monkeypatch
):
    out = tmp_path / "people.vcf"
    assert sj("export", "--format", "vcard", "-o", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = sj("import", str(out), "--json").json()
    assert again["added"] == [] and again["updated"] == [] and again["conflicts"] == []
    before = {
        p["name"]: sj("show", p["id"], "--json").json()["stakeholder"]
        for p in sj("list", "--json").json()
    }
    # Into an empty journal: the same people with the same fields.
    monkeypatch.setenv("SJ_FILE", str(tmp_path / "fresh.json"))
    assert sj("import", str(out)).code == 0
    after = {
        p["name"]: sj("show", p["id"], "--json").json()["stakeholder"]
        for p in sj("list", "--json").json()
    }
    assert set(after) == set(before)
    for name, was in before.items():
        now = after[name]
        for field in ("organization", "role", "email", "phone", "notes", "tags"):
            assert now[field] == was[field], (name, field)
        assert sorted(now["dates"], key=str) == sorted(was["dates"], key=str), name


def test_a_stakeholders_csv_has_the_import_header_and_imports_again_with_nothing_new(
    sj, filled, tmp_path
):
    out = tmp_path / "people.csv"
    assert sj("export", "--format", "csv", "--table", "stakeholders", "-o", str(out)).code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == [
        "name",
        "organization",
        "role",
        "email",
        "phone",
        "tags",
        "notes",
        "dates",
    ]
    assert {r["name"] for r in rows} == {p["name"] for p in sj("list", "--json").json()}
    ana = next(r for r in rows if r["name"] == "Ana Ruiz")
    assert "term ends: 2027-06-30" in ana["dates"] and ana["tags"] == "board, forestry"
    again = sj("import", str(out), "--json").json()
    assert again["format"] == "csv"
    assert again["added"] == [] and again["updated"] == [] and again["conflicts"] == []


def test_contacts_and_promises_export_as_csv_tables(sj, filled):
    entries = list(
        csv.DictReader(io.StringIO(sj("export", "--format", "csv", "--table", "interactions").out))
    )
    assert [(e["with"], e["summary"], e["reaction"]) for e in entries] == [
        ("Ana Ruiz", "Walked the site", "Relieved")
    ]
    assert entries[0]["follow_ups"] == "send the minutes @2026-12-04"
    promises = list(
        csv.DictReader(io.StringIO(sj("export", "--format", "csv", "--table", "promises").out))
    )
    assert {(p["text"], p["direction"]) for p in promises} == {
        ("Share the survey", "mine"),
        ("Introduce the new director", "theirs"),
    }


def test_the_handover_pack_has_profile_timeline_promises_and_follow_ups(sj, filled):
    pack = sj("export", "--format", "markdown", "--who", "ana")
    assert pack.code == 0
    text = pack.out
    assert text.startswith("# Handover: Ana Ruiz")
    assert "- **What they value:** Clear timelines" in text
    assert "- **Critical issues:** # permits backlog" in text
    assert "term ends 2027-06-30" in text
    assert "I promised: Share the survey (due 2026-12-12)" in text
    assert "They promised: Introduce the new director" in text
    assert "send the minutes (due 2026-12-04)" in text
    assert "- *Their reaction:* Relieved" in text
    assert "- *Lesson: next time, differently:* Bring the maps" in text
    assert "talk too much" not in text
    private = sj("export", "--format", "markdown", "--who", "ana", "--include-reflections").out
    assert "I talk too much in site visits." in private
    whole = sj("export", "--format", "markdown").out
    assert whole.count("\n## ") == len(sj("list", "--json").json())


def test_export_refuses_to_overwrite_misplaced_options_and_bad_targets(sj, filled, tmp_path):
    out = tmp_path / "ana.md"
    out.write_text("keep me")
    again = sj("export", "--format", "markdown", "-o", str(out))
    assert again.code == 1 and len(again.err_lines) == 1 and "--force" in again.err
    assert out.read_text() == "keep me"
    assert sj("export", "--format", "markdown", "-o", str(out), "--force").code == 0
    assert out.read_text().startswith("# Stakeholder handover")
    folder = sj("export", "--format", "vcard", "-o", str(tmp_path))
    assert folder.code == 1 and len(folder.err_lines) == 1
    missing = sj("export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert missing.code == 1 and "does not exist" in missing.err
    misplaced = sj("export", "--table", "promises")
    assert misplaced.code == 2 and len(misplaced.err_lines) == 1
    nobody = sj("export", "--format", "markdown", "--who", "zzz-nobody")
    assert nobody.code == 1


def test_no_export_or_report_writes_over_a_journal_or_sjs_own_files_even_forced(
    sj, filled, machine, tmp_path
):
    journal = machine.journal
    other = tmp_path / "Sync" / "other.json"
    assert sj("--file", str(other), "add", "Someone Else").code == 0  # a journal this machine knows
    link = tmp_path / "link.json"
    link.symlink_to(journal)
    copy = tmp_path / "copy.json"  # a journal this machine never opened
    copy.write_bytes(journal.read_bytes())
    backup = next(machine.backups.rglob("*.json"))
    state = next(machine.backups.parent.glob("known-journals.json"))
    spared = [journal, other, copy, backup, state]
    before = {path: path.read_bytes() for path in spared}
    targets = [journal, link, journal.parent / ".." / "Sync" / journal.name, other, copy]
    for target in [*targets, backup, state]:
        for words in (
            ["export", "--format", "csv", "-o", str(target), "--force"],
            ["export", "--format", "json", "-o", str(target), "--force"],
            ["report", "--month", "2026-11", "-o", str(target), "--force"],
        ):
            refused = sj(*words)
            assert refused.code == 1 and len(refused.err_lines) == 1, words
            assert "writing there would replace it" in refused.err
    assert {path: path.read_bytes() for path in spared} == before
    assert sj("list").code == 0


def test_the_command_lines_choices_are_the_formats_the_journal_reads_and_writes():
    from journal import exporting, importing
    from tui.cli import people_commands

    assert people_commands.IMPORT_FORMATS == importing.FORMATS
    assert people_commands.EXPORT_FORMATS == exporting.FORMATS
    assert people_commands.CSV_TABLES == exporting.CSV_TABLES
