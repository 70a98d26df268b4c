"""Pilot tests of the coaching screens: reach out today, the brief and the
question after a contact, promises, the map, the contact-log review, the
monthly review, sharing, and profile changes from the edit form."""

from __future__ import annotations

from journal import promises as ledger
from journal.paths import LocalDirs
from journal.records import (
    TABLE_INTERACTIONS,
    TABLE_PROMISES,
    TABLE_STAKEHOLDERS,
    Interaction,
    Stakeholder,
)
from tui.app.config import Settings
from tui.app.screens.brief import AppliedQuestion, BriefScreen
from tui.app.screens.contact_review import ContactReviewScreen, PersonList
from tui.app.screens.map import MapScreen, RankList
from tui.app.screens.promises import PromiseForm, PromiseList, PromisesScreen
from tui.app.screens.small_forms import QuickLogForm
from tui.app.widgets.heatmap import Heatmap
from tui.app.widgets.map_grid import MapGrid
from tui.app.widgets.reach_out import ReachOutList

from .conftest import TODAY, make_app, open_journal, settle, type_text


def on_disk(root, table: str) -> list[dict]:
    return list(open_journal(root, device_root="reader").records(table))


def _two_people(root) -> tuple[str, str]:
    """Ana (overdue, with last time's "do differently") and Ben."""
    journal = open_journal(root)
    ana = journal.add(Stakeholder(name="Ana Ruiz", cadence_days=7, key=True))
    ben = journal.add(Stakeholder(name="Ben Ode", cadence_days=30, influence=2, interest=2))
    journal.add(
        Interaction(
            date="2026-11-01",
            stakeholders=[ana.id],
            summary="Budget talk",
            differently="Listen more, pitch less",
        )
    )
    journal.add(Interaction(date="2026-11-20", stakeholders=[ben.id], summary="Coffee"))
    return ana.id, ben.id


async def test_reach_out_mode_ranks_in_a_worker_and_logs_from_it(tmp_path):
    ana, _ben = _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.stakeholders
        await pilot.press("t")
        await settle(pilot)
        rows = app.screen.query_one(ReachOutList)
        assert rows.display and not pane.list.display
        assert [s.name for s in rows.items] == ["Ana Ruiz"]
        assert "past cadence" in rows.items[0].reason_texts[0]
        assert "Why:" in str(app.screen.query_one("#reach-out-why").render())
        assert pane.selected.id == ana
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, QuickLogForm)
        await type_text(pilot, "Quick call")
        await pilot.press("enter")
        await settle(pilot)
        # Last time's "do differently" is asked about; the answer is recorded.
        assert isinstance(app.screen, AppliedQuestion)
        await pilot.press("y", "n")  # typed on as the question appears: no answer
        await pilot.pause()
        assert isinstance(app.screen, AppliedQuestion)
        await pilot.press("left", "left", "enter")  # from Skip to "Yes, I did"
        await settle(pilot)
        assert not rows.items, "Ana is in touch now: nobody left to reach out to"
        await pilot.press("t")
        assert pane.list.display and not rows.display
    [logged] = [e for e in on_disk(tmp_path, TABLE_INTERACTIONS) if e["summary"] == "Quick call"]
    assert logged["applied_differently"] is True


async def test_the_applied_question_can_be_skipped(tmp_path):
    _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await type_text(pilot, "Hallway chat")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AppliedQuestion)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AppliedQuestion)
    [logged] = [e for e in on_disk(tmp_path, TABLE_INTERACTIONS) if e["summary"] == "Hallway chat"]
    assert logged.get("applied_differently") is None


async def test_keys_typed_on_as_the_applied_question_appears_record_nothing(tmp_path):
    _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await type_text(pilot, "Hallway chat")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AppliedQuestion)
        await type_text(pilot, "yes no")
        await pilot.pause()
        assert isinstance(app.screen, AppliedQuestion)
        await pilot.press("enter")  # on Skip
        await settle(pilot)
        assert not isinstance(app.screen, AppliedQuestion)
    [logged] = [e for e in on_disk(tmp_path, TABLE_INTERACTIONS) if e["summary"] == "Hallway chat"]
    assert logged.get("applied_differently") is None


async def test_brief_shows_last_time_and_leads_to_a_log(tmp_path):
    _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        body = str(app.screen.query_one("#brief-text").render())
        assert "Listen more, pitch less" in body and "Budget talk" in body
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, QuickLogForm)
        await pilot.press("escape")


