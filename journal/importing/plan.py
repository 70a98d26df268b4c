"""What an import will do, worked out before anything is written, and then
done in one change.

Each contact read from the file is matched against the journal (and against
the contacts before it in the same file) by :class:`journal.duplicates.Index`:

- the same e-mail, or the same name and organization: the stakeholder it
  matches gets its empty fields filled; a filled field is never overwritten,
  and a different value in the file is listed as a conflict;
- a close name at the same organization: added as a new stakeholder and
  listed as a *possible* duplicate (``sj merge-people`` folds it in);
- anything else: added.

So importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..changes import note_profile_changes
from ..dates import parse_cadence
from ..duplicates import SIMILAR, Index
from ..important_dates import has_label
from ..records import TABLE_STAKEHOLDERS, Stakeholder, new_id
from ..rules import described, identity_key, normal_tags, united_contacts
from .contact import Contact, Parsed

Raw = dict[str, Any]

#: Text fields filled from a contact when empty.
_TEXT_FIELDS = ("organization", "role", "notes", "met_how")


@dataclass(frozen=True)
class Options:
    """What the user asked for besides the file."""

    #: Tags put on every imported stakeholder (new or matched).
    tags: tuple[str, ...] = ()
    #: A cadence for the new ones and the matched ones without one.
    every: str | None = None


@dataclass
class Plan:
    """The import, before (``--dry-run``) or after it is done."""

    format: str
    source: str
    new: list[Raw] = field(default_factory=list)
    #: Stakeholder id → the fields an import fills.
    updates: dict[str, Raw] = field(default_factory=dict)
    #: Names of the stakeholders updated, by id.
    updated_names: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    #: Contacts met twice in the same file (folded into the first).
    repeated: int = 0
    #: (the contact added, the stakeholder it resembles).
    possible: list[tuple[Raw, Raw]] = field(default_factory=list)
    #: (stakeholder, field, value kept, value in the file).
    conflicts: list[tuple[Raw, str, str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"add {len(self.new)}", f"update {len(self.updates)}"]
        parts += [f"unchanged {self.unchanged}"] if self.unchanged else []
        parts.append(f"possible duplicates {len(self.possible)}")
        if self.skipped:
            reasons: dict[str, int] = {}
            for _where, why in self.skipped:
                reasons[why] = reasons.get(why, 0) + 1
            why = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
            parts.append(f"skipped {len(self.skipped)} ({why})")
        else:
            parts.append("skipped 0")
        return ", ".join(parts)

    def to_json(self, *, written: bool = True) -> dict[str, Any]:
        """The plan for scripts; ``written`` False (a dry run) leaves out the
        ids of the people it would add: the real import draws new ones."""

        def added(record: Raw) -> Raw:
            brief = _brief(record)
            if not written:
                brief.pop("id")
            return brief

        return {
            "format": self.format,
            "added": [added(r) for r in self.new],
            "updated": [
                {"id": rid, "name": self.updated_names[rid], "fields": sorted(changes)}
                for rid, changes in self.updates.items()
            ],
            "unchanged": self.unchanged,
            "repeated_in_file": self.repeated,
            "possible_duplicates": [
                {"added": added(new), "resembles": _brief(old)} for new, old in self.possible
            ],
            "conflicts": [
                {"id": r["id"], "name": r.get("name", ""), "field": f, "kept": kept, "file": file}
                for r, f, kept, file in self.conflicts
            ],
            "skipped": [{"where": where, "reason": why} for where, why in self.skipped],
        }

    def lines(self) -> list[str]:
        """The details worth reading before saying yes."""
        out = []
        for new, old in self.possible:
            org = f" ({new['organization']})" if new.get("organization") else ""
            out.append(f"possible duplicate: {new['name']}{org} resembles {described(old, 8)}")
        for record, name, kept, offered in self.conflicts:
            out.append(f"kept {record.get('name', '')}'s {name} {kept!r}; the file has {offered!r}")
        out += [f"skipped {where}: {why}" for where, why in self.skipped]
        return out


def _brief(record: Raw) -> Raw:
    return {k: record.get(k, "") for k in ("id", "name", "organization", "email")}


def plan_import(journal: Any, parsed: Parsed, options: Options) -> Plan:
    """What importing ``parsed`` would do; writes nothing."""
    today = journal.today()
    cadence = parse_cadence(options.every) if options.every else None
    extra_tags = normal_tags(options.tags)
    plan = Plan(parsed.format, f"{parsed.format}, {today.isoformat()}", skipped=parsed.skipped)
    index = Index(journal.records(TABLE_STAKEHOLDERS))
    planned: dict[str, Raw] = {}  # new records by id
    views: dict[str, Raw] = {}  # matched records as they will be
    for contact in parsed.contacts:
        key = identity_key(contact.name, contact.organization)
        match = index.match(key, contact.emails)
        if match is None or match[0] == SIMILAR:
            record = _new_record(contact, plan.source, extra_tags, cadence)
            planned[record["id"]] = record
            plan.new.append(record)
            index.add(record, key)
            if match is not None:
                plan.possible.append((record, match[1]))
            continue
        target = match[1]
        rid = target["id"]
        if rid in planned:
            plan.repeated += 1
            planned[rid].update(_fills(planned[rid], contact, extra_tags, cadence, plan.conflicts))
            continue
        view = views.setdefault(rid, dict(target))
        fills = _fills(view, contact, extra_tags, cadence, plan.conflicts)
        if fills:
            view.update(fills)
            plan.updates.setdefault(rid, {}).update(fills)
            plan.updated_names[rid] = target.get("name", "")
        elif rid not in plan.updates:
            plan.unchanged += 1
    return plan


def apply_plan(journal: Any, plan: Plan) -> None:
    """Write the plan (inside the caller's ``journal.change()``)."""
    today = journal.today()
    journal.add_all(TABLE_STAKEHOLDERS, map(Stakeholder.new_raw, plan.new))
    for rid, changes in plan.updates.items():
        current = journal.get(TABLE_STAKEHOLDERS, rid) or {}
        journal.update(TABLE_STAKEHOLDERS, rid, note_profile_changes(current, changes, today))


def _new_record(contact: Contact, source: str, tags: list[str], cadence: int | None) -> Raw:
    return {
        "id": new_id(),
        "name": contact.name,
        "organization": contact.organization,
        "role": contact.role,
        "email": ", ".join(contact.emails),
        "phone": ", ".join(contact.phones),
        "notes": contact.notes,
        "met_how": contact.met_how,
        # A contact's own tags are in stored form already.
        "tags": normal_tags([*contact.tags, *tags]) if tags else list(contact.tags),
        "dates": list(contact.dates),
        "cadence_days": cadence,
        "source": source,
    }


def _fills(
    view: Raw,
    contact: Contact,
    tags: list[str],
    cadence: int | None,
    conflicts: list[tuple[Raw, str, str, str]],
) -> Raw:
    """The empty fields of ``view`` that ``contact`` fills; a different value
    where ``view`` has one is added to ``conflicts``."""
    fills: Raw = {}

    def offer(name: str, value: str, same: bool) -> None:
        current = str(view.get(name) or "")
        if not value or same:
            return
        if not current:
            fills[name] = value
        else:
            conflicts.append((view, name, current, value))

    kept_name = str(view.get("name") or "")
    if identity_key(contact.name)[0] != identity_key(kept_name)[0]:
        # Matched by e-mail under another name: the name stays, and is listed.
        conflicts.append((view, "name", kept_name, contact.name))
    for name in _TEXT_FIELDS:
        value = getattr(contact, name)
        current = str(view.get(name) or "")
        offer(name, value, identity_key(current)[0] == identity_key(value)[0] or value in current)
    # Every e-mail and phone number comes in (added, never replacing one).
    for name, values in (("email", contact.emails), ("phone", contact.phones)):
        current = str(view.get(name) or "")
        united = united_contacts(name, current, values)
        if united != current:
            fills[name] = united
    united = normal_tags([*(view.get("tags") or ()), *contact.tags, *tags])
    if united != normal_tags(view.get("tags") or ()):  # tags a user typed may be unsorted
        fills["tags"] = united
    dates = list(view.get("dates") or ())
    added = [d for d in contact.dates if not has_label(dates, d["label"])]
    if added:
        fills["dates"] = [*dates, *added]
    for item in contact.dates:
        label = item["label"].casefold()
        mine = next((d for d in dates if str(d.get("label", "")).casefold() == label), None)
        if mine is not None and str(mine.get("date"))[-5:] != item["date"][-5:]:
            conflicts.append((view, item["label"], str(mine.get("date")), item["date"]))
    if cadence is not None and view.get("cadence_days") is None:
        fills["cadence_days"] = cadence
    return fills
