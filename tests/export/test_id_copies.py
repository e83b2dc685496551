"""Identity documents leave only as protected copies, and the dossier says what was done."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from appealdesk.domain.enums import EvidenceKind, Platform
from appealdesk.domain.evidence_rules import UnprotectedEvidenceError
from appealdesk.domain.models import EvidenceItem
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.i18n import format_date
from appealdesk.services import cases, evidence
from appealdesk.services.demo_images import specimen_id_card
from appealdesk.services.evidence_import import import_bytes, import_files
from appealdesk.services.protected_copy import save_copy
from appealdesk.store.database import Database
from tests.export.test_dossier import case_id, pdf_text

CASE = "TT-2026-0003"  # a demo case without identity documents
CONFIRMED_AT = dt.datetime(2026, 12, 5, 14, 30)
AREAS = [[0.3, 0.5, 0.3, 0.08], [0.3, 0.6, 0.3, 0.08], [0.03, 0.75, 0.9, 0.2]]
SAID = {
    "en": {
        "confirmed": "Watermarked as a copy for this appeal; no areas blacked out, as confirmed "
        "on 5 December 2026.",
        "areas": "Watermarked as a copy for this appeal; 3 areas blacked out.",
        "untrue": "details blacked out",
    },
    "nl": {
        "confirmed": "Met een watermerk gemarkeerd als kopie voor dit bezwaar; niets afgedekt, "
        "zoals bevestigd op 5 december 2026.",
        "areas": "Met een watermerk gemarkeerd als kopie voor dit bezwaar; 3 vlakken afgedekt.",
        "untrue": "gegevens afgedekt",
    },
}


def add_id(db: Database, title: str = "Identity card") -> EvidenceItem:
    """An ID card added with the identity document kind, as the command line does."""
    data = specimen_id_card("Lotte de Vries", "01-01-1990", "123456782", "SPECI2026")
    item = import_bytes(
        db, case_id(db, CASE), data, "id-front.png", kind=EvidenceKind.ID_DOCUMENT
    ).added[0]
    assert item.id is not None and item.sensitive and item.include_in_dossier
    return evidence.update_evidence(db, item.id, title=title)


def write_pdf(path: Path, text: str = "IDENTITEITSKAART BSN 123456782") -> Path:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    painter = QPainter(writer)
    painter.drawText(100, 100, text)
    painter.end()
    return path


def manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as bundle:
        loaded: dict[str, Any] = json.loads(bundle.read("manifest.json"))
    return loaded


def evidence_entries(path: Path) -> list[dict[str, Any]]:
    return [entry for entry in manifest(path)["files"] if entry["role"] == "evidence"]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("suffix", [".pdf", ".zip"])
def test_an_id_without_black_out_areas_or_confirmation_is_refused(
    demo_db: Database, tmp_path: Path, suffix: str
) -> None:
    add_id(demo_db)
    target = tmp_path / f"dossier{suffix}"
    fmt = DossierFormat.PDF if suffix == ".pdf" else DossierFormat.BUNDLE
    options = ExportOptions("en", fmt, include_sensitive=True)
    with pytest.raises(UnprotectedEvidenceError) as refused:
        export_dossier(demo_db, case_id(demo_db, CASE), options, target)
    message = refused.value.message
    assert "“Identity card” has no black-out areas yet" in message
    assert "Black out…" in message and "nothing to black out" in message
    assert "Nothing was exported" in message and "\n" not in message
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("dossier")]


def test_without_identity_documents_the_export_goes_on_and_does_not_name_it(
    demo_db: Database, tmp_path: Path
) -> None:
    item = add_id(demo_db)
    target = tmp_path / "dossier.zip"
    export_dossier(
        demo_db, case_id(demo_db, CASE), ExportOptions("en", DossierFormat.BUNDLE), target
    )
    assert item.sha256 not in {e["original_sha256"] for e in evidence_entries(target)}
    with zipfile.ZipFile(target) as bundle:
        (target.parent / "inner.pdf").write_bytes(bundle.read("dossier.pdf"))
    assert "Identity card" not in pdf_text(target.parent / "inner.pdf")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_confirmed_id_says_nothing_was_blacked_out_and_when_that_was_confirmed(
    demo_db: Database, tmp_path: Path, language: str
) -> None:
    item = add_id(demo_db)
    assert item.id is not None
    evidence.update_evidence(demo_db, item.id, no_blackout_confirmed_at=CONFIRMED_AT)
    pdf, bundle = tmp_path / "dossier.pdf", tmp_path / "dossier.zip"
    number = case_id(demo_db, CASE)
    export_dossier(demo_db, number, ExportOptions(language, include_sensitive=True), pdf)
    text = flat(pdf_text(pdf))
    assert SAID[language]["confirmed"] in text
    assert SAID[language]["untrue"] not in text.lower()
    options = ExportOptions(language, DossierFormat.BUNDLE, include_sensitive=True)
    export_dossier(demo_db, number, options, bundle)
    (entry,) = [e for e in evidence_entries(bundle) if e["original_sha256"] == item.sha256]
    assert entry["protected"] is True and entry["sha256"] != item.sha256
    assert entry["protection"]["areas_blacked_out"] == 0
    assert entry["protection"]["nothing_to_black_out_confirmed_at"] == "2026-12-05T14:30:00"
    assert SAID[language]["confirmed"] in entry["protection"]["description"]
    assert format_date(CONFIRMED_AT, "long", language) in entry["protection"]["description"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_areas_drawn_are_counted_on_the_page_and_in_the_manifest(
    demo_db: Database, tmp_path: Path, language: str
) -> None:
    item = add_id(demo_db)
    assert item.id is not None
    evidence.update_evidence(demo_db, item.id, redactions=AREAS)
    pdf, bundle = tmp_path / "dossier.pdf", tmp_path / "dossier.zip"
    number = case_id(demo_db, CASE)
    export_dossier(demo_db, number, ExportOptions(language, include_sensitive=True), pdf)
    text = flat(pdf_text(pdf))
    assert SAID[language]["areas"] in text and SAID[language]["untrue"] not in text.lower()
    options = ExportOptions(language, DossierFormat.BUNDLE, include_sensitive=True)
    export_dossier(demo_db, number, options, bundle)
    entries = evidence_entries(bundle)
    (entry,) = [e for e in entries if e["original_sha256"] == item.sha256]
    assert entry["protection"]["areas_blacked_out"] == 3
    assert entry["protection"]["nothing_to_black_out_confirmed_at"] is None
    assert SAID[language]["areas"] in entry["protection"]["description"]
    for each in entries:  # a sensitive item is never sent unprotected
        assert each["protected"] == (each["kind"] in ("id_document", "selfie_with_id"))


def test_areas_replace_the_confirmation_and_removing_them_all_needs_a_new_one(
    demo_db: Database, tmp_path: Path
) -> None:
    item = add_id(demo_db)
    assert item.id is not None
    evidence.update_evidence(demo_db, item.id, no_blackout_confirmed_at=CONFIRMED_AT)
    drawn = evidence.update_evidence(demo_db, item.id, redactions=AREAS[:1])
    assert drawn.no_blackout_confirmed_at is None
    cleared = evidence.update_evidence(demo_db, item.id, redactions=[])
    assert cleared.redactions == [] and cleared.no_blackout_confirmed_at is None
    options = ExportOptions("en", include_sensitive=True)
    with pytest.raises(UnprotectedEvidenceError):
        export_dossier(demo_db, case_id(demo_db, CASE), options, tmp_path / "dossier.pdf")
    with pytest.raises(UnprotectedEvidenceError, match="The copy was not saved"):
        save_copy(demo_db, item.id, tmp_path / "id.png", platform=Platform.TIKTOK, language="en")
    assert not (tmp_path / "dossier.pdf").exists() and not (tmp_path / "id.png").exists()


def test_the_demo_id_with_its_three_areas_says_so(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en", include_sensitive=True), target)
    assert SAID["en"]["areas"] in flat(pdf_text(target))


def test_an_id_pdf_is_refused_when_added_as_an_identity_document(
    demo_db: Database, tmp_path: Path
) -> None:
    path = write_pdf(tmp_path / "passport.pdf")
    report = import_files(demo_db, case_id(demo_db, CASE), [path], kind=EvidenceKind.ID_DOCUMENT)
    assert report.added == []
    (rejection,) = report.rejected
    assert rejection.name == "passport.pdf"
    assert "add a photo or scan of the document instead" in rejection.reason
    assert not demo_db.evidence.exists(hashlib.sha256(path.read_bytes()).hexdigest())
    shown = cases.get_case(demo_db, case_id(demo_db, CASE)).evidence
    assert "passport.pdf" not in [e.original_name for e in shown]


@pytest.mark.parametrize("fmt", [DossierFormat.PDF, DossierFormat.BUNDLE])
def test_an_id_pdf_already_in_a_case_never_leaves(
    demo_db: Database, tmp_path: Path, fmt: DossierFormat
) -> None:
    number = case_id(demo_db, CASE)
    (item,) = import_files(demo_db, number, [write_pdf(tmp_path / "passport.pdf")]).added
    assert item.id is not None
    item = evidence.update_evidence(
        demo_db, item.id, kind=EvidenceKind.ID_DOCUMENT, no_blackout_confirmed_at=CONFIRMED_AT
    )
    assert item.sensitive and item.id is not None
    target = tmp_path / f"dossier.{fmt.value}"
    with pytest.raises(UnprotectedEvidenceError, match="add a photo or scan"):
        export_dossier(demo_db, number, ExportOptions("en", fmt, include_sensitive=True), target)
    assert not target.exists()
    with pytest.raises(UnprotectedEvidenceError):
        save_copy(demo_db, item.id, tmp_path / "copy.pdf", platform=Platform.TIKTOK, language="en")
    assert not (tmp_path / "copy.pdf").exists()
    bundle = tmp_path / "plain.zip"
    export_dossier(demo_db, number, ExportOptions("en", DossierFormat.BUNDLE), bundle)
    assert item.sha256 not in {e["original_sha256"] for e in evidence_entries(bundle)}
