"""The search screen, the palette's "Go to", and the filter without accents."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from journal import search as finder
from journal.records import Interaction, Stakeholder
from journal.sample import write_sample
from tui.app.screens.entry import EntryScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.search import SearchResults, SearchScreen

from .conftest import TODAY, make_app, open_journal, settle, type_text


def _with_chloe(tmp_path, summary="Lunch at the Café Noir about the zebra permits"):
    """The sample journal, and Chloé with one entry."""
    write_sample(tmp_path / "j.json", 40, 1200, seed=1, today=TODAY)
    journal = open_journal(tmp_path)
    chloe = journal.add(Stakeholder(name="Chloé Martin", organization="Mill", cadence_days=30))
    entry = journal.add(
        Interaction(date="2026-11-20", stakeholders=[chloe.id], summary=summary, formal=False)
    )
    return chloe, entry


def _rows(app) -> SearchResults:
    return app.screen.query_one(SearchResults)


def _row_text(app, index: int) -> str:
    rows = _rows(app)
    return rows.render_item(rows.items[index], 120).plain


async def test_ctrl_f_opens_search_and_results_follow_each_keystroke(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, '"field d')
        await pilot.pause()
        typed = len(_rows(app).items)
        assert typed > 0
        assert all("field d" in _row_text(app, i).casefold() for i in range(min(typed, 10)))
        await type_text(pilot, 'ata" -zzzz')
        await pilot.pause()
        assert 0 < len(_rows(app).items) <= typed
        await type_text(pilot, " qqqqqq")
        await pilot.pause()
        assert _rows(app).items == []
        assert "Nothing matches" in str(app.screen.query_one("#search-summary").render())


async def test_accents_and_case_never_matter(tmp_path):
    _with_chloe(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "CAFE noir")
        await pilot.pause()
        (hit,) = _rows(app).items
        assert "Café Noir" in _row_text(app, 0)
        assert "Chloé Martin" in _row_text(app, 0)
        assert hit.kind == "entry"


async def test_enter_opens_the_entry_and_escape_returns(tmp_path):
    chloe, entry = _with_chloe(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "zebra perm")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.entry["id"] == entry.id
        await pilot.press("escape")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.stakeholders.selected.id == chloe.id
        assert main.journal_pane.selected["id"] == entry.id


async def test_a_profile_result_selects_the_stakeholder_even_when_filtered_out(tmp_path):
    chloe, _entry = _with_chloe(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "bianchi")
        await pilot.press("enter")
        await pilot.pause()
        assert chloe.id not in [row.id for row in app.screen.stakeholders.list.items]
        await pilot.press("ctrl+f")
        await type_text(pilot, "chloe martin")
        await pilot.pause()
        assert _rows(app).item.kind == "stakeholder"
        await pilot.press("down", "enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.stakeholders.selected.id == chloe.id
        assert main.query_one("#filter", Input).value == ""


async def test_escape_leaves_the_search_where_you_were(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        before = app.focused
        await pilot.press("ctrl+f")
        await type_text(pilot, "permits")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is before


async def test_text_that_looks_like_markup_is_shown_as_typed(tmp_path):
    _with_chloe(tmp_path, summary="[bold]Zebra[/] and \x1b[31m red")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "zebra")
        await pilot.pause()
        shown = _row_text(app, 0)
        assert "[bold]Zebra[/] and \\x1b[31m red" in shown


async def test_the_palette_goes_to_a_stakeholder_despite_a_typo_and_accents(tmp_path):
    chloe, _entry = _with_chloe(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for typed, wanted in (("go to chloe martn", chloe.id), ("zainb sharma", None)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await type_text(pilot, typed)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause(0.3)
            main = app.screen
            assert isinstance(main, MainScreen)
            name = main.stakeholders.selected.info.name
            if wanted:
                assert main.stakeholders.selected.id == wanted
            else:
                assert name == "Zainab Sharma"


async def test_the_stakeholder_filter_ignores_accents(tmp_path):
    chloe, _entry = _with_chloe(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "chloe")
        await pilot.pause()
        assert [row.id for row in app.screen.stakeholders.list.items] == [chloe.id]


async def test_keys_typed_right_after_the_search_key_land_in_the_search_box(tmp_path):
    from textual import events

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        # A fast typist: every key queued before the app handles the first.
        for key, char in (("ctrl+f", None), *((c, c) for c in "moose")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.typed == "moose"


async def test_searching_again_starts_from_the_last_query_and_result(tmp_path):
    _chloe, entry = _with_chloe(tmp_path, summary="Zebra permits at the mill")
    journal = open_journal(tmp_path)
    someone = journal.interactions_of(None)[0]["stakeholders"]
    journal.add(Interaction(date="2026-11-01", stakeholders=someone, summary="Older zebra talk"))
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "zebra")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        opened = app.screen.entry["id"]
        assert opened != entry.id
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.typed == "zebra"
        assert _rows(app).item.id == opened
        await type_text(pilot, "mill")  # the old query is selected: typing replaces it
        await pilot.pause()
        assert app.screen.typed == "mill"


async def test_results_follow_another_devices_changes_with_their_names(tmp_path):
    _with_chloe(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "okapi")
        await pilot.pause()
        assert _rows(app).items == []
        other = open_journal(tmp_path, device_root="laptop")
        zoe = other.add(Stakeholder(name="Zoë Okafor"))
        other.add(Interaction(date="2026-11-27", stakeholders=[zoe.id], summary="Okapi survey"))
        app.poll_disk()
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "Zoë Okafor" in _row_text(app, 0)
        assert "Okapi survey" in _row_text(app, 0)


async def test_between_keys_the_search_looks_ahead_for_the_next_one(tmp_path, monkeypatch):
    from journal import search_index

    monkeypatch.setattr(search_index, "BLOCK", 64)  # the sample's entries in many blocks
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the text folded ahead
        await pilot.press("ctrl+f")
        await type_text(pilot, "the")
        await pilot.pause()
        assert app.screen.results.more  # stopped at its limit, in the newest blocks
        for _ in range(50):
            await pilot.pause()
        blocks = search_index.index_of(app.journal)._blocks["entry"]
        assert len(blocks) > 10 and all(block.remembers("the") for block in blocks)
        await type_text(pilot, "y")
        await pilot.pause()
        shown = [(hit.kind, hit.id) for hit in _rows(app).items]
    search_index._INDEXES.clear()
    fresh = [(hit.kind, hit.id) for hit in finder.search(app.journal, "they", limit=200).hits]
    assert shown == fresh


async def test_a_result_nothing_opens_is_shown_whole(tmp_path):
    from journal.records import Reflection

    journal = open_journal(tmp_path)
    journal.add(Reflection(date="2026-11-20", answer="A walk did more for trust than a meeting."))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "more for trust")
        await pilot.pause()
        assert len(_rows(app).items) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [told] = list(app._notifications)
        assert told.title == "Reflection"
        assert told.message == "A walk did more for trust than a meeting."


async def test_only_words_left_out_ask_for_a_word(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f")
        await type_text(pilot, "-moose")
        await pilot.pause()
        summary = str(app.screen.query_one("#search-summary").render())
        assert "Type a word to look for" in summary
