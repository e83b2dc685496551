"""Trusted time stamps from the command line: ``evidence add --timestamp`` and
``evidence timestamp [CASE_NUMBER] [--retry]``.

A failed request never undoes an import: the file is in the case, the time stamp stays
pending and a warning line says so; ``evidence timestamp --retry`` asks again.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from appealdesk.cli.output import terminal_safe
from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _

if TYPE_CHECKING:
    from appealdesk.services.timestamps import TimestampReport
    from appealdesk.store.database import Database


def _no_authorities() -> str:
    return _(
        "No time-stamping authorities are set: list their addresses in APPEALDESK_TSA_URLS "
        "(separated by commas)."
    )


def _warn(report: TimestampReport) -> None:
    for failure in report.failures:
        print(_("warning: {message}").format(message=terminal_safe(failure)), file=sys.stderr)


def stamp_added(db: Database, evidence_ids: Sequence[int]) -> list[str]:
    """Lines for stdout; problems go to stderr as warnings (the files are added regardless)."""
    from appealdesk.services import timestamps
    from appealdesk.services.tsa_addresses import urls_from_environment

    urls = urls_from_environment()
    if not urls:
        print(_("warning: {message}").format(message=_no_authorities()), file=sys.stderr)
        return []
    report = timestamps.add_timestamps(db, evidence_ids, urls)
    _warn(report)
    return [timestamps.describe(report)]


def run_timestamp(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    """Exit status 1 while any time stamp asked for is still pending."""
    from appealdesk.services import cases, timestamps
    from appealdesk.services.tsa_addresses import urls_from_environment

    case_id = None
    if args.case_number is not None:
        case_id = cases.find_case(db, args.case_number).case.id
    if args.retry:
        report = timestamps.retry_pending(db, case_id=case_id)
    elif case_id is None:
        raise ValidationError(_("Name a case, or use --retry to ask again for pending ones."))
    else:
        urls = urls_from_environment()
        if not urls:
            raise ValidationError(_no_authorities())
        ids = [item.id for item in cases.get_case(db, case_id).evidence if item.id is not None]
        report = timestamps.add_timestamps(db, ids, urls)
    _warn(report)
    return timestamps.describe(report), 1 if report.failures else 0
