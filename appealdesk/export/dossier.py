"""Exporting the appeal dossier of a case: a PDF, or a bundle with the PDF and the evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appealdesk.export.bundle import write_bundle
from appealdesk.export.content import DossierContent, DossierFormat, ExportOptions, gather
from appealdesk.export.dossier_evidence import EvidenceFigure, prepare_figures
from appealdesk.export.dossier_html import build_html
from appealdesk.export.files import check_target, check_zip, replacing
from appealdesk.export.pdf import ExportCancelled, write_pdf
from appealdesk.i18n import N_, format_number, translator
from appealdesk.services.demo_images import ensure_gui
from appealdesk.store.database import Database
from appealdesk.store.work_folder import work_item

Progress = Callable[[int, int, str], None]
STEPS = 1000  # progress is reported in thousandths: evidence, pages, then the bundle


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: DossierFormat
    language: str
    pages: int
    evidence_files: int


def dossier_title(content: DossierContent) -> str:
    tr = translator(content.language)
    return tr.gettext(N_("Appeal dossier {case_number}")).format(
        case_number=content.detail.case.case_number
    )


def render(
    db: Database,
    content: DossierContent,
    *,
    should_stop: Callable[[], bool] | None = None,
    on_item: Callable[[int], None] | None = None,
) -> tuple[str, list[EvidenceFigure]]:
    """The dossier's rich text and its pictures (also what the in-app preview shows)."""
    done = [0]

    def counted(_item: object) -> None:
        done[0] += 1
        if on_item is not None:
            on_item(done[0])

    figures = prepare_figures(db, content, on_item=counted, should_stop=should_stop)
    return build_html(content, figures), figures


def export_dossier(
    db: Database,
    case_id: int,
    options: ExportOptions,
    target: Path,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExportResult:
    """Writes the dossier to ``target``; a failure or a cancel leaves no file behind."""
    ensure_gui()
    check_target(target)
    stop = should_stop or (lambda: False)
    report = progress or (lambda _done, _total, _text: None)
    content = gather(db, case_id, options)
    tr = translator(options.language)
    count = max(1, len(content.evidence))
    html, figures = render(
        db,
        content,
        should_stop=stop,
        on_item=lambda n: report(n * 400 // count, STEPS, tr.gettext(N_("Preparing evidence…"))),
    )
    if stop():
        raise ExportCancelled(tr.gettext(N_("The export was cancelled.")))
    images = {name: image for f in figures for name, image in f.named_images().items()}
    title = dossier_title(content)

    def page_label(page: int, pages: int) -> str:
        return tr.gettext(N_("Page {page} of {pages}")).format(
            page=format_number(page, options.language), pages=format_number(pages, options.language)
        )

    def pages_done(page: int, pages: int) -> None:
        report(400 + page * 500 // pages, STEPS, tr.gettext(N_("Writing the PDF…")))

    def pdf_to(path: Path) -> int:
        return write_pdf(
            html,
            images,
            path,
            title=title,
            footer=title,
            page_label=page_label,
            unbroken=identifiers(content),
            progress=pages_done,
            should_stop=stop,
        )

    with replacing(target) as temporary:
        if options.format is DossierFormat.PDF:
            pages = pdf_to(temporary)
            files = 0
        else:
            # The PDF alone goes into the database's own work folder, cleared after a kill.
            with work_item(db.path, "export") as folder:
                pdf = folder / "dossier.pdf"
                pages = pdf_to(pdf)
                files = write_bundle(
                    temporary,
                    pdf,
                    db,
                    content,
                    figures,
                    on_file=lambda n, total: report(
                        900 + n * 100 // max(1, total),
                        STEPS,
                        tr.gettext(N_("Adding the evidence files…")),
                    ),
                )
                check_zip(temporary, files + 2)  # the PDF, the evidence and the manifest
    report(STEPS, STEPS, "")
    return ExportResult(target, options.format, options.language, pages, files)


def identifiers(content: DossierContent) -> list[str]:
    """What a reader may type over or copy: it must not be broken across two lines."""
    detail = content.detail
    words = [detail.case.case_number, "@" + detail.account.handle]
    words += [event.reference for event in detail.events if event.reference]
    words += [detail.account.account_email, detail.client.email]
    return [word for word in words if word]
