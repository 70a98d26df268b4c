"""The contact-log review: a month, twelve, or any dates, in numbers, a
heatmap of contact days, a sparkline per stakeholder, and the balance signal.

The review of a year reads every entry of it, so it is computed in a thread
worker; the screen shows "counting…" until the numbers arrive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from journal import contact_review as reviews
from journal import goals as goal_rules
from journal import report as reports
from journal.journal import Journal
from journal.wording import count

from .. import keys
from ..text import clean
from ..widgets.footer import KeyFooter
from ..widgets.heatmap import Heatmap, sparkline
from ..widgets.line import Line
from ..widgets.reach_out import marks
from ..widgets.rowlist import RowList

#: Columns of the per-stakeholder table: header, width.
COLUMNS = (("all", 4), ("form", 5), ("inf", 4), ("pers", 5), ("new", 4), ("shr", 4))


@dataclass
class ReviewReady(Message):
    review: reviews.Review
    key: tuple[str, str]


def _label(start: str, end: str) -> str:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    if whole_months and (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if whole_months:
        return f"{first:%b %Y} – {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def _widths(width: int, weeks: int) -> tuple[int, int]:
    """Name and sparkline widths of a row ``width`` wide."""
    spark = min(weeks, max(0, width - 3 - 20 - 26 - 1))
    return max(8, min(34, width - 3 - 26 - spark - 1)), spark


class PersonList(RowList):
    """One stakeholder a line: marks, name, counts, weekly sparkline."""

    busiest_week = 1
    weeks = 0

    def render_item(self, row: reviews.StakeholderReview, width: int) -> Text:
        counts = row.counts
        values = (
            counts.contacts,
            counts.formal,
            counts.informal,
            counts.personal,
            counts.new_people,
            counts.shared,
        )
        name_width, spark_width = _widths(width, len(row.weekly))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(marks(row.key, row.focus) + " ", "yellow")
        name = clean(row.name)
        name = name if len(name) < name_width else name[: name_width - 2] + "…"
        text.append(name.ljust(name_width))
        for value, (_header, w) in zip(values, COLUMNS, strict=True):
            text.append(f"{value:>{w}}", "" if value else "dim")
        text.append(" ")
        weekly = row.weekly[-spark_width:] if spark_width else []
        text.append(sparkline(weekly, self.busiest_week), "green")
        return text


class PersonHeader(Line):
    """The column names, laid out like the rows below."""

    def render(self) -> Text:
        people = self.screen.query_one(PersonList)
        name_width, spark_width = _widths(people.scrollable_content_region.width, people.weeks)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"   {'Stakeholder':<{name_width}}")
        for header, w in COLUMNS:
            text.append(f"{header:>{w}}")
        text.append(" " + "weeks"[:spark_width])
        return text


class ContactReviewScreen(Screen[None]):
    """A month, the twelve months ending with it, or dates the user picks;
    [ and ] move by a month."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("review")

    def __init__(self, month: str) -> None:
        super().__init__()
        self.month = month
        self.year = False
        #: First and last day chosen with g, until the user moves by a month.
        self.dates: tuple[str, str] | None = None
        self.review: reviews.Review | None = None

    @property
    def journal(self) -> Journal:
        return self.app.journal  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Label(id="review-title")
        with Horizontal(id="review-top"):
            with Vertical(id="review-numbers-box"):
                yield Static(id="review-numbers")
                yield Static("Contacts per day", classes="review-caption")
                yield Sparkline([], summary_function=max, id="review-days")
            yield Heatmap(id="review-heatmap")
        yield Static(id="review-balance")
        yield PersonHeader(id="review-header")
        yield PersonList(id="review-people")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load()
        self.query_one(PersonList).focus()

    def _bounds(self) -> tuple[str, str]:
        if self.dates is not None:
            return self.dates
        start, end = goal_rules.month_bounds(self.month)
        if self.year:
            start = goal_rules.month_bounds(goal_rules.shift_month(self.month, -11))[0]
        return start, end

    def _load(self) -> None:
        start, end = self._bounds()
        title = Text(f"Contact log · {_label(start, end)}", style="bold")
        title.append("   counting…", "dim")
        self.query_one("#review-title", Label).update(title)
        self._count(self.journal, start, end)

    @work(thread=True, exclusive=True, group="contact-review", exit_on_error=False)
    def _count(self, journal: Journal, start: str, end: str) -> None:
        with journal.reading():
            review = reviews.review_range(journal, start, end)
        self.post_message(ReviewReady(review, (start, end)))

    @on(ReviewReady)
    def _counted(self, message: ReviewReady) -> None:
        if message.key != self._bounds():
            return  # an answer for a period the user has already left
        self.review = review = message.review
        title = Text(f"Contact log · {_label(review.start, review.end)}", style="bold")
        title.append("   [ ]: month · y: 12 months · g: dates", "dim")
        self.query_one("#review-title", Label).update(title)
        self.query_one("#review-numbers", Static).update(_numbers(review.totals))
        days = [review.heatmap[d] for d in sorted(review.heatmap)]
        spark = self.query_one("#review-days", Sparkline)
        spark.styles.width = max(1, min(len(days), 32))
        spark.data = days
        self.query_one(Heatmap).show(review.heatmap)
        self.query_one("#review-balance", Static).update(_balance(review))
        people = self.query_one(PersonList)
        people.busiest_week = max(
            (max(r.weekly, default=0) for r in review.stakeholders), default=1
        )
        people.weeks = len(review.week_starts)
        people.set_items(review.stakeholders, cursor=0)
        self.query_one(PersonHeader).refresh()

    def action_copy_report(self) -> None:
        """The month's Markdown report (``sj report``) on the clipboard, to
        paste into a mail to a supervisor. A report covers one month: from
        another period, it says how to come back to one."""
        if self.dates is not None or self.year:
            self.notify(
                "A report covers one month: y (or [ and ]) comes back to a month, "
                "then c copies its report.",
                severity="warning",
                timeout=6,
            )
            return
        with self.journal.reading():
            text = reports.monthly_report(self.journal, self.month)
        self.app.copy_to_clipboard(text)
        month = _label(*goal_rules.month_bounds(self.month))
        self.notify(f"The {month} report is on the clipboard (Markdown).", timeout=4)

    def action_month(self, delta: int) -> None:
        month = goal_rules.shift_month(self.month, delta)
        if month > goal_rules.month_of(self.journal.today()):
            self.notify("This month is the latest: nothing is logged after it.", timeout=3)
            return
        self.dates = None
        self.month = month
        self._load()

    def action_toggle_range(self) -> None:
        self.dates = None
        self.year = not self.year
        self._load()

    def action_choose_dates(self) -> None:
        from .small_forms import DateRangeForm

        start, end = self._bounds()

        def chosen(dates: tuple[str, str] | None) -> None:
            if dates is not None:
                self.dates, self.year = dates, False
                self._load()

        self.app.push_screen(DateRangeForm(self.journal.today(), start, end), chosen)


