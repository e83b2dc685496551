"""Dates of a case that cannot be right: in the future, before 2000, a step before the block.

A step and the block are compared by their day: the time of a block is often a guess
("this morning"), and a step typed without a time is at midnight of its day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from appealdesk.domain.enums import EventKind
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.labels import label
from appealdesk.domain.models import Event
from appealdesk.i18n import _, format_date, format_datetime

# Before this, no platform AppealDesk knows blocked anyone: a typing error.
EARLIEST = dt.datetime(2000, 1, 1)
# The platform's "today" may be tomorrow here (time zones).
LEEWAY = dt.timedelta(days=1)


def lies_before_block(kind: EventKind, occurred_at: dt.datetime, blocked_at: dt.datetime) -> bool:
    """A step on a day before the block's (the block itself is no such step)."""
    return kind is not EventKind.BLOCKED and occurred_at.date() < blocked_at.date()


def check_block_date(blocked_at: dt.datetime, now: dt.datetime) -> None:
    if blocked_at > now + LEEWAY:
        raise ValidationError(
            _("The block date cannot lie in the future: {date}.").format(
                date=format_datetime(blocked_at, "long")
            )
        )
    if blocked_at < EARLIEST:
        raise ValidationError(
            _("A block before the year 2000 cannot be right: {date}. Check the date.").format(
                date=format_datetime(blocked_at, "long")
            )
        )


def check_block_after_steps(blocked_at: dt.datetime, steps: Iterable[Event]) -> None:
    """The block cannot move past a step of its timeline."""
    before = [e for e in steps if lies_before_block(e.kind, e.occurred_at, blocked_at)]
    if before:
        first = min(before, key=lambda e: e.occurred_at)
        raise ValidationError(
            _(
                "The block cannot be on {block}: the timeline has “{event}” on {date}, before "
                "it. Check both dates."
            ).format(
                block=format_date(blocked_at, "long"),
                event=label(first.kind),
                date=format_date(first.occurred_at, "long"),
            )
        )


def check_event_date(
    kind: EventKind, occurred_at: dt.datetime, blocked_at: dt.datetime, now: dt.datetime
) -> None:
    """No kind of step is planned ahead, so none lies in the future (beyond a day's leeway)."""
    step = label(kind)
    if occurred_at > now + LEEWAY:
        raise ValidationError(
            _("“{event}” cannot lie in the future: {date}. Record a step once it happened.").format(
                event=step, date=format_datetime(occurred_at, "long")
            )
        )
    if occurred_at < EARLIEST:
        raise ValidationError(
            _("“{event}” before the year 2000 cannot be right: {date}. Check the date.").format(
                event=step, date=format_datetime(occurred_at, "long")
            )
        )
    if lies_before_block(kind, occurred_at, blocked_at):
        raise ValidationError(
            _(
                "“{event}” on {date} lies before the block on {block}. Check both dates: the "
                "block comes first."
            ).format(
                event=step,
                date=format_date(occurred_at, "long"),
                block=format_date(blocked_at, "long"),
            )
        )


def check_statement_dates(
    decided_on: dt.date | None,
    received_on: dt.date | None,
    restriction_ends: dt.date | None,
    today: dt.date,
) -> None:
    """The dates of a statement of reasons: the decision and its receipt have happened (after
    the decision, not before 2000); a temporary restriction ends after the decision."""
    named = (
        (_("Decision date"), decided_on),
        (_("Statement received on"), received_on),
        (_("Restriction ends"), restriction_ends),
    )
    for field, day in named:
        if day is not None and day < EARLIEST.date():
            raise ValidationError(
                _("“{field}” before the year 2000 cannot be right: {date}. Check the date.").format(
                    field=field, date=format_date(day, "long")
                )
            )
    for field, day in named[:2]:
        if day is not None and day > today + LEEWAY:
            raise ValidationError(
                _("“{field}” cannot lie in the future: {date}.").format(
                    field=field, date=format_date(day, "long")
                )
            )
    if decided_on is None:
        return
    if received_on is not None and received_on < decided_on:
        raise ValidationError(
            _(
                "The statement was received on {received}, before the decision on {decided}. "
                "Check both dates."
            ).format(
                received=format_date(received_on, "long"), decided=format_date(decided_on, "long")
            )
        )
    if restriction_ends is not None and restriction_ends < decided_on:
        raise ValidationError(
            _(
                "The restriction cannot end on {end}, before the decision on {decided}. Check "
                "both dates."
            ).format(
                end=format_date(restriction_ends, "long"), decided=format_date(decided_on, "long")
            )
        )
