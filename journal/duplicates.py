"""Telling when two stakeholder records are likely the same person.

Three reasons, strongest first: the same e-mail address; the same name and
organization ignoring case, accents and spacing (:func:`rules.identity_key`);
close names at the same organization (``Jon Smith`` and ``John Smith``),
scored with rapidfuzz. Nothing here merges: the first two are sure enough
for an import to update the record it found, the third is only ever listed
as a *possible* duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from .rules import described, emails_of, identity_key, name_order

Raw = dict[str, Any]

SAME_EMAIL = "same e-mail"
SAME_NAME = "same name and organization"
SIMILAR = "similar names"

#: How alike two names at one organization must be (0-100) to be listed.
SIMILAR_SCORE = 88


def likeness(a: str, b: str, **_options: object) -> float:
    """How alike two folded names are, 0-100: as typed (``Sølvi Ødegård``
    and ``Sølvi Odegard``, whose sorted words differ) or with their words
    sorted (``Ruiz Ana`` and ``Ana Ruiz``)."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def most_alike(name: str, names: list[str]) -> int | None:
    """The position in ``names`` of the one most like ``name`` by
    :func:`likeness` (the first of equals), if one reaches
    :data:`SIMILAR_SCORE`. Each way of comparing runs over all the names at
    C speed: quicker than calling :func:`likeness` on each."""
    found = [
        best
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio)
        if (best := process.extractOne(name, names, scorer=scorer, score_cutoff=SIMILAR_SCORE))
    ]
    return max(found, key=lambda best: (best[1], -best[2]))[2] if found else None


def _email_keys(record: Raw) -> set[str]:
    return {e.casefold() for e in emails_of(record.get("email", ""))}


@dataclass(frozen=True)
class Pair:
    """Two live stakeholders that may be one."""

    first: Raw
    second: Raw
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "first": _summary(self.first),
            "second": _summary(self.second),
        }

    def describe(self) -> str:
        return f"{described(self.first, 8)} and {described(self.second, 8)}: {self.reason}"


def _summary(record: Raw) -> dict[str, Any]:
    return {k: record.get(k, "") for k in ("id", "name", "organization", "email")}


class Index:
    """The live stakeholders by e-mail, by identity and by organization, to
    find the one an incoming contact matches."""

    def __init__(self, records: Iterable[Raw] = ()) -> None:
        self.by_email: dict[str, Raw] = {}
        self.by_identity: dict[tuple[str, str], Raw] = {}
        self.by_org: dict[str, list[tuple[str, Raw]]] = {}
        for record in records:
            if not record.get("deleted"):
                self.add(record)

    def add(self, record: Raw, key: tuple[str, str] | None = None) -> None:
        """Index ``record``; ``key`` is its :func:`identity_key` if known."""
        for email in _email_keys(record):
            self.by_email.setdefault(email, record)
        if key is None:
            key = identity_key(record.get("name", ""), record.get("organization", ""))
        self.by_identity.setdefault(key, record)
        if key[1]:
            self.by_org.setdefault(key[1], []).append((key[0], record))

    def match(self, key: tuple[str, str], emails: Iterable[str]) -> tuple[str, Raw] | None:
        """The record a contact (its :func:`identity_key` and e-mails) is
        (``SAME_EMAIL``, ``SAME_NAME``), or resembles (``SIMILAR``), with
        the reason; None when it is new."""
        for email in emails:
            found = self.by_email.get(email.casefold())
            if found is not None:
                return SAME_EMAIL, found
        found = self.by_identity.get(key)
        if found is not None:
            return SAME_NAME, found
        colleagues = self.by_org.get(key[1]) if key[1] else None
        if colleagues:
            best = most_alike(key[0], [n for n, _r in colleagues])
            if best is not None:
                return SIMILAR, colleagues[best][1]
        return None


def find_pairs(records: Iterable[Raw]) -> list[Pair]:
    """Likely duplicate pairs among the live stakeholders, each pair once
    with its strongest reason, strongest reasons first, then by name."""
    live = [r for r in records if not r.get("deleted")]
    found: dict[tuple[str, str], Pair] = {}

    def note(a: Raw, b: Raw, reason: str) -> None:
        if a["id"] == b["id"]:
            return
        first, second = sorted((a, b), key=lambda r: (r.get("created_at", ""), r["id"]))
        found.setdefault((first["id"], second["id"]), Pair(first, second, reason))

    for reason, keys in (
        (SAME_EMAIL, lambda r: _email_keys(r)),
        (SAME_NAME, lambda r: {identity_key(r.get("name", ""), r.get("organization", ""))}),
    ):
        groups: dict[Any, list[Raw]] = {}
        for record in live:
            for key in keys(record):
                groups.setdefault(key, []).append(record)
        for group in groups.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    note(a, b, reason)
    by_org: dict[str, list[tuple[str, Raw]]] = {}
    for record in live:
        name, org = identity_key(record.get("name", ""), record.get("organization", ""))
        if org:
            by_org.setdefault(org, []).append((name, record))
    for people in by_org.values():
        if len(people) < 2:
            continue
        names = [n for n, _r in people]
        for i, name in enumerate(names[:-1]):
            for _match, _score, j in process.extract(
                name,
                names[i + 1 :],
                scorer=likeness,
                score_cutoff=SIMILAR_SCORE,
                limit=None,
            ):
                if names[i + 1 + j] != name:
                    note(people[i][1], people[i + 1 + j][1], SIMILAR)
    order = {SAME_EMAIL: 0, SAME_NAME: 1, SIMILAR: 2}
    return sorted(
        found.values(),
        key=lambda p: (order[p.reason], name_order(p.first.get("name", "")), p.first["id"]),
    )
