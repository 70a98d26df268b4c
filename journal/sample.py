"""A deterministic, realistic generated journal for demos, screenshots and benchmarks.

The same arguments give byte-identical output: one seeded :class:`random.Random`
makes every choice and every date is relative to ``today``. Last contacts are
planned so that about a fifth of the cadenced stakeholders are overdue on
``today`` and some are due soon: a demo's first screen looks like real work.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import random
import tempfile
import uuid
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from . import __version__, errors, records, sparse
from . import sample_text as txt
from .records import FollowUp, Goal, Interaction, Promise, Reflection, Share, Stakeholder

_SYSTEM = ("id", "created_at", "updated_at", "device", "superseded")


class _Gen:
    """The random source, the clock and the helpers every table uses."""

    def __init__(self, seed: int, today: dt.date, device: str) -> None:
        self.rng = random.Random(f"sj-sample:{seed}")
        self.r = self.rng.random
        self.today, self.today_month = today.toordinal(), today.year * 12 + today.month - 1
        self.device = device
        self.day = functools.cache(lambda ordinal: dt.date.fromordinal(ordinal).isoformat())

    def pick(self, pool: Sequence[Any]) -> Any:
        return pool[int(self.r() * len(pool))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.r() * (high - low + 1))

    def maybe(self, p: float, pool: Sequence[str]) -> str:
        return pool[int(self.r() * len(pool))] if self.r() < p else ""

    def id(self) -> str:
        n = self.rng.getrandbits(128) & ~(0xF << 76 | 0x3 << 62)
        return f"{n | 4 << 76 | 0x2 << 62:032x}"  # UUID4 layout

    def stamp(self, ordinal: int, minute: int) -> str:
        """A fixed-width UTC stamp on that day at that minute (kept within the day)."""
        minute = min(max(minute, 0), 1439)
        us = int(self.r() * 60_000_000)
        return f"{self.day(ordinal)}T{minute // 60:02d}:{minute % 60:02d}:{us // 1_000_000:02d}.{us % 1_000_000:06d}Z"

    def system(self, ordinal: int, minute: int, edited: float = 0.0) -> dict[str, Any]:
        """The common fields of a record written that day (and sometimes edited later)."""
        created = updated = self.stamp(ordinal, minute)
        if edited and self.r() < edited:
            later = min(ordinal + self.between(0, 4), self.today)
            updated = max(created, self.stamp(later, self.between(480, 1320)))
        superseded = [] if updated == created else [f"{created}|{self.device}"]
        return dict(
            zip(_SYSTEM, (self.id(), created, updated, self.device, superseded), strict=True)
        )


def _who(g: _Gen, i: int, bodies: dict[int, tuple[str, ...]], names: set[str]) -> dict[str, Any]:
    """Name, organization, role, kind, tags and contact details of stakeholder ``i``."""
    if i in bodies:
        cat, name, tags, _ = bodies[i]
        kind = cat if cat in ("association", "group") else "organization"
        return {"name": name, "kind": kind, "tags": tags.split(","), "_cat": cat}
    name = f"{g.pick(txt.FIRST_NAMES)} {g.pick(txt.LAST_NAMES)}"
    while name in names:
        name = f"{g.pick(txt.FIRST_NAMES)} {g.pick('ABCDEFGHJKLMNPRSTW')}. {g.pick(txt.LAST_NAMES)}"
    names.add(name)
    cat, org, tags, domain = g.pick(txt.ORGANIZATIONS)
    user = name.lower().replace(". ", ".").replace(" ", ".").replace("'", "")
    return {
        "name": name,
        "organization": org,
        "role": g.pick(txt.ROLES[cat]),
        "tags": tags.split(","),
        "email": f"{user}@{domain}" if g.r() < 0.8 else "",
        "phone": f"+1 807 555 {g.between(0, 9999):04d}" if g.r() < 0.6 else "",
        "personal": g.maybe(0.5, txt.PERSONAL),
        "_cat": cat,
    }


def _stakeholders(g: _Gen, count: int, start: int) -> tuple[list[dict[str, Any]], list[int]]:
    """Stakeholder records in creation order, and each one's planned last contact day."""
    rng, today = g.rng, g.today
    pool = [o for o in txt.ORGANIZATIONS if o[0] != "gov"]
    spots = rng.sample(range(count), min(len(pool), round(count * 0.15)))
    bodies = dict(zip(spots, rng.sample(pool, len(spots)), strict=True))
    names: set[str] = set()
    people: list[dict[str, Any]] = []
    for i in range(count):
        p = _who(g, i, bodies, names)
        rank = rng.choices(txt.RANKS[0], cum_weights=txt.RANKS[1])[0]
        stage = rng.choices(txt.STAGES[0], cum_weights=txt.STAGES[1])[0]
        cadences = txt.CADENCES[rank] if stage != "dormant" else ((90, None), (2, 3))
        cadence = rng.choices(cadences[0], cum_weights=cadences[1])[0]
        if g.r() < 0.3 and (extra := g.pick(txt.TAGS)) not in p["tags"]:
            p["tags"].append(extra)
        filled = 0.85 if rank in (1, 2) else 0.45
        influence = min(5, max(1, round(rng.gauss(5.5 - (rank or 5) * 0.7, 0.9))))
        p.update(cadence_days=cadence, rank=rank, stage=stage, influence=influence)
        p.update((name, g.maybe(filled + more, pool)) for name, more, pool in txt.PROFILE)
        p.update(interest=g.pick((1, 2, 3, 3, 4, 4, 4, 5, 5)), notes=g.maybe(0.5, txt.NOTES))
        p["mandate"] = g.maybe(filled, txt.MANDATES[p.pop("_cat")])
        people.append(p)
    # About one in ten are key influencers: the most influential, ties broken at random.
    ranked = sorted(range(count), key=lambda i: (-people[i]["influence"], g.r()))
    for i in ranked[: max(1, round(count * 0.1))]:
        people[i]["key"] = True
    for i in rng.sample(range(count), min(count, g.between(3, 5))):
        people[i]["focus"] = True
    # Plan each last contact: about 23% overdue, 15% due within days, the rest fine.
    due = [i for i in range(count) if people[i]["cadence_days"]]
    rng.shuffle(due)
    n_over, n_soon = round(len(due) * 0.23), round(len(due) * 0.15)
    last = [today] * count
    for pos, i in enumerate(due):
        c = people[i]["cadence_days"]
        if pos < n_over:
            since = c + g.between(1, min(c, 40))
            if pos == 0:  # one was snoozed after it lapsed
                people[i]["snooze_until"] = g.day(today + g.between(3, 12))
        elif pos < n_over + n_soon:
            since = c - g.between(0, min(4, c - 1))
        else:
            since = g.between(0, max(0, c - 8))
        last[i] = max(start, today - since)
    made = []
    for i, p in enumerate(people):  # new ones lately, about half of the rest early on
        early = start + g.between(0, 45 if g.r() < 0.55 else today - start)
        day = today - g.between(10, 100) if p["stage"] in ("new", "prospect") else early
        made.append(max(start, min(day, last[i])))
    order = sorted(range(count), key=made.__getitem__)
    out = [Stakeholder(**g.system(made[i], g.between(450, 1080), 0.3), **people[i]) for i in order]
    return [s.to_raw() for s in out], [last[i] for i in order]


