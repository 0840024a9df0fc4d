"""The build's date: one answer for every module that needs "today".

A build must be reproducible, so `SOURCE_DATE_EPOCH` (the reproducible-builds.org
convention: seconds since 1970-01-01 UTC) wins when it is set; otherwise it is the real
date, in UTC, so that a build gives the same pages wherever the machine is.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from .errors import UsageError

ENV = "SOURCE_DATE_EPOCH"


class ClockError(UsageError):
    """SOURCE_DATE_EPOCH is set to something that is not a time."""


def today(zone: str = "UTC") -> dt.date:
    """The date the build is for: SOURCE_DATE_EPOCH's day when set, else today's; in UTC,
    or in the time zone `zone` names (the treaty calendar's)."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return real_today(zone)
    try:
        seconds = int(raw)
        return dt.datetime.fromtimestamp(seconds, _zone(zone)).date()
    except (ValueError, OverflowError, OSError):
        raise ClockError(
            f"{ENV}={raw!r} is not a time.",
            "it must be a whole number of seconds since 1970-01-01 UTC, e.g. "
            "$(date -u -d 2026-12-30 +%s).",
        ) from None


def real_today(zone: str = "UTC") -> dt.date:
    """Today's date by the machine's clock (in UTC, or `zone`), whatever SOURCE_DATE_EPOCH
    says."""
    return dt.datetime.now(_zone(zone)).date()


def _zone(name: str) -> dt.tzinfo:
    return dt.UTC if name == "UTC" else zoneinfo.ZoneInfo(name)


def latest_today() -> dt.date:
    """The later of the build's date and the real one: what "in the future" is measured by.

    A reproducible build may be dated in the past (the last commit's time); content that was
    true when it was written must not become an error because of that.
    """
    return max(today(), real_today())


def epoch(day: dt.date) -> str:
    """The SOURCE_DATE_EPOCH value of midday UTC on `day` (for tests and docs)."""
    noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    return str(int(noon.timestamp()))
