"""Records whose fields hold the wrong kind of value, ``"schema": true``, and a
journal path that is a named pipe: each is refused when the file is read,
with one line that says what to do, and the file is never written.

Before, a record like ``{"name": 42}`` passed every file check (``sj check``
called the file sound) and then made every command fail with a traceback;
a named pipe at the journal's path made ``sj check`` and ``sj log`` wait
forever.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import validate
from journal.document import read_file
from journal.errors import BadFileError
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import (
    RECORD_TYPES,
    FollowUp,
    Goal,
    Promise,
    Reflection,
    Share,
)
from tests.cli.conftest import REPO, Result, machine_env
from tui.cli import main
from tui.cli.hints import HINTS

from .conftest import entry, open_journal, person

Doc = dict[str, Any]
FIX = "fix it by hand or restore it from a backup."


# -- a sound journal with one record of every kind


def _sound_journal(path: Path, dirs: LocalDirs) -> None:
    journal = open_journal(path, dirs)
    ana = person("Ana Ruiz", tags=["forestry"], rank=2, influence=4, cadence_days=14)
    journal.add(ana)
    journal.add(
        entry(
            ana,
            "Budget call",
            minutes=30,
            time="10:30",
            follow_ups=[dataclasses.asdict(FollowUp(text="Send figures", due="2026-12-04"))],
        )
    )
    journal.add(Reflection(date="2026-11-27", answer="Listen first", stakeholder=ana.id))
    journal.add(Goal(month="2026-11", text="Three coffees", metric="informal", target=3))
    journal.add(Promise(stakeholder=ana.id, text="Send the map", due="2026-12-01"))
    journal.add(Share(date="2026-11-26", title="Fire report", stakeholders=[ana.id], tags=["x"]))


@pytest.fixture
def journal_file(tmp_path: Path, synced: Path) -> Path:
    path = synced / "journal.json"
    _sound_journal(path, LocalDirs.under(tmp_path / "writer"))
    return path


def first(doc: Doc, table: str) -> dict[str, Any]:
    return next(iter(doc[table].values()))


def rewrite(path: Path, change: Callable[[Doc], object]) -> bytes:
    """Change the file with the stock json module (which keeps every type as
    written), the way a hand edit or another program would."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path.read_bytes()


def setting(table: str, **fields: Any) -> Callable[[Doc], object]:
    return lambda doc: first(doc, table).update(fields)


def with_history(table: str, **fields: Any) -> Callable[[Doc], object]:
    """Keep an earlier version of the first record, with ``fields`` changed."""

    def change(doc: Doc) -> None:
        record = first(doc, table)
        version = {k: v for k, v in record.items() if k not in ("history", "superseded")}
        version["updated_at"] = "2026-11-01T00:00:00.000000Z"
        record["history"] = [{**version, **fields}]

    return change


def follow_up(**fields: Any) -> Callable[[Doc], object]:
    return lambda doc: first(doc, "interactions")["follow_ups"][0].update(fields)


