"""`sj merge-people KEEP OTHER`: one person kept, everything re-pointed, and
an edit another machine made to OTHER before it synced lands on KEEP."""

from __future__ import annotations

import pytest

from journal.journal import Journal
from journal.records import TABLE_SHARES

from .test_merge import DROPBOX, OtherDevice


@pytest.fixture
def twins(sj):
    assert (
        sj(
            "add",
            "Ana Ruiz",
            "--org",
            "Forestry Board",
            "--email",
            "ana@forest.example",
            "--tag",
            "board",
        ).code
        == 0
    )
    assert (
        sj(
            "add",
            "A. Ruiz",
            "--role",
            "Head of Permits",
            "--email",
            "ana@home.example",
            "--tag",
            "permits",
            "--notes",
            "Met at the fair",
            "--every",
            "monthly",
        ).code
        == 0
    )
    assert sj("date", "add", "A. Ruiz", "birthday", "04-15", "--yearly").code == 0
    assert sj("log", "A. Ruiz,Ana Ruiz", "Joint site visit").code == 0
    assert sj("log", "A. Ruiz", "Coffee", "--follow-up", "send the maps").code == 0
    assert sj("promise", "A. Ruiz", "Share the survey").code == 0
    assert sj("reflect", "--about", "A. Ruiz", "Ask before advising.").code == 0
    assert sj("goal", "add", "--count", "with", "--with", "A. Ruiz", "--target", "2").code == 0
    assert sj("share", "Permit survey", "--with", "A. Ruiz,Ana Ruiz").code == 0


def test_namesakes_merged_are_told_apart_in_the_summary(sj):
    assert sj("add", "Ana Bianchi", "--org", "Lakeland").code == 0
    assert sj("add", "Ana Bianchi", "--org", "Pine Falls Township").code == 0
    done = sj("merge-people", "Ana Bianchi (Lakeland)", "Ana Bianchi (Pine Falls Township)")
    assert done.code == 0, done.err
    assert done.out.startswith("Merged Ana Bianchi (Pine Falls Township, ")
    assert " into Ana Bianchi (Lakeland, " in done.out


def test_merge_people_fills_unites_and_repoints_everything(sj, machine, twins):
    other_id = sj("show", "A. Ruiz", "--json").json()["stakeholder"]["id"]
    done = sj("merge-people", "Ana Ruiz", "A. Ruiz")
    assert done.code == 0, done.err
    assert "2 entries, 1 promise, 1 reflection, 1 goal, 1 share" in done.out
    listed = sj("list", "--json").json()
    assert [p["name"] for p in listed] == ["Ana Ruiz"]
    ana = sj("show", "ana", "--json").json()
    profile = ana["stakeholder"]
    assert profile["role"] == "Head of Permits" and profile["notes"] == "Met at the fair"
    assert profile["email"] == "ana@forest.example, ana@home.example"
    assert profile["tags"] == ["board", "permits"]
    assert profile["cadence_days"] == 30
    assert [d["label"] for d in profile["dates"]] == ["birthday"]
    # The joint entry names Ana once; every other record follows her.
    assert sorted(e["summary"] for e in ana["recent"]) == ["Coffee", "Joint site visit"]
    assert all(e["stakeholders"] == [profile["id"]] for e in ana["recent"])
    assert [f["text"] for f in ana["open_follow_ups"]] == ["send the maps"]
    assert (
        sj("reflections", "--about", "ana", "--json").json()[0]["answer"] == "Ask before advising."
    )
    goal = sj("goal", "list", "--json").json()[0]
    assert goal["value"] == 2  # both entries now count as contacts with Ana
    assert "Share the survey" in sj("promises").out
    assert ana["merged_in"] == [{"id": other_id, "name": "A. Ruiz"}]
    assert f"merged in: A. Ruiz ({other_id[:8]})" in sj("show", "ana").out
    refused = sj("restore", "A. Ruiz")
    assert refused.code == 1 and "merged into Ana Ruiz" in refused.err
    # The name or id of the one merged away says who holds their entries now.
    for words in (
        ["show", "A. Ruiz"],
        ["log", "A. Ruiz", "Call"],
        ["show", other_id],
        ["edit", other_id[:8], "--role", "Chief"],
    ):
        pointed = sj(*words)
        assert pointed.code == 1 and len(pointed.err_lines) == 1
        assert f"A. Ruiz was merged into Ana Ruiz (Forestry Board, {profile['id'][:8]})" in (
            pointed.err
        )
    assert sj("merge-people", "ana", "ana").code == 1
    assert sj("duplicates", "--json").json() == []
    journal = Journal.open(machine.journal)
    [share] = list(journal.records(TABLE_SHARES))
    assert share["stakeholders"] == [profile["id"]]  # named once


@pytest.mark.parametrize("laptop_first", [False, True])
def test_an_edit_made_elsewhere_before_the_merge_synced_lands_on_keep(
    sj, machine, tmp_path, twins, laptop_first
):
    laptop = OtherDevice(machine, tmp_path / "laptop")

    def on_laptop():
        laptop.sj("edit", "A. Ruiz", "--role", "Director of Permits", "--tag", "forum")
        laptop.sj("log", "A. Ruiz", "Called about the permit backlog")
        laptop.sj("promise", "A. Ruiz", "Send the new map", "--theirs")

    if laptop_first:  # the laptop's edits are older than the merge
        on_laptop()
    assert sj("merge-people", "Ana Ruiz", "A. Ruiz").code == 0
    if not laptop_first:  # newer: OTHER's edit wins the record's merge
        on_laptop()
    laptop.conflict(DROPBOX)

    assert sj("merge").code == 0
    listed = sj("list", "--json").json()
    assert [p["name"] for p in listed] == ["Ana Ruiz"]
    ana = sj("show", "ana", "--json", "--entries", "10").json()
    assert ana["stakeholder"]["role"] == "Director of Permits"
    assert "forum" in ana["stakeholder"]["tags"]
    summaries = {e["summary"] for e in ana["recent"]}
    assert {"Called about the permit backlog", "Coffee", "Joint site visit"} <= summaries
    promises = sj("promises", "--json").json()
    assert {p["text"] for p in promises} >= {"Send the new map", "Share the survey"}
    assert {p["name"] for p in promises} == {"Ana Ruiz"}
    # Settled once: another command finds nothing more to carry over.
    before = machine.journal.read_bytes()
    assert sj("list").code == 0
    assert machine.journal.read_bytes() == before