def _numbers(totals: Any) -> Text:
    text = Text()
    text.append(f"{totals.contacts}", "bold")
    text.append(" contacts\n")
    text.append(f"{totals.formal} formal · {totals.informal} informal\n")
    text.append(f"{totals.business} business · {totals.personal} personal\n")
    text.append(f"{count(totals.new_people, 'new person', 'new people')} · ")
    text.append(f"{count(totals.events, 'event')}\n")
    text.append(f"information shared {count(totals.shared, 'time')}\n")
    text.append(f"{goal_rules.format_minutes(totals.minutes)} with stakeholders", "dim")
    return text


def _balance(review: reviews.Review) -> Text:
    text = Text()
    if not review.totals.contacts:
        text.append("No contact was logged in this period.", "bold")
        return text
    if not review.balance:
        note = reviews.balance_note(review)
        if note:
            text.append("Balance: ", "bold")
            text.append(note, "green")
        return text
    text.append("Met only formally (key or focus): ", "bold yellow")
    parts = [f"{clean(flag.name)} ×{flag.formal}" for flag in review.balance[:6]]
    text.append(", ".join(parts))
    if len(review.balance) > 6:
        text.append(f" and {len(review.balance) - 6} more", "dim")
    text.append("\nAn informal word (a coffee, a call) shows you think of them.", "dim")
    return text