# table, how the file is damaged, the field as named in the message, what it says
WRONG = {
    "name is a number": (
        "stakeholders",
        setting("stakeholders", name=42),
        'field "name" should be text, not a number',
    ),
    "organization is null": (
        "stakeholders",
        setting("stakeholders", organization=None),
        'field "organization" should be text, not null',
    ),
    "influence is true": (
        "stakeholders",
        setting("stakeholders", influence=True),
        'field "influence" should be a whole number or null, not true',
    ),
    "rank is text": (
        "stakeholders",
        setting("stakeholders", rank="1"),
        'field "rank" should be a whole number or null, not text',
    ),
    "cadence is a decimal": (
        "stakeholders",
        setting("stakeholders", cadence_days=2.5),
        'field "cadence_days" should be a whole number or null, not a decimal number',
    ),
    "key is 1": (
        "stakeholders",
        setting("stakeholders", key=1),
        'field "key" should be true or false, not a number',
    ),
    "deleted is yes": (
        "stakeholders",
        setting("stakeholders", deleted="yes"),
        'field "deleted" should be true or false, not text',
    ),
    "tags is text": (
        "stakeholders",
        setting("stakeholders", tags="forestry"),
        'field "tags" should be a list of texts, not text',
    ),
    "tags holds a number": (
        "stakeholders",
        setting("stakeholders", tags=["forestry", 3]),
        'field "tags" should be a list of texts, not a list holding a number',
    ),
    "history is an object": (
        "stakeholders",
        setting("stakeholders", history={"1": {}}),
        'field "history" should be a list of earlier versions, not an object',
    ),
    "history holds text": (
        "stakeholders",
        setting("stakeholders", history=["an old name"]),
        'field "history" should be a list of earlier versions, not a list holding text',
    ),
    "an earlier version's name is a number": (
        "stakeholders",
        with_history("stakeholders", name=7),
        'field "name" of history version 1 should be text, not a number',
    ),
    "profile log entry before is a number": (
        "stakeholders",
        setting("stakeholders", profile_log=[{"field": "role", "date": "2026-11-01", "before": 3}]),
        'field "before" of profile_log item 1 should be text, not a number',
    ),
    "superseded holds null": (
        "stakeholders",
        setting("stakeholders", superseded=[None]),
        'field "superseded" should be a list of texts, not a list holding null',
    ),
    "date is a number": (
        "interactions",
        setting("interactions", date=20261128),
        'field "date" should be text, not a number',
    ),
    "stakeholders is text": (
        "interactions",
        setting("interactions", stakeholders="abc"),
        'field "stakeholders" should be a list of texts, not text',
    ),
    "stakeholders holds a number": (
        "interactions",
        setting("interactions", stakeholders=[12]),
        'field "stakeholders" should be a list of texts, not a list holding a number',
    ),
    "follow-ups is text": (
        "interactions",
        setting("interactions", follow_ups="call back"),
        'field "follow_ups" should be a list of objects, not text',
    ),
    "follow-ups holds text": (
        "interactions",
        setting("interactions", follow_ups=["call back"]),
        'field "follow_ups" should be a list of objects, not a list holding text',
    ),
    "a follow-up's due date is a number": (
        "interactions",
        follow_up(due=20261204),
        'field "due" of follow_ups item 1 should be text or null, not a number',
    ),
    "a follow-up's done is no": (
        "interactions",
        follow_up(done="no"),
        'field "done" of follow_ups item 1 should be true or false, not text',
    ),
    "minutes is true": (
        "interactions",
        setting("interactions", minutes=True),
        'field "minutes" should be a whole number or null, not true',
    ),
    "formal is 1": (
        "interactions",
        setting("interactions", formal=1),
        'field "formal" should be true or false, not a number',
    ),
    "summary is a list": (
        "interactions",
        setting("interactions", summary=["Budget call"]),
        'field "summary" should be text, not a list',
    ),
    "applied differently is yes": (
        "interactions",
        setting("interactions", applied_differently="yes"),
        'field "applied_differently" should be true, false or null, not text',
    ),
    "an earlier entry's stakeholders is text": (
        "interactions",
        with_history("interactions", stakeholders="abc"),
        'field "stakeholders" of history version 1 should be a list of texts, not text',
    ),
    "updated_at is a number": (
        "interactions",
        setting("interactions", updated_at=1764288000),
        'field "updated_at" should be text, not a number',
    ),
    "answer is a number": (
        "reflections",
        setting("reflections", answer=3),
        'field "answer" should be text, not a number',
    ),
    "target is text": (
        "goals",
        setting("goals", target="3"),
        'field "target" should be a whole number, not text',
    ),
    "target is true": (
        "goals",
        setting("goals", target=True),
        'field "target" should be a whole number, not true',
    ),
    "promise done is no": (
        "promises",
        setting("promises", done="no"),
        'field "done" should be true or false, not text',
    ),
    "share tags is an object": (
        "shares",
        setting("shares", tags={"x": 1}),
        'field "tags" should be a list of texts, not an object',
    ),
}

# Shapes that must keep reading: a newer version's fields, fields left out
# (sparse tables), null where the default is None.
ALLOWED = {
    "an unknown field of any kind": setting("stakeholders", nickname=5, extra={"a": [1]}),
    "an unknown field in a follow-up": follow_up(priority=2),
    "an unknown field in an earlier version": with_history("stakeholders", mood=[1, 2]),
    "null where the default is None": setting(
        "stakeholders", rank=None, influence=None, snooze_until=None, cadence_days=None
    ),
    "null in an entry": setting("interactions", time=None, minutes=None, applied_differently=None),
    "a follow-up due null": follow_up(due=None),
    "fields left out": lambda doc: doc["interactions"].update(
        {"9": {"id": "e" * 32, "date": "2026-11-20"}}
    ),
    "explicit false where the default is None": setting("interactions", applied_differently=False),
    "a large whole number": setting("stakeholders", cadence_days=10**12, rank=0),
    "empty tables": lambda doc: doc.update(reflections={}, goals={}),
    "an earlier version": with_history("interactions", summary="first draft"),
}


