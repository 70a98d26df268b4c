"""Plain-text output helpers for the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import orjson
from rich.cells import cell_len, set_cell_size

from ..safe_text import escape_unsafe


def safe(text: Any) -> str:
    """Text as the user typed it, with control characters (terminal escape
    sequences), format characters (direction overrides, zero-width characters)
    and line/paragraph separators made visible instead of acted upon."""
    return escape_unsafe(str(text))


def one_line(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` terminal cells (a CJK
    character or an emoji takes two)."""
    line = safe(text.split("\n", 1)[0])
    return line if cell_len(line) <= width else set_cell_size(line, width - 1) + "…"


def print_json(value: Any) -> None:
    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """A left-aligned text table (the last column is not padded)."""
    cells = [list(map(safe, headers)), *[list(map(safe, r)) for r in rows]]
    widths = [max(cell_len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        padded = [c + " " * (w - cell_len(c)) for c, w in zip(row[:-1], widths[:-1], strict=True)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    return "\n".join(lines)


STATE_MARKS = {"overdue": "!", "due-soon": "~", "ok": " ", "no-cadence": "·"}
