"""The reflection prompt library.

Prompts are grouped by development level (``1-2``, ``3-4``, ``5``), by the
moment they are asked at (after an interaction, daily, weekly, at the monthly
review, or about one stakeholder) and by the development activity they serve.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from .errors import InputError

LEVELS = ("1-2", "3-4", "5")
MOMENTS = ("interaction", "daily", "weekly", "monthly", "stakeholder")

#: Development activities, each with the level it belongs to.
ACTIVITIES: dict[str, str] = {
    "learn from a role model": "1-2",
    "informal contacts": "1-2",
    "peer feedback": "1-2",
    "learn their needs": "1-2",
    "contact log review": "1-2",
    "inventory and schedule": "1-2",
    "their point of view": "1-2",
    "new partnerships": "1-2",
    "stay visible": "3-4",
    "broader perspective": "3-4",
    "know the person": "3-4",
    "ongoing resource": "3-4",
    "stakeholder conference": "3-4",
    "talk about good practice": "3-4",
    "focus relationships": "3-4",
    "analyze their situation": "3-4",
    "strategic partnerships": "3-4",
    "be their voice": "5",
    "issues and assumptions": "5",
    "trusted advisor": "5",
    "partnership culture": "5",
}


@dataclass(frozen=True)
class Prompt:
    """One reflection question."""

    id: str
    text: str
    level: str  # "1-2", "3-4", "5"
    moment: str  # "interaction", "daily", "weekly", "monthly", "stakeholder"
    activity: str  # short label of the development activity it serves


def _p(id: str, level: str, moment: str, activity: str, text: str) -> Prompt:
    return Prompt(id=id, text=text, level=level, moment=moment, activity=activity)


PROMPTS: tuple[Prompt, ...] = (
    # Level 1-2, after an interaction.
    _p("after-reaction", "1-2", "interaction", "their point of view",
       "What did they actually say or do in response? Note their first reaction "
       "and anything that shifted as you talked."),
    _p("after-their-shoes", "1-2", "interaction", "their point of view",
       "Replay the conversation from their chair. What were they worried about, "
       "and what were they hoping to hear from you?"),
    _p("after-differently", "1-2", "interaction", "their point of view",
       "If you could redo the last ten minutes, what one thing would you change? "
       "Write it as an instruction to yourself."),
    _p("after-next-plan", "1-2", "interaction", "their point of view",
       "Draft the opening line of your next conversation with them, built on "
       "what you learned today."),
    _p("after-needs", "1-2", "interaction", "learn their needs",
       "Which of their needs did you see coming before they raised it, and "
       "which one caught you by surprise?"),
    _p("after-expectations", "1-2", "interaction", "learn their needs",
       "Did they leave with what they came for? If not, what is missing and "
       "who will close the gap?"),
    _p("after-new-person", "1-2", "interaction", "informal contacts",
       "You met someone new. Jot down their name, where they fit, and one "
       "detail that will help you remember them next time."),
    _p("after-informal", "1-2", "interaction", "informal contacts",
       "What came up in this relaxed setting that would never surface across "
       "a meeting table?"),
    _p("after-key-schedule", "1-2", "interaction", "inventory and schedule",
       "This person carries real weight. When should your next contact be, "
       "and is it already in your calendar?"),
    # Level 1-2, daily.
    _p("daily-well-informed", "1-2", "daily", "inventory and schedule",
       "Which conversation today left you better informed than you expected? "
       "Note who it was and when you will check in with them again."),
    _p("daily-new-face", "1-2", "daily", "informal contacts",
       "Did you introduce yourself to anyone new today? If not, where could "
       "you do it tomorrow?"),
    _p("daily-one-fact", "1-2", "daily", "informal contacts",
       "Write down one thing you picked up today about another team or "
       "organization, however small."),
    _p("daily-what-you-bring", "1-2", "daily", "informal contacts",
       "Pick one person you spoke with today. What do you offer them, and why "
       "is this relationship worth your time?"),
    # Level 1-2, weekly.
    _p("weekly-informal", "1-2", "weekly", "informal contacts",
       "How many of this week's contacts happened away from a desk or agenda? "
       "Plan one informal meeting for next week."),
    _p("weekly-peer-feedback", "1-2", "weekly", "peer feedback",
       "Pick a colleague who seems to know everyone. Walk them through one "
       "relationship you worked on this week and ask what they would have tried."),
    _p("weekly-role-model", "1-2", "weekly", "learn from a role model",
       "Think of a colleague who is good with stakeholders. What did you see "
       "them do this week that you could borrow?"),
    _p("weekly-reading-minds", "1-2", "weekly", "their point of view",
       "Swap stories with a colleague: how does each of you tell what a "
       "stakeholder means behind the polite words? Note one trick to try."),
    _p("weekly-ask-input", "1-2", "weekly", "inventory and schedule",
       "Whose opinion did you seek this week on an issue you both care about? "
       "Whose will you ask next week?"),
    # Level 1-2, monthly review.
    _p("monthly-log-review", "1-2", "monthly", "contact log review",
       "Look at this month's contacts: how many were formal, how many casual, "
       "and whom did you not reach at all? Where is the imbalance?"),
    _p("monthly-time-goal", "1-2", "monthly", "contact log review",
       "Was the time you spent understanding your stakeholders' wider remit "
       "enough this month? Set a number for next month."),
    _p("monthly-new-partners", "1-2", "monthly", "new partnerships",
       "Name three organizations you do not work with yet but could. Which one "
       "would give both sides the most?"),
    _p("monthly-events", "1-2", "monthly", "inventory and schedule",
       "When did you last go to a forum, dinner or seminar where your "
       "stakeholders gather? Pick one in the coming weeks."),
    _p("monthly-role-model-payoff", "1-2", "monthly", "learn from a role model",
       "Whose network do you quietly envy? Ask them over coffee how one of "
       "their most useful relationships got started."),
    # Level 1-2, about one stakeholder.
    _p("stakeholder-values", "1-2", "stakeholder", "contact log review",
       "What does this person care about most in their work? If you are "
       "guessing, how could you find out?"),
    _p("stakeholder-mandate-history", "1-2", "stakeholder", "learn their needs",
       "What was their organization asked to deliver in the past, and how "
       "does that compare with what it must deliver now?"),
    _p("stakeholder-cadence", "1-2", "stakeholder", "inventory and schedule",
       "How often should you be in touch with them, and how often are you, "
       "honestly?"),
    _p("stakeholder-rank", "1-2", "stakeholder", "new partnerships",
       "How involved are they with your organization today, and how involved "
       "could they be? Where do they rank among your contacts?"),
    # Level 3-4, after an interaction.
    _p("after-shared", "3-4", "interaction", "ongoing resource",
       "You passed something along. How did they take it, and does it give "
       "you a reason to check back in a week or two?"),
    _p("after-personal", "3-4", "interaction", "know the person",
       "What did you learn about them as a person today: family, hobbies, "
       "what fills their weekends?"),
    _p("after-broader-perspective", "3-4", "interaction", "broader perspective",
       "Did you bring anything beyond your own file today: a comparison, a "
       "trend, a practice that worked elsewhere?"),
    _p("after-key-business-needs", "3-4", "interaction", "focus relationships",
       "Did you use what you already know about them to steer toward their "
       "business needs? What changed when you did?"),
    _p("after-dynamic", "3-4", "interaction", "focus relationships",
       "Compared with earlier meetings, was the tone warmer, cooler or more "
       "open? What do you think caused the change?"),
    # Level 3-4, daily.
    _p("daily-pass-it-on", "3-4", "daily", "ongoing resource",
       "Did you come across anything today worth forwarding? Pick the one "
       "stakeholder it helps most and add a line on why it made you think of them."),
    _p("daily-visible", "3-4", "daily", "stay visible",
       "Who have you not heard from since your last piece of work together "
       "ended? A short message today keeps the door open."),
    _p("daily-benchmark", "3-4", "daily", "broader perspective",
       "What did you learn today about how others handle a problem one of "
       "your stakeholders is wrestling with?"),
    # Level 3-4, weekly.
    _p("weekly-personal", "3-4", "weekly", "know the person",
       "Did you talk with your chosen person this week about something other "
       "than work? When is the next chance?"),
    _p("weekly-responses", "3-4", "weekly", "ongoing resource",
       "Of the things you sent people lately, which got a reply and which "
       "went quiet? What does that tell you about each person?"),
    _p("weekly-focus", "3-4", "weekly", "focus relationships",
       "Go through your focus relationships. Which one got the least of your "
       "attention this week, and what will you do about it?"),
    _p("weekly-good-practice", "3-4", "weekly", "talk about good practice",
       "Tell a colleague about someone you watched build trust well this "
       "week. What exactly did they do or say?"),
    _p("weekly-reach", "3-4", "weekly", "strategic partnerships",
       "Count the people who matter most to your work. How many did you "
       "actually reach this week, and what got in the way with the rest?"),
    # Level 3-4, monthly review.
    _p("monthly-focus-set", "3-4", "monthly", "focus relationships",
       "Choose or confirm the three to five relationships you will invest in "
       "this month. Why these and not others?"),
    _p("monthly-conference", "3-4", "monthly", "stakeholder conference",
       "Which concern keeps coming up across your stakeholders? Could a "
       "session you host bring them together around it?"),
    _p("monthly-strategic-list", "3-4", "monthly", "strategic partnerships",
       "Sit down with your team and sort the organizations you deal with into "
       "must-keep, worth-growing and occasional. Which gaps need an owner?"),
    _p("monthly-motivation", "3-4", "monthly", "talk about good practice",
       "Think of a colleague who builds relationships easily. What is in it "
       "for them, and what gets them to make the first move?"),
    _p("monthly-caught-off-guard", "3-4", "monthly", "talk about good practice",
       "Recall a time a stakeholder's need took you or your team by surprise. "
       "What signal could have warned you earlier?"),
    # Level 3-4, about one stakeholder.
    _p("stakeholder-situation", "3-4", "stakeholder", "analyze their situation",
       "Describe their situation today and the one they are aiming for. What "
       "stands between the two?"),
    _p("stakeholder-options", "3-4", "stakeholder", "analyze their situation",
       "List two or three paths open to them. For each: what would it cost, "
       "how long would it take, and what could go wrong?"),
    _p("stakeholder-personal", "3-4", "stakeholder", "know the person",
       "What do you know about their life outside work? What would you like "
       "to know, and how might it come up naturally?"),
    _p("stakeholder-org", "3-4", "stakeholder", "focus relationships",
       "How well do you know their organization: who decides, what pressures "
       "they face, what they are proud of?"),
    _p("stakeholder-resource", "3-4", "stakeholder", "ongoing resource",
       "Which topic could you keep them supplied with, so that you become one "
       "of their first calls on it?"),
    # Level 5, after an interaction.
    _p("after-key-voice", "5", "interaction", "be their voice",
       "Did they raise anything you should carry into your own organization? "
       "To whom will you take it, and by when?"),
    _p("after-future-worries", "5", "interaction", "issues and assumptions",
       "Did you hear what worries them about the years ahead? Note it in "
       "their own words while it is fresh."),
    _p("after-sounding-board", "5", "interaction", "trusted advisor",
       "Were you a sounding board today? What did you offer from your own "
       "experience, and what did they make of it?"),
    # Level 5, daily.
    _p("daily-unblock", "5", "daily", "be their voice",
       "Is one of your stakeholders waiting on something inside your "
       "organization? What can you move forward today?"),
    _p("daily-what-it-means", "5", "daily", "be their voice",
       "Did something change today that affects a stakeholder? Explain in two "
       "sentences what it means for them, then tell them."),
    # Level 5, weekly.
    _p("weekly-themes", "5", "weekly", "issues and assumptions",
       "What did you hear from more than one stakeholder this week? Turn it "
       "into three bullet points your team should know."),
    _p("weekly-coaching", "5", "weekly", "trusted advisor",
       "Whom did you help think through a decision this week? What follow-up "
       "would keep that support going?"),
    _p("weekly-recognize", "5", "weekly", "partnership culture",
       "Who on your team strengthened a partnership this week? How will you "
       "show them you noticed?"),
    # Level 5, monthly review.
    _p("monthly-partnership-review", "5", "monthly", "partnership culture",
       "Walk through your team's main partnerships together. Which are "
       "growing, which are stalling, and why?"),
    _p("monthly-rewarded", "5", "monthly", "partnership culture",
       "When someone on your team builds a strong partnership, what happens "
       "next: praise, promotion, nothing? What would you change?"),
    _p("monthly-least-understood", "5", "monthly", "be their voice",
       "Among your key stakeholders, whose needs do you grasp least? What is "
       "your next step with them?"),
    _p("monthly-test-ideas", "5", "monthly", "issues and assumptions",
       "Which idea about a stakeholder's challenges is ready to test with "
       "them? Book the conversation."),
    # Level 5, about one stakeholder.
    _p("stakeholder-assumptions", "5", "stakeholder", "issues and assumptions",
       "What do they expect to be true three years from now? Which of those "
       "expectations would you question?"),
    _p("stakeholder-strategic-plan", "5", "stakeholder", "issues and assumptions",
       "Have they walked you through their plans for the coming years? If "
       "not, what would make them comfortable doing it?"),
    _p("stakeholder-advisor", "5", "stakeholder", "trusted advisor",
       "Which decision ahead of them could your experience help with? How "
       "could you offer it without pushing?"),
    _p("stakeholder-voice", "5", "stakeholder", "be their voice",
       "If you had to speak for them in a meeting tomorrow, what would you "
       "name as their top three concerns?"),
)  # fmt: skip

_BY_ID = {prompt.id: prompt for prompt in PROMPTS}

# Moments a daily prompt is drawn from: the interaction prompts need an entry
# and the monthly ones a review, so they would read oddly on a plain day.
_DAY_MOMENTS = ("daily", "weekly", "stakeholder")


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise InputError(f'"{level}" is not a level: use {", ".join(LEVELS)}.')


def get(prompt_id: str) -> Prompt:
    """The prompt with this id; InputError if there is none."""
    try:
        return _BY_ID[prompt_id]
    except KeyError:
        raise InputError(
            f'No prompt has the id "{prompt_id}"; prompt ids look like after-reaction.'
        ) from None


def prompts_for(moment: str, level: str | None = None) -> list[Prompt]:
    """The prompts of a moment, optionally of one level, in library order."""
    if moment not in MOMENTS:
        raise InputError(f'"{moment}" is not a moment: use {", ".join(MOMENTS)}.')
    _check_level(level)
    return [p for p in PROMPTS if p.moment == moment and (level is None or p.level == level)]


def _day_pool(level: str | None) -> list[Prompt]:
    pool = [p for p in PROMPTS if p.moment in _DAY_MOMENTS and (level is None or p.level == level)]
    # A stable shuffle (hash of the id, not Python's per-process hash) so that
    # consecutive days mix moments and activities instead of walking the
    # library in order.
    return sorted(pool, key=lambda p: hashlib.blake2s(p.id.encode()).digest())


def prompt_of_the_day(today: dt.date, level: str | None = None) -> Prompt:
    """Today's prompt: the same all day on every machine, a different one the
    next day, cycling through every daily, weekly and stakeholder prompt (of
    ``level`` when given) before repeating."""
    _check_level(level)
    pool = _day_pool(level)
    return pool[today.toordinal() % len(pool)]


# What an entry can show, and the prompts that follow it up, one per level
# where the library has one; in order of priority.
_CONTEXT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("their_view", ("after-their-shoes",)),
    ("new_person", ("after-new-person",)),
    ("key", ("after-key-schedule", "after-key-business-needs", "after-key-voice")),
    ("shared", ("after-shared",)),
    ("reaction", ("after-reaction",)),
    ("differently", ("after-differently",)),
    ("personal", ("after-personal",)),
    ("informal", ("after-informal",)),
    ("formal", ("after-needs", "after-broader-perspective", "after-future-worries")),
)
_FALLBACK = ("after-expectations", "after-next-plan", "after-dynamic", "after-sounding-board")


def _signals(interaction: dict[str, Any], stakeholder: dict[str, Any] | None) -> set[str]:
    def empty(name: str) -> bool:
        return not (interaction.get(name) or "").strip()

    formal = interaction.get("formal", True)
    business = interaction.get("business", True)
    found = {name for name in ("reaction", "their_view", "differently") if empty(name)}
    if interaction.get("new_person"):
        found.add("new_person")
    if not empty("shared"):
        found.add("shared")
    if stakeholder and stakeholder.get("key"):
        found.add("key")
    if business is False:
        found.add("personal")
    if not formal:
        found.add("informal")
    if formal and business is not False:
        found.add("formal")
    return found


def _pick(ids: tuple[str, ...], level: str | None) -> Prompt:
    for prompt_id in ids:
        if _BY_ID[prompt_id].level == level:
            return _BY_ID[prompt_id]
    return _BY_ID[ids[0]]


def after_interaction(
    interaction: dict[str, Any],
    stakeholder: dict[str, Any] | None = None,
    level: str | None = None,
) -> list[Prompt]:
    """Two or three prompts to follow up a logged interaction (a raw dict).

    Chosen from what the entry shows: reflections left empty (reaction, their
    point of view, what to do differently), a new person met, information
    shared, a key influencer, a personal or informal conversation. ``level``
    picks that level's variant where there is one.
    """
    _check_level(level)
    signals = _signals(interaction, stakeholder)
    chosen: list[Prompt] = []
    for signal, ids in _CONTEXT:
        if signal in signals:
            chosen.append(_pick(ids, level))
        if len(chosen) == 3:
            return chosen
    # Too few signals: pad with general follow-ups, the level's own first.
    fallbacks = sorted(_FALLBACK, key=lambda pid: _BY_ID[pid].level != level)
    for prompt_id in fallbacks:
        if len(chosen) >= 2:
            break
        if _BY_ID[prompt_id] not in chosen:
            chosen.append(_BY_ID[prompt_id])
    return chosen