@pytest.mark.parametrize("kind", list(WRONG))
def test_a_field_of_the_wrong_kind_is_refused_on_read(kind, journal_file):
    table, damage, says = WRONG[kind]
    rid = first(json.loads(journal_file.read_text()), table)["id"]
    damaged = rewrite(journal_file, damage)
    with pytest.raises(BadFileError) as caught:
        read_file(journal_file)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{journal_file} has a damaged record: {table} {rid[:8]}… (entry ")
    assert says in message and message.endswith(FIX)
    assert journal_file.read_bytes() == damaged


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc["interactions"].update({"7": 5}),
        lambda doc: doc["interactions"].update({"7": {"date": "2026-11-20"}}),
        lambda doc: first(doc, "goals").update(id=12),
    ],
    ids=["not a dict", "no id", "a number for id"],
)
def test_a_record_that_is_not_a_record_keeps_its_message(damage, journal_file):
    # The record tables' structure is checked in the same pass as the fields.
    rewrite(journal_file, damage)
    with pytest.raises(
        BadFileError, match=r"has a damaged record (interactions/7|goals/\d+); restore"
    ):
        read_file(journal_file)


@pytest.mark.parametrize("kind", list(ALLOWED))
def test_allowed_shapes_still_read(kind, journal_file):
    rewrite(journal_file, ALLOWED[kind])
    read_file(journal_file)


def test_the_sample_journal_reads(tmp_path):
    out = tmp_path / "sample.json"
    assert main(["sample", "--stakeholders", "40", "--interactions", "600", "-o", str(out)]) == 0
    read_file(out)


@pytest.mark.parametrize("schema", [True, False], ids=["true", "false"])
def test_a_true_schema_is_not_schema_one(schema, journal_file):
    damaged = rewrite(journal_file, lambda doc: first(doc, "_meta").update(schema=schema))
    with pytest.raises(BadFileError, match="has a damaged _meta record"):
        read_file(journal_file)
    assert journal_file.read_bytes() == damaged


def test_a_damaged_record_arriving_while_open_is_never_written_over(journal_file, tmp_path):
    journal = open_journal(journal_file, LocalDirs.under(tmp_path / "app"))
    damaged = rewrite(journal_file, setting("stakeholders", name=42))
    with pytest.raises(BadFileError, match='field "name" should be text'):
        journal.refresh()
    journal.add(person("Bram Okafor"), save=False)
    with pytest.raises(BadFileError, match='field "name" should be text'):
        journal.save()
    assert journal_file.read_bytes() == damaged
    assert journal.unsaved  # the new record is still held in memory


def test_a_damaged_conflicted_copy_is_left_in_place(journal_file, tmp_path):
    copy_path = journal_file.with_name("journal.sync-conflict-20261128-101500-ABCDEF1.json")
    copy_path.write_bytes(journal_file.read_bytes())
    damaged = rewrite(copy_path, setting("interactions", date=20261128))
    journal = Journal.open(journal_file, dirs=LocalDirs.under(tmp_path / "me"))
    [outcome] = journal.copies_on_open.copies
    assert not outcome.merged and 'field "date" should be text' in (outcome.reason or "")
    assert copy_path.read_bytes() == damaged


# -- the table follows the record dataclasses


def test_every_field_of_every_record_is_checked():
    for table, cls in RECORD_TYPES.items():
        shape = validate.SHAPES[table]
        assert list(shape.types) == [f.name for f in dataclasses.fields(cls)]
        for name in ("superseded", "history"):
            assert shape.types[name] == (list,)
        assert shape.types["deleted"] == (bool,)
    stakeholders = validate.SHAPES["stakeholders"]
    assert stakeholders.types["rank"] == (int, type(None))
    assert stakeholders.lists["history"] == (validate.VERSIONS, stakeholders)
    follow_ups = validate.SHAPES["interactions"].lists["follow_ups"]
    assert follow_ups[0] == validate.OBJECTS
    assert list(follow_ups[1].types) == [f.name for f in dataclasses.fields(FollowUp)]


def test_a_field_of_a_kind_the_table_cannot_check_is_caught_at_import():
    @dataclasses.dataclass
    class Odd:
        when: float = 0.0

    with pytest.raises(TypeError, match="cannot check Odd.when"):
        validate.shape_of(Odd)


# -- the fast check and the explaining one agree

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


#: Values that fit some field, so that records that pass are drawn too.
GOOD_VALUES = st.sampled_from(
    [
        "",
        "text",
        3,
        None,
        False,
        [],
        ["a"],
        [{"text": "x", "due": None, "done": False}],
        [{"id": "a", "name": "Ana"}],
        [{"field": "role", "date": "2026-11-01", "before": ""}],
    ]
)


def _field_values(table: str) -> st.SearchStrategy[Any]:
    names = [*validate.SHAPES[table].types, "unknown"]
    return st.dictionaries(st.sampled_from(names), JSON_VALUES | GOOD_VALUES, max_size=8)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), table=st.sampled_from(list(validate.SHAPES)))