def _contacts(g: _Gen, people: list[dict[str, Any]], last: list[int], count: int, start: int):
    """``(day, [stakeholder indexes])`` for every interaction, in date order.

    Each contact picks a stakeholder by weight (cadence, rank, key influence, and
    how long they have been known), then a day between their creation and their
    planned last contact; those planned last contacts are all kept."""
    r, today = g.r, g.today
    made = [dt.date.fromisoformat(p["created_at"][:10]).toordinal() for p in people]
    cum, total = [], 0.0
    for i, p in enumerate(people):
        c = p["cadence_days"]
        weight = txt.RANK_WEIGHT[p["rank"]] / (c or 120) ** 0.6  # the shorter, the more often
        weight *= (1.3 if p["key"] else 1.0) * (0.3 if p["stage"] == "dormant" else 1.0)
        total += weight * (last[i] - made[i] + 1)
        cum.append(total)

    def draw_day() -> int:
        # Density rising linearly from 1 at ``start`` to 3 on ``today``, mostly workdays.
        while True:
            day = today - int((today - start) * (3 - (9 - 8 * r()) ** 0.5) / 2)
            if dt.date.fromordinal(day).weekday() < 5 or r() < 0.15:
                return day

    anchors = [i for i, p in enumerate(people) if p["cadence_days"]][:count]
    out = [(last[i], [i]) for i in anchors]
    for _ in range(count - len(anchors)):
        first = bisect_right(cum, r() * total)
        for _ in range(4):
            day = draw_day()
            if made[first] <= day <= last[first]:
                break
        else:
            day = g.between(made[first], last[first])
        who, more = [first], r()
        for _ in range(2 if more < 0.07 else 1 if more < 0.25 else 0):
            other = bisect_right(cum, r() * total)
            if made[other] <= day <= last[other] and other not in who:
                who.append(other)
        out.append((day, who))
    out.sort(key=lambda c: c[0])
    return out


