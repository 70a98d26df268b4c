"""The monthly report for a supervisor, in Markdown.

Sections: the month's numbers (the same counts as the goals and the review),
goals and outcomes, themes (the tags and critical issues of the
stakeholders met, counted per contact, plus the tags of what was shared),
stakeholders whose critical issues changed during the month (see
:mod:`journal.changes`), the balance signal and the open promises both ways.

What the user wrote to themselves stays out: reflection answers, "in their
shoes" and "do differently" notes appear only with ``include_reflections``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import changes, promises
from . import contact_review as reviews
from . import goals as goal_rules
from . import monthly_review as monthly
from .records import TABLE_REFLECTIONS, TABLE_SHARES, TABLE_STAKEHOLDERS
from .rules import name_order

TOP_THEMES = 5
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_ISSUE_SPLIT = re.compile(r"[;,\n]+")


def md(text: Any) -> str:
    """User text made safe inside Markdown: one line, markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@dataclass(frozen=True, slots=True)
class IssueChange:
    """A stakeholder whose critical issues changed during the month."""

    id: str
    name: str
    date: str
    before: str
    after: str


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, before rendering."""

    month: str
    prepared: str
    review: reviews.Review
    goals: list[monthly.GoalOutcome]
    tags: list[tuple[str, int]]
    issues: list[tuple[str, int]]
    issue_changes: list[IssueChange]
    my_promises: list[promises.PromiseItem]
    their_promises: list[promises.PromiseItem]
    include_reflections: bool = False
    #: (date, prompt, answer) of the month's reflections, when included.
    reflections: list[tuple[str, str, str]] = field(default_factory=list)
    #: (date, names, note) "do differently" notes, when included.
    lessons: list[tuple[str, str, str]] = field(default_factory=list)


def themes(
    entries: list[dict[str, Any]], people: dict[str, dict[str, Any]], shares: list[dict[str, Any]]
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The most frequent tags and critical issues over the period's contacts."""
    tags: Counter[str] = Counter()
    issues: Counter[str] = Counter()
    for entry in entries:
        for sid in entry.get("stakeholders") or ():
            raw = people.get(sid)
            if raw is None:
                continue
            tags.update(t.lower() for t in raw.get("tags") or () if t)
            for issue in _ISSUE_SPLIT.split(raw.get("critical_issues") or ""):
                if issue.strip():
                    issues[issue.strip().rstrip(".")] += 1
    for share in shares:
        tags.update(t.lower() for t in share.get("tags") or () if t)

    def top(counter: Counter[str]) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:TOP_THEMES]

    return top(tags), top(issues)


def report_data(journal: Any, month: str, *, include_reflections: bool = False) -> ReportData:
    """Gather the report of a ``YYYY-MM`` month."""
    start, end = goal_rules.month_bounds(month)
    today = journal.today()
    review = reviews.review_month(journal, month)
    entries = reviews.period_entries(journal, start, end)
    people = {r["id"]: r for r in journal.records(TABLE_STAKEHOLDERS)}
    shares = [s for s in journal.records(TABLE_SHARES) if start <= (s.get("date") or "") <= end]
    tags, issues = themes(entries, people, shares)
    issue_changes = [
        IssueChange(raw["id"], raw.get("name", ""), c.date, c.before, c.after or "")
        for raw, found in changes.changed_between(people.values(), "critical_issues", start, end)
        for c in found
    ]
    issue_changes.sort(key=lambda c: (c.date, name_order(c.name)))
    open_items = promises.list_promises(journal, today=today)
    reflections: list[tuple[str, str, str]] = []
    lessons: list[tuple[str, str, str]] = []
    if include_reflections:
        for r in journal.records(TABLE_REFLECTIONS):
            if start <= (r.get("date") or "") <= end and (r.get("answer") or "").strip():
                reflections.append((r["date"], r.get("prompt", ""), r.get("answer", "")))
        reflections.sort()
        for entry in reversed(entries):  # oldest first
            note = (entry.get("differently") or "").strip()
            if note:
                names = ", ".join(people.get(s, {}).get("name", "?") for s in entry["stakeholders"])
                lessons.append((entry.get("date", ""), names, note))
    return ReportData(
        month=month,
        prepared=today.isoformat(),
        review=review,
        goals=monthly.goal_outcomes(journal, month),
        tags=tags,
        issues=issues,
        issue_changes=issue_changes,
        my_promises=[p for p in open_items if not p.theirs],
        their_promises=[p for p in open_items if p.theirs],
        include_reflections=include_reflections,
        reflections=reflections,
        lessons=lessons,
    )


