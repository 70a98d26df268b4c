"""The injected clock: every "today" and "now" in the program comes from here.

``SJ_TODAY=YYYY-MM-DD`` fixes the calendar date for reproducible demos, tests
and screenshots; ``SJ_NOW`` (an ISO instant) fixes the instant, and
``SJ_CLOCK_OFFSET`` (seconds, may be negative) skews it, to simulate a machine
whose clock is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InputError

UTC = dt.UTC


@dataclass(frozen=True)
class Clock:
    """Tells today's local date and the current UTC instant."""

    fixed_today: dt.date | None = None
    fixed_now: dt.datetime | None = None
    offset: dt.timedelta = dt.timedelta(0)

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware UTC."""
        base = self.fixed_now or dt.datetime.now(UTC)
        return base + self.offset

    def today(self) -> dt.date:
        """Today's calendar date in the user's local time zone."""
        if self.fixed_today is not None:
            return self.fixed_today
        return (self.now()).astimezone().date()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Clock:
        """Build the clock from ``SJ_TODAY``, ``SJ_NOW`` and ``SJ_CLOCK_OFFSET``."""
        env = os.environ if env is None else env
        today = now = None
        offset = dt.timedelta(0)
        if value := env.get("SJ_TODAY"):
            try:
                today = dt.date.fromisoformat(value)
            except ValueError:
                raise InputError(f"SJ_TODAY={value!r} is not a date; use YYYY-MM-DD.") from None
        if value := env.get("SJ_NOW"):
            try:
                now = dt.datetime.fromisoformat(value)
            except ValueError:
                raise InputError(
                    f"SJ_NOW={value!r} is not an instant; use e.g. 2026-11-28T09:30:00Z."
                ) from None
            if now.tzinfo is None:
                now = now.replace(tzinfo=UTC)
        elif today is not None:
            # A fixed day without a fixed instant: the real clock moved to that
            # day, so stamps keep advancing and stay on that date.
            offset = dt.timedelta(days=(today - dt.datetime.now(UTC).date()).days)
        if value := env.get("SJ_CLOCK_OFFSET"):
            try:
                offset += dt.timedelta(seconds=float(value))
            except ValueError:
                raise InputError(f"SJ_CLOCK_OFFSET={value!r} is not a number of seconds.") from None
        return cls(fixed_today=today, fixed_now=now, offset=offset)
