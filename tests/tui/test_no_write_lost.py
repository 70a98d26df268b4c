"""The app's face of the no-write-lost rules: a journal started apart on
another machine is offered for adoption, and what this machine wrote comes
back when the file loses it while the app is open."""

from __future__ import annotations

import shutil

from journal.records import TABLE_STAKEHOLDERS, Stakeholder
from tui.app.screens.confirm import ConfirmDialog

from .conftest import make_app, open_journal, settle


def names_on_disk(root) -> set[str]:
    return {r["name"] for r in open_journal(root, device_root="reader").records(TABLE_STAKEHOLDERS)}


async def wait_for(pilot, condition, tries: int = 80) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return


async def test_a_copy_of_a_journal_started_apart_is_offered_and_adopted(tmp_path):
    elsewhere = tmp_path / "laptop-folder"
    elsewhere.mkdir()
    laptop = open_journal(elsewhere, device_root="laptop")
    laptop.add(Stakeholder(name="Started On The Laptop"))
    app = make_app(tmp_path, sample=(5, 20), poll_seconds=0.1)
    copy = tmp_path / "j.sync-conflict-20261128-101500-ABCDEF1.json"
    shutil.copy(elsewhere / "j.json", copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        assert copy.name in str(app.screen.question)
        await pilot.press("y")
        await settle(pilot)
        await wait_for(pilot, lambda: not copy.exists())
        rows = {r.info.name for r in app.screen_stack[0].stakeholders.rows}
        assert "Started On The Laptop" in rows
        assert not copy.exists()
    assert "Started On The Laptop" in names_on_disk(tmp_path)


async def test_declined_adoption_leaves_the_copy_and_the_palette_offers_it_again(tmp_path):
    elsewhere = tmp_path / "laptop-folder"
    elsewhere.mkdir()
    open_journal(elsewhere, device_root="laptop").add(Stakeholder(name="Laptop Person"))
    app = make_app(tmp_path, sample=(5, 20), poll_seconds=0.1)
    copy = tmp_path / "j (1).json"
    shutil.copy(elsewhere / "j.json", copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await settle(pilot)
        await pilot.pause(0.5)  # several polls: it is not asked again by itself
        assert not isinstance(app.screen, ConfirmDialog) and copy.exists()
        app.action_adopt_copies()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await settle(pilot)
        await wait_for(pilot, lambda: not copy.exists())
    assert "Laptop Person" in names_on_disk(tmp_path)


async def test_a_command_lines_write_rolled_back_while_the_app_is_open_comes_back(tmp_path):
    """A cron job on this machine logs someone; the sync client then puts the
    older file back. The app never saw the new version, yet its next poll
    brings it back from this machine's log and saves it."""
    app = make_app(tmp_path, sample=(5, 20), poll_seconds=0.1)
    path = tmp_path / "j.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        older = path.read_bytes()
        cron = open_journal(tmp_path)  # same machine: same local folders
        cron.add(Stakeholder(name="Logged By Cron"))
        staged = tmp_path / "staged.json"
        staged.write_bytes(older)
        staged.replace(path)  # the sync client's rollback
        await wait_for(pilot, lambda: "Logged By Cron" in names_on_disk(tmp_path))
        await settle(pilot)
        rows = {r.info.name for r in app.screen_stack[0].stakeholders.rows}
        assert "Logged By Cron" in rows
    assert "Logged By Cron" in names_on_disk(tmp_path)