def _month_title(month: str) -> str:
    day = dt.date.fromisoformat(goal_rules.month_bounds(month)[0])
    return f"{day:%B} {day.year}"


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _promise_line(item: promises.PromiseItem) -> str:
    due = f", due {item.due}" if item.due else ""
    late = f" (**{item.days_late} days late**)" if item.status == promises.OVERDUE else ""
    return f"- {md(item.stakeholder_name)}: {md(item.text)}{due}{late}"


def render_markdown(data: ReportData) -> str:
    """The report as Markdown text (ends with a newline)."""
    t = data.review.totals
    contacted = sum(1 for s in data.review.stakeholders if s.counts.contacts)
    lines = [
        f"# Stakeholder relationships: {_month_title(data.month)}",
        "",
        f"Prepared on {data.prepared} from my stakeholder journal.",
        "",
        "## The month in numbers",
        "",
        "| Measure | Count |",
        "| --- | ---: |",
        f"| Contacts | {t.contacts} |",
        f"| Stakeholders contacted | {contacted} |",
        f"| Formal / informal | {t.formal} / {t.informal} |",
        f"| Business / personal conversations | {t.business} / {t.personal} |",
        f"| New people met | {t.new_people} |",
        f"| Events attended | {t.events} |",
        f"| Information shared | {t.shared} |",
        f"| Time with stakeholders | {_hours(t.minutes)} |",
        "",
        "## Goals and outcomes",
        "",
    ]
    if data.goals:
        for g in data.goals:
            mark = "x" if g.achieved else " "
            progress = "done" if g.metric is None and g.achieved else f"{g.value} of {g.target}"
            if g.metric is None and not g.achieved:
                progress = "not done"
            lines.append(f"- [{mark}] {md(g.text)}: {progress}")
    else:
        lines.append("No goals were set for this month.")
    lines += ["", "## Themes", ""]
    if data.tags or data.issues:
        if data.tags:
            lines.append("Topics: " + ", ".join(f"{md(k)} ({n})" for k, n in data.tags) + ".")
        if data.issues:
            lines.append("")
            lines.append("Issues most present in the month's conversations:")
            lines.append("")
            lines += [f"- {md(k)} ({n} contacts)" for k, n in data.issues]
    elif t.contacts:
        lines.append("No topics or issues were noted in this month's contacts.")
    else:
        lines.append("No contacts this month, so no themes.")
    lines += ["", "## Critical issues that changed", ""]
    if data.issue_changes:
        for c in data.issue_changes:
            before = md(c.before) or "(none noted)"
            lines.append(
                f"- **{md(c.name)}** ({c.date}): was {before}; now {md(c.after) or '(none)'}"
            )
    else:
        lines.append("No stakeholder's critical issues changed this month.")
    if data.review.balance:
        lines += ["", "## Key relationships met only formally", ""]
        lines += [f"- {md(b.name)}: {md(b.text)}" for b in data.review.balance]
    lines += ["", "## Open promises", ""]
    if data.my_promises or data.their_promises:
        if data.my_promises:
            lines += ["What I promised:", ""] + [_promise_line(p) for p in data.my_promises] + [""]
        if data.their_promises:
            lines += ["What they promised:", ""]
            lines += [_promise_line(p) for p in data.their_promises] + [""]
        lines.pop()
    else:
        lines.append("None open.")
    if data.include_reflections:
        lines += ["", "## Reflections", ""]
        if not data.reflections and not data.lessons:
            lines.append("No reflections written this month.")
        for date, prompt, answer in data.reflections:
            lines.append(
                f"- {date}, *{md(prompt)}*: {md(answer)}" if prompt else f"- {date}: {md(answer)}"
            )
        for date, names, note in data.lessons:
            lines.append(f"- {date}, to do differently with {md(names)}: {md(note)}")
    return "\n".join(lines) + "\n"


def monthly_report(journal: Any, month: str, *, include_reflections: bool = False) -> str:
    """The Markdown report of a ``YYYY-MM`` month."""
    return render_markdown(report_data(journal, month, include_reflections=include_reflections))
