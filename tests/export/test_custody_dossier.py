"""The dossier states each item's provenance and prints its custody record; the bundle
carries the record as JSON whose hashes anyone can recompute."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from appealdesk.domain.custody import canonical_json
from appealdesk.domain.enums import CustodyAction, EvidenceSource
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.services import cases, custody, evidence
from appealdesk.store.database import Database
from tests.export.test_dossier_pdf import case_id, pdftotext

UTC_PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def _first_shown(db: Database) -> int:
    item = next(i for i in cases.get_case(db, case_id(db)).evidence if i.include_in_dossier)
    assert item.id is not None and not item.sensitive
    evidence.update_evidence(
        db,
        item.id,
        source=EvidenceSource.WEB_PAGE,
        source_url="https://www.tiktok.com/@zoe.bakt/video/7",
        device="Pixel 8, TikTok-app",
        captured_at=dt.datetime(2026, 11, 12, 14, 3, tzinfo=UTC_PLUS_ONE),
    )
    return item.id


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", ["12 Nov 2026 14:03 (UTC+01:00), entered by hand", "Custody record"]),
        ("nl", ["12 nov 2026 14:03 (UTC+01:00)"]),
    ],
)
def test_the_pdf_states_provenance_and_the_custody_record(
    demo_db: Database, tmp_path: Path, language: str, said: list[str]
) -> None:
    item_id = _first_shown(demo_db)
    first = tmp_path / "eerste.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions(language), first)
    second = tmp_path / "tweede.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions(language), second)
    text = " ".join(pdftotext(second).split())
    for words in said:
        assert words in text
    assert "https://www.tiktok.com/@zoe.bakt/video/7" in text and "Pixel 8, TikTok-app" in text
    entries = custody.custody_records(demo_db, [item_id])[item_id]
    assert entries[-2].action is CustodyAction.EXPORTED  # each export, once it was whole
    assert json.loads(entries[-2].details) == {
        "file": "eerste.pdf",
        "sha256": hashlib.sha256(first.read_bytes()).hexdigest(),
    }
    assert entries[-2].entry_hash[:16] in text  # the first export, printed in the second
    assert entries[-1].entry_hash[:16] not in text


def test_the_bundle_carries_the_custody_record_as_json(demo_db: Database, tmp_path: Path) -> None:
    item_id = _first_shown(demo_db)
    target = tmp_path / "dossier.zip"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en", DossierFormat.BUNDLE), target)
    with zipfile.ZipFile(target) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        data = bundle.read("custody.json")
    listed = next(f for f in manifest["files"] if f["path"] == "custody.json")
    assert listed["sha256"] == hashlib.sha256(data).hexdigest()
    record = json.loads(data)
    item = next(i for i in record["items"] if i["evidence_id"] == item_id)
    assert item["path"].startswith("evidence/")
    stored = custody.custody_records(demo_db, [item_id])[item_id][:-1]  # not this export's
    assert [e["hash"] for e in item["entries"]] == [e.entry_hash for e in stored]
    previous = ""
    for entry in item["entries"]:  # as a recipient checks it, from the JSON alone
        payload = {
            "previous": previous,
            "item": item["evidence_id"],
            "time": entry["time"],
            "action": entry["action"],
            "details": entry["details"],
            "facts": entry["facts"],
        }
        assert entry["previous_hash"] == previous
        assert hashlib.sha256(canonical_json(payload).encode()).hexdigest() == entry["hash"]
        previous = entry["hash"]
    assert item["entries"][-1]["facts"]["captured_offset"] == 60
