"""Quantities in words, the same in every face: ``1 goal``, ``2 goals``."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and the noun that agrees with it (``plural`` when adding an
    s is wrong: ``count(2, "person", "people")``)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


#: Each table's record, one and many, as a person says it.
TABLE_WORDS = {
    "stakeholders": ("stakeholder", "stakeholders"),
    "interactions": ("journal entry", "journal entries"),
    "reflections": ("reflection", "reflections"),
    "goals": ("goal", "goals"),
    "promises": ("promise", "promises"),
    "shares": ("share", "shares"),
}


def describe_changes(changed: dict[str, int]) -> str:
    """What a merge changed, per table: ``2 journal entries, 1 goal``."""
    parts = []
    for table, number in changed.items():
        if number and not table.startswith("_"):
            one, many = TABLE_WORDS.get(table, (table, table))
            parts.append(count(number, one, many))
    return ", ".join(parts)
