"""Pilot tests: each action of the main screen, on journals in tmp_path."""

from __future__ import annotations

import io

from rich.console import Console

from journal.cadence import OK, OVERDUE
from journal.paths import LocalDirs
from journal.records import (
    TABLE_GOALS,
    TABLE_INTERACTIONS,
    TABLE_REFLECTIONS,
    TABLE_STAKEHOLDERS,
    Goal,
    Interaction,
    Stakeholder,
)
from tui.app.screens.brief import AppliedQuestion
from tui.app.screens.form import FormScreen
from tui.app.screens.small_forms import QuickLogForm
from tui.app.widgets.stakeholders import StakeholderList

from .conftest import TODAY, make_app, open_journal, run_from_palette, settle, type_text


def names_shown(app) -> list[str]:
    return [row.info.name for row in app.screen.query_one(StakeholderList).items]


async def select_overdue(pilot):
    """Put the cursor on the first stakeholder outside the focus set (listed
    first, whatever its state) who is overdue for a contact and owes nothing
    else, so that a contact or a snooze alone settles them."""
    rows = pilot.app.screen.stakeholders.list
    rows.cursor = next(
        i
        for i, row in enumerate(rows.items)
        if row.info.state == OVERDUE
        and not row.raw.get("focus")
        and all(reason.startswith("contact ") for reason in row.info.reasons)
    )
    await pilot.pause()
    return pilot.app.screen.stakeholders.selected


def on_disk(root, table: str) -> list[dict]:
    """Records as another process would read them from the file."""
    return list(open_journal(root, device_root="reader").records(table))


