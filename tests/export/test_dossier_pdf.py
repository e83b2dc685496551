"""The dossier PDF read back with the tools a platform, a lawyer or a complaint body has:
PDF/A and tags, language, outline and contents, links, page footers, the attached evidence
files checked against the SHA-256 the dossier prints, and pictures without metadata."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.content import ExportOptions, gather
from appealdesk.export.dossier import ExportCancelled, export_dossier, render_pages
from appealdesk.export.print_cache import PrintCache
from appealdesk.services import cases, protected_copy
from appealdesk.services.evidence_import import import_bytes
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.export.test_dossier import case_id
from tests.images import jpeg_with_exif

pytestmark = pytest.mark.usefixtures("qapp")

SECTIONS = {
    "nl": [
        "Samenvatting van de blokkade",
        "Motivering (DSA art. 17)",
        "De betreffende richtlijn",
        "Bijlagen",
        "Verzoek om een motivering",
        "Tijdlijn",
        "Contactlog",
        "Checklists",
        "Bewijs",
    ],
    "en": [
        "Summary of the block",
        "Statement of reasons (DSA art. 17)",
        "The guideline concerned",
        "Exhibits",
        "Request for a statement of reasons",
        "Timeline",
        "Contact log",
        "Checklists",
        "Evidence",
    ],
}
PAGE_OF = {"nl": "Pagina {page} van {pages}", "en": "Page {page} of {pages}"}


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def detached(path: Path, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(folder), str(path)], check=True)
    return {file.name: file.read_bytes() for file in folder.iterdir()}


def embedded_images(path: Path) -> list[bytes]:
    """The stored bytes of every picture drawn on the pages (in forms too), each once."""
    found: dict[int, bytes] = {}

    def walk(resources: Any) -> None:
        for reference in (resources.get("/XObject") or {}).values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Image":
                found[reference.idnum] = xobject._data  # as stored: JPEG stays JPEG
            elif xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                walk(xobject["/Resources"])

    for page in PdfReader(path).pages:
        walk(page["/Resources"])
    return list(found.values())


def _jpeg_segments(data: bytes) -> set[int]:
    """The markers of a JPEG's segments before its image data."""
    markers, position = set(), 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:
            break
        markers.add(marker)
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return markers


def _export(db: Database, target: Path, language: str = "en", **options: Any) -> Path:
    export_dossier(db, case_id(db), ExportOptions(language, **options), target)
    return target


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> dict[str, Path]:
    """The demo's dossier in both languages, made once for the read-only tests below."""
    folder = tmp_path_factory.mktemp("dossiers")
    database = folder / "demo.db"
    shutil.copyfile(demo_template, database)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(database))
    db = open_workspace(database)
    try:
        return {
            language: _export(db, folder / f"{language}.pdf", language) for language in SECTIONS
        }
    finally:
        db.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pdf_a_tagged_with_its_language_and_title(dossiers: dict[str, Path], language: str) -> None:
    path = dossiers[language]
    info = pdfinfo(path)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    title = {"nl": "Bezwaardossier TT-2026-0004", "en": "Appeal dossier TT-2026-0004"}[language]
    assert re.search(rf"^Title:\s+{title}$", info, re.MULTILINE)
    assert re.search(r"^Author:\s+Studio Noorderlicht$", info, re.MULTILINE)
    catalog: Any = PdfReader(path).trailer["/Root"]
    assert catalog["/Lang"] == language
    xmp = path.read_bytes()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"<pdfaid:conformance>A</pdfaid:conformance>" in xmp


@pytest.mark.parametrize("language", ["nl", "en"])
def test_one_bookmark_per_section_and_contents_with_page_numbers(
    dossiers: dict[str, Path], language: str
) -> None:
    reader = PdfReader(dossiers[language])
    outline: list[Any] = list(reader.outline)
    assert not any(isinstance(entry, list) for entry in outline)  # sections only
    titles = [entry.title for entry in outline]
    assert titles == [f"{n}. {t}" for n, t in enumerate(SECTIONS[language], start=1)]
    cover = " ".join(pdftotext(dossiers[language], "-f", "1", "-l", "1").split())
    for entry in outline:
        page = (reader.get_destination_page_number(entry) or 0) + 1
        # the contents on the cover: "3. The guideline concerned ........ 2"
        assert re.search(re.escape(entry.title) + "[ .\u2060]*" + str(page) + r"\b", cover), entry


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_has_its_footer_and_none_is_empty(
    dossiers: dict[str, Path], language: str
) -> None:
    reader = PdfReader(dossiers[language])
    pages = len(reader.pages)
    assert pages >= 6
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        footer = PAGE_OF[language].format(page=number, pages=pages)
        assert footer in text and "TT-2026-0004" in text
        rest = text.replace(footer, "").replace("TT-2026-0004", "").strip()
        resources: Any = page["/Resources"]
        assert len(rest) > 40 or resources.get("/XObject"), f"page {number} is empty"


