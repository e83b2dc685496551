"""The appeal dossier read back as a platform or a complaint body would receive it."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from appealdesk.domain.enums import EvidenceKind
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import ExportCancelled, export_dossier
from appealdesk.i18n import format_date
from appealdesk.services import cases, evidence
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.database import Database
from tests.images import jpeg_with_exif

HEADINGS = {
    "nl": [
        "Samenvatting van de blokkade",
        "Verzoek om een motivering",
        "Tijdlijn",
        "Contactlog",
        "Bewijs",
    ],
    "en": [
        "Summary of the block",
        "Request for a statement of reasons",
        "Timeline",
        "Contact log",
        "Evidence",
    ],
}


def case_id(db: Database, number: str = "TT-2026-0004") -> int:
    found = cases.find_case(db, number).case.id
    assert found is not None
    return found


def pdf_text(path: Path) -> str:
    """The words of the PDF as a reader copies them, one space between words."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def image_sizes(path: Path) -> list[tuple[int, int]]:
    """Width and height of every image embedded in the PDF (read from its dictionaries)."""
    sizes = []
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        objects = resources.get("/XObject") or {}
        for reference in objects.values():
            image = reference.get_object()
            if image.get("/Subtype") == "/Image":
                sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


def image_count(path: Path) -> int:
    return len(image_sizes(path))


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pdf_speaks_the_dossier_language(
    demo_db: Database, tmp_path: Path, language: str
) -> None:
    target = tmp_path / f"dossier-{language}.pdf"
    result = export_dossier(demo_db, case_id(demo_db), ExportOptions(language), target)
    text = pdf_text(target)
    for heading in HEADINGS[language]:
        assert heading in text, heading
    other = "en" if language == "nl" else "nl"
    assert HEADINGS[other][0] not in text
    if language == "nl":
        assert "Pagina 1 van" in text and "Tijdelijke schorsing" in text
    else:
        assert "Page 1 of" in text and "Temporary suspension" in text
    assert result.pages == len(PdfReader(target).pages) >= 6
    detail = cases.get_case(demo_db, case_id(demo_db))
    # The block's date as the language writes it ("1 november 2026"); the demo's dates are
    # made relative to today.
    assert format_date(detail.case.blocked_at, "long", language) in text
    # the demo's timeline and contact log, with the platform's reference numbers
    for reference in ("TT-APL-57730112", "CS-4471-2210"):
        assert reference in text
    for item in detail.evidence:
        assert (item.sha256 in text.replace(" ", "")) != item.sensitive
    # Read on another day, "in 5 days" would be wrong.
    assert detail.deadlines and not re.search(r"\b(in|over) \w+ (days?|dagen|dag)\b", text)
    # What the platform or a complaint body reads is the case, not our own working notes:
    # no status, next steps or advice, no block-sign checklist, no drafting note, no product.
    internal = {
        "nl": [
            "Status",
            "Volgende stap",
            "Vervolgstappen",
            "Signalen van de blokkade",
            "Opgesteld uit",
            "AppealDesk",
            "Niet nodig",
        ],
        "en": [
            "Status",
            "Next step",
            "Next steps",
            "Signs of the block",
            "Drafted from",
            "AppealDesk",
            "Not needed",
        ],
    }
    for words in internal[language]:
        assert words not in text, words
    # The guideline is the user's choice, from a summarised edition; the one in force is named.
    edition = {
        "nl": ("versie die geldt vanaf 13 september 2025",),
        "en": ("edition in force from 13 September 2025",),
    }
    flat = " ".join(text.split())
    for words in edition[language]:
        assert words in flat, words


