"""Turning user data into literal, safe terminal text.

Names and notes are shown exactly as typed: never parsed as markup, and with
control characters (terminal escape sequences) made visible, not acted upon.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    """The text with control characters shown as ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", "" if value is None else str(value))


def first_line(value: object) -> str:
    """The first line of a (possibly multi-line) text, cleaned."""
    return clean(str(value or "").split("\n", 1)[0])


def literal(value: object, style: str = "") -> Text:
    """A Rich ``Text`` showing ``value`` literally (never as markup)."""
    return Text(clean(value), style=style)
