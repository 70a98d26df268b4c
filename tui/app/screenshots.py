"""Regenerate ``screenshots/*.svg`` from the real app on the sample journal.

    python -m tui.app.screenshots [--out screenshots]

The sample (seed 1) and today (2026-11-28) are fixed, so the pictures only
change when the app does.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
from pathlib import Path

TODAY = dt.date(2026, 11, 28)

#: File name, terminal size, keys pressed before the picture.
SHOTS: tuple[tuple[str, tuple[int, int], tuple[str, ...]], ...] = (
    ("main", (140, 40), ()),
    ("quick-log", (120, 36), ("l", *"Coffee about the spring plan")),
    ("interaction-form", (120, 44), ("n", *"Walked through the draft budget")),
    ("goals", (120, 36), ("4",)),
    ("help", (120, 44), ("question_mark",)),
    ("narrow-80x24", (80, 24), ()),
    ("reach-out", (120, 36), ("t",)),
    ("brief", (120, 36), ("t", "enter")),
    ("map", (120, 36), ("m",)),
    ("review", (120, 36), ("v",)),
)


async def _shoot(out: Path, name: str, size: tuple[int, int], keys: tuple[str, ...]) -> None:
    from journal.clock import Clock
    from journal.journal import Journal
    from journal.paths import LocalDirs
    from journal.sample import write_sample

    from .app import StakeholderJournalApp
    from .config import Settings

    with tempfile.TemporaryDirectory(prefix="sj-shots-") as folder:
        root = Path(folder)
        write_sample(root / "journal.json", 40, 1200, seed=1, today=TODAY)
        journal = Journal.open(
            root / "journal.json", clock=Clock(fixed_today=TODAY), dirs=LocalDirs.under(root)
        )
        app = StakeholderJournalApp(journal, settings=Settings())
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            # The reach-out ranking and the review are counted in thread
            # workers (the others wait on a dialog, so they are not awaited).
            counting = [w for w in app.workers if w.group in ("reach-out", "contact-review")]
            if counting:  # an empty list would mean every worker
                await app.workers.wait_for_complete(counting)
            await pilot.pause()
            for widget in app.screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]
            await pilot.pause(0.2)
            app.save_screenshot(f"{name}.svg", str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default="screenshots", help="folder for the SVG files")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, size, keys in SHOTS:
        asyncio.run(_shoot(out, name, size, keys))
        print(out / f"{name}.svg")


if __name__ == "__main__":
    main()
