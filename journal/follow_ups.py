"""Follow-ups as people type them: ``send the deck@friday``.

One rule for every face: the text splits at its last ``@`` only when what
follows reads as a date, so an e-mail address stays part of the text
(``email raj@example.org``, ``email raj@example.org@friday``); a weekday in a
due date is the next one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import parse_due
from .errors import InputError
from .records import FollowUp


def split_follow_up(text: str, today: dt.date) -> tuple[str, str | None]:
    """``(what, due ISO date or None)`` for one typed follow-up."""
    body, at, due = text.rpartition("@")
    if at and due.strip():
        try:
            when = parse_due(due, today)
        except InputError:
            body, when = text, None  # not a date: the @ is part of the text
    else:
        body, when = (body if at else text), None
    body = body.strip()
    if not body:
        raise InputError(f"The follow-up {text.strip()!r} has no text before its @date.")
    return body, when.isoformat() if when else None


def parse_follow_ups(
    texts: list[str], today: dt.date, previous: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Typed follow-ups → stored ones, keeping the ids (and the done ones) of
    an edited entry's follow-ups with the same text."""
    previous = previous or []
    by_text = {p.get("text"): p for p in previous if not p.get("done")}
    items = [dict(p) for p in previous if p.get("done")]
    for text in texts:
        if not text.strip():
            continue
        body, due = split_follow_up(text, today)
        item = dict(by_text.get(body) or FollowUp(text=body).__dict__)
        item.update(text=body, due=due)
        items.append(item)
    return items
