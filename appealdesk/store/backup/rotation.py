"""Which backups to keep: everything from the last day, then fewer the older they get.

The newest backup of each of the last seven days, of each of the last five weeks and of
each of the last twelve months stays; so does the newest backup overall, however old. The
copies made before a restore are thinned the same way, but the newest of them always stays:
it holds what the last restore replaced, which no other backup may hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable

KEEP_DAYS = 7
KEEP_WEEKS = 5
KEEP_MONTHS = 12


def _newest_per(
    stamps: list[dt.datetime], period: Callable[[dt.datetime], Hashable], count: int
) -> set[dt.datetime]:
    kept: dict[Hashable, dt.datetime] = {}
    for stamp in sorted(stamps, reverse=True):
        key = period(stamp)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = stamp
    return set(kept.values())


def backups_to_keep(
    stamps: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    before_restore: Iterable[dt.datetime] = (),
) -> set[dt.datetime]:
    """The subset of ``stamps`` (when each backup was taken) that rotation keeps.

    ``before_restore`` are those of ``stamps`` that were taken just before a restore.
    """
    stamps = list(stamps)
    if not stamps:
        return set()
    today = now.date()
    keep = {max(stamps)}
    keep |= {max(before_restore, default=max(stamps))}
    keep |= {s for s in stamps if now - s <= dt.timedelta(days=1)}
    recent = [s for s in stamps if (today - s.date()).days < KEEP_DAYS]
    keep |= _newest_per(recent, lambda s: s.date(), KEEP_DAYS)
    weeks = [s for s in stamps if (today - s.date()).days < KEEP_WEEKS * 7]
    keep |= _newest_per(weeks, lambda s: s.isocalendar()[:2], KEEP_WEEKS)
    months = [s for s in stamps if _months_between(s.date(), today) < KEEP_MONTHS]
    keep |= _newest_per(months, lambda s: (s.year, s.month), KEEP_MONTHS)
    return keep


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month
