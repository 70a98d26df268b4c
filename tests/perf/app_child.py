"""The child processes of the app figures in ``bench.py``; run by it, not by pytest.

    python tests/perf/app_child.py app FILE      # sj on FILE, exits at the first frame
    python tests/perf/app_child.py session FILE  # sj on FILE: a short session with a save
    python tests/perf/app_child.py bare FILE     # the floor: orjson.loads(FILE), bare App
    python tests/perf/app_child.py reloads FILE OUT  # the app's reload, 80 times
    python tests/perf/app_child.py searches FILE OUT  # 100 searches on the search screen

``searches`` waits for the app to fold the journal's text for search (its
worker after the first frame), opens the search screen, types a query key
by key (timing each key from its event to the first frame that shows its
results), searches for a hundred words of the journal (each typed in full),
goes back, and writes to OUT as JSON the resident memory before and after
the searches and the milliseconds of each key.

``reloads`` is the app left open for days: another machine's version
arrives 80 times and the app reloads it; it writes the resident memory after
the 10th and the 80th reload to OUT as JSON.

``app`` goes the way ``sj --file FILE`` goes (``tui.cli.run``: argument
parsing, ``Journal.open``, the settings, the app), with two changes: the app
runs headless (no terminal to set up, for the floor neither) and it ends the
process with ``os._exit(0)`` in the first frame that shows the overdue
stakeholders, so interpreter teardown (freeing the parsed journal) is not
counted on either side. The parent times the whole process, from spawning it
to its exit.

A frame is what the compositor hands to the driver (``App._display``); in a
terminal the driver turns it into escape sequences and writes them. The
headless driver skips that step, so it is done here on every frame (and the
text checked: an overdue stakeholder's mark and name must be in it).

``bare`` imports textual and orjson, parses FILE, and runs an ``App`` with no
widgets headless until its first frame, rendered the same way.

Exit status 3: no frame showed the overdue stakeholders within a minute.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

#: The terminal size of every app figure.
SIZE = (120, 40)
TIMEOUT = 60.0
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class FrameHook:
    """Mixed into an App: ``frame_shown`` is called with every frame."""

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)  # type: ignore[misc]
        if renderable is not None:
            self.frame_shown(renderable)

    def frame_shown(self, renderable: Any) -> None:
        pass


def frame_text(app: Any, renderable: Any) -> str:
    """The frame as a terminal driver would write it, without the escapes."""
    return _ANSI.sub("", renderable.render_segments(app.console))


def overdue_shown(app: Any, text: str) -> bool:
    """Whether ``text`` (a frame) shows the most overdue stakeholder's row."""
    from tui.app.text import clean

    screen = app.screen_stack[0] if app.screen_stack else None
    pane = getattr(screen, "stakeholders", None) if screen is not None else None
    if pane is None or not pane.is_mounted or not pane.overdue or not pane.list.items:
        return False
    first = pane.list.items[0]
    name = clean(first.info.name)[:8]
    return first.info.state == "overdue" and "!" in text and name in text


def _watchdog(timeout: float = TIMEOUT) -> None:
    timer = threading.Timer(timeout, os._exit, (3,))
    timer.daemon = True
    timer.start()


def run_app(
    path: str, *, session: bool = False, reloads_out: str = "", searches_out: str = ""
) -> None:
    from tui.app import app as app_module

    base = app_module.StakeholderJournalApp
    folder = Path(app_module.__file__).parent

    class FirstFrameApp(FrameHook, base):
        # Textual finds CSS files next to the module of the class: here, not tui/.
        CSS_PATH = [folder / name for name in base.CSS_PATH]  # noqa: RUF012
        started = False
        #: Called with each frame after the first (see _searches).
        watch_frame: Any = None

        def run(self, *args: Any, **kwargs: Any) -> Any:
            return super().run(headless=True, size=SIZE)

        def frame_shown(self, renderable: Any) -> None:
            if self.started:
                if self.watch_frame is not None:
                    self.watch_frame(renderable)
                return
            if not overdue_shown(self, frame_text(self, renderable)):
                return
            self.started = True
            if session:
                self.run_worker(_session(self))
            elif reloads_out:
                self.run_worker(_reloads(self, path, reloads_out))
            elif searches_out:
                self.run_worker(_searches(self, searches_out))
            else:
                os._exit(0)

    app_module.StakeholderJournalApp = FirstFrameApp  # run_app builds this one
    _watchdog(TIMEOUT * 10 if reloads_out or searches_out else TIMEOUT)
    from journal import document

    # As `sj --file PATH` opens the app (tui.cli.run), without its terminal
    # check: the benchmark's children have no terminal.
    document.FREEZE_PARSED = True
    app_module.run_app(path)
    os._exit(3)


