"""The benchmark's import figure: 5,000 contacts (a generated vCard file,
some of them people already in the journal) imported into the large journal.
Used by bench.py, which times ``sj import`` as a whole process against ``sj
log``; here, in process, where that time goes (reading, matching, writing,
the one save), beside one saved change to the same journal."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

from journal.clock import Clock
from journal.importing import read_contacts
from journal.importing.plan import Options, apply_plan, plan_import
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import TABLE_STAKEHOLDERS, Interaction

CONTACTS = 5_000
#: How many of them are stakeholders already in the journal.
KNOWN = 100

_GIVEN = [
    "Ana",
    "Bram",
    "Chen",
    "Dara",
    "Émile",
    "Farah",
    "Gérard",
    "Hana",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Marta",
    "Nils",
    "Olga",
    "Priya",
]
_FAMILY = [
    "Ruiz",
    "Okafor",
    "Wei",
    "Müller",
    "Dubois",
    "Haddad",
    "Novak",
    "Sato",
    "Ødegård",
    "Peña",
    "Kowalska",
    "Laroche",
]
_ORGS = ["Coastal Timber", "Harbour Authority", "Stadtwerke Köln", "Nordic Grid Alliance"]


def write_contacts(path: Path, journal: Journal) -> None:
    """A vCard 3.0 file of ``CONTACTS`` people, ``KNOWN`` of them in the journal."""
    rng = random.Random(13)
    known = sorted(journal.records(TABLE_STAKEHOLDERS), key=lambda r: r["id"])[:KNOWN]
    cards = []
    for i in range(CONTACTS):
        if i < len(known):
            name, org = known[i]["name"], known[i].get("organization", "")
        else:
            name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)} {i}"
            org = f"{rng.choice(_ORGS)} {i % 300}"
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{name}",
            f"N:{name.split()[-1]};{name.split()[0]};;;",
        ]
        if org:
            lines.append(f"ORG:{org}")
        lines += [
            "TITLE:Programme lead",
            f"EMAIL;type=INTERNET;type=WORK:person{i}@example.org",
            f"TEL;type=CELL:+34 600 {i:06d}",
            f"BDAY:19{60 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "NOTE:Met at the forum\\, wants the survey results",
            "END:VCARD",
        ]
        cards.append("\r\n".join(lines))
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8")


#: The phases of an import, in order.
PHASES = ("read", "match", "write", "save")


def time_import(
    journal_path: Path, folder: Path, env: dict[str, str], runs: int
) -> tuple[dict[str, list[float]], list[float], str]:
    """Per run: each phase of an import (read, match, write, its one save)
    into a fresh copy of the journal, and one saved change (an entry logged)
    to another fresh copy. Leaves the vCard file in ``folder``."""
    clock = Clock.from_env(env)
    vcf = folder / "contacts-5000.vcf"
    phases: dict[str, list[float]] = {name: [] for name in PHASES}
    floors, note = [], ""
    for run in range(runs):
        copy = folder / f"import-{run}.json"
        shutil.copy(journal_path, copy)
        journal = Journal.open(copy, dirs=LocalDirs.under(folder / f"import-{run}"), clock=clock)
        if not vcf.exists():
            write_contacts(vcf, journal)
        marks = [time.perf_counter()]
        parsed = read_contacts(vcf, None, clock.today())
        marks.append(time.perf_counter())
        with journal.change():
            plan = plan_import(journal, parsed, Options())
            marks.append(time.perf_counter())
            apply_plan(journal, plan)
            marks.append(time.perf_counter())
        marks.append(time.perf_counter())  # the change's end saved it
        for name, start, end in zip(PHASES, marks[:-1], marks[1:], strict=True):
            phases[name].append(end - start)
        note = f"{plan.summary()}"
        copy.unlink()
        twin = folder / f"import-floor-{run}.json"
        shutil.copy(journal_path, twin)
        journal = Journal.open(twin, dirs=LocalDirs.under(folder / f"floor-{run}"), clock=clock)
        someone = next(iter(journal.records(TABLE_STAKEHOLDERS)))["id"]
        entry = Interaction(date=clock.today().isoformat(), stakeholders=[someone], summary="Call")
        start = time.perf_counter()
        journal.add(entry)
        floors.append(time.perf_counter() - start)
        twin.unlink()
    return phases, floors, note
