"""Sharing information: log what was passed on, and suggest who would care.

Suggestions use plain token overlap, no language model and no index:

- a token is a lowercase run of letters or digits, at least three long, not
  a common stop word, with a plural ending made singular (``permits`` and
  ``permit`` match, so do ``fisheries`` and ``fishery``);
- the item's tokens come from its title and tags; a stakeholder's from their
  tags (weight 2 per shared token) and critical issues (weight 1);
- stakeholders with a positive score are listed, highest first, with the
  tokens that matched. Ties go to the one shared with least recently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .goals import month_bounds, month_of
from .records import TABLE_SHARES, TABLE_STAKEHOLDERS, Share
from .rules import name_order

_WORD = re.compile(r"[^\W_]+")
_STOP_TEXT = """the and for with from that this into onto over under about their there they them
    what when where which while will would could should have has had are was were been
    being not but all any can our your you new news report article update notes note
    on of in to at by an as is it or be we"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
TAG_WEIGHT = 2
ISSUE_WEIGHT = 1


def tokens(text: str) -> set[str]:
    """The matching tokens of a piece of text (see the module docstring)."""
    out = set()
    for word in _WORD.findall(text.casefold()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return out


@dataclass(frozen=True, slots=True)
class ShareSuggestion:
    """A stakeholder who may want the item, and why."""

    id: str
    name: str
    score: int
    matched: list[str]
    last_shared: str | None = None


def suggest_recipients(
    journal: Any,
    title: str,
    tags: Iterable[str] = (),
    *,
    limit: int = 5,
    exclude: Iterable[str] = (),
) -> list[ShareSuggestion]:
    """Stakeholders whose tags or critical issues share words with the item."""
    wanted = tokens(title)
    for tag in tags:
        wanted |= tokens(tag)
    if not wanted:
        return []
    skip = set(exclude)
    last = last_shared(journal)
    out = []
    for raw in journal.records(TABLE_STAKEHOLDERS):
        if raw["id"] in skip:
            continue
        tag_hits = wanted & tokens(" ".join(raw.get("tags") or ()))
        issue_hits = (wanted & tokens(raw.get("critical_issues") or "")) - tag_hits
        score = TAG_WEIGHT * len(tag_hits) + ISSUE_WEIGHT * len(issue_hits)
        if score:
            out.append(
                ShareSuggestion(
                    id=raw["id"],
                    name=raw.get("name", ""),
                    score=score,
                    matched=sorted(tag_hits | issue_hits),
                    last_shared=last.get(raw["id"]),
                )
            )
    out.sort(key=lambda s: (-s.score, s.last_shared or "", name_order(s.name), s.id))
    return out[:limit]


def last_shared(journal: Any) -> dict[str, str]:
    """Stakeholder id → date information was last shared with them (shares
    table only; one pass)."""
    latest: dict[str, str] = {}
    for share in journal.records(TABLE_SHARES):
        date = share.get("date") or ""
        for sid in share.get("stakeholders") or ():
            if date > latest.get(sid, ""):
                latest[sid] = date
    return latest


@dataclass(frozen=True)
class ShareLogged:
    """A logged share and what it adds up to this month."""

    share: Share
    names: list[str]
    #: Shares logged in the share's month, this one included.
    month_total: int
    #: Stakeholder id → shares with them in that month.
    per_stakeholder: dict[str, int]


def log_share(
    journal: Any,
    title: str,
    stakeholder_ids: Iterable[str],
    *,
    date: dt.date,
    url: str = "",
    note: str = "",
    tags: Iterable[str] = (),
    save: bool = True,
) -> ShareLogged:
    """Record a piece of information shared with one or more stakeholders.

    It counts towards the "information shared" goal and review numbers
    (:func:`journal.goals.count_range` counts shares)."""
    title = title.strip()
    if not title:
        raise InputError('Name what you shared, e.g. "Regional outlook 2027".')
    ids = list(dict.fromkeys(stakeholder_ids))
    if not ids:
        raise InputError("Share with at least one stakeholder.", hint="share-with")
    people = [journal.stakeholder(sid) for sid in ids]
    clean_tags = sorted({t.strip().lower() for t in tags if t.strip()})
    record = journal.add(
        Share(
            date=date.isoformat(),
            title=title,
            url=url.strip(),
            note=note.strip(),
            stakeholders=ids,
            tags=clean_tags,
        ),
        save=save,
    )
    start, end = month_bounds(month_of(date))
    month_total = 0
    per: dict[str, int] = {}
    for share in journal.records(TABLE_SHARES):
        if start <= (share.get("date") or "") <= end:
            month_total += 1
            for sid in share.get("stakeholders") or ():
                if sid in ids:
                    per[sid] = per.get(sid, 0) + 1
    return ShareLogged(record, [p.name for p in people], month_total, per)
