"""Contact days as a heatmap: a month as a calendar, a longer range as weeks
side by side. Each day's shade (░▒▓█) says how many contacts it had relative
to the busiest day, so it reads without colour; colour adds to it."""

from __future__ import annotations

import datetime as dt
import math

from rich.text import Text
from textual.widget import Widget

from journal.wording import count

SHADES = "·░▒▓█"
LEVEL_STYLES = ("dim", "green", "green", "bold green", "bold bright_green")
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SPARKS = "▁▂▃▄▅▆▇█"


def level(count: int, busiest: int) -> int:
    """0 for no contact, else 1-4 in proportion to the busiest day."""
    if count <= 0 or busiest <= 0:
        return 0
    return max(1, min(4, math.ceil(4 * count / busiest)))


def sparkline(values: list[int], busiest: int | None = None) -> str:
    """Block characters for a short series (a space for zero)."""
    top = busiest if busiest is not None else max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(" " if v <= 0 else SPARKS[min(7, (v * 8 - 1) // top)] for v in values)


class Heatmap(Widget):
    """Call :meth:`show` with the review's ``heatmap`` (ISO day → contacts)."""

    DEFAULT_CSS = "Heatmap { height: auto; width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: dict[str, int] = {}

    def show(self, days: dict[str, int]) -> None:
        self.days = days
        self.refresh(layout=True)

    def _content(self, width: int) -> Text:
        if not self.days:
            return Text("")
        if len(self.days) <= 31:
            return self._calendar()
        return self._weeks(width)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._content(width).plain.split("\n"))

    def render(self) -> Text:
        return self._content(self.content_size.width)

    def _legend(self, text: Text, busiest: int, hidden_weeks: int = 0) -> None:
        text.append("\n")
        text.append("none ", "dim")
        for n in range(1, 5):
            text.append(SHADES[n], LEVEL_STYLES[n])
        text.append(f" busiest ({busiest} a day)" if busiest else " (no contacts)", "dim")
        if hidden_weeks:
            text.append(f"\n{count(hidden_weeks, 'earlier week')} need a wider window", "dim")

    def _calendar(self) -> Text:
        days = sorted(self.days)
        first = dt.date.fromisoformat(days[0])
        busiest = max(self.days.values(), default=0)
        text = Text(no_wrap=True)
        text.append(" ".join(f"{d:>3}" for d in WEEKDAYS), "bold")
        text.append("\n")
        text.append("    " * first.weekday())
        for iso in days:
            day = dt.date.fromisoformat(iso)
            count = self.days[iso]
            lvl = level(count, busiest)
            text.append(f"{day.day:>2}", "" if count else "dim")
            text.append(SHADES[lvl], LEVEL_STYLES[lvl])
            if day.weekday() == 6 and iso != days[-1]:
                text.append("\n")
            else:
                text.append(" ")
        self._legend(text, busiest)
        return text

    def _weeks(self, width: int) -> Text:
        days = sorted(self.days)
        first = dt.date.fromisoformat(days[0])
        monday = first - dt.timedelta(days=first.weekday())
        last = dt.date.fromisoformat(days[-1])
        weeks = (last - monday).days // 7 + 1
        # The most recent weeks that fit the width (the first 3 columns name
        # the weekdays): the months that matter are the last ones.
        room = width - 3
        hidden = max(0, weeks - room) if room > 0 else 0
        monday += dt.timedelta(weeks=hidden)
        weeks -= hidden
        busiest = max(self.days.values(), default=0)
        text = Text(no_wrap=True)
        # Month names above the week each month starts in, with a space
        # between two names; the month of the first week shown if it has room.
        header = [" "] * (weeks + 3)
        for n in [*range(1, weeks), 0]:
            start = monday + dt.timedelta(weeks=n)
            end = min(start + dt.timedelta(days=6), last)
            if n == 0:
                label = max(start, first).strftime("%b")
            elif end.month != start.month or start.day == 1:
                label = end.strftime("%b")
            else:
                continue
            if all(c == " " for c in header[max(0, n - 1) : n + 4]):
                header[n : n + 3] = list(label)
        text.append("   " + "".join(header[:weeks]) + "\n", "bold")
        for weekday in range(7):
            text.append(f"{WEEKDAYS[weekday]} ", "dim")
            for n in range(weeks):
                day = monday + dt.timedelta(weeks=n, days=weekday)
                iso = day.isoformat()
                if iso not in self.days:
                    text.append(" ")
                    continue
                lvl = level(self.days[iso], busiest)
                text.append(SHADES[lvl], LEVEL_STYLES[lvl])
            text.append("\n")
        text.rstrip()
        self._legend(text, busiest, hidden)
        return text
