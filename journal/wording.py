"""Quantities in words, the same in every face: ``1 goal``, ``2 goals``."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and the noun that agrees with it (``plural`` when adding an
    s is wrong: ``count(2, "person", "people")``)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
