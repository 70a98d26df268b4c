"""Plain-text output helpers for the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import orjson

from ..safe_text import escape_unsafe


def safe(text: Any) -> str:
    """Text as the user typed it, with control characters (terminal escape
    sequences), format characters (direction overrides, zero-width characters)
    and line/paragraph separators made visible instead of acted upon."""
    return escape_unsafe(str(text))


def hanging(text: Any, indent: str) -> str:
    """:func:`safe` text whose lines after the first start with ``indent``,
    so a note of several lines stays under its label."""
    return safe(text).replace("\n", "\n" + indent)


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes: two for a wide (CJK, emoji)
    character, none for a combining mark. The command line does not load
    rich for this: ``unicodedata`` is built in and quick to import."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in text
    )


def cut_to_cells(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` cells."""
    if cell_len(text) <= width:
        return text
    kept, used = [], 0
    for c in text:
        used += cell_len(c)
        if used > width:
            break
        kept.append(c)
    return "".join(kept)


def one_line(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` terminal cells (a CJK
    character or an emoji takes two)."""
    line = safe(text.split("\n", 1)[0])
    return line if cell_len(line) <= width else cut_to_cells(line, width - 1) + "…"


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