async def test_add_a_promise_and_mark_it_done(tmp_path):
    ana, _ben = _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PromiseForm)
        await type_text(pilot, "Send the draft")
        await pilot.press("tab")
        await type_text(pilot, "friday")
        await pilot.press("enter")
        await settle(pilot)
        [item] = ledger.list_promises(app.journal)
        assert (item.stakeholder_id, item.text, item.theirs) == (ana, "Send the draft", False)
        assert item.due == "2026-12-04"
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PromisesScreen)
        assert len(app.screen.query_one(PromiseList).items) == 1
        await pilot.press("space")
        await settle(pilot)
        assert not app.screen.query_one(PromiseList).items
        await pilot.press("a")  # the kept ones too
        [shown] = app.screen.query_one(PromiseList).items
        assert shown.status == ledger.DONE
    [saved] = on_disk(tmp_path, TABLE_PROMISES)
    assert saved["done"] is True


async def test_map_moves_ranks_and_focuses(tmp_path):
    _ana, ben = _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        ranks = app.screen.query_one(RankList)
        ranks.cursor = next(i for i, r in enumerate(ranks.items) if r.id == ben)
        await pilot.pause()
        await pilot.press("shift+up", "shift+up", "shift+right")
        await settle(pilot)
        raw = app.journal.get(TABLE_STAKEHOLDERS, ben)
        assert (raw["influence"], raw["interest"]) == (4, 3)
        assert "Ben Ode" in str(app.screen.query_one(MapGrid).render())
        await pilot.press("left_square_bracket")  # joins the ranking
        await pilot.press("f")  # and the focus set
        await settle(pilot)
        assert ranks.items[0].id == ben and ranks.items[0].rank == 1
        assert app.journal.get(TABLE_STAKEHOLDERS, ben)["focus"] is True
        await pilot.press("escape")
        await pilot.pause()
        # The focus set is listed first in the stakeholder list.
        assert app.screen.stakeholders.list.items[0].id == ben
    [saved] = [s for s in on_disk(tmp_path, TABLE_STAKEHOLDERS) if s["id"] == ben]
    assert (saved["influence"], saved["interest"], saved["rank"]) == (4, 3, 1)


async def test_contact_review_counts_the_month_and_moves_between_months(tmp_path):
    _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactReviewScreen)
        assert screen.review.totals.contacts == 2
        assert screen.query_one(Heatmap).days["2026-11-01"] == 1
        assert len(screen.query_one(PersonList).items) == 2
        assert "2 contacts" in str(screen.query_one("#review-numbers").render())
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.review.start == "2026-10-01" and screen.review.totals.contacts == 0
        assert "No contact was logged" in str(screen.query_one("#review-balance").render())
        await pilot.press("y")
        await settle(pilot)
        assert screen.review.start == "2025-11-01" and screen.review.end == "2026-10-31"


