"""Influence × interest: a 5 × 5 grid in four quadrants, drawn as text.

Influence rises upwards, interest to the right; 4 and 5 count as high, so a
line splits the grid after 3 on both axes. Each stakeholder sits in the cell
of their two scores with the cadence state as a symbol and a colour (! late,
~ due soon, ✓ in touch, · no cadence), so it reads without colour too.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget

from journal.cadence import DUE_SOON, OK, OVERDUE
from journal.rules import name_order
from journal.stakeholder_map import HIGH, MapPoint

from ..text import clean
from .reach_out import FOCUS_MARK, KEY_MARK

STATE_MARKS = {OVERDUE: "!", DUE_SOON: "~", OK: "✓"}
STATE_STYLES = {OVERDUE: "bold red", DUE_SOON: "yellow", OK: "green"}
#: Quadrant labels: (top-left, top-right), (bottom-left, bottom-right).
TOP = ("keep satisfied", "work closely together")
BOTTOM = ("light touch", "keep in the loop")
GUTTER = 3  # "5 │"


def _fit(label: str, width: int, fill: str = " ") -> str:
    if len(label) > width:
        return label[: max(0, width - 1)] + "…"
    return label.ljust(width, fill)


def _order(point: MapPoint) -> tuple[bool, int, str]:
    return (not point.focus, point.rank or 10**9, name_order(point.name))


class MapGrid(Widget):
    """Call :meth:`show` with the placed points and the selected id."""

    DEFAULT_CSS = "MapGrid { height: 1fr; width: 1fr; padding: 0 1 0 0; }"
    LEGEND = "! overdue ~ due soon ✓ in touch · no cadence ◆ focus ★ key"
    SHORT_LEGEND = "! late ~ soon ✓ ok · none ◆ focus ★ key"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells: dict[tuple[int, int], list[MapPoint]] = {}
        self.selected_id: str | None = None

    def show(self, points: Iterable[MapPoint], selected_id: str | None) -> None:
        cells: dict[tuple[int, int], list[MapPoint]] = {}
        for point in points:
            if point.influence is not None and point.interest is not None:
                cells.setdefault((point.influence, point.interest), []).append(point)
        for group in cells.values():
            group.sort(key=_order)
        self.cells = cells
        self.selected_id = selected_id
        self.refresh()

    def _cell_lines(self, influence: int, interest: int, width: int, height: int) -> list[Text]:
        points = list(self.cells.get((influence, interest), ()))
        if len(points) > height:
            shown = points[: height - 1]
            chosen = next((p for p in points if p.id == self.selected_id), None)
            if chosen is not None and chosen not in shown:
                shown[-1] = chosen  # the one being moved is always visible
            lines = [self._point(p, width) for p in shown]
            lines.append(Text(f" +{len(points) - len(shown)} more".ljust(width), "dim"))
            return lines
        lines = [self._point(p, width) for p in points]
        return lines + [Text(" " * width)] * (height - len(lines))

    def _point(self, point: MapPoint, width: int) -> Text:
        style = STATE_STYLES.get(point.state, "dim")
        text = Text(no_wrap=True)
        text.append(STATE_MARKS.get(point.state, "·"), style + " bold")
        marks = (FOCUS_MARK if point.focus else "") + (KEY_MARK if point.key else "")
        name = clean(point.name)
        body = f"{marks} {name}"
        room = width - 2
        if len(body) > room:
            body = body[: max(0, room - 1)] + "…"
        text.append(body.ljust(room), style)
        text.append(" ")
        if point.id == self.selected_id:
            text.stylize("reverse bold")
        return text

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        cell_w = max(4, (width - GUTTER - 1) // 5)
        legend = self._legend(width)
        cell_h = max(1, (height - 3 - len(legend)) // 5)
        left_w, right_w = cell_w * 3, cell_w * 2
        out = Text(no_wrap=True, overflow="crop")
        out.append(" " * GUTTER)
        out.append(_fit(f" {TOP[0]}", left_w), "bold italic")
        out.append("│", "dim")
        top_right = f" {TOP[1]}" if len(TOP[1]) < right_w else " work closely"
        out.append(_fit(top_right, right_w), "bold italic")
        out.append("\n")
        for influence in range(5, 0, -1):
            lines = [self._cell_lines(influence, i, cell_w, cell_h) for i in range(1, 6)]
            for row in range(cell_h):
                label = f"{influence} │" if row == 0 else "  │"
                out.append(label, "dim")
                for interest in range(1, 6):
                    if interest == HIGH:
                        out.append("│", "dim")
                    out.append_text(lines[interest - 1][row])
                out.append("\n")
            if influence == HIGH:
                out.append("──┼", "dim")
                out.append(_fit(f"─ {BOTTOM[0]} ", left_w, "─"), "dim")
                out.append("┼", "dim")
                out.append(_fit(f"─ {BOTTOM[1]} ", right_w, "─"), "dim")
                out.append("\n")
        out.append("  └", "dim")
        axis = "".join(f"{n}".center(cell_w) + ("┴" if n == 3 else "") for n in range(1, 6))
        out.append(axis, "dim")
        out.append("\n")
        out.append("\n".join(line[:width] for line in legend), "dim")
        return out

    def _legend(self, width: int) -> list[str]:
        """What the axes and the marks mean: on one line, or on two when narrow."""
        for line in (
            " ↑ influence  → interest   " + self.LEGEND,
            " ↑ influence → interest  " + self.SHORT_LEGEND,
        ):
            if len(line) <= width:
                return [line]
        return [" ↑ influence → interest", " " + self.SHORT_LEGEND]
