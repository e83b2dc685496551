"""The custody records of a bundle's evidence as JSON (``custody.json``), for anyone to check.

Each entry's ``hash`` is the SHA-256 of the canonical JSON (keys sorted, no spaces, UTF-8) of
``{"previous": previous_hash, "item": evidence_id, "time": time, "action": action,
"details": details, "facts": facts}``; ``previous_hash`` is that of the entry before it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from appealdesk.domain.models import EvidenceItem
from appealdesk.export.content import DossierContent

CUSTODY_PATH = "custody.json"
CUSTODY_FORMAT = "appealdesk-custody-record"
HASHED = (
    'SHA-256 of the canonical JSON (sorted keys, separators "," and ":", UTF-8) of '
    '{"previous": previous_hash, "item": evidence_id, "time": time, "action": action, '
    '"details": details, "facts": facts}'
)


def custody_json(content: DossierContent, exhibits: Sequence[tuple[str, EvidenceItem]]) -> bytes:
    """The record of each item, given as (its path in the bundle, the item)."""
    items: list[dict[str, Any]] = []
    for path, item in exhibits:
        entries = content.custody.get(item.id or 0, ())
        items.append(
            {
                "path": path,
                "evidence_id": item.id,
                "entries": [
                    {
                        "time": entry.recorded_at,
                        "action": entry.action.value,
                        "details": json.loads(entry.details),
                        "facts": json.loads(entry.facts),
                        "previous_hash": entry.previous_hash,
                        "hash": entry.entry_hash,
                    }
                    for entry in entries
                ],
            }
        )
    record = {"format": CUSTODY_FORMAT, "format_version": 1, "hash": HASHED, "items": items}
    return json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8")
