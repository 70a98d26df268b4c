"""Pilot tests: the cursor row of the lists stays readable in every theme
and without colour."""

from __future__ import annotations

import pytest
from rich.segment import Segment

from tui.app.widgets.journal_pane import EntryList
from tui.app.widgets.rowlist import RowList, contrast
from tui.app.widgets.stakeholders import StakeholderList

from .conftest import make_app

#: WCAG's least contrast for large text and marks.
READABLE = 3.0


def cursor_row(rows: RowList) -> list[Segment]:
    line = rows.cursor - rows.scroll_offset.y
    return [s for s in rows.render_line(line) if s.text.strip()]


def least_contrast(segments: list[Segment]) -> tuple[float, str]:
    worst = (99.0, "")
    for segment in segments:
        style = segment.style
        assert style is not None and style.color is not None and style.bgcolor is not None
        worst = min(worst, (contrast(style.color, style.bgcolor), segment.text))
    return worst


def _themes() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


@pytest.mark.parametrize("theme", _themes())
async def test_every_mark_on_the_cursor_row_is_readable(tmp_path, theme):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        for pane, rows_type in (("1", StakeholderList), ("2", EntryList)):
            await pilot.press(pane)
            await pilot.pause()
            for _ in range(4):  # a few rows: formal and informal, overdue and not
                # The focused list's cursor row, and the other list's (blurred).
                for shown in (StakeholderList, EntryList):
                    rows = app.screen.query_one(shown)
                    ratio, text = least_contrast(cursor_row(rows))
                    where = (theme, shown.__name__, shown is rows_type)
                    assert ratio >= READABLE, (*where, text, round(ratio, 2))
                await pilot.press("down")
                await pilot.pause()


async def test_without_colour_the_cursor_row_is_reversed(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        for rows_type in (StakeholderList, EntryList):
            rows = app.screen.query_one(rows_type)
            assert all(s.style.reverse for s in cursor_row(rows))