async def _session(app: Any) -> None:
    """Moves through the stakeholders, shows every entry, filters, logs one
    contact and waits for it to be saved: the app's peak memory in use."""
    import asyncio

    from journal.records import Interaction

    main = app.main
    for _ in range(5):
        main.stakeholders.list.action_cursor(1)
        await asyncio.sleep(0.02)
    main.journal_pane.action_toggle_all()
    await asyncio.sleep(0.05)
    sid = main.stakeholders.selected.id
    entry = Interaction(
        date=app.journal.today().isoformat(), stakeholders=[sid], channel="call", summary="Bench"
    )
    app.apply(lambda: app.journal.add(entry, save=False))
    while app.loop.busy or app.journal.unsaved:  # noqa: SLF001 - the save worker is running
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)
    os._exit(0)


def run_bare(path: str) -> None:
    import orjson
    from textual.app import App

    with open(path, "rb") as file:
        document = orjson.loads(file.read())
    assert document

    class BareApp(FrameHook, App[None]):
        def frame_shown(self, renderable: Any) -> None:
            frame_text(self, renderable)
            os._exit(0)

    _watchdog()
    BareApp().run(headless=True, size=SIZE)
    os._exit(3)


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


SEARCHES = 100
#: Typed key by key on the search screen, each key timed to its frame.
TYPED = "moose permits"


async def _searches(app: Any, out: str) -> None:
    """Keys typed on the search screen, each timed to the frame that shows
    its results, then a hundred searches; the resident memory before and
    after."""
    import asyncio
    import functools
    import gc
    import time

    import orjson
    from textual import events

    from journal.records import TABLE_INTERACTIONS
    from tui.app.screens.search import SearchScreen

    while any(w.group == "search-fold" and not w.is_finished for w in app.workers):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    gc.collect()
    before = _resident_mb()
    words: dict[str, None] = {}
    for record in app.journal.records(TABLE_INTERACTIONS):
        for word in str(record.get("summary", "")).split():
            if len(word) > 4 and word.isalpha():
                words.setdefault(word.lower())
        if len(words) >= SEARCHES:
            break
    screen = SearchScreen(app.journal)
    await app.push_screen(screen)
    await asyncio.sleep(0.2)

    shown = {"typed": None}
    real_show = screen.show_results

    def show_results(typed: str) -> None:
        real_show(typed)
        shown["typed"] = typed

    screen.show_results = show_results  # type: ignore[method-assign]
    keys_ms = []
    for n, char in enumerate(TYPED, 1):
        done = asyncio.Event()

        def seen(
            renderable: Any,
            typed: str = TYPED[:n],
            done: asyncio.Event = done,
            started: float = 0.0,
        ) -> None:
            if shown["typed"] == typed and not done.is_set():
                frame_text(app, renderable)  # what a terminal driver would write
                keys_ms.append((time.perf_counter() - started) * 1000)
                done.set()

        app.watch_frame = functools.partial(seen, started=time.perf_counter())
        app.post_message(events.Key("space" if char == " " else char, char))
        await asyncio.wait_for(done.wait(), TIMEOUT)
        await asyncio.sleep(0.05)  # a fast typist's pace
    app.watch_frame = None
    for word in list(words)[:SEARCHES]:
        screen.show_results(word)
        await asyncio.sleep(0.01)
    app.pop_screen()
    await asyncio.sleep(0.2)
    gc.collect()
    after = _resident_mb()
    Path(out).write_bytes(orjson.dumps({"before": before, "after": after, "keys_ms": keys_ms}))
    os._exit(0)


RELOADS = 80


async def _reloads(app: Any, path: str, out: str) -> None:
    """Another machine's version arrives 80 times (the same records, other
    bytes); the app notices it as it does every few seconds (``poll_disk``),
    reloads and redraws. The resident memory after the 10th and the 80th."""
    import asyncio

    import orjson

    page = os.sysconf("SC_PAGE_SIZE")
    original = Path(path).read_bytes()
    resident: dict[str, float] = {}
    for reload in range(1, RELOADS + 1):
        arriving = Path(path).with_suffix(".arriving")
        arriving.write_bytes(original + b" " * reload)
        os.replace(arriving, path)
        app.poll_disk()
        while app.loop.busy:  # noqa: SLF001 - the reload worker is running
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.05)
        if reload in (10, RELOADS):
            with open("/proc/self/statm") as statm:
                resident[str(reload)] = int(statm.read().split()[1]) * page / 2**20
    Path(out).write_bytes(orjson.dumps(resident))
    os._exit(0)


if __name__ == "__main__":
    mode, file_path = sys.argv[1], sys.argv[2]
    if mode == "bare":
        run_bare(file_path)
    elif mode == "reloads":
        run_app(file_path, reloads_out=sys.argv[3])
    elif mode == "searches":
        run_app(file_path, searches_out=sys.argv[3])
    else:
        run_app(file_path, session=mode == "session")
