"""Add or edit a stakeholder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Select

from journal.dates import format_cadence, parse_cadence
from journal.errors import InputError
from journal.records import KINDS, STAGES, TABLE_STAKEHOLDERS

from ..text import clean
from ..widgets.formality import Tick
from .form import FieldError, RecordForm

#: Free-text profile fields: field, label, placeholder.
PROFILE = (
    ("role", "Role", "their title or function"),
    ("email", "Email", ""),
    ("phone", "Phone", ""),
    ("met_how", "How we met", ""),
    ("values", "What they value", "what matters to them"),
    ("mandate", "Their mandate", "what they are responsible for"),
    ("mandate_direction", "Where it's going", "how their mandate is changing"),
    ("critical_issues", "Critical issues", "what keeps them busy"),
    ("assumptions", "Their outlook", "what they expect of the future"),
    ("personal", "Personal", "family, sports, interests"),
    ("notes", "Notes", ""),
)


def _score(text: str, what: str, low: int, high: int | None) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) < low or (high is not None and int(text) > high):
        upper = f" to {high}" if high is not None else " or more"
        raise InputError(f"{what} is a whole number from {low}{upper}, or empty.")
    return int(text)


class StakeholderForm(RecordForm):
    """Dismisses with the profile fields (all of them), or None."""

    TALL = True

    def __init__(self, original: dict[str, Any] | None = None) -> None:
        self.original = original or {}
        name = clean(self.original.get("name", ""))
        heading = (
            Text("Edit ", style="bold") + Text(name)
            if original
            else Text("New stakeholder", style="bold")
        )
        super().__init__(heading, original, TABLE_STAKEHOLDERS)

    def fields(self) -> Iterable[Widget]:
        raw = self.original
        yield from self.field("name", "Name *", raw.get("name", ""), placeholder="person or body")
        yield from self.field("organization", "Organization", raw.get("organization", ""))
        yield from self.field(
            "tags",
            "Tags",
            ", ".join(map(str, raw.get("tags") or [])),
            placeholder="comma-separated",
        )
        cadence = raw.get("cadence_days")
        yield from self.field(
            "cadence",
            "Keep in touch",
            format_cadence(cadence) if cadence else "",
            placeholder="2w, monthly, 45d... empty: no cadence",
            check=parse_cadence,
        )
        rank = raw.get("rank")
        yield from self.field(
            "rank",
            "Rank",
            "" if rank is None else str(rank),
            placeholder="1 = most strategic",
            check=lambda t: _score(t, "Rank", 1, None),
        )
        yield self.row(
            "",
            Tick("Key influencer ★", bool(raw.get("key")), id="key"),
        )
        yield self.row(
            "Kind",
            Select(
                [(k, k) for k in KINDS],
                value=raw.get("kind") or "person",
                id="kind",
                compact=True,
                allow_blank=False,
            ),
        )
        yield self.row(
            "Stage",
            Select(
                [(s, s) for s in STAGES],
                value=raw.get("stage") or "active",
                id="stage",
                compact=True,
                allow_blank=False,
            ),
        )
        for name, label in (("influence", "Influence 1-5"), ("interest", "Interest 1-5")):
            value = raw.get(name)
            yield from self.field(
                name,
                label,
                "" if value is None else str(value),
                check=lambda t, label=label: _score(t, label.split()[0], 1, 5),
            )
        yield self.section("Profile (all optional)")
        for name, label, placeholder in PROFILE:
            yield from self.field(name, label, raw.get(name, "") or "", placeholder=placeholder)

    def build(self) -> dict[str, Any]:
        name = self.text("name")
        if not name:
            raise FieldError("name", "A name is needed: the person's or the body's.")
        tags = [t.strip() for t in self.text("tags").split(",") if t.strip()]
        values: dict[str, Any] = {
            "name": name,
            "organization": self.text("organization"),
            "tags": list(dict.fromkeys(tags)),
            "cadence_days": parse_cadence(self.text("cadence")),
            "rank": _score(self.text("rank"), "Rank", 1, None),
            "key": self.checked("key"),
            "kind": self.choice("kind") or "person",
            "stage": self.choice("stage") or "active",
            "influence": _score(self.text("influence"), "Influence", 1, 5),
            "interest": _score(self.text("interest"), "Interest", 1, 5),
        }
        for field_name, _label, _placeholder in PROFILE:
            values[field_name] = self.text(field_name)
        return values