async def test_contact_review_balance_claims_nothing_of_relationships_not_in_touch(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana Ruiz", key=True))
    ben = journal.add(Stakeholder(name="Ben Ode"))
    journal.add(Interaction(date="2026-11-20", stakeholders=[ben.id], summary="Coffee"))
    journal.add(
        Interaction(date="2026-10-02", stakeholders=[ana.id], summary="Lunch", formal=False)
    )
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        # November: a contact, but none with the one key influencer.
        balance = app.screen.query_one("#review-balance")
        assert app.screen.review.totals.contacts == 1
        assert str(balance.render()).strip() == ""
        await pilot.press("left_square_bracket")  # October: Ana, informally
        await settle(pilot)
        assert "The one key or focus relationship in touch had an informal contact too." in str(
            balance.render()
        )


async def test_contact_review_of_dates_the_user_picks(tmp_path):
    _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        # A range that ends before it starts is refused at the field.
        form.query_one("#from").value = "2026-11-15"
        form.query_one("#to").value = "2026-11-02"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "before" in str(form.query_one("#to-error").render())
        form.query_one("#to").value = "3d ago"  # 2026-11-25
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert (screen.review.start, screen.review.end) == ("2026-11-15", "2026-11-25")
        assert screen.review.totals.contacts == 1  # Ben's coffee; Ana's was on Nov 1
        assert "15 Nov 2026 – 25 Nov 2026" in str(screen.query_one("#review-title").render())
        # Moving by a month leaves the chosen dates for the month.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.review.start == "2026-10-01"


async def test_edit_form_records_a_role_change(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana", role="Analyst", cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#role").value = "Director"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = on_disk(tmp_path, TABLE_STAKEHOLDERS)
    assert saved["role"] == "Director"
    assert saved["profile_log"] == [
        {"field": "role", "date": TODAY.isoformat(), "before": "Analyst"}
    ]


async def test_monthly_review_saves_answers_and_carries_goals(tmp_path):
    from journal.records import TABLE_GOALS, TABLE_REFLECTIONS, Goal
    from tui.app.screens.monthly_review import MonthlyReviewScreen

    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana", cadence_days=14))
    journal.add(Goal(month="2026-10", metric="informal", target=3))
    journal.add(Goal(month="2026-10", text="Join a club"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 44)) as pilot:
        await pilot.press("M")
        for _ in range(100):  # the look back is counted in a thread first
            await pilot.pause(0.02)
            if isinstance(app.screen, MonthlyReviewScreen):
                break
        screen = app.screen
        assert isinstance(screen, MonthlyReviewScreen)
        assert "missed" in str(screen.query_one("#review-outcomes").render())
        screen.query_one("#answer-0").text = "Ana, because of the permits"
        informal = next(n for n, g in enumerate(screen.review.carry) if g.metric == "informal")
        manual = 1 - informal
        screen.query_one(f"#target-{informal}").value = "5"
        screen.query_one(f"#keep-{manual}").value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MonthlyReviewScreen)
    november = [g for g in on_disk(tmp_path, TABLE_GOALS) if g["month"] == "2026-11"]
    assert [(g["metric"], g["target"]) for g in november] == [("informal", 5)]
    [answer] = on_disk(tmp_path, TABLE_REFLECTIONS)
    assert answer["answer"] == "Ana, because of the permits" and answer["prompt"]


async def test_monthly_review_is_offered_once_a_month(tmp_path):
    from journal.records import Goal

    journal = open_journal(tmp_path)
    journal.add(Goal(month="2026-10", text="Join a club"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.settings.review_offered == "2026-11"
    settings = Settings.load(LocalDirs.under(tmp_path))
    assert settings.review_offered == "2026-11", "read back from the state folder"
    assert not settings.path.exists(), "the user's config file is never written"
    again = make_app(tmp_path, sample=None, settings=settings)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = [n.message for n in again._notifications]
    assert not any("new month" in n.lower() for n in notes), "offered once, not again"


async def test_share_logs_with_a_suggested_stakeholder(tmp_path):
    from journal.records import TABLE_SHARES
    from tui.app.screens.share import ShareForm

    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    ben = journal.add(Stakeholder(name="Ben", tags=["permits"], cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, ShareForm)
        await type_text(pilot, "New permit rules")
        await pilot.pause(0.5)
        options = app.screen.query_one("#share-suggestions")
        assert options.option_count == 1
        options.select(options.get_option_at_index(0))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ShareForm)
    [share] = on_disk(tmp_path, TABLE_SHARES)
    assert share["title"] == "New permit rules"
    assert share["stakeholders"] == [ana.id, ben.id]


async def test_contact_review_copies_the_month_report_that_sj_report_prints(
    tmp_path, monkeypatch, capsys
):
    from tui.cli.main import main

    _two_people(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "cli-state"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        copied = app.clipboard
    assert main(["--file", str(tmp_path / "j.json"), "report", "--month", "2026-11"]) == 0
    printed = capsys.readouterr().out
    assert copied == printed
    assert copied.startswith("# Stakeholder relationships: November 2026")
    assert "- Ana Ruiz: key influencer: 1 formal contact" in copied


async def test_contact_review_copies_a_report_only_of_a_month_and_stops_at_this_month(tmp_path):
    _two_people(tmp_path)
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        await pilot.press("right_square_bracket")  # December has not come
        await settle(pilot)
        assert screen.review.start == "2026-11-01"
        await pilot.press("y", "c")
        await settle(pilot)
        assert app.clipboard == ""  # twelve months: no report of one month to copy
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#from").value = "2026-11-15"
        app.screen.query_one("#to").value = "2026-11-25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.year is False  # chosen dates leave the twelve months
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert (screen.review.start, screen.review.end) == ("2026-10-01", "2026-10-31")
