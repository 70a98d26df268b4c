"""The app on the large journal: 500 stakeholders, 50,000 entries."""

from __future__ import annotations

import shutil
import time

from tui.app.widgets.stakeholders import StakeholderList

from .conftest import make_app, settle


async def test_starts_on_the_large_journal_and_shows_the_overdue(tmp_path, large_journal):
    shutil.copy(large_journal, tmp_path / "j.json")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(StakeholderList)
        assert len(rows.items) == 500
        assert rows.items[0].info.state == "overdue"
        assert app.screen.stakeholders.overdue > 0
        assert "overdue" in rows.render_line(0).text or "!" in rows.render_line(0).text
        # Moving through stakeholders and showing everyone's 50,000 entries stays instant.
        start = time.perf_counter()
        for _ in range(10):
            await pilot.press("down")
        await pilot.press("2", "t")
        await pilot.pause()
        assert len(app.screen.journal_pane.list.items) == 50_000
        assert time.perf_counter() - start < 5  # generous: a hang shows, not a slow CI
        await pilot.press("1", "slash", "a", "n")
        await settle(pilot)
        assert len(rows.items) < 500
