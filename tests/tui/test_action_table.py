"""One table of app actions feeds the bindings, the palette and the help."""

from __future__ import annotations

import io

from rich.console import Console
from textual.binding import Binding
from textual.dom import DOMNode

import tui.app.app  # noqa: F401  (loads every screen and widget)
from tui.app import keys
from tui.app.config import Settings
from tui.app.screens.help import HelpScreen

from .conftest import make_app, run_from_palette


def _declared_bindings() -> list[tuple[str, Binding]]:
    found = []
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if not cls.__module__.startswith("tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            found.append((cls.__qualname__, binding))
    return found


def test_every_binding_of_the_app_comes_from_the_table_and_has_an_id():
    rows = {a.id: a for a in keys.ACTIONS}
    declared = _declared_bindings()
    assert len(declared) > 60
    for owner, binding in declared:
        assert isinstance(binding, Binding) and binding.id, owner
        assert binding.id in rows, f"{owner}: {binding.id} is not in tui/app/keys.py"
        assert (binding.key, binding.action) == (rows[binding.id].keys, rows[binding.id].action)


def test_ids_in_the_table_are_unique():
    ids = [a.id for a in keys.ACTIONS]
    assert len(ids) == len(set(ids))


async def test_the_help_lists_every_remappable_id_of_the_table(tmp_path):
    app = make_app(tmp_path, sample=(5, 20))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        out = io.StringIO()
        Console(file=out, width=160).print(app.screen.body)
        body = out.getvalue()
    placed = {place for _title, places in keys.SECTIONS for place in places}
    for action in keys.ACTIONS:
        if action.place in placed and action.action and action.keys:
            assert action.id in body, action.id


async def test_a_pane_action_runs_from_the_palette_as_from_its_key(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_from_palette(pilot, "only overdue")
        assert app.screen.stakeholders.due_only
        await pilot.press("o")
        assert not app.screen.stakeholders.due_only


async def test_a_remapped_list_key_moves_the_cursor(tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\n"list.down" = "j,down"\n"list.up" = "k,up"\n')
    from journal.paths import LocalDirs

    app = make_app(tmp_path, settings=Settings.load(LocalDirs.under(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        listing = app.screen.stakeholders.list
        start = listing.cursor
        await pilot.press("j", "j")
        assert listing.cursor == start + 2
        await pilot.press("k")
        assert listing.cursor == start + 1
        assert not app._notifications or all(
            "no action has the id" not in str(n.message) for n in app._notifications
        )
