"""``appealdesk export``: the appeal dossier of a case as a PDF or a bundle (ZIP)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.cli.output import terminal_safe
from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _, format_number

if TYPE_CHECKING:
    from appealdesk.store.database import Database


def add_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    export = commands.add_parser("export", help=_("export the appeal dossier of a case"))
    export.add_argument("case_number", metavar=_("CASE_NUMBER"))
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar=_("FILE"),
        help=_("FILE.pdf for the dossier, FILE.zip for the dossier with the evidence files"),
    )
    export.add_argument(
        "--for",
        dest="recipient",
        choices=["platform", "ods", "lawyer"],
        default="platform",
        help=_(
            "who the dossier is for: the platform, a dispute settlement body (ods) or a lawyer "
            "(default: platform)"
        ),
    )
    export.add_argument(
        "--body",
        metavar=_("ID"),
        help=_("the dispute settlement body of an ods dossier (default: the case's body)"),
    )
    export.add_argument(
        "--include-sensitive",
        action="store_true",
        help=_("include identity documents (as protected copies)"),
    )
    common(export)


def run_export(db: Database, args: argparse.Namespace, language: str) -> tuple[str, int]:
    from appealdesk.domain.recipients import Recipient
    from appealdesk.export.content import DossierFormat, ExportOptions
    from appealdesk.export.dossier import export_dossier
    from appealdesk.services import cases, consistency

    formats = {".pdf": DossierFormat.PDF, ".zip": DossierFormat.BUNDLE}
    dossier_format = formats.get(args.out.suffix.lower())
    if dossier_format is None:
        raise AppealDeskError(
            _("The output file must end in .pdf or .zip, not “{name}”.").format(name=args.out.name)
        )
    case_id = cases.case_id_of(db, args.case_number)
    recipient = Recipient(args.recipient)
    options = ExportOptions(
        language,
        dossier_format,
        include_sensitive=args.include_sensitive,
        recipient=recipient,
        body_id=args.body,
    )
    warnings = consistency.before_export(
        db, case_id, language, recipient=recipient, body_id=args.body
    )
    result = export_dossier(db, case_id, options, args.out)
    # Said once the file is there: a refused export says only why it was refused.
    for found in warnings:
        print(terminal_safe(_("Warning: {text}").format(text=found.text)), file=sys.stderr)
    if result.replaced_characters:
        from appealdesk.export.glyphs import replacement_note

        note = replacement_note(result.replaced_characters)
        print(terminal_safe(_("Warning: {text}").format(text=note)), file=sys.stderr)
    pages, files = format_number(result.pages), format_number(result.evidence_files)
    if dossier_format is DossierFormat.PDF:
        message = _("Dossier written to {path}: {pages} pages.")
    else:
        message = _("Dossier written to {path}: {pages} pages, {files} evidence files.")
    return message.format(path=result.path, pages=pages, files=files), 0
