"""Pilot tests: the screens fit an 80x24 terminal."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from journal.records import Stakeholder
from tui.app.widgets.heatmap import Heatmap
from tui.app.widgets.map_grid import MapGrid
from tui.app.widgets.stakeholders import StakeholderList

from .conftest import make_app, open_journal, settle


def screen_lines(app) -> list[str]:
    """The text of the screen as shown, one string per row."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def footer_keys_shown(app) -> list[str]:
    """The footer's keys whose whole label is on the screen."""
    width = app.size.width
    return [
        key.description
        for key in app.screen.query(FooterKey)
        if key.region.width and key.region.right <= width
    ]


async def test_footer_shows_help_and_quit_at_80x24(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for pane in "1234":
            await pilot.press(pane)
            await pilot.pause()
            shown = footer_keys_shown(app)
            assert "Help" in shown and "Quit" in shown, (pane, shown)


async def test_twelve_month_heatmap_shows_the_latest_months_at_80x24(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.region.right <= 80
        lines = heatmap.render().plain.split("\n")
        # The month header ends with the last month of the range (November).
        assert lines[0].rstrip().endswith("Nov"), lines[0]
        assert max(len(line) for line in lines) <= heatmap.content_size.width
        assert any("earlier week" in line for line in lines)


async def test_map_legend_fits_at_80x24(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        grid = app.screen.query_one(MapGrid)
        text = "\n".join(screen_lines(app))
        for mark in ("! late", "~ soon", "✓ ok", "◆ focus", "★ key"):
            assert mark in text, mark
        assert grid.region.right <= 80


async def test_namesakes_are_told_apart_in_the_list_and_in_titles_at_80x24(tmp_path):
    journal = open_journal(tmp_path)
    for organization in ("City Council", "Port Authority"):
        journal.add(Stakeholder(name="Ana Ruiz", organization=organization, cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.screen.query_one(StakeholderList)
        shown = [rows.render_item(row, rows.content_size.width).plain for row in rows.items]
        assert "City" in shown[0] + shown[1] and "Port" in shown[0] + shown[1]
        assert shown[0] != shown[1]
        organization = rows.items[0].raw["organization"]
        await pilot.press("l")
        await pilot.pause()
        assert organization in str(app.screen.query_one("#form-title").render())