def test_the_fast_check_and_the_explanation_agree(data, table):
    record = data.draw(_field_values(table))
    if data.draw(st.booleans()):
        record["history"] = [copy.deepcopy(data.draw(_field_values(table)))]
    shape = validate.SHAPES[table]
    fast = validate._fits([record], shape)
    explained = validate._bad_field(record, shape)
    assert fast == (explained is None), (record, explained)


# -- the command line


def _cli(env: dict[str, str], *args: str, timeout: float = 20) -> Result:
    """``sj ARGS`` as a separate process: a command that would wait forever
    fails the test after ``timeout`` seconds instead of hanging it."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SJ_", "XDG_"))}
    full.update(env, PYTHONPATH=str(REPO))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", *args],
            env=full,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"sj {' '.join(args)} did not finish within {timeout}s")
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def sj_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Callable[..., Result]:
    """``sj ARGS`` in this process, on a machine whose folders are under tmp_path."""
    for name in ("SJ_FILE", "SJ_NOW", "SJ_CLOCK_OFFSET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in machine_env(tmp_path / "home", None).items():
        monkeypatch.setenv(name, value)

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize(
    "kind", ["name is a number", "stakeholders is text", "a follow-up's done is no"]
)
def test_sj_check_reports_a_damaged_record_and_nothing_writes_it(kind, journal_file, sj_in_process):
    table, damage, says = WRONG[kind]
    rewrite(journal_file, damage)
    os.utime(journal_file, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = _snapshot(journal_file)
    file = ("--file", str(journal_file))
    result = sj_in_process(*file, "check")
    assert result.code == 1 and result.out.startswith(f"{journal_file}: NOT sound\n  backups: ")
    [line] = result.err_lines
    assert line.startswith(f"sj: {journal_file} has a damaged record: {table} ")
    assert says in line
    report = sj_in_process(*file, "check", "--json")
    assert report.code == 1 and report.json()["sound"] is False
    assert report.json()["problems"] == [line.removeprefix("sj: ")]
    # Every other command says the same, and how to put a backup back.
    refused = f"{line.rstrip('.')}; {HINTS['backups']}."
    for args in (("log", "ana", "Coffee"), ("due",), ("list",), ("show", "ana"), ("add", "Cleo")):
        result = sj_in_process(*file, *args)
        assert (result.code, result.out, result.err_lines) == (1, "", [refused]), args
    assert _snapshot(journal_file) == before


def test_sj_check_passes_again_once_the_record_is_fixed(journal_file, sj_in_process):
    rewrite(journal_file, setting("stakeholders", name=42))
    assert sj_in_process("--file", str(journal_file), "check").code == 1
    rewrite(journal_file, setting("stakeholders", name="Ana Ruiz"))
    result = sj_in_process("--file", str(journal_file), "check")
    assert result.code == 0, result.err
    assert ": sound (" in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [("check",), ("check", "--json"), ("log", "ana", "Coffee")])
def test_a_named_pipe_at_the_journal_path_is_refused_without_waiting(command, tmp_path):
    pipe = tmp_path / "journal.json"
    os.mkfifo(pipe)
    result = _cli(machine_env(tmp_path / "home", pipe), *command)
    assert result.code == 1
    says = f"{pipe} is not a regular file (a pipe or device); name the journal's .json file"
    if "--json" in command:
        assert says in result.json()["problems"][0]
    else:
        [line] = result.err_lines
        assert line.startswith(f"sj: {says}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "journal.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_read_file_refuses_a_pipe_and_a_device(tmp_path):
    pipe = tmp_path / "journal.json"
    os.mkfifo(pipe)
    # In a child process, so that a regression fails instead of hanging.
    probe = (
        "import sys\nfrom pathlib import Path\nfrom journal.errors import BadFileError\n"
        "from journal.document import read_file\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n        read_file(Path(name))\n    except BadFileError as exc:\n"
        "        print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(pipe), os.devnull],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.stdout.splitlines() == [
        f"{pipe} is not a regular file (a pipe or device); "
        "name the journal's .json file with --file.",
        f"{os.devnull} is not a regular file (a pipe or device); "
        "name the journal's .json file with --file.",
    ], done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_named_like_a_conflicted_copy_is_passed_over(journal_file, tmp_path):
    os.mkfifo(journal_file.with_name("journal.sync-conflict-20261128-101500-ABCDEF1.json"))
    env = machine_env(tmp_path / "home", journal_file)
    result = _cli(env, "check")
    assert result.code == 0, result.err
    assert _cli(env, "log", "ana", "Coffee").code == 0
