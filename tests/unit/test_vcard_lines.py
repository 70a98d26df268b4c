"""vCard lines: the shapes split without vobject read as vobject reads them."""

from __future__ import annotations

import pytest

from journal.importing import vcard

LINES = [
    "FN:Ana Ruiz",
    "fn:lower case name",
    "item1.EMAIL;type=INTERNET;type=pref:ana@forest.example",
    "TEL;CELL;VOICE:+34 600 000 001",
    "item2.X-ABDATE;type=pref:2020-01-01",
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-05",
    "EMAIL;:empty@parameter.example",
    'TEL;TYPE="work,voice":+1 555 0100',
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 at noon",
    "X_ANDROID_CUSTOM:vnd.android.cursor.item/contact_event;2020-05-01;3",
]


@pytest.mark.parametrize("raw", LINES)
def test_each_line_reads_as_vobject_reads_it(raw):
    def read(line):
        return line and (line.name, line.value, line.group, line.params)

    assert read(vcard._line(raw, 1)) == read(vcard._vobject_line(raw, 1))


def test_a_quoted_printable_value_is_decoded():
    line = vcard._line(LINES[8], 1)
    assert line is not None and line.value == "Café at noon"


def test_folded_lines_unfold_and_unread_properties_are_skipped():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n  Ruiz\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\n BBBB\r\n"
        "NOTE:first part\r\n\t second part\r\nEND:VCARD\r\n"
    )
    contact = vcard.read_vcards(text).contacts[0]
    assert (contact.name, contact.notes) == ("Ana Ruiz", "first part second part")


def test_a_card_whose_name_line_is_broken_is_skipped_with_the_reason():
    text = "BEGIN:VCARD\nVERSION:3.0\nFN\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n"
    parsed = vcard.read_vcards(text)
    assert [c.name for c in parsed.contacts] == ["Bo"]
    assert parsed.skipped == [("card 1", "a line could not be read")]


def test_an_organization_only_a_unit_names_and_a_vcard_4_phone_uri():
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Rina Das\nORG:;Fisheries Unit\n"
        "TEL;VALUE=uri;TYPE=work:tel:+880-1711-000000\nTEL;VALUE=uri:tel:+1-555-0100;ext=12\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo Lind\nORG:Harbour Authority;Permits\n"
        "END:VCARD\n"
    )
    rina, bo = vcard.read_vcards(text).contacts
    assert rina.organization == "Fisheries Unit"
    assert rina.phones == ["+880-1711-000000", "+1-555-0100 ext. 12"]
    assert bo.organization == "Harbour Authority"
