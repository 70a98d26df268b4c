"""Fixtures for the terminal app: journals in tmp_path with a fixed today."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from journal.clock import Clock
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.sample import write_sample
from tui.app import StakeholderJournalApp
from tui.app.config import Settings

TODAY = dt.date(2026, 11, 28)


def open_journal(root: Path, name: str = "j.json", device_root: str = "local") -> Journal:
    return Journal.open(
        root / name, clock=Clock(fixed_today=TODAY), dirs=LocalDirs.under(root / device_root)
    )


def make_app(
    root: Path, *, sample: tuple[int, int] | None = (40, 1200), **kwargs
) -> StakeholderJournalApp:
    """An app on a journal in ``root``: the seed-1 sample, or empty."""
    path = root / "j.json"
    if sample is not None and not path.exists():
        write_sample(path, *sample, seed=1, today=TODAY)
    journal = open_journal(root)
    settings = kwargs.pop("settings", None) or Settings.load(LocalDirs.under(root))
    return StakeholderJournalApp(journal, settings=settings, **kwargs)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def run_from_palette(pilot, text: str) -> None:
    """Open the command palette, type ``text`` and run the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.2)


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled. A worker still
    waiting after a minute waits on a screen left open (a form that refused
    its input): fail with what is on top rather than hang the run."""
    await pilot.pause()
    try:
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), 60)
    except TimeoutError:
        pytest.fail(f"workers still waiting, with {type(pilot.app.screen).__name__} on top")
    await pilot.pause()


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setenv("SJ_TODAY", TODAY.isoformat())


@pytest.fixture(scope="session")
def large_journal(tmp_path_factory) -> Path:
    """500 stakeholders and 50,000 interactions, generated once per session."""
    root = tmp_path_factory.mktemp("large")
    write_sample(root / "j.json", 500, 50_000, seed=1, today=TODAY)
    return root / "j.json"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests in a fresh event loop (no plugin needed)."""
    import asyncio
    import inspect

    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True