def test_the_pdf_is_a_real_document(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en"), target)
    reader = PdfReader(target)
    assert reader.metadata is not None and reader.metadata.title == "Appeal dossier TT-2026-0004"
    page = reader.pages[0]
    assert (
        abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1
    )
    fonts = []
    for p in reader.pages:
        resources: Any = p["/Resources"]
        fonts += [font.get_object() for font in (resources.get("/Font") or {}).values()]
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
    assert b"<pdfaid:part>3</pdfaid:part>" in target.read_bytes()  # PDF/A-3


@pytest.mark.slow
def test_sensitive_evidence_is_left_out_unless_included(demo_db: Database, tmp_path: Path) -> None:
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en"), plain)
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en", include_sensitive=True), full)
    assert image_count(plain) == 2
    assert image_count(full) == 3
    assert "Protected copy" in pdf_text(full) and "Protected copy" not in pdf_text(plain)


def test_images_are_printed_at_print_resolution(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en", include_sensitive=True), target)
    sizes = image_sizes(target)
    assert sizes and all(max(size) <= 1300 for size in sizes)


def test_the_bundle_can_be_checked_file_by_file(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "bundle.zip"
    options = ExportOptions("nl", DossierFormat.BUNDLE, include_sensitive=True)
    result = export_dossier(demo_db, case_id(demo_db), options, target)
    with zipfile.ZipFile(target) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        names = set(bundle.namelist())
        assert {entry["path"] for entry in manifest["files"]} | {"manifest.json"} == names
        for entry in manifest["files"]:
            data = bundle.read(entry["path"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert len(data) == entry["size"]
        pdf = PdfReader(io.BytesIO(bundle.read("dossier.pdf")))
    assert manifest["language"] == "nl" and manifest["case"]["case_number"] == "TT-2026-0004"
    evidence_entries = [e for e in manifest["files"] if e["role"] == "evidence"]
    assert len(evidence_entries) == result.evidence_files == 3
    by_sha = {item.sha256: item for item in cases.get_case(demo_db, case_id(demo_db)).evidence}
    for entry in evidence_entries:
        item = by_sha[entry["original_sha256"]]
        assert entry["protected"] == item.sensitive
        if item.sensitive:  # a protected copy is never the original
            assert entry["sha256"] != item.sha256
    assert len(pdf.pages) == result.pages


def test_the_bundle_leaves_sensitive_files_out_by_default(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "bundle.zip"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en", DossierFormat.BUNDLE), target)
    with zipfile.ZipFile(target) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
    assert not any(entry.get("protected") for entry in manifest["files"])
    assert len([e for e in manifest["files"] if e["role"] == "evidence"]) == 2


def test_no_location_data_leaves_in_the_bundle(demo_db: Database, tmp_path: Path) -> None:
    number = "TT-2026-0003"
    photo = jpeg_with_exif({0x9003: b"2026:11:14 10:00:00"}, gps=True, width=400, height=300)
    item = import_bytes(demo_db, case_id(demo_db, number), photo, "photo.jpg").added[0]
    assert b"Exif" in photo
    target = tmp_path / "bundle.zip"
    export_dossier(
        demo_db, case_id(demo_db, number), ExportOptions("en", DossierFormat.BUNDLE), target
    )
    with zipfile.ZipFile(target) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        entry = next(e for e in manifest["files"] if e.get("original_sha256") == item.sha256)
        data = bundle.read(entry["path"])
    assert data[:2] == b"\xff\xd8"  # still a JPEG photo
    assert b"Exif" not in data and b"GPS" not in data


def test_chosen_evidence_only(demo_db: Database, tmp_path: Path) -> None:
    detail = cases.get_case(demo_db, case_id(demo_db))
    first = detail.evidence[0]
    assert first.id is not None
    evidence.update_evidence(demo_db, first.id, kind=EvidenceKind.OTHER)
    target = tmp_path / "one.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions("en", evidence_ids={first.id}), target)
    assert image_count(target) == 1


def test_a_cancelled_or_failed_export_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stop = lambda: True  # noqa: E731
    with pytest.raises(ExportCancelled):
        export_dossier(
            demo_db, case_id(demo_db), ExportOptions("en"), out / "d.pdf", should_stop=stop
        )
    assert list(out.iterdir()) == []
    from appealdesk.domain.errors import AppealDeskError

    with pytest.raises(AppealDeskError, match="does not exist"):
        export_dossier(demo_db, case_id(demo_db), ExportOptions("en"), tmp_path / "no" / "x.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_reference_numbers_are_never_split_across_lines(
    demo_db: Database, tmp_path: Path, language: str
) -> None:
    target = tmp_path / f"dossier-{language}.pdf"
    export_dossier(demo_db, case_id(demo_db), ExportOptions(language), target)
    lines = [
        line.rstrip()
        for page in PdfReader(target).pages
        for line in page.extract_text().splitlines()
    ]
    assert any("TT-APL-57730112" in line for line in lines)
    for reference in ("TT-APL-57730112", "CS-4471-2210", "TT-2026-0004"):
        cut_after = [reference[: i + 1] for i, char in enumerate(reference) if char == "-"]
        for line in lines:
            assert not any(line.endswith(part) for part in cut_after), line