def _interaction(g: _Gen, day: int, who: list[dict[str, Any]]) -> dict[str, Any]:
    r, pick, maybe, today, extra = g.r, g.pick, g.maybe, g.today, txt.ENTRY_FIELDS
    channel = records.CHANNELS[bisect_right(txt.CHANNEL_CUM, r() * 100)]
    business = r() > (0.12 if channel in ("call", "coffee", "lunch", "social", "event") else 0.0)
    formal = business and r() < txt.FORMAL.get(channel, 0.5)
    low, high = txt.HOURS.get(channel, (480, 1050))
    minute = (low + int(r() * (high - low))) // 15 * 15
    time = None if channel in ("email", "message") and r() < 0.6 else minute
    low, high = txt.SPENT[channel]
    spent = None if r() < 0.1 else max(5, (low + int(r() * (high - low))) // 5 * 5)
    if business:
        topic = pick(txt.TOPICS[pick(who[0]["tags"])])
        headline = pick(txt.OPENERS[channel]).format(t=topic)
    else:
        headline = pick(txt.PERSONAL_HEADLINES)
    summary = headline[0].upper() + headline[1:]
    lines = r()  # a third of the entries say more than a headline
    for _ in range(2 if lines < 0.1 else 1 if lines < 0.35 else 0):
        summary += "\n" + pick(txt.DETAILS)
    follow_ups = []
    if business and r() < 0.28:
        for _ in range(1 if r() < 0.75 else 2):
            due = None if r() < 0.15 else day + g.between(2, 21)
            item = FollowUp(id=g.id(), text=pick(txt.FOLLOW_UPS), due=due and g.day(due))
            until = due or day + 14
            # Like a real year of work: what fell due two months ago or more
            # was done (or dropped); a late one is days or weeks late.
            odds = 1.0 if until < today - 60 else 0.9 if until < today - 7 else 0.5
            item.done = r() < (odds if until < today else 0.1)
            follow_ups.append(vars(item))
    new_person = r() < 0.04
    logged = (minute if time is None else time) + (spent or 30) + g.between(5, 120)
    record = Interaction(
        **g.system(day, logged, 0.08),
        date=g.day(day),
        time=None if time is None else f"{time // 60:02d}:{time % 60:02d}",
        stakeholders=[p["id"] for p in who],
        formal=formal,
        business=business,
        channel=channel,
        summary=summary,
        **{name: maybe(p if business or not work else 0, pool) for name, p, work, pool in extra},
        follow_ups=follow_ups,
        new_person=new_person,
        new_person_name=f"{pick(txt.FIRST_NAMES)} {pick(txt.LAST_NAMES)}" if new_person else "",
        minutes=spent,
        applied_differently=(r() < 0.7) if r() < 0.15 else None,
    )
    # to_raw() without its deep copy (every value here is a fresh object): that copy
    # alone would take longer than generating 50,000 interactions.
    return sparse.compact(dict(vars(record)), records.TABLE_INTERACTIONS)


def _reflections(g: _Gen, entries: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    ids = tuple(txt.PROMPTS)
    out = []
    for n in sorted(int(g.r() * len(entries)) for _ in range(count if entries else 0)):
        entry, prompt_id = entries[n], g.pick(ids)
        record = Reflection(
            **g.system(dt.date.fromisoformat(entry["date"]).toordinal(), g.between(1080, 1350)),
            date=entry["date"],
            prompt_id=prompt_id,
            prompt=txt.PROMPTS[prompt_id],
            answer=g.pick(txt.ANSWERS),
            # "after-*" and "stakeholder-*" prompts are about one stakeholder
            stakeholder=entry["stakeholders"][0] if prompt_id[0] in "as" else None,
            interaction=entry["id"] if prompt_id.startswith("after-") else None,
        )
        # As in _interaction: vars() without to_raw's deep copy, stored sparse.
        out.append(sparse.compact(dict(vars(record)), records.TABLE_REFLECTIONS))
    return out


def _goals(g: _Gen, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Goals for this month and the two before: five counted, one "with", two manual."""
    key_people = [p for p in people if p["key"]] or people
    months = [g.today_month - back for back in (2, 1, 0)]  # counted as year * 12 + month - 1
    out: list[dict[str, Any]] = []
    previous: dict[str, str] = {}
    for n in months:
        year, month = divmod(n, 12)
        first = dt.date(year, month + 1, 1).toordinal()
        goals = [(m, *txt.GOALS[m]) for m in g.rng.sample(list(txt.GOALS), 5)]
        goals.append(("with", "Contacts with", 2, 3))
        goals.extend((None, text, 1, 1) for text in g.rng.sample(txt.MANUAL_GOALS, 2))
        current: dict[str, str] = {}
        for metric, text, low, high in goals:
            other = g.pick(key_people) if metric == "with" else None
            target = g.between(low, high)
            record = Goal(
                **g.system(first, g.between(480, 600), 0.2),
                month=f"{year:04d}-{month + 1:02d}",
                text=f"{text} {other['name']}" if other else text,
                metric=metric,
                target=target // 60 * 60 if metric == "minutes" else target,
                stakeholder=other and other["id"],
                done=metric is None and g.r() < (0.3 if n == months[-1] else 0.7),
                carried_from=previous.get(metric or text) if g.r() < 0.5 else None,
            )
            out.append(record.to_raw())
            current[metric or text] = record.id
        previous = current
    return out


def _promises(g: _Gen, entries: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """Promises made in the last four months, either way, due around today."""
    recent = [e for e in entries if e["date"] >= g.day(g.today - 120)] or entries
    chosen = [g.pick(recent) for _ in range(count if recent else 0)]
    out = []
    for entry in sorted(chosen, key=lambda e: e["created_at"]):
        day = dt.date.fromisoformat(entry["date"]).toordinal()
        theirs, due = g.r() < 0.4, day + g.between(7, 45)
        record = Promise(
            **g.system(day, g.between(1000, 1300), 0.2),
            stakeholder=entry["stakeholders"][0],
            text=g.pick(txt.PROMISES_THEIRS if theirs else txt.PROMISES_MINE),
            due=g.day(due),
            theirs=theirs,
            done=g.r() < (0.97 if due < g.today - 14 else 0.5 if due < g.today else 0.15),
            interaction=entry["id"],
        )
        out.append(record.to_raw())
    return out


def _shares(g: _Gen, people: list[dict[str, Any]], start: int, count: int) -> list[dict[str, Any]]:
    days = sorted(g.today - int((g.today - start) * g.r() ** 1.5) for _ in range(count))
    out = []
    for day in days:
        known = [p for p in people if p["created_at"][:10] <= g.day(day)] or people[:1]
        who = g.rng.sample(known, min(len(known), g.between(1, 4)))
        title = g.pick(txt.SHARE_TITLES)
        slug = title.lower().replace(":", "").replace(" ", "-")
        record = Share(
            **g.system(day, g.between(480, 1020)),
            date=g.day(day),
            title=title,
            url=f"https://example.org/{slug}" if g.r() < 0.8 else "",
            note=g.maybe(0.5, txt.SHARED),
            stakeholders=[p["id"] for p in who],
            tags=sorted({g.pick(p["tags"]) for p in who}),
        )
        out.append(record.to_raw())
    return out


def generate(
    stakeholders: int = 40,
    interactions: int = 1200,
    *,
    seed: int = 1,
    today: dt.date,
    device: str = "sample",
) -> dict[str, Any]:
    """The whole TinyDB document of a generated journal, ending on ``today``."""
    if stakeholders < 1 or interactions < 0:
        raise errors.InputError("A sample needs at least one stakeholder and no negative counts.")
    g = _Gen(seed, today, device)
    # About 18 months for 1,200 interactions, about ten years for 50,000.
    start = g.today - max(30, min(3650, round(540 * (max(interactions, 1) / 1200) ** 0.512)))
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of acyclic records: collections would only cost time
    try:
        people, last = _stakeholders(g, stakeholders, start)
        contacts = _contacts(g, people, last, interactions, start)
        entries = [_interaction(g, day, [people[i] for i in who]) for day, who in contacts]
    finally:
        if collecting:
            gc.enable()
    store_id = uuid.UUID(int=random.Random(f"sj-store:{seed}").getrandbits(128), version=4)
    meta = {"schema": records.SCHEMA_VERSION, "store_id": store_id.hex, "app_version": __version__}
    tables = [people, entries, _reflections(g, entries, interactions // 10), _goals(g, people)]
    tables.append(_promises(g, entries, max(4, min(60, interactions // 80))))
    tables.append(_shares(g, people, start, max(3, min(40, interactions // 100))))
    doc = {records.TABLE_META: {"1": meta}}
    for name, rows in zip(records.RECORD_TABLES, tables, strict=True):
        rows.sort(key=lambda raw: raw["created_at"])  # doc ids "1".."N" in creation order
        doc[name] = {str(n): row for n, row in enumerate(rows, 1)}
    return doc


def write_sample(
    path: str | os.PathLike[str],
    stakeholders: int = 40,
    interactions: int = 1200,
    *,
    seed: int = 1,
    today: dt.date,
    device: str = "sample",
) -> None:
    """Write a generated journal to a new file (mode 0600); never overwrites one."""
    target = Path(path)
    if target.exists() or target.is_symlink():
        raise errors.InputError(f"{target} already exists; choose another name or delete it first.")
    if not target.parent.is_dir():
        raise errors.InputError(f"{target.parent} is not a folder; create it first.")
    doc = generate(stakeholders, interactions, seed=seed, today=today, device=device)
    data = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")  # 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
