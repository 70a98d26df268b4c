"""The app shows direction overrides and zero-width characters in names
escaped, as the command line does."""

from __future__ import annotations

from journal.records import Stakeholder
from tui.app.widgets.stakeholders import StakeholderList

from .conftest import make_app, open_journal


async def test_the_stakeholder_list_shows_an_override_escaped(tmp_path):
    open_journal(tmp_path).add(
        Stakeholder(name="Eve \u202eevil", organization="Acme\u200bCorp", cadence_days=7)
    )
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(StakeholderList).render_line(0).text
        assert "Eve \\u202eevil" in line and "Acme\\u200bCorp" in line
        assert "\u202e" not in line and "\u200b" not in line
