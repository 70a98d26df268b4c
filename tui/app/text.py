"""Turning user data into literal, safe terminal text.

Names and notes are shown exactly as typed: never parsed as markup, and with
control characters (terminal escape sequences), format characters (direction
overrides, zero-width characters) and line/paragraph separators made visible,
not acted upon (see ``tui.safe_text``).
"""

from __future__ import annotations

from rich.text import Text

from ..safe_text import escape_unsafe


def clean(value: object) -> str:
    """The text with control and format characters shown as escapes
    (``\\x1b``, ``\\u202e``); ``None`` is the empty string."""
    return escape_unsafe("" if value is None else str(value))


#: How a newline shows in a one-line field or a list row.
NEWLINE_MARK = "⏎"


def one_line(value: object) -> str:
    """The text cleaned, each newline shown as a visible mark (⏎), so it
    never breaks a row or a one-line field."""
    return clean(value).replace("\n", NEWLINE_MARK)


def first_line(value: object) -> str:
    """The first line of a (possibly multi-line) text, cleaned."""
    return clean(str(value or "").split("\n", 1)[0])


def literal(value: object, style: str = "") -> Text:
    """A Rich ``Text`` showing ``value`` literally (never as markup)."""
    return Text(clean(value), style=style)
