import datetime as dt

from journal import report
from journal.changes import note_profile_changes
from journal.records import TABLE_STAKEHOLDERS, Goal, Reflection, Share

from .conftest import days_ago


def _edit(book, sid, changes, on):
    raw = book.j.get(TABLE_STAKEHOLDERS, sid)
    book.j.update(TABLE_STAKEHOLDERS, sid, note_profile_changes(raw, changes, on))


def fill(book):
    ana = book.person(
        "Ana *Ruiz*", tags=["water", "forestry"], critical_issues="Low water; permits", key=True
    )
    ben = book.person("Ben", tags=["water"], critical_issues="permits")
    book.log(ana, "2026-10-02", formal=True, differently="Bring the map", their_view="tired")
    book.log(ana, "2026-10-09", formal=True)
    book.log([ana, ben], "2026-10-20", formal=False, business=False, new_person=True, minutes=90)
    book.log(ben, "2026-11-02")
    book.j.add(
        Share(date="2026-10-21", title="Outlook", stakeholders=[ben], tags=["economy"]), save=False
    )
    book.j.add(Goal(month="2026-10", metric="informal", target=1), save=False)
    book.j.add(Goal(month="2026-10", metric="new_people", target=3), save=False)
    book.j.add(
        Reflection(date="2026-10-22", prompt="What surprised you?", answer="Secret thought"),
        save=False,
    )
    _edit(book, ben, {"critical_issues": "permits; hiring"}, dt.date(2026, 10, 15))
    _edit(book, ana, {"critical_issues": "Low water"}, dt.date(2026, 9, 15))
    book.promise(ana, "send the draft", days_ago(3))
    book.promise(ben, "their numbers", None, theirs=True)
    book.promise(ben, "kept one", None, done=True)
    return ana, ben


def test_report_sections_and_numbers(book):
    fill(book)
    text = report.monthly_report(book.j, "2026-10")
    assert text.startswith("# Stakeholder relationships: October 2026\n")
    assert "| Contacts | 3 |" in text
    assert "| Stakeholders contacted | 2 |" in text
    assert "| Formal / informal | 2 / 1 |" in text
    assert "| Business / personal conversations | 2 / 1 |" in text
    assert "| New people met | 1 |" in text
    assert "| Information shared | 1 |" in text
    assert "| Time with stakeholders | 1 h 30 min |" in text
    assert "- [x] 1 informal contact: 1 of 1" in text
    assert "- [ ] 3 new people met: 1 of 3" in text
    assert "Topics: water (4), forestry (3), economy (1)." in text
    assert "- Low water (3 contacts)" in text
    assert "**Ben** (2026-10-15): was permits; now permits; hiring" in text
    assert "Ana \\*Ruiz\\*" in text  # Markdown escaped
    assert "Key relationships met only formally" not in text  # Ana had an informal contact
    assert "- Ana \\*Ruiz\\*: send the draft, due " in text and "(**3 days late**)" in text
    assert "- Ben: their numbers" in text
    assert "kept one" not in text


def test_private_reflections_only_on_request(book):
    fill(book)
    plain = report.monthly_report(book.j, "2026-10")
    assert "Secret thought" not in plain and "Bring the map" not in plain and "tired" not in plain
    assert "## Reflections" not in plain
    full = report.monthly_report(book.j, "2026-10", include_reflections=True)
    assert "## Reflections" in full
    assert "- 2026-10-22, *What surprised you?*: Secret thought" in full
    assert "to do differently with Ana \\*Ruiz\\*: Bring the map" in full


def test_issue_change_outside_the_month_is_not_reported(book):
    fill(book)
    data = report.report_data(book.j, "2026-09")
    assert [c.name for c in data.issue_changes] == ["Ana *Ruiz*"]
    assert data.issue_changes[0].before == "Low water; permits"


def test_a_month_with_contacts_but_no_topics_does_not_claim_no_contacts(book):
    ana = book.person("Ana")
    book.log(ana, "2026-03-05")
    text = report.monthly_report(book.j, "2026-03")
    assert "| Contacts | 1 |" in text
    assert "No contacts this month" not in text
    assert "No topics or issues were noted in this month's contacts." in text


def test_empty_month(book):
    text = report.monthly_report(book.j, "2026-03")
    assert "| Contacts | 0 |" in text
    assert "No goals were set for this month." in text
    assert "No contacts this month, so no themes." in text
    assert "No stakeholder's critical issues changed this month." in text
    assert "None open." in text


def test_md_escapes_markup_and_newlines():
    assert report.md("a|b\n*c* [x](y) <z> #1") == "a\\|b \\*c\\* \\[x\\](y) \\<z\\> \\#1"
