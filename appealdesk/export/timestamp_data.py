"""The trusted time stamps a dossier names per piece of evidence: by whom, at what time.

Plain facts for the template (the authority's host name and the token's time in UTC); the
tokens themselves travel in the bundle, beside the originals they cover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from appealdesk.domain.models import EvidenceItem
from appealdesk.export.dossier_runs import Run
from appealdesk.i18n import format_datetime, translator
from appealdesk.services.timestamps import timestamps_of
from appealdesk.services.tsa_addresses import host_of
from appealdesk.store.database import Database


@dataclass(frozen=True)
class StampFact:
    authority: str  # the host name of the authority
    stamped_at_utc: dt.datetime


def stamp_facts(db: Database, evidence: Sequence[EvidenceItem]) -> dict[int, tuple[StampFact, ...]]:
    """The granted time stamps of each item (pending ones are no fact yet)."""
    rows = timestamps_of(db, [item.id for item in evidence if item.id is not None])
    return {
        item_id: tuple(
            StampFact(host_of(row.authority_url), row.stamped_at_utc)
            for row in found
            if row.response is not None and row.stamped_at_utc is not None
        )
        for item_id, found in rows.items()
    }


def stamp_row(
    language: str, item: EvidenceItem, facts: Mapping[int, tuple[StampFact, ...]]
) -> tuple[str, list[Run]] | None:
    """``Time stamp: time-stamped by <host> at <time> UTC``, one line per authority."""
    stamps = facts.get(item.id or 0, ())
    if not stamps:
        return None
    _ = translator(language).gettext
    runs: list[Run] = []
    for fact in stamps:
        if runs:
            runs.append({"br": True})
        runs.append(
            _("time-stamped by {authority} at {time} UTC").format(
                authority=fact.authority,
                time=format_datetime(fact.stamped_at_utc, "long", language),
            )
        )
    return _("Trusted time stamp"), runs
