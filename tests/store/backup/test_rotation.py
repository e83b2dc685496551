"""Rotation keeps recent backups close together and old ones far apart."""

from __future__ import annotations

import datetime as dt

from appealdesk.store.backup.rotation import backups_to_keep

NOW = dt.datetime(2026, 11, 21, 9, 0)


def _daily(days: int) -> list[dt.datetime]:
    return [NOW - dt.timedelta(days=n, hours=1) for n in range(days)]


def test_a_year_of_daily_backups_thins_to_days_weeks_and_months() -> None:
    stamps = _daily(400)
    kept = backups_to_keep(stamps, NOW)
    assert {NOW - dt.timedelta(days=n, hours=1) for n in range(7)} <= kept
    assert len(kept) <= 7 + 5 + 12
    assert min(kept) >= NOW - dt.timedelta(days=366)  # nothing older than twelve months
    # one per month for the older ones
    old = [s for s in kept if NOW - s > dt.timedelta(days=40)]
    assert len({(s.year, s.month) for s in old}) == len(old)


def test_everything_from_the_last_day_stays() -> None:
    stamps = [NOW - dt.timedelta(minutes=m) for m in (1, 30, 300, 1000)]
    assert backups_to_keep(stamps, NOW) == set(stamps)


def test_of_several_backups_on_one_older_day_the_newest_stays() -> None:
    day = NOW - dt.timedelta(days=3)
    stamps = [day.replace(hour=h) for h in (8, 12, 17)]
    assert backups_to_keep(stamps, NOW) == {day.replace(hour=17)}


def test_the_newest_backup_stays_however_old() -> None:
    ancient = NOW - dt.timedelta(days=900)
    assert backups_to_keep([ancient, ancient - dt.timedelta(days=1)], NOW) == {ancient}


def test_no_backups_keeps_nothing() -> None:
    assert backups_to_keep([], NOW) == set()


def test_the_newest_copy_from_before_a_restore_always_stays() -> None:
    day = NOW - dt.timedelta(days=3)
    restore, daily = day.replace(hour=8), day.replace(hour=17)
    assert backups_to_keep([restore, daily], NOW) == {daily}
    assert backups_to_keep([restore, daily], NOW, before_restore=[restore]) == {restore, daily}
    ancient = NOW - dt.timedelta(days=900)
    kept = backups_to_keep([ancient, NOW - dt.timedelta(hours=2)], NOW, before_restore=[ancient])
    assert ancient in kept


def test_older_copies_from_before_a_restore_are_thinned_like_the_others() -> None:
    restores = _daily(400)
    kept = backups_to_keep(restores, NOW, before_restore=restores)
    assert len(kept) <= 7 + 5 + 12
    assert min(kept) >= NOW - dt.timedelta(days=366)
    assert max(restores) in kept
