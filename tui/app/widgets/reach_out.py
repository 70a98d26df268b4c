"""The stakeholder pane's review mode: who to reach out to today, ranked.

The ranking (``journal.reach_out.reach_out_today``) reads every entry once, so
it runs in a thread worker after each change and the list shows the result
when it arrives; moving through the list never recomputes it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text

from journal.cadence import DUE_SOON, OK, OVERDUE
from journal.reach_out import Suggestion

from ..text import clean
from .rowlist import RowList

FOCUS_MARK = "◆"
KEY_MARK = "★"

EMPTY = "Nobody needs a nudge today: a good day to meet someone new."


def marks(key: bool, focus: bool) -> str:
    """Two cells: ◆ for the focus set, ★ for a key influencer."""
    return (FOCUS_MARK if focus else " ") + (KEY_MARK if key else " ")


class ReachOutList(RowList):
    """Score, focus/key marks, name, and the strongest reason."""

    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "reach-out--score",
        "reach-out--overdue",
        "reach-out--due-soon",
        "reach-out--ok",
        "reach-out--mark",
        "reach-out--dim",
    }

    def render_item(self, item: Suggestion, width: int) -> Text:
        style = self.get_component_rich_style
        state = {
            OVERDUE: "reach-out--overdue",
            DUE_SOON: "reach-out--due-soon",
            OK: "reach-out--ok",
        }.get(item.state, "reach-out--dim")
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{item.score:5.1f} ", style("reach-out--score", partial=True))
        text.append(marks(item.key, item.focus), style("reach-out--mark", partial=True))
        text.append(" ")
        name_width = max(10, min(24, (width - 9) * 2 // 5))
        name = clean(item.name)
        if len(name) > name_width - 1:
            name = name[: name_width - 2] + "…"
        text.append(name.ljust(name_width), style(state, partial=True))
        reasons = "; ".join(clean(r) for r in item.reason_texts)
        text.append(reasons, style("reach-out--dim", partial=True))
        return text


def why(item: Any | None) -> Text:
    """Every reason of the highlighted suggestion, for the line under the list."""
    text = Text(no_wrap=False, overflow="fold")
    if not isinstance(item, Suggestion):
        return text
    text.append("Why: ", "bold")
    text.append("; ".join(clean(r) for r in item.reason_texts))
    return text
