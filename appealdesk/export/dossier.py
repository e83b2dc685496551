"""Exporting the appeal dossier of a case: a PDF, or a bundle with the PDF and the evidence.

The dossier is typeset by Typst from ``resources/dossier/`` and the data of
:mod:`appealdesk.export.dossier_data`: a tagged PDF/A-3 with the evidence files attached.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from appealdesk.export.attachments import Attachment, plan_attachments, write_pdf
from appealdesk.export.cancel import ExportCancelled, stop_if_asked
from appealdesk.export.content import DossierContent, DossierFormat, ExportOptions, gather
from appealdesk.export.dossier_data import dossier_data, dossier_title, identifiers
from appealdesk.export.files import check_target, check_zip, pdf_pages, replacing
from appealdesk.export.print_cache import PrintCache
from appealdesk.export.print_images import PrintedEvidence, prepare_evidence
from appealdesk.export.result import ExportResult, record_export
from appealdesk.export.typesetting import (
    PDF_STANDARD,
    PicturePreload,
    compile_typst,
    picture_file,
    source_files,
)
from appealdesk.i18n import N_, translator
from appealdesk.store.database import Database
from appealdesk.store.work_folder import work_item

__all__ = [
    "ExportCancelled",
    "ExportResult",
    "dossier_title",
    "export_dossier",
    "identifiers",
    "record_export",
    "render_pages",
]

Progress = Callable[[int, int, str], None]
STEPS = 1000  # progress is reported in thousandths: evidence, typesetting, then the bundle
PREVIEW_PPI = 48.0


def export_dossier(
    db: Database,
    case_id: int,
    options: ExportOptions,
    target: Path,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    record: bool = True,
) -> ExportResult:
    """Writes the dossier to ``target``; a failure or a cancel leaves no file behind.

    Once the file is whole, each piece of evidence in it gets its ``exported`` custody entry;
    with ``record`` False the caller writes them (the window does, from its own process, so
    its commit is not taken for a change made elsewhere)."""
    check_target(target)
    stop = should_stop or (lambda: False)
    report = progress or (lambda _done, _total, _text: None)
    content = gather(db, case_id, options)
    tr = translator(options.language)
    count = max(1, len(content.evidence))
    preparing = tr.gettext(N_("Preparing evidence…"))
    report(0, STEPS, preparing)
    printed = prepare_evidence(
        db,
        content,
        should_stop=stop,
        on_item=lambda n: report(n * 600 // count, STEPS, preparing),
    )
    preload = _preload(db, printed)
    attachments = plan_attachments(db, content, printed, should_stop=stop)
    stop_if_asked(stop)

    replaced: set[str] = set()

    def pdf_to(path: Path) -> tuple[int, str]:
        """The PDF's pages and the SHA-256 of the file."""
        report(600, STEPS, tr.gettext(N_("Writing the PDF…")))
        data = _typeset(
            db,
            content,
            printed,
            attachments,
            output="pdf",
            should_stop=stop,
            replaced=replaced,
            preload=preload,
        )[0]
        sha256 = write_pdf(path, data, attachments, should_stop=stop)
        return pdf_pages(path), sha256

    with replacing(target) as temporary:
        if options.format is DossierFormat.PDF:
            pages, sha256 = pdf_to(temporary)
            files = 0
        else:
            from appealdesk.export.bundle import write_bundle  # with its time-stamp checks

            with _bundle_pdf(db, temporary) as pdf:
                pages = pdf_to(pdf)[0]
                stop_if_asked(stop)
                written = write_bundle(
                    temporary,
                    pdf,
                    db,
                    content,
                    [evidence.item for evidence in printed],
                    on_file=lambda n, total: report(
                        900 + n * 100 // max(1, total),
                        STEPS,
                        tr.gettext(N_("Adding the evidence files…")),
                    ),
                )
                check_zip(temporary, written.members)
                files = written.evidence_files
            sha256 = _sha256_of(temporary)
        stop_if_asked(stop)
    result = ExportResult(
        target,
        options.format,
        options.language,
        pages,
        files,
        tuple(sorted(replaced)),
        sha256,
        tuple(e.item.id for e in printed if e.item.id is not None),
    )
    if record:
        record_export(db, result)
    report(STEPS, STEPS, "")
    return result


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as written:
        for block in iter(lambda: written.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render_pages(
    db: Database,
    content: DossierContent,
    *,
    ppi: float = PREVIEW_PPI,
    should_stop: Callable[[], bool] | None = None,
) -> list[bytes]:
    """The dossier's pages as PNG pictures (``ppi`` pixels per inch), for a preview.

    The same typesetting as the export, without the attached files. Safe off the UI thread;
    the pictures prepared on the way are cached, so the export that follows is quicker.
    """
    printed = prepare_evidence(db, content, should_stop=should_stop)
    return _typeset(db, content, printed, (), output="png", ppi=ppi, should_stop=should_stop)


def _typeset(
    db: Database,
    content: DossierContent,
    printed: Sequence[PrintedEvidence],
    attachments: Sequence[Attachment],
    *,
    output: Any,
    ppi: float | None = None,
    should_stop: Callable[[], bool] | None = None,
    replaced: set[str] | None = None,
    preload: PicturePreload | None = None,
) -> list[bytes]:
    data = dossier_data(content, printed, attachments, replaced)
    root = PrintCache(db).folder
    pictures: dict[str, bytes] = {}
    for evidence, block in zip(printed, _figures(data), strict=True):
        for picture, shown in zip(evidence.pictures, block["pictures"], strict=True):
            if picture.cipher is None:  # read where it is cached
                shown["file"] = picture.path.relative_to(root).as_posix()
            else:  # decrypted into memory only
                shown["file"] += ".svg"
                media_type = "image/png" if picture.path.suffix == ".png" else "image/jpeg"
                pictures[shown["file"]] = picture_file(
                    picture.read_bytes(), media_type, picture.width_px, picture.height_px
                )
    if preload is not None:
        preload.wait(should_stop)
    return compile_typst(
        source_files(data) | pictures,
        root,
        output,
        ppi=ppi,
        pdf_standard=PDF_STANDARD if output == "pdf" else None,
        timestamp=content.exported_at.astimezone(),
        should_stop=should_stop,
    )


def _preload(db: Database, printed: Sequence[PrintedEvidence]) -> PicturePreload:
    """The cached pictures handed to Typst ahead (sealed ones go in memory, later)."""
    root = PrintCache(db).folder
    files = [
        picture.path.relative_to(root).as_posix()
        for evidence in printed
        for picture in evidence.pictures
        if picture.cipher is None
    ]
    return PicturePreload(root, files)


@contextlib.contextmanager
def _bundle_pdf(db: Database, bundle: Path) -> Iterator[Path]:
    """Where the bundle's PDF is written before it goes into the ZIP: the database's own work
    folder, cleared after a kill; beside the bundle for an encrypted database, whose work
    folder holds nothing in the clear (the PDF carries the evidence, plain as every export)."""
    if not db.evidence.encrypted:
        with work_item(db.path, "export") as folder:
            yield folder / "dossier.pdf"
        return
    pdf = bundle.with_name(bundle.name + ".pdf")
    try:
        yield pdf
    finally:
        pdf.unlink(missing_ok=True)


def _figures(data: dict[str, Any]) -> list[dict[str, Any]]:
    evidence = next(s for s in data["sections"] if s["label"] == "section-evidence")
    return [block for block in evidence["blocks"] if block["kind"] == "evidence"]
