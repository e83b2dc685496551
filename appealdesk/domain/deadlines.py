"""Deadlines and follow-up dates computed from a case's events by the rules in ``resources/``."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from appealdesk.domain.enums import BlockKind, CaseStatus, EventKind, Platform
from appealdesk.domain.texts import LocalText, load_resource
from appealdesk.i18n import N_, Translator, translator

FOLLOW_UP_KEY = "follow_up"
_FOLLOW_UP_ACTION = N_("Your follow-up date")
# The chosen out-of-court body's time limit: its own months after the decision.
BODY_FILING_KEY = "file_with_body"
_BODY_FILING_ACTION = N_("Submit the dispute to the out-of-court body")


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    action: LocalText
    explanation: LocalText
    source: str
    starts_on: frozenset[EventKind]
    settled_by: frozenset[EventKind]
    anchor: Literal["event", "decision"]
    days: int = 0
    months: int = 0
    statuses: frozenset[CaseStatus] | None = None
    block_kinds: frozenset[BlockKind] | None = None
    platforms: frozenset[Platform] | None = None
    informational: bool = False  # a date worth knowing, not something to do

    @property
    def has_period(self) -> bool:
        return bool(self.days or self.months)

    def applies_to(self, facts: CaseFacts) -> bool:
        return (
            (self.statuses is None or facts.status in self.statuses)
            and (self.block_kinds is None or facts.block_kind in self.block_kinds)
            and (self.platforms is None or facts.platform in self.platforms)
        )


@dataclass(frozen=True)
class CaseFacts:
    """What the rules look at: where the case stands and what happened when."""

    status: CaseStatus
    block_kind: BlockKind
    platform: Platform
    decided_at: dt.datetime
    # In the order they happened; events at the same moment in the order they were recorded.
    events: Sequence[tuple[EventKind, dt.datetime]] = ()
    follow_up_on: dt.date | None = None
    # Months after the decision within which the case's chosen body takes a dispute.
    body_filing_months: int | None = None


@dataclass(frozen=True)
class Deadline:
    key: str
    due: dt.date | None
    started_at: dt.datetime | None
    informational: bool = False

    def action(self, tr: Translator | None = None) -> str:
        return action_label(self.key, tr)

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 January + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _due(rule: DeadlineRule, start: dt.datetime) -> dt.date | None:
    if not rule.has_period:
        return None
    return add_months(start.date(), rule.months) + dt.timedelta(days=rule.days)


def _start(rule: DeadlineRule, facts: CaseFacts) -> tuple[int, dt.datetime] | None:
    """Where the rule's clock starts: (position in the events, moment); -1 for the decision."""
    if not rule.starts_on:
        return -1, facts.decided_at
    started = [(i, at) for i, (kind, at) in enumerate(facts.events) if kind in rule.starts_on]
    return started[-1] if started else None


def _settled(rule: DeadlineRule, facts: CaseFacts, position: int, start: dt.datetime) -> bool:
    """Settled by a later event (later in time, or recorded later at the same moment)."""
    return any(
        kind in rule.settled_by and (at > start or (at == start and i > position))
        for i, (kind, at) in enumerate(facts.events)
    )


def open_deadlines(facts: CaseFacts, rules: Iterable[DeadlineRule] | None = None) -> list[Deadline]:
    """Every deadline still open for the case, the one due first at the front."""
    found: list[Deadline] = []
    for rule in deadline_rules() if rules is None else rules:
        if not rule.applies_to(facts):
            continue
        started = _start(rule, facts)
        if started is None or _settled(rule, facts, *started):
            continue
        start = started[1]
        anchor = start if rule.anchor == "event" else facts.decided_at
        found.append(Deadline(rule.key, _due(rule, anchor), start, rule.informational))
    if facts.follow_up_on is not None:
        found.append(Deadline(FOLLOW_UP_KEY, facts.follow_up_on, None))
    filed = any(kind is EventKind.OUT_OF_COURT_DISPUTE for kind, _at in facts.events)
    if facts.body_filing_months and not filed:
        due = add_months(facts.decided_at.date(), facts.body_filing_months)
        found.append(Deadline(BODY_FILING_KEY, due, facts.decided_at))
    # Dated deadlines first, earliest first; stable, so rule order breaks ties.
    return sorted(found, key=lambda d: (d.due is None, d.due or dt.date.max))


def next_deadline(deadlines: Sequence[Deadline]) -> Deadline | None:
    """The next action: the first thing to do, or else the first date worth knowing."""
    actions = [d for d in deadlines if not d.informational]
    candidates = actions or list(deadlines)
    return candidates[0] if candidates else None


def action_label(key: str | None, tr: Translator | None = None) -> str:
    """The short text of a next action as stored on a case (``next_action``)."""
    tr = tr or translator()
    if key is None:
        return ""
    if key == FOLLOW_UP_KEY:
        return tr.gettext(_FOLLOW_UP_ACTION)
    if key == BODY_FILING_KEY:
        return tr.gettext(_BODY_FILING_ACTION)
    rule = rule_by_key().get(key)
    return rule.action.text(tr.language) if rule else key


def _kinds(values: list[str]) -> frozenset[EventKind]:
    return frozenset(EventKind(v) for v in values)


@cache
def deadline_rules() -> tuple[DeadlineRule, ...]:
    rules = []
    for raw in load_resource("deadline_rules.toml")["rule"]:
        where = f"deadline_rules.toml rule {raw['key']}"
        rules.append(
            DeadlineRule(
                key=raw["key"],
                action=LocalText.parse(raw["action"], where),
                explanation=LocalText.parse(raw["explanation"], where),
                source=raw["source"],
                starts_on=_kinds(raw["starts_on"]),
                settled_by=_kinds(raw["settled_by"]),
                anchor=raw["anchor"],
                days=int(raw.get("days", 0)),
                months=int(raw.get("months", 0)),
                statuses=frozenset(CaseStatus(s) for s in raw["statuses"])
                if "statuses" in raw
                else None,
                block_kinds=frozenset(BlockKind(b) for b in raw["block_kinds"])
                if "block_kinds" in raw
                else None,
                platforms=frozenset(Platform(p) for p in raw["platforms"])
                if "platforms" in raw
                else None,
                informational=bool(raw.get("informational", False)),
            )
        )
    return tuple(rules)


@cache
def rule_by_key() -> dict[str, DeadlineRule]:
    return {rule.key: rule for rule in deadline_rules()}