async def test_add_stakeholder_saves_to_disk(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Ana Ruiz")
        await pilot.press("tab")
        await type_text(pilot, "City Council")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2w")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert names_shown(app) == ["Ana Ruiz"]
        assert app.sync_state == "saved"
    [saved] = on_disk(tmp_path, TABLE_STAKEHOLDERS)
    assert (saved["name"], saved["organization"], saved["cadence_days"]) == (
        "Ana Ruiz",
        "City Council",
        14,
    )


async def test_bad_cadence_is_marked_at_the_field_and_nothing_saved(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Ana")
        app.screen.query_one("#cadence").value = "every fortnight-ish"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#cadence-error").render())
        assert "is not a cadence" in error and "fortnightly" in error
        assert not list(app.journal.records(TABLE_STAKEHOLDERS))
        app.screen.query_one("#cadence").value = "monthly"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [s["cadence_days"] for s in on_disk(tmp_path, TABLE_STAKEHOLDERS)] == [30]


async def test_quick_log_restarts_the_clock_and_offers_prompts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await select_overdue(pilot)
        before = len(app.journal.interactions_of(first.id))
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, QuickLogForm)
        await pilot.press("up")  # informal → formal
        await type_text(pilot, "Coffee about the spring plan")
        await pilot.press("enter")
        await settle(pilot)
        if isinstance(app.screen, AppliedQuestion):  # last time's plan: skipped here
            await pilot.press("escape")
        info = next(r.info for r in app.screen.stakeholders.rows if r.id == first.id)
        assert info.state == OK and info.last_contact == TODAY.isoformat()
        entries = app.journal.interactions_of(first.id)
        assert len(entries) == before + 1
        assert entries[0]["summary"] == "Coffee about the spring plan"
        assert entries[0]["formal"] is True
        assert app.screen.reflection.context, "context prompts are offered after a log"
    saved = [
        e for e in on_disk(tmp_path, TABLE_INTERACTIONS) if e["summary"].startswith("Coffee about")
    ]
    assert len(saved) == 1


async def test_after_a_log_the_cursor_stays_among_the_overdue_rows(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await select_overdue(pilot)
        listing = app.screen.stakeholders.list
        row_number = listing.cursor
        following = listing.items[row_number + 1]
        await pilot.press("l")
        await pilot.pause()
        await type_text(pilot, "Call about the permits")
        await pilot.press("enter")
        await settle(pilot)
        if isinstance(app.screen, AppliedQuestion):
            await pilot.press("escape")
        # The person logged sorts down among those in touch; the cursor stays
        # on the same row, now the next one who was due.
        assert listing.cursor == row_number
        assert app.screen.stakeholders.selected.id == following.id != first.id
        position = [r.id for r in listing.items].index(first.id)
        assert position > row_number
        # An edit of a profile still follows the person edited.
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#organization").value = "Elsewhere"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.stakeholders.selected.id == following.id


async def test_edit_stakeholder_changes_only_what_was_edited(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        row = app.screen.stakeholders.selected
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#organization").value = "New Org"
        await pilot.press("ctrl+s")
        await settle(pilot)
        raw = app.journal.get(TABLE_STAKEHOLDERS, row.id)
        assert raw["organization"] == "New Org"
        assert raw["name"] == row.raw["name"]
        assert raw["tags"] == row.raw["tags"]


async def test_filter_as_you_type(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        target = app.screen.stakeholders.rows[0].raw
        word = target["name"].split()[-1].lower()
        await pilot.press("slash")
        await type_text(pilot, word)
        await pilot.pause()
        shown = names_shown(app)
        assert target["name"] in shown
        assert all(word in n.lower() or True for n in shown)
        assert len(shown) < 40
        await pilot.press("enter")
        assert app.focused is app.screen.query_one(StakeholderList)


async def test_filter_matches_organization_and_tags(tmp_path):
    root = tmp_path
    journal = open_journal(root)
    journal.add(Stakeholder(name="Ana", organization="Harbour Board", tags=["ports"]))
    journal.add(Stakeholder(name="Ben", organization="Library", tags=["culture"]))
    app = make_app(root, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "harbour")
        await pilot.pause()
        assert names_shown(app) == ["Ana"]
        app.screen.query_one("#filter").value = "cult"
        await pilot.pause()
        assert names_shown(app) == ["Ben"]


async def test_sort_cycles_through_orders(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        rows = app.screen.stakeholders.list.items
        focus = [row.info.name for row in rows if row.raw.get("focus")]
        shown = [row.info.name for row in rows if not row.raw.get("focus")]
        assert names_shown(app)[: len(focus)] == focus, "the focus set comes first"
        assert shown == sorted(shown, key=str.casefold)
        await pilot.press("r")  # rank
        items = app.screen.stakeholders.list.items
        ranks = [row.raw.get("rank") for row in items if not row.raw.get("focus")]
        ranked = [r for r in ranks if r is not None]
        assert ranked == sorted(ranked) and ranks[: len(ranked)] == ranked
        await pilot.press("r")  # last contact: longest ago first
        items = app.screen.stakeholders.list.items
        lasts = [row.info.last_contact or "" for row in items if not row.raw.get("focus")]
        assert lasts == sorted(lasts)


async def test_due_only_toggle(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        states = {row.info.state for row in app.screen.stakeholders.list.items}
        assert states <= {"overdue", "due-soon"} and "overdue" in states
        await pilot.press("o")
        assert len(app.screen.stakeholders.list.items) == 40


async def test_snooze_pushes_the_due_date(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        row = await select_overdue(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#until").value = "yesterday"
        await pilot.press("enter")
        await pilot.pause()
        assert "not after today" in str(app.screen.query_one("#until-error").render())
        app.screen.query_one("#until").value = "in 2w"
        await pilot.press("enter")
        await settle(pilot)
        info = next(r.info for r in app.screen.stakeholders.rows if r.id == row.id)
        assert info.due == "2026-12-12" and info.state == OK


async def test_goal_progress_after_logging(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana", cadence_days=14))
    journal.add(Goal(month="2026-11", metric="informal", target=1))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        [goal] = app.screen.goals.list.items
        assert (goal.value, goal.achieved) == (0, False)
        await pilot.press("l")
        await type_text(pilot, "Bumped into Ana at the market")
        await pilot.press("enter")
        await settle(pilot)
        [goal] = app.screen.goals.list.items
        assert (goal.value, goal.target, goal.achieved) == (1, 1, True)


async def test_manual_goal_add_check_and_carry(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        app.screen.query_one("#text").value = "Thank the board chair"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [goal] = app.screen.goals.list.items
        assert goal.raw["metric"] is None and not goal.achieved
        await pilot.press("space")
        await settle(pilot)
        assert app.screen.goals.list.items[0].achieved
        summary = str(app.screen.goals.query_one("#goals-summary").render())
        assert "1/1 reached" in summary
        await pilot.press("right_square_bracket")
        assert app.screen.goals.month == "2026-12"
        assert not app.screen.goals.list.items
        # No goals: no "0/0 reached".
        assert "reached" not in str(app.screen.goals.query_one("#goals-summary").render())
        await pilot.press("c")
        await settle(pilot)
        [carried] = app.screen.goals.list.items
        assert carried.raw["text"] == "Thank the board chair" and not carried.achieved
    assert len(on_disk(tmp_path, TABLE_GOALS)) == 2


async def test_prompt_answered_saves_a_reflection(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        await type_text(pilot, "I owe Ana a call")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [reflection] = app.journal.records(TABLE_REFLECTIONS)
        assert reflection["answer"] == "I owe Ana a call"
        assert reflection["date"] == TODAY.isoformat() and reflection["prompt"]
    assert len(on_disk(tmp_path, TABLE_REFLECTIONS)) == 1


async def test_reflection_after_a_log_is_linked_to_the_entry(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await type_text(pilot, "Long call")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3", "enter")
        await pilot.pause()
        await type_text(pilot, "They worried about the budget")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [reflection] = app.journal.records(TABLE_REFLECTIONS)
        assert reflection["stakeholder"] == ana.id
        assert reflection["interaction"] == app.journal.interactions_of(ana.id)[0]["id"]


async def test_delete_asks_and_undo_restores(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        row = app.screen.stakeholders.selected
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # keep
        await settle(pilot)
        assert row.info.name in names_shown(app)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert row.info.name not in names_shown(app)
        assert app.journal.get(TABLE_STAKEHOLDERS, row.id)["deleted"] is True
        await pilot.press("u")
        await settle(pilot)
        assert row.info.name in names_shown(app)
    assert any(s["id"] == row.id for s in on_disk(tmp_path, TABLE_STAKEHOLDERS))


async def test_journal_pane_follows_the_selection_and_opens_an_entry(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.journal_pane
        row = app.screen.stakeholders.selected
        assert pane.list.items is app.journal.interactions_of(row.id)
        await pilot.press("down")
        await pilot.pause()
        assert pane.list.items is app.journal.interactions_of(app.screen.stakeholders.selected.id)
        await pilot.press("2", "t")
        assert len(pane.list.items) == 1200
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryScreen"
        await pilot.press("escape")


async def test_full_entry_form_with_follow_up_then_done(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana Ruiz", cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#summary").text = "Budget meeting"
        form.query_one("#date").value = "tomorrow"
        form.query_one("#follow_ups").value = "send the deck@2026-12-01"
        form.query_one("#reaction").text = "Relieved"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "in the future" in str(form.query_one("#date-error").render())
        form.query_one("#date").value = "yesterday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert entry["date"] == "2026-11-27" and entry["reaction"] == "Relieved"
        assert entry["follow_ups"][0]["due"] == "2026-12-01"
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("space")  # tick the follow-up
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert entry["follow_ups"][0]["done"] is True


async def test_external_change_merged_while_a_form_is_open(tmp_path):
    app = make_app(tmp_path, sample=(10, 100), poll_seconds=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Typed Before Sync")
        other = open_journal(tmp_path, device_root="laptop")
        other.add(Stakeholder(name="From The Laptop"))
        for _ in range(40):
            await pilot.pause(0.05)
            if any(r.info.name == "From The Laptop" for r in app.screen_stack[0].stakeholders.rows):
                break
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#name").value == "Typed Before Sync"
        assert any(r.info.name == "From The Laptop" for r in app.screen_stack[0].stakeholders.rows)
        await pilot.press("ctrl+s")
        await settle(pilot)
    names = {s["name"] for s in on_disk(tmp_path, TABLE_STAKEHOLDERS)}
    assert {"Typed Before Sync", "From The Laptop"} <= names


async def test_edit_form_merges_with_an_external_edit_of_another_field(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", organization="Old Org"))
    app = make_app(tmp_path, sample=None, poll_seconds=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#notes").text = "likes long walks"
        other = open_journal(tmp_path, device_root="laptop")
        other.update(TABLE_STAKEHOLDERS, ana.id, {"organization": "New Org"})
        for _ in range(40):
            await pilot.pause(0.05)
            if app.journal.get(TABLE_STAKEHOLDERS, ana.id)["organization"] == "New Org":
                break
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = on_disk(tmp_path, TABLE_STAKEHOLDERS)
    assert (saved["organization"], saved["notes"]) == ("New Org", "likes long walks")


async def test_markup_and_escapes_are_shown_literally(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(
        Stakeholder(
            name="[bold]Evil[/] \x1b[31mRed", organization="[link=x]Org[/link]", cadence_days=7
        )
    )
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for the whole name
        await pilot.pause()
        line = app.screen.query_one(StakeholderList).render_line(0).text
        assert "[bold]Evil[/]" in line and "\\x1b[31mRed" in line
        assert "[link=x]Org[/link]" in line
        await pilot.press("l")
        await type_text(pilot, "[red]hi[/red]")
        await pilot.press("enter")
        await settle(pilot)
        entry_line = app.screen.journal_pane.list.render_line(0).text
        assert "[red]hi[/red]" in entry_line
        await pilot.press("e")
        await pilot.pause()
        assert "[bold]Evil[/]" in str(app.screen.query_one("#form-title").render())


async def test_quitting_with_a_typed_form_asks_first(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Half typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#name").value == "Half typed"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"  # discard what was typed?
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)


async def test_failed_save_is_shown_and_retried(tmp_path, monkeypatch):
    from journal.errors import SaveError

    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        real_save = app.journal.save
        calls = []

        def failing_save():
            calls.append(1)
            if len(calls) == 1:
                raise SaveError("disk full")
            return real_save()

        monkeypatch.setattr(app.journal, "save", failing_save)
        await pilot.press("a")
        await type_text(pilot, "Ana")
        await pilot.press("enter")
        await settle(pilot)
        assert app.sync_state == "save failed" and app.journal.unsaved
        app._retry()
        await settle(pilot)
        assert app.sync_state == "saved" and not app.journal.unsaved
    assert [s["name"] for s in on_disk(tmp_path, TABLE_STAKEHOLDERS)] == ["Ana"]


async def test_empty_journal_shows_the_welcome(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        welcome = app.screen.query_one("#welcome")
        assert welcome.display and "Press  a" in str(welcome.render())


async def test_keys_remap_from_config_and_theme_is_remembered(tmp_path):
    from tui.app.config import Settings

    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\n"stakeholders.quick-log" = "ctrl+l"\n')
    dirs = LocalDirs.under(tmp_path)
    settings = Settings.load(dirs)
    app = make_app(tmp_path, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(app.screen, QuickLogForm)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, QuickLogForm)
        await pilot.press("escape")
        app.theme = "nord"
        await pilot.pause()
    # The config file is the user's: read, never rewritten; the theme picked
    # is remembered in the state folder, privately.
    assert config.read_text() == '[keys]\n"stakeholders.quick-log" = "ctrl+l"\n'
    assert Settings.load(dirs).theme == "nord"
    assert settings.state_path.stat().st_mode & 0o777 == 0o600


def _app_with_config(tmp_path, text: str):
    """The sample app, with ``text`` as the user's config.toml."""
    from tui.app.config import Settings

    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(text)
    return make_app(tmp_path, settings=Settings.load(LocalDirs.under(tmp_path)))


async def test_a_theme_in_the_config_wins_and_a_bad_one_or_a_bad_key_id_is_named(tmp_path):
    app = _app_with_config(
        tmp_path, 'theme = "nordd"\n[keys]\n"stakeholders.quick-lgo" = "ctrl+l"\n'
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notes = " ".join(n.message for n in app._notifications)
    assert "No theme is called 'nordd'" in notes and "nord" in notes
    assert "no action has the id stakeholders.quick-lgo" in notes


async def test_help_and_command_palette(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        out = io.StringIO()
        Console(file=out, width=120).print(app.screen.body)
        body = out.getvalue()
        assert "stakeholders.quick-log" in body and "goals.carry" in body
        await pilot.press("escape")
        await run_from_palette(pilot, "quick log")
        assert isinstance(app.screen, QuickLogForm)


async def test_read_only_journal_refuses_edits(tmp_path):
    app = make_app(tmp_path)
    app.journal.storage.read_only_reason = "the file was written by a newer sj"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert app.sync_state == "read-only"


async def test_conflicted_copy_appearing_is_merged_and_announced(tmp_path):
    import shutil

    app = make_app(tmp_path, sample=(5, 20), poll_seconds=0.1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(tmp_path / "j.json", elsewhere / "j.json")
    other = open_journal(elsewhere, device_root="laptop")
    other.add(Stakeholder(name="Only In The Copy"))
    messages = []
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        shutil.copy(elsewhere / "j.json", tmp_path / "j (1).json")
        for _ in range(60):
            await pilot.pause(0.05)
            if any(r.info.name == "Only In The Copy" for r in app.screen.stakeholders.rows):
                break
        await settle(pilot)
        assert any(r.info.name == "Only In The Copy" for r in app.screen.stakeholders.rows)
        assert not (tmp_path / "j (1).json").exists()
        notes = [str(n.message) for n in app._notifications]
        assert any("conflicted cop" in n for n in notes)
    assert "Only In The Copy" in {s["name"] for s in on_disk(tmp_path, TABLE_STAKEHOLDERS)}


async def test_saving_an_untouched_quick_logged_entry_writes_no_new_version(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    journal.add(Interaction(date="2026-11-20", stakeholders=[ana.id], summary="Coffee"))
    [stored] = on_disk(tmp_path, TABLE_INTERACTIONS)
    # Stored sparse: the questions left empty are not in the file.
    assert "reaction" not in stored and "follow_ups" not in stored
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#summary").text == "Coffee"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [after] = on_disk(tmp_path, TABLE_INTERACTIONS)
    assert after == stored, "an untouched form must not write a new version"


async def test_the_list_shows_a_contact_yesterday_in_full(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    journal.add(Interaction(date="2026-11-27", stakeholders=[ana.id], summary="Coffee"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        line = app.screen.stakeholders.list.render_line(0).text
        assert "1d ago" in line and "…" not in line


async def test_a_damaged_file_on_disk_is_reported_once_and_a_good_one_merged(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana"))
    good = (tmp_path / "j.json").read_bytes()
    app = make_app(tmp_path, sample=None, poll_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (tmp_path / "j.json").write_bytes(good[: len(good) // 2])  # a sync client mid-write
        for _ in range(30):  # many polls
            await pilot.pause(0.05)
        told = [n for n in app._notifications if "could not be read" in n.message]
        assert len(told) == 1, "reported once, not at every poll"
        assert app.sync_state == "unreadable on disk" and "truncated" in app.sync_detail
        status = str(app.screen.query_one("#status").render())
        assert "unreadable on disk" in status
        (tmp_path / "j.json").write_bytes(good)  # the sync client finished
        other = open_journal(tmp_path, device_root="laptop")
        other.add(Stakeholder(name="From The Laptop"))
        for _ in range(40):
            await pilot.pause(0.05)
            if app.sync_state == "saved" and len(list(app.journal.records("stakeholders"))) == 2:
                break
        assert app.sync_state == "saved" and app.sync_detail == ""
        names = sorted(s["name"] for s in app.journal.records("stakeholders"))
        assert names == ["Ana", "From The Laptop"]


async def test_the_journal_pane_follows_the_filter_and_escape_clears_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("slash", *"zzzz-nobody")
        await pilot.pause()
        assert screen.stakeholders.selected is None
        assert screen.journal_pane.list.items == [], "no one's entries to act on"
        await pilot.press("enter", "2", "e")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#filter").value == ""
        assert screen.stakeholders.list.has_focus
        chosen = screen.stakeholders.selected
        assert chosen is not None and screen.journal_pane.stakeholder["id"] == chosen.id
        await pilot.press("slash", *"ana")
        await pilot.pause()
        chosen = screen.stakeholders.selected
        assert "ana" in chosen.haystack
        assert screen.journal_pane.stakeholder["id"] == chosen.id
        await pilot.press("down")
        await pilot.pause()
        assert screen.stakeholders.list.has_focus and screen.query_one("#filter").value == "ana"
        await pilot.press("slash", *"bo")  # / selects the filter: typing replaces it
        await pilot.pause()
        assert screen.query_one("#filter").value == "bo"


async def test_list_keys_can_be_mapped_to_j_and_k(tmp_path):
    app = _app_with_config(tmp_path, '[keys]\n"list.down" = "down,j"\n"list.up" = "up,k"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        rows = app.screen.stakeholders.list
        rows.focus()
        await pilot.pause()
        start = rows.cursor
        await pilot.press("j", "j")
        await pilot.pause()
        assert rows.cursor == start + 2
        await pilot.press("k")
        await pilot.pause()
        assert rows.cursor == start + 1
        assert not [n for n in app._notifications if "no action has the id" in n.message]
