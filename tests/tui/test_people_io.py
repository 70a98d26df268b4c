"""The palette's Export… and Duplicates: the same rules as `sj export` and
`sj merge-people`."""

from __future__ import annotations

import stat

from journal import actions
from journal.actions import StakeholderDraft
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS
from tui.app.screens.duplicates import DuplicatesScreen
from tui.app.screens.form import FormScreen

from .conftest import make_app, open_journal, settle


def seed_twins(root) -> None:
    journal = open_journal(root)
    with journal.change():
        ana = actions.add_stakeholder(
            journal, StakeholderDraft(name="Ana Ruiz", email="ana@forest.example")
        ).stakeholder
        other = actions.add_stakeholder(
            journal, StakeholderDraft(name="A. Ruiz", email="ANA@forest.example", role="Lead")
        ).stakeholder
        actions.quick_log(journal, other.id, "Coffee", formal=False)
    assert ana.id != other.id


async def test_duplicates_screen_folds_the_second_into_the_first(tmp_path):
    seed_twins(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.action_duplicates()
        await pilot.pause()
        assert isinstance(app.screen, DuplicatesScreen)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert app.screen.query_one("#pair-list").item is None
    people = open_journal(tmp_path, device_root="reader")
    [ana] = list(people.records(TABLE_STAKEHOLDERS))
    assert (ana["name"], ana["role"]) == ("Ana Ruiz", "Lead")
    [entry] = list(people.records(TABLE_INTERACTIONS))
    assert entry["stakeholders"] == [ana["id"]]


async def test_export_writes_a_private_file_and_refuses_to_replace_one(tmp_path):
    seed_twins(tmp_path)
    target = tmp_path / "people.vcf"
    target.write_text("keep")
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.action_export()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#format").value = "vcard"
        form.query_one("#path").value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: the error is under the file
        assert "already exists" in str(form.query_one("#path-error").render())
        form.query_one("#force").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    assert target.read_text().count("BEGIN:VCARD") == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_export_never_writes_over_the_journal_even_with_replace(tmp_path):
    seed_twins(tmp_path)
    journal_file = tmp_path / "j.json"
    before = journal_file.read_bytes()
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.action_export()
        await pilot.pause()
        form = app.screen
        form.query_one("#format").value = "csv"
        form.query_one("#path").value = str(journal_file)
        form.query_one("#force").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "is a journal" in str(form.query_one("#path-error").render())
    assert journal_file.read_bytes() == before


async def test_the_brief_goes_to_the_clipboard_with_its_dates(tmp_path):
    journal = open_journal(tmp_path)
    with journal.change():
        ana = actions.add_stakeholder(
            journal,
            StakeholderDraft(
                name="Ana Ruiz", values="Clear timelines", dates="birthday: 12-01 yearly"
            ),
        ).stakeholder
    assert ana.name == "Ana Ruiz"
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.action_brief()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        copied = app.clipboard
    assert copied.startswith("Before you talk: Ana Ruiz\n")
    assert "What they value: Clear timelines" in copied
    assert "birthday 12-01, yearly (next in 3d)" in copied
