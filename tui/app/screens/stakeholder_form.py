"""Add or edit a stakeholder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Select

from journal import rules
from journal.actions import StakeholderDraft
from journal.dates import format_cadence, parse_cadence
from journal.important_dates import format_dates
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


#: The profile fields that take paragraphs: multi-line text boxes.
LONG_PROFILE = frozenset(
    {
        "values",
        "mandate",
        "mandate_direction",
        "critical_issues",
        "assumptions",
        "personal",
        "notes",
    }
)


def draft_of(values: dict[str, Any]) -> StakeholderDraft:
    """The form's values (all of them, or the changed ones) as a draft for
    :mod:`journal.actions`, which validates them once for both faces."""
    given = dict(values)
    if "cadence_days" in given:
        given["every"] = given.pop("cadence_days") or "none"
    if "tags" in given:
        given["tags"] = tuple(given["tags"])
    for name in ("rank", "influence", "interest"):
        if name in given and given[name] is None:
            given[name] = ""  # emptied: no longer set
    return StakeholderDraft(**given)


class StakeholderForm(RecordForm):
    """Dismisses with the profile fields (all of them), or None."""

    TALL = True

    def __init__(self, original: dict[str, Any] | None = None, title: str = "") -> None:
        self.original = original or {}
        name = clean(title or self.original.get("name", ""))
        heading = (
            Text("Edit ", style="bold") + Text(name)
            if original
            else Text("New stakeholder", style="bold")
        )
        super().__init__(heading, original, TABLE_STAKEHOLDERS)

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        changed = super().changes(values)
        # Tags are a set: the same ones in another order or case are no change.
        if "tags" in changed and changed["tags"] == rules.normal_tags(
            self.original.get("tags") or ()
        ):
            del changed["tags"]
        # Dates are edited as one line: the same line is no change.
        if changed.get("dates") == format_dates(self.original.get("dates") or ()):
            del changed["dates"]
        return changed

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
            check=rules.rank,
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
                check=lambda t, label=label: rules.score(t, label.split()[0]),
            )
        yield self.section("Profile (all optional)")
        for name, label, placeholder in PROFILE:
            make = self.area if name in LONG_PROFILE else self.field
            yield from make(name, label, raw.get(name, "") or "", placeholder=placeholder)
        yield from self.field(
            "dates",
            "Dates",
            format_dates(raw.get("dates") or ()),
            placeholder="birthday: 04-15 yearly; term ends: 2027-06-30",
        )

    def build(self) -> dict[str, Any]:
        name = self.text("name")
        if not name:
            raise FieldError("name", "A name is needed: the person's or the body's.")
        values: dict[str, Any] = {
            "name": name,
            "organization": self.text("organization"),
            "tags": rules.split_tags(self.text("tags")),
            "cadence_days": parse_cadence(self.text("cadence")),
            "rank": rules.rank(self.text("rank")),
            "key": self.checked("key"),
            "kind": self.choice("kind") or "person",
            "stage": self.choice("stage") or "active",
            "influence": rules.score(self.text("influence"), "Influence"),
            "interest": rules.score(self.text("interest"), "Interest"),
        }
        for field_name, _label, _placeholder in PROFILE:
            values[field_name] = self.text(field_name)
        values["dates"] = self.text("dates")
        return values
