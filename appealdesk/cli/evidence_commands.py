"""``appealdesk evidence add`` and ``timestamp``: evidence into a case from a script, and its
trusted time stamps (from the authorities in ``APPEALDESK_TSA_URLS``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.cli.output import terminal_safe
from appealdesk.domain.enums import EvidenceKind
from appealdesk.i18n import _

if TYPE_CHECKING:
    from appealdesk.store.database import Database


def add_parser(commands: argparse._SubParsersAction, common: object) -> None:
    evidence = commands.add_parser("evidence", help=_("evidence of a case"))
    actions = evidence.add_subparsers(dest="evidence_command", required=True)
    add = actions.add_parser("add", help=_("add screenshots and documents to a case"))
    add.add_argument("case_number", metavar=_("CASE_NUMBER"))
    add.add_argument("files", nargs="+", type=Path, metavar=_("FILE"))
    add.add_argument("--kind", choices=[k.value for k in EvidenceKind], default=None)
    add.add_argument("--title", metavar=_("TITLE"), help=_("title of the evidence"))
    add.add_argument(
        "--timestamp",
        action="store_true",
        help=_(
            "ask the time-stamping authorities in APPEALDESK_TSA_URLS for a time stamp "
            "(only the SHA-256 is sent)"
        ),
    )
    stamp = actions.add_parser(
        "timestamp", help=_("ask for the trusted time stamps of a case's evidence")
    )
    stamp.add_argument("case_number", metavar=_("CASE_NUMBER"), nargs="?")
    stamp.add_argument(
        "--retry", action="store_true", help=_("ask again for the time stamps still pending")
    )
    for parser in (evidence, add, stamp):
        common(parser)  # type: ignore[operator]


def run_evidence(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    if args.evidence_command == "timestamp":
        from appealdesk.cli.timestamp_command import run_timestamp

        return run_timestamp(db, args)
    return run_evidence_add(db, args)


def run_evidence_add(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    """One line per file; the exit status is 1 when any file was refused."""
    from appealdesk.services import cases, evidence_import

    detail = cases.find_case(db, args.case_number)
    assert detail.case.id is not None
    report = evidence_import.import_files(
        db,
        detail.case.id,
        list(args.files),
        kind=EvidenceKind(args.kind) if args.kind else None,
        title=args.title,
    )
    lines = [
        _("added: {name} (SHA-256 {sha256})").format(
            name=terminal_safe(item.original_name), sha256=item.sha256
        )
        for item in report.added
    ]
    lines += [
        _("already in the case: {name}").format(name=terminal_safe(name))
        for name in report.duplicates
    ]
    if any(item.sensitive for item in report.added):
        # The command line cannot draw black-out areas: said before anyone exports.
        lines.append(
            _(
                "An identity document can be exported only once its private details (such as "
                "the citizen service number) are blacked out: draw black-out areas in "
                "AppealDesk's window (Evidence tab, Black out…), or confirm there that there "
                "is nothing to black out."
            )
        )
    for rejection in report.rejected:
        message = terminal_safe(rejection.message)
        print(_("refused: {message}").format(message=message), file=sys.stderr)
    if args.timestamp and report.added:
        from appealdesk.cli.timestamp_command import stamp_added

        lines += stamp_added(db, [item.id for item in report.added if item.id is not None])
    return "\n".join(lines), 1 if report.rejected else 0
