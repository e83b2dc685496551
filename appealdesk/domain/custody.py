"""The custody record of a piece of evidence: what an entry holds, its hash, and the check.

Each entry's hash is the SHA-256 of a canonical JSON (sorted keys, no spaces, UTF-8) of the
previous entry's hash, the item's id, the time, the action, its details and the item's
recorded facts at that point. The same functions serve the app's writes and the check of
rows read with plain ``sqlite3``, so a value changed behind the app's back shows up as a
difference, whichever way it was read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from appealdesk.domain.enums import CustodyAction
from appealdesk.domain.labels import label
from appealdesk.i18n import N_, _, translator

# The recorded facts of an item, in the order a difference is told.
FACT_NAMES: dict[str, str] = {
    "sha256": N_("SHA-256 of the original"),
    "size": N_("size"),
    "captured_at": N_("capture time"),
    "captured_offset": N_("time zone of the capture time"),
    "capture_source": N_("origin of the capture time"),
    "kind": N_("kind"),
    "redactions": N_("black-out areas"),
    "sensitive": N_("sensitive"),
    "no_blackout_confirmed_at": N_("confirmation that nothing needs blacking out"),
}


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def utc_stamp(moment: dt.datetime | None = None) -> str:
    """A moment (now by default) in UTC to the second, as an entry records it."""
    moment = moment or dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_value(value: object) -> Any:
    """A detail as JSON holds it: times in ISO 8601, choices by their stored value."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def _time_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):  # as SQLite holds it: "2026-11-12 13:03:00.000000"
        try:
            return dt.datetime.fromisoformat(value).isoformat()
        except ValueError:
            return value  # not a time the app writes: differs from any recorded one
    return value.isoformat() if isinstance(value, dt.datetime) else repr(value)


def recorded_facts(
    *,
    sha256: object,
    size: object,
    captured_at: object,
    captured_offset: object,
    capture_source: object,
    kind: object,
    redactions: object,
    sensitive: object,
    no_blackout_confirmed_at: object,
) -> dict[str, Any]:
    """The facts an entry records, from a row (read by the app or with plain ``sqlite3``)."""
    if isinstance(redactions, str):
        with contextlib.suppress(ValueError):  # else kept as text: it differs from any list
            redactions = json.loads(redactions)
    return {
        "sha256": sha256,
        "size": size,
        "captured_at": _time_text(captured_at),
        "captured_offset": captured_offset,
        "capture_source": json_value(capture_source),
        "kind": json_value(kind),
        "redactions": redactions,
        # What decides how an identity document leaves: flipped behind the app's back, it
        # would go out unprotected.
        "sensitive": bool(sensitive),
        "no_blackout_confirmed_at": _time_text(no_blackout_confirmed_at),
    }


def entry_hash(
    previous: str,
    evidence_id: int,
    recorded_at: str,
    action: str,
    details: Mapping[str, Any],
    facts: Mapping[str, Any],
) -> str:
    payload = {
        "previous": previous,
        "item": evidence_id,
        "time": recorded_at,
        "action": action,
        "details": details,
        "facts": facts,
    }
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredEntry:
    """A custody entry as its row holds it."""

    id: int
    evidence_id: int
    case_id: int
    recorded_at: str
    action: str
    details: str
    facts: str
    previous_hash: str
    entry_hash: str

    def computed_hash(self) -> str | None:
        """The hash its contents give now; None when they are not JSON any more."""
        try:
            details, facts = json.loads(self.details), json.loads(self.facts)
        except (TypeError, ValueError):
            return None
        return entry_hash(
            self.previous_hash, self.evidence_id, self.recorded_at, self.action, details, facts
        )


def action_name(action: str, language: str | None = None) -> str:
    """The translated name of a stored action; an unknown one as it is stored."""
    try:
        return label(CustodyAction(action), translator(language))
    except ValueError:
        return action


def _shown(value: object) -> str:
    return "—" if value is None else canonical_json(value)


def chain_problems(entries: Sequence[StoredEntry]) -> list[str]:
    """What is wrong with the entries of one item (in the order they were written)."""
    problems: list[str] = []
    previous = ""
    for number, entry in enumerate(entries, start=1):
        where = _("entry {number} ({action}, {time})").format(
            number=number, action=action_name(entry.action), time=entry.recorded_at
        )
        if entry.previous_hash != previous:
            problems.append(
                _(
                    "{entry} does not follow the entry before it (one was removed or changed)"
                ).format(entry=where)
            )
        if entry.computed_hash() != entry.entry_hash:
            problems.append(_("{entry} was changed after it was written").format(entry=where))
        previous = entry.entry_hash
    return problems


def item_problems(
    entries: Sequence[StoredEntry], facts: Mapping[str, Any] | None, head: str | None
) -> list[str]:
    """What differs between an item's custody record and the item (``facts`` None: the row
    is gone; ``head`` is the newest entry's hash as the item keeps it)."""
    problems = chain_problems(entries)
    if not entries:
        if facts is not None:
            problems.append(_("it has no custody record"))
        return problems
    last = entries[-1]
    if facts is None:
        if last.action != CustodyAction.REMOVED:
            problems.append(_("it was deleted without a custody entry"))
        return problems
    if last.action == CustodyAction.REMOVED:
        problems.append(_("it is there although its custody record says it was removed"))
    if head != last.entry_hash:
        problems.append(_("its newest custody entry is missing"))
    try:
        recorded = json.loads(last.facts)
    except (TypeError, ValueError):
        return problems  # told above: the entry was changed
    for name, shown_name in FACT_NAMES.items():
        if not isinstance(recorded, dict) or recorded.get(name) != facts.get(name):
            was = recorded.get(name) if isinstance(recorded, dict) else None
            problems.append(
                _("{fact}: {recorded} in the custody record, {now} now").format(
                    fact=_(shown_name), recorded=_shown(was), now=_shown(facts.get(name))
                )
            )
    return problems
