"""Direction overrides and zero-width characters in names reach the terminal
escaped, not acted upon."""

from __future__ import annotations

RLO = "\u202e"  # right-to-left override


def test_a_right_to_left_override_in_a_name_is_listed_escaped(sj):
    added = sj("add", f"Eve {RLO}evil", "--every", "1w", "--org", "Acme\u200bCorp")
    assert added.code == 0, added.err
    assert added.out.startswith("Added Eve \\u202eevil (")
    for out in (sj("list").out, sj("due", "--all").out, sj("show", "eve").out):
        assert RLO not in out and "\u200b" not in out
        assert "Eve \\u202eevil" in out
    assert "Acme\\u200bCorp" in sj("list").out
    # JSON keeps the name as typed (escaped by JSON itself) for scripts.
    [row] = sj("list", "--json").json()
    assert row["name"] == f"Eve {RLO}evil"
