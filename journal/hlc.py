"""Hybrid logical clock stamps.

A stamp is a fixed-width UTC instant ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, so stamps
compare correctly as plain strings. An edit always gets a stamp later than the
version it edits, even when this machine's clock is behind the machine that
wrote that version: the new stamp is the later of "now" and one microsecond
after the edited stamp. Last-writer-wins then still lets a slow machine's
later edit supersede what it saw.
"""

from __future__ import annotations

import datetime as dt
import threading

UTC = dt.UTC
_TICK = dt.timedelta(microseconds=1)
_lock = threading.Lock()
_last = ""


def format_stamp(instant: dt.datetime) -> str:
    """Format an aware datetime as a stamp."""
    # isoformat: the same text as strftime("%Y-%m-%dT%H:%M:%S.%fZ"), quicker.
    return instant.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_stamp(stamp: str) -> dt.datetime:
    """Parse a stamp back into an aware UTC datetime."""
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def next_stamp(now: dt.datetime, after: str | None = None) -> str:
    """A stamp for a new version: later than ``after`` (the version being
    edited), later than any stamp this process issued, and ``now`` otherwise."""
    global _last
    candidate = format_stamp(now)
    with _lock:
        floor = max(after or "", _last)
        if candidate <= floor:
            candidate = format_stamp(parse_stamp(floor) + _TICK)
        _last = candidate
    return candidate
