"""What an import did, in one message for the user."""

from __future__ import annotations

from appealdesk.i18n import _, format_number, ngettext
from appealdesk.services.evidence_import import ImportReport


def describe_import(report: ImportReport) -> tuple[str, bool]:
    """The message, and whether it needs attention (some files were refused)."""
    if report.cancelled:
        return _("Import cancelled; nothing was added."), False
    parts = []
    if report.added:
        count = len(report.added)
        parts.append(
            ngettext("{n} file added.", "{n} files added.", count).format(n=format_number(count))
        )
    if report.duplicates:
        count = len(report.duplicates)
        parts.append(
            ngettext(
                "{n} file was already in this case.", "{n} files were already in this case.", count
            ).format(n=format_number(count))
        )
    if report.rejected:
        parts.append(_("Not added:"))
        parts.extend(f"• {rejection.message}" for rejection in report.rejected)
    return "\n".join(parts) or _("Nothing to import."), bool(report.rejected)