def test_the_contents_link_to_the_sections(dossiers: dict[str, Path]) -> None:
    reader = PdfReader(dossiers["en"])
    annotations = [a.get_object() for a in reader.pages[0].get("/Annots") or []]
    internal = [
        a for a in annotations if a.get("/Subtype") == "/Link" and "/URI" not in a.get("/A", {})
    ]
    assert len(internal) >= len(SECTIONS["en"])


def test_a_web_address_in_the_text_is_a_link(demo_db: Database, tmp_path: Path) -> None:
    url = "https://www.tiktok.com/legal/page/eu/terms-of-service/en"
    cases.update_case(demo_db, case_id(demo_db), user_statement=f"The rules ({url}) allow it.")
    reader = PdfReader(_export(demo_db, tmp_path / "d.pdf"))
    uris = [
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert url in uris


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_hash_is_on_one_line(
    dossiers: dict[str, Path], demo_db: Database, language: str
) -> None:
    lines = pdftotext(dossiers[language]).splitlines()
    shown = [i for i in cases.get_case(demo_db, case_id(demo_db)).evidence if not i.sensitive]
    assert shown
    for item in shown:
        assert any(item.sha256 in line for line in lines), item.sha256
        for line in lines:  # no line holds a piece of it without the whole
            if item.sha256[:12] in line or item.sha256[-12:] in line:
                assert item.sha256 in line, line


def test_the_attached_files_are_the_originals(
    dossiers: dict[str, Path], demo_db: Database, tmp_path: Path
) -> None:
    files = detached(dossiers["nl"], tmp_path / "files")
    shown = [i for i in cases.get_case(demo_db, case_id(demo_db)).evidence if not i.sensitive]
    assert sorted(hashlib.sha256(data).hexdigest() for data in files.values()) == sorted(
        item.sha256 for item in shown
    )
    text = pdftotext(dossiers["nl"])
    for item in shown:
        assert item.sha256 in text
    reader = PdfReader(dossiers["nl"])
    catalog: Any = reader.trailer["/Root"]
    specs = catalog["/AF"]
    for spec in specs:
        spec = spec.get_object()
        assert spec["/AFRelationship"] == "/Source" and spec["/Desc"]
        stream = spec["/EF"]["/F"].get_object()
        assert stream["/Subtype"] in ("/image#2Fpng", "/image/png", "/image#2Fjpeg", "/image/jpeg")


@pytest.mark.slow
def test_sensitive_evidence_goes_in_as_its_protected_copy_only_when_included(
    demo_db: Database, tmp_path: Path
) -> None:
    sensitive = [i for i in cases.get_case(demo_db, case_id(demo_db)).evidence if i.sensitive]
    assert sensitive
    plain = detached(_export(demo_db, tmp_path / "plain.pdf"), tmp_path / "plain")
    full_pdf = _export(demo_db, tmp_path / "full.pdf", include_sensitive=True)
    full = detached(full_pdf, tmp_path / "full")
    digests = {hashlib.sha256(data).hexdigest() for data in full.values()}
    assert len(full) == len(plain) + len(sensitive)
    assert not {item.sha256 for item in sensitive} & digests  # never the original
    copies = [name for name in full if name.endswith("-copy.png") or name.endswith("-copy.jpg")]
    assert len(copies) == len(sensitive)
    text = pdftotext(full_pdf)
    assert "The protected copy, not the original." in text
    for name in copies:
        assert hashlib.sha256(full[name]).hexdigest() in text  # the copy's own SHA-256


def test_a_photo_with_location_data_goes_in_without_it(demo_db: Database, tmp_path: Path) -> None:
    photo = jpeg_with_exif({0x9003: b"2026:11:14 10:00:00"}, gps=True, width=400, height=300)
    item = import_bytes(demo_db, case_id(demo_db), photo, "photo.jpg").added[0]
    pdf = _export(demo_db, tmp_path / "d.pdf")
    pictures = embedded_images(pdf)
    assert pictures
    for data in pictures:  # the pictures on the pages, as stored: no EXIF, no APP1 segment
        assert b"Exif" not in data and b"GPS" not in data
        if data.startswith(b"\xff\xd8"):
            assert _jpeg_segments(data).isdisjoint({0xE1})
    files = detached(pdf, tmp_path / "files")
    assert item.sha256 not in {hashlib.sha256(data).hexdigest() for data in files.values()}
    copy = next(data for name, data in files.items() if name.endswith("-photo-copy.jpg"))
    assert b"Exif" not in copy and b"GPS" not in copy
    text = " ".join(pdftotext(pdf).split())
    assert "A copy without the location data the original holds" in text
    assert hashlib.sha256(copy).hexdigest() in text
    # Later exports take the finding from the prepared pictures, or look again where an
    # older version's entry does not say.
    cache = PrintCache(demo_db)
    (entry,) = [e for e in cache.folder.glob("*/entry.json") if item.sha256 in e.read_text()]
    assert json.loads(entry.read_text())["location"] is True
    for name in ("again.pdf", "older-entry.pdf"):
        files = detached(_export(demo_db, tmp_path / name), tmp_path / name.removesuffix(".pdf"))
        assert item.sha256 not in {hashlib.sha256(data).hexdigest() for data in files.values()}
        assert any(name.endswith("-photo-copy.jpg") for name in files)
        described = json.loads(entry.read_text())
        described.pop("location", None)  # as an entry of an older version
        entry.write_text(json.dumps(described))


def _pdf_document(folder: Path, pages: int) -> bytes:
    """A letter of ``pages`` pages, as Qt writes a PDF."""
    target = folder / "letter.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(400, 400, f"Letter from the platform, page {page + 1}")
    painter.end()
    return target.read_bytes()


@pytest.mark.parametrize(
    ("pages", "said"), [(1, "All pages of the document (1)."), (3, "The first 2 pages")]
)
def test_a_pdf_shows_its_first_pages_and_goes_in_whole(
    demo_db: Database, tmp_path: Path, pages: int, said: str
) -> None:
    data = _pdf_document(tmp_path, pages)
    item = import_bytes(demo_db, case_id(demo_db), data, "letter.pdf").added[0]
    pdf = _export(demo_db, tmp_path / "d.pdf")
    text = " ".join(pdftotext(pdf).split())
    assert said in text
    assert "Letter from the platform, page 1" not in text  # pictures of the pages, not text
    assert len(embedded_images(pdf)) == 2 + min(
        pages, 2
    )  # the demo's two screenshots and the pages
    files = detached(pdf, tmp_path / "files")
    assert data in files.values() and hashlib.sha256(data).hexdigest() == item.sha256
    again = _export(demo_db, tmp_path / "again.pdf")  # the pages' pictures from the cache
    assert said in " ".join(pdftotext(again).split())


def test_a_second_export_reuses_the_prepared_pictures(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _export(demo_db, tmp_path / "first.pdf")
    made: list[object] = []
    original = protected_copy.evidence_image

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(protected_copy, "evidence_image", counted)
    _export(demo_db, tmp_path / "second.pdf")
    assert made == []
    # The same dossier, whose custody records now name the first export.
    first, second = pdftotext(tmp_path / "first.pdf"), pdftotext(tmp_path / "second.pdf")
    assert "first.pdf" in second and "first.pdf" not in first


def test_deleted_evidence_leaves_no_prepared_copy(demo_db: Database, tmp_path: Path) -> None:
    _export(demo_db, tmp_path / "d.pdf")
    cache = PrintCache(demo_db)
    entries = list(cache.folder.iterdir())
    assert entries
    item = next(i for i in cases.get_case(demo_db, case_id(demo_db)).evidence if not i.sensitive)
    stored = demo_db.evidence.path_for(item.sha256)
    stored.chmod(0o600)
    stored.unlink()  # as the store's collection does once nothing refers to it
    assert cache.prune() == 1
    assert len(list(cache.folder.iterdir())) == len(entries) - 1


def test_the_preview_pages_are_the_dossier_pages(
    demo_db: Database, dossiers: dict[str, Path]
) -> None:
    content = gather(demo_db, case_id(demo_db), ExportOptions("nl"))
    pages = render_pages(demo_db, content, ppi=30)
    assert len(pages) == len(PdfReader(dossiers["nl"]).pages)
    assert all(page.startswith(b"\x89PNG\r\n\x1a\n") for page in pages)


def test_a_cancel_during_typesetting_is_answered_at_once(demo_db: Database, tmp_path: Path) -> None:
    asked: list[float] = []

    def progress(_done: int, _total: int, text: str) -> None:
        if text == "Writing the PDF…" and not asked:
            asked.append(time.monotonic())

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_dossier(
            demo_db,
            case_id(demo_db),
            ExportOptions("en"),
            folder / "d.pdf",
            progress=progress,
            should_stop=lambda: bool(asked),
        )
    assert time.monotonic() - asked[0] < 1.0
    assert list(folder.iterdir()) == []


def test_a_damaged_original_is_not_attached(demo_db: Database, tmp_path: Path) -> None:
    _export(demo_db, tmp_path / "first.pdf")  # the pictures are cached: only the PDF reads it
    item = next(i for i in cases.get_case(demo_db, case_id(demo_db)).evidence if not i.sensitive)
    stored = demo_db.evidence.path_for(item.sha256)
    stored.chmod(0o600)
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(AppealDeskError, match="damaged"):
        _export(demo_db, tmp_path / "second.pdf")
    assert not (tmp_path / "second.pdf").exists()
