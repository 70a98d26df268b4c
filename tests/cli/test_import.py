"""`sj import`: address books in, matched against the journal, in one save."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from journal.journal import Journal

FIXTURES = Path(__file__).parent / "fixtures"
ALL = ("apple.vcf", "android.vcf", "google.csv", "outlook.csv", "Connections.csv")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def people(sj) -> dict[str, dict]:
    return {p["name"]: p for p in sj("list", "--json").json()}


def profile(sj, name: str) -> dict:
    return sj("show", name, "--json").json()["stakeholder"]


@pytest.mark.parametrize(
    ("fixture", "format", "names"),
    [
        ("apple.vcf", "vcard", {"Ana Ruiz", "Dr. Chidi Okafor", "Sølvi Ødegård"}),
        ("android.vcf", "vcard", {"Jürgen Müller", "王芳", "Renée François"}),
        ("google.csv", "google", {"Ana Ruiz", "Marta Kowalska", "Luis Peña"}),
        ("outlook.csv", "outlook", {"Chidi Okafor", "Ingrid Sørensen"}),
        ("Connections.csv", "linkedin", {"Ana Ruiz", "Zoë Van der Berg", "Tomás Ó Briain"}),
    ],
)
def test_each_export_is_detected_and_imported_once(sj, machine, fixture, format, names):
    done = sj("import", str(FIXTURES / fixture), "--json")
    assert done.code == 0, done.err
    result = done.json()
    assert result["format"] == format
    assert set(people(sj)) == names
    before = digest(machine.journal)
    again = sj("import", str(FIXTURES / fixture), "--json").json()
    assert again["added"] == [] and again["updated"] == []
    assert again["unchanged"] == len(names)
    assert set(people(sj)) == names
    assert digest(machine.journal) == before  # nothing to write: not even a save


def test_a_vcard_brings_every_field_its_dates_and_where_it_came_from(sj):
    assert sj("import", str(FIXTURES / "apple.vcf")).code == 0
    ana = profile(sj, "ana")
    assert ana["organization"] == "Coastal Timber" and ana["role"] == "Head of Permits"
    assert ana["email"] == "ana.ruiz@coastaltimber.example, ana.home@mail.example"
    assert (
        ana["notes"]
        == "Met at the forestry forum, likes cycling\nPrefers early meetings; never Fridays"
    )
    assert ana["tags"] == ["board", "forestry"]
    assert ana["source"] == "vcard, 2026-11-28"
    assert {d["label"]: d["date"] for d in ana["dates"]} == {
        "birthday": "1981-04-15",
        "anniversary": "2015-09-01",
    }
    chidi = profile(sj, "chidi")
    assert chidi["dates"] == [{"label": "birthday", "date": "--11-02", "yearly": True}]


def test_android_quoted_printable_names_and_notes_come_through(sj):
    done = sj("import", str(FIXTURES / "android.vcf"))
    assert "skipped 1 (1 no name)" in done.out and "card 3 (+33612345678): no name" in done.out
    juergen = profile(sj, "Jürgen")
    assert juergen["organization"] == "Stadtwerke Köln"
    assert juergen["notes"] == (
        "Sprach über den Netzausbau, möchte Zahlen vor dem Treffen. Sehr pünktlich."
    )
    assert profile(sj, "Renée")["dates"][0]["label"] == "anniversary"


def test_a_vcard_4_birthday_without_year_and_its_anniversary(sj, tmp_path):
    card = tmp_path / "four.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Ñúñez\r\nN:Ñúñez;Zoë;;;\r\nBDAY:--0612\r\n"
        "ANNIVERSARY:20100815\r\nEMAIL;TYPE=work:zoe@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert sj("import", str(card)).code == 0
    dates = {d["label"]: d["date"] for d in profile(sj, "Zoë")["dates"]}
    assert dates == {"birthday": "--06-12", "anniversary": "2010-08-15"}


def test_a_second_source_fills_empty_fields_and_lists_what_differs(sj):
    assert sj("import", str(FIXTURES / "apple.vcf")).code == 0
    done = sj("import", str(FIXTURES / "google.csv"), "--dry-run", "--json").json()
    assert [p["name"] for p in done["added"]] == ["Marta Kowalska", "Luis Peña"]
    assert all("id" not in p for p in done["added"])  # the real import draws its own
    assert done["updated"] == []  # Ana: every field already filled
    assert [(c["name"], c["field"]) for c in done["conflicts"]] == [("Ana Ruiz", "notes")]
    linked = sj("import", str(FIXTURES / "Connections.csv"))
    assert linked.code == 0 and "update 1" in linked.out
    assert profile(sj, "ana")["met_how"] == "LinkedIn connection, 12 Mar 2024"


def test_the_same_e_mail_under_another_name_keeps_the_name_and_lists_it(sj, tmp_path):
    assert sj("add", "Chloé Gagnon", "--email", "chloe@cafe.example").code == 0
    card = tmp_path / "edge.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Emma Watson\nEMAIL:CHLOE@cafe.example\nEND:VCARD\n"
    )
    done = sj("import", str(card), "--dry-run", "--json").json()
    assert done["added"] == []
    assert [(c["name"], c["field"], c["file"]) for c in done["conflicts"]] == [
        ("Chloé Gagnon", "name", "Emma Watson")
    ]
    text = sj("import", str(card))
    assert "kept Chloé Gagnon's name 'Chloé Gagnon'; the file has 'Emma Watson'" in text.out
    assert set(people(sj)) == {"Chloé Gagnon"}


def test_every_e_mail_and_phone_comes_in_and_a_repeated_contacts_clashes_are_listed(sj, tmp_path):
    assert (
        sj("add", "Ana Ruiz", "--email", "ana@forest.example", "--phone", "+34 600 000 001").code
        == 0
    )
    card = tmp_path / "twice.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nEMAIL:ANA@forest.example\n"
        "EMAIL:ana.home@example.org\nTEL:+34600000001\nTEL:+34 600 000 002\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Tanvir Ahmed\nORG:Dhaka WASA\nTITLE:Engineer\n"
        "EMAIL:tanvir@wasa.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Tanvir Ahmed\nORG:Dhaka WASA\nTITLE:Chief engineer\n"
        "EMAIL:tanvir.personal@example.bd\nEND:VCARD\n"
    )
    done = sj("import", str(card), "--json").json()
    assert [c["field"] for c in done["conflicts"]] == ["role"]  # Tanvir's second card
    ana, tanvir = profile(sj, "ana"), profile(sj, "tanvir")
    assert ana["email"] == "ana@forest.example, ana.home@example.org"
    assert ana["phone"] == "+34 600 000 001, +34 600 000 002"  # the same number once
    assert tanvir["email"] == "tanvir@wasa.example, tanvir.personal@example.bd"
    assert tanvir["role"] == "Engineer"
    again = sj("import", str(card), "--json").json()
    assert again["added"] == [] and again["updated"] == []


def test_close_names_at_one_organization_are_added_and_listed_never_merged(sj):
    assert sj("add", "Luiz Peña", "--org", "Coastal Timber").code == 0
    done = sj("import", str(FIXTURES / "google.csv"))
    assert "possible duplicates 1" in done.out
    assert "possible duplicate: Luis Peña" in done.out
    assert {"Luiz Peña", "Luis Peña"} <= set(people(sj))


def test_tag_and_cadence_apply_to_everyone_imported(sj):
    assert sj("add", "Chidi Okafor", "--org", "Harbour Authority").code == 0
    done = sj("import", str(FIXTURES / "outlook.csv"), "--tag", "Imported", "--every", "quarterly")
    assert done.code == 0
    listed = people(sj)
    assert all("imported" in p["tags"] for p in listed.values())
    assert {p["cadence_days"] for p in listed.values()} == {91}
    assert profile(sj, "chidi")["role"] == "Director of Operations"  # filled


def test_the_import_is_one_save_and_a_dry_run_none(sj, machine, monkeypatch):
    assert sj("add", "Someone Else").code == 0
    saves = []
    original = Journal.save
    monkeypatch.setattr(Journal, "save", lambda self: saves.append(1) or original(self))
    before = digest(machine.journal)
    assert sj("import", str(FIXTURES / "google.csv"), "--dry-run").code == 0
    assert saves == [] and digest(machine.journal) == before
    assert sj("import", str(FIXTURES / "google.csv")).code == 0
    assert saves == [1]


def test_a_first_dry_run_without_a_journal_creates_none(sj, machine):
    done = sj("import", str(FIXTURES / "apple.vcf"), "--dry-run")
    assert done.code == 0 and "Would add 3" in done.out
    assert not machine.journal.exists()


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (None, "missing.vcf", "does not exist"),
        (b"", "empty.csv", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.vcf", "binary"),
        (b"Just some notes\nabout people\n", "notes.vcf", "neither a vCard nor a CSV"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\n", "cut.vcf", "vCard"),
        (b"title,company\nBoss,Acme\n", "people.csv", "name column"),
        (b'{"stakeholders": {}}', "journal.json", "JSON"),
    ],
)
def test_a_bad_file_is_one_line_and_leaves_the_journal_byte_for_byte(
    sj, machine, tmp_path, content, name, says
):
    assert sj("add", "Ana Ruiz").code == 0
    before = digest(machine.journal)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = sj("import", str(path))
    assert done.code == 1 and len(done.err_lines) == 1
    assert says in done.err and "Traceback" not in done.err
    assert digest(machine.journal) == before


def test_a_folder_a_wrong_format_and_a_bad_cadence_write_nothing(sj, machine, tmp_path):
    assert sj("add", "Ana Ruiz").code == 0
    before = digest(machine.journal)
    folder = tmp_path / "exports"
    folder.mkdir()
    assert sj("import", str(folder)).code == 1
    wrong = sj("import", str(FIXTURES / "google.csv"), "--format", "linkedin")
    assert wrong.code == 1 and "not LinkedIn's" in wrong.err
    forced = sj("import", str(FIXTURES / "apple.vcf"), "--format", "linkedin")
    assert forced.code == 1 and len(forced.err_lines) == 1 and "a vCard file" in forced.err
    every = sj("import", str(FIXTURES / "google.csv"), "--every", "sometimes")
    assert every.code == 1 and len(every.err_lines) == 1
    copy = tmp_path / "contacts.txt"
    shutil.copy(FIXTURES / "apple.vcf", copy)
    assert sj("import", str(copy), "--format", "csv").code == 1
    assert digest(machine.journal) == before


def test_a_semicolon_csv_and_a_utf16_export_read_as_the_comma_one(sj, tmp_path):
    import csv

    rows = list(csv.reader((FIXTURES / "outlook.csv").read_text(encoding="utf-8-sig").splitlines()))
    semicolons = tmp_path / "outlook-de.csv"
    with semicolons.open("w", newline="", encoding="cp1252", errors="replace") as out:
        csv.writer(out, delimiter=";").writerows(rows)
    unicode = tmp_path / "outlook-unicode.txt"
    with unicode.open("w", newline="", encoding="utf-16") as out:
        csv.writer(out, delimiter="\t").writerows(rows)
    plain = sj("import", str(FIXTURES / "outlook.csv"), "--dry-run", "--json").json()
    for path in (semicolons, unicode):
        done = sj("import", str(path), "--dry-run", "--json").json()
        assert done["format"] == "outlook"
        assert [p["name"] for p in done["added"]] == [p["name"] for p in plain["added"]]


def test_the_details_of_a_large_import_are_listed_up_to_a_limit(sj, tmp_path):
    rows = ["name,organization,email"] + [f",Acme,nobody{n}@acme.example" for n in range(30)]
    rows.append("Ana Ruiz,Acme,ana@acme.example")
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n")
    done = sj("import", str(path))
    assert done.code == 0 and "skipped 30 (30 no name)" in done.out
    assert len(done.out.splitlines()) < 25 and "… and 10 more (--json lists them all)" in done.out
    assert len(sj("import", str(path), "--json").json()["skipped"]) == 30
