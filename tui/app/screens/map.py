"""The stakeholder map: the influence × interest grid beside the rank order.

The cursor is on the rank-order list; the grid shows where that stakeholder
sits. Moves and reorders go through the app's save like every other change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label

from journal import stakeholder_map as smap
from journal.journal import Journal

from .. import keys
from ..text import clean
from ..widgets.footer import KeyFooter
from ..widgets.line import Line
from ..widgets.map_grid import MapGrid
from ..widgets.reach_out import marks
from ..widgets.rowlist import RowList

QUADRANT_WORDS = {q: smap.QUADRANT_LABELS[q] for q in smap.QUADRANTS}


class RankList(RowList):
    """Rank (or – when unranked), focus/key marks, name."""

    def render_item(self, item: smap.RankedItem, width: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{item.rank:>3} " if item.rank else "  – ", "bold" if item.rank else "dim")
        text.append(marks(item.key, item.focus), "yellow")
        text.append(" ")
        text.append(clean(item.name), "" if item.rank else "dim")
        return text


class MapScreen(Screen[None]):
    """Dismissed with Esc; changes are saved as they are made."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("map")

    def __init__(self, selected_id: str | None = None) -> None:
        super().__init__()
        self.first_id = selected_id
        self.points: dict[str, smap.MapPoint] = {}
        self.unplaced = 0

    @property
    def journal(self) -> Journal:
        return self.app.journal  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Label(Text("Stakeholder map", style="bold"), id="map-title")
        with Horizontal(id="map-body"):
            yield MapGrid(id="map-grid")
            with Vertical(id="rank-panel"):
                yield Label(Text("Rank order · 1 = first", style="bold"))
                yield RankList(id="rank-list")
        yield Line(id="map-detail")
        yield KeyFooter()

    @property
    def ranks(self) -> RankList:
        return self.query_one(RankList)

    def on_resize(self) -> None:
        # On a small terminal the grid needs the columns more than the list.
        self.set_class(self.size.width < 100, "-narrow")

    def on_mount(self) -> None:
        self.reload(self.first_id)
        self.ranks.focus()

    def reload(self, select_id: str | None = None) -> None:
        built = smap.build_map(self.journal)
        self.points = {p.id: p for p in [*built.points(), *built.unplaced]}
        self.unplaced = len(built.unplaced)
        items = smap.rank_order(self.journal)
        rows = self.ranks
        keep = select_id or (rows.item.id if rows.item else None)
        position = next((i for i, r in enumerate(items) if r.id == keep), None)
        rows.set_items(items, cursor=position)
        self._show()

    def _show(self) -> None:
        item = self.ranks.item
        chosen = item.id if item else None
        self.query_one(MapGrid).show(self.points.values(), chosen)
        detail = Text(no_wrap=True, overflow="ellipsis")
        point = self.points.get(chosen or "")
        if point is not None:
            detail.append(clean(point.name), "bold")
            if point.quadrant is None:
                detail.append(" · not on the map yet: shift+arrows place it")
            else:
                detail.append(f" · influence {point.influence} · interest {point.interest}")
                detail.append(f" · {QUADRANT_WORDS[point.quadrant]}")
            detail.append(f" · rank {point.rank}" if point.rank else " · not ranked")
            if point.focus:
                detail.append(" · ◆ focus")
        if self.unplaced:
            detail.append(f"   ({self.unplaced} not on the map)", "dim")
        self.query_one("#map-detail", Line).update(detail)

    @on(RowList.Highlighted, "#rank-list")
    def _highlighted(self) -> None:
        self._show()

    def _change(self, change: Any) -> bool:
        app: Any = self.app
        return app.apply(change) is not None

    def action_move(self, d_influence: int, d_interest: int) -> None:
        item = self.ranks.item
        if item is None:
            return
        if self._change(
            lambda: smap.move(self.journal, item.id, d_influence, d_interest, save=False)
        ):
            self.reload(item.id)

    def action_rank(self, delta: int) -> None:
        item = self.ranks.item
        if item is None:
            return
        ranked = sum(1 for r in self.ranks.items if r.rank is not None)
        if item.rank is None:
            if delta > 0:
                return
            position = ranked + 1  # joins the ranking at the bottom
        else:
            # By place in the list, not the stored number: ranks may repeat
            # until the first reorder numbers them 1..n.
            position = self.ranks.cursor + 1 + delta
            if not 1 <= position <= ranked:
                return
        if self._change(lambda: smap.move_rank(self.journal, item.id, position, save=False)):
            self.reload(item.id)

    def action_focus_set(self) -> None:
        item = self.ranks.item
        if item is None:
            return
        change = smap.remove_focus if item.focus else smap.add_focus
        if self._change(lambda: change(self.journal, item.id, save=False)):
            result = smap.focus_set(self.journal)
            if result.advice:
                self.notify(result.advice, timeout=4)
            self.reload(item.id)
