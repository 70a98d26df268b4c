"""Main-screen actions of the coaching features: the brief, promises, the
focus set, the map, the contact-log review, the monthly review, sharing, and
the question after a contact about last time's "do differently"."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work

from journal import brief as briefs
from journal import monthly_review as monthly
from journal import promises as ledger
from journal import stakeholder_map
from journal.errors import JournalError
from journal.goals import month_of

from ..text import clean
from .brief import AppliedQuestion, BriefScreen
from .main_base import DIALOG, MainBase
from .promises import PromiseForm, PromisesScreen


class CoachActions(MainBase):
    """Part of the main screen."""

    # -- the brief, and after a contact

    @work(group=DIALOG)
    async def action_brief(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None:
            return
        try:
            brief = briefs.build_brief(self.journal, raw["id"])
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        screen = BriefScreen(brief, self.journal.today(), self.display_name(raw))
        choice = await self.app.push_screen_wait(screen)
        if choice in ("quick_log", "log_entry", "add_promise"):
            await self.run_action(choice)

    def check_differently(self, entry_id: str, name: str) -> None:
        """After a contact is logged: if last time's entry said what to do
        differently, ask (skippable) whether it was done."""
        note = briefs.differently_to_check(self.journal, entry_id)
        if note is not None:
            self._ask_applied(entry_id, name, note)

    def _ask_applied(self, entry_id: str, name: str, note: briefs.Note) -> None:
        # A callback, not a waiting worker: nothing waits on the answer.
        def answered(answer: bool | None) -> None:
            if answer is None:
                return
            if self.app.apply(
                lambda: briefs.record_applied(self.journal, entry_id, answer, save=False) or True
            ):
                self.notify(
                    "Noted: last time's plan applied." if answer else "Noted: not this time.",
                    timeout=3,
                )

        self.app.push_screen(AppliedQuestion(name, note, self.journal.today()), answered)

    # -- promises and the focus set

    @work(group=DIALOG)
    async def action_add_promise(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        form = PromiseForm(self.display_name(raw), self.journal.today())
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        item = self.app.apply(
            lambda: ledger.make_promise(
                self.journal,
                raw["id"],
                values["text"],
                values["due"],
                theirs=values["theirs"],
                save=False,
            )
        )
        if item is not None:
            who = clean(raw.get("name", ""))
            whose = f"{who} promised you" if item.theirs else f"You promised {who}"
            self.notify(f"{whose}: {clean(item.text)}", markup=False)

    def action_promises(self) -> None:
        self.app.push_screen(PromisesScreen(self.journal))

    def action_toggle_focus(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None:
            return
        name = clean(raw.get("name", ""))
        if raw.get("focus"):
            done = self.app.apply(
                lambda: stakeholder_map.remove_focus(self.journal, raw["id"], save=False)
            )
            if done is not None:
                self.notify(f"{name} left the focus set. {done.advice}".strip(), markup=False)
            return
        done = self.app.apply(
            lambda: stakeholder_map.add_focus(self.journal, raw["id"], save=False)
        )
        if done is not None:
            self.notify(
                f"{name} is in the focus set ({len(done.members)}). {done.advice}".strip(),
                markup=False,
            )

    # -- the other screens

    def action_stakeholder_map(self) -> None:
        from .map import MapScreen

        row = self.stakeholders.selected
        self.app.push_screen(MapScreen(row.id if row else None))

    def action_contact_review(self) -> None:
        from .contact_review import ContactReviewScreen

        self.app.push_screen(ContactReviewScreen(month_of(self.journal.today())))

    @work(group=DIALOG)
    async def action_monthly_review(self) -> None:
        from .monthly_review import MonthlyReviewScreen, save_monthly_review

        if not self.app.writable():
            return
        journal = self.journal

        def look_back() -> monthly.MonthlyReview:
            with journal.reading():
                return monthly.monthly_review(journal)

        # Last month's review reads all of its entries: off the UI thread.
        review = await asyncio.to_thread(look_back)
        result = await self.app.push_screen_wait(MonthlyReviewScreen(journal, review))
        if result is not None:
            added = self.app.apply(lambda: save_monthly_review(self.journal, result))
            if added is not None:
                self.notify(added, markup=False)

    def offer_monthly_review(self) -> None:
        """Once a month, when last month is done and this one has no goals:
        a note, not a dialog, remembered in the settings so it never nags."""
        from journal.monthly_review import monthly_review_pending

        app: Any = self.app
        month = month_of(self.journal.today())
        if app.settings.review_offered == month or self.journal.read_only_reason:
            return
        if not monthly_review_pending(self.journal, month):
            return
        app.settings.remember("review_offered", month)
        self.notify(
            "A new month: press M to look back at last month and set this month's goals.",
            title="Monthly review",
            timeout=12,
        )

    @work(group=DIALOG)
    async def action_share(self) -> None:
        from .share import ShareForm, save_share

        if not self.app.writable():
            return
        row = self.stakeholders.selected
        values = await self.app.push_screen_wait(ShareForm(self.journal, [row.id] if row else []))
        if values is None:
            return
        logged = self.app.apply(lambda: save_share(self.journal, values))
        if logged is not None:
            names = ", ".join(clean(n) for n in logged.names)
            self.notify(
                f"Shared with {names}: {logged.month_total} shared this month.", markup=False
            )
