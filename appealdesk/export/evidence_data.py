"""The evidence section of the dossier's data: each piece with its pictures, its details and
what is attached to the PDF for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from appealdesk.domain.custody import action_name
from appealdesk.domain.enums import CustodyAction
from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.proof_models import CustodyEntry
from appealdesk.domain.provenance import capture_text, shown_capture
from appealdesk.export.attachments import Attachment, Reason
from appealdesk.export.content import DossierContent
from appealdesk.export.dossier_runs import Block, Run, TextRuns, note, or_dash, subheading, table
from appealdesk.export.print_images import Layout, PrintedEvidence
from appealdesk.export.protection import protection_text
from appealdesk.export.quoting import marked_text
from appealdesk.export.timestamp_data import stamp_row
from appealdesk.i18n import format_date, format_datetime, format_number, translator
from appealdesk.services.audit_values import FIELD_NAMES  # the details a custody entry names
from appealdesk.services.custody import details_of


def evidence_label(number: int) -> str:
    return f"evidence-{number}"


def exhibit_title(content: DossierContent, number: int, name: str) -> str:
    _ = translator(content.language).gettext
    return _("Exhibit {number}: {title}").format(number=number, title=name)


def exhibits_section(
    content: DossierContent, printed: Sequence[PrintedEvidence]
) -> tuple[str, list[Block]]:
    """The numbered list of exhibits: exhibit n is the n-th piece of evidence shown."""
    tr = translator(content.language)
    _ = tr.gettext
    rows = []
    for number, evidence in enumerate(printed, start=1):
        item = evidence.item
        shown = shown_capture(item.captured_at, item.captured_offset)
        captured = format_date(shown, "medium", content.language) or "—"
        rows.append(
            (
                [{"goto": evidence_label(number), "text": format_number(number, content.language)}],
                [item.title or item.original_name or "—"],
                [label(item.kind, tr)],
                [captured],
                [{"hash": item.sha256}],
            )
        )
    if not rows:
        return _("Exhibits"), [note(_("No exhibits are included in this dossier."))]
    header = (_("No."), _("Title"), _("Kind"), _("Date"), _("SHA-256"))
    return _("Exhibits"), [table(header, (6, 23, 19, 11, 41), rows)]


def exhibit_references(content: DossierContent, printed: Sequence[PrintedEvidence]) -> list[Block]:
    """What the letter encloses, by exhibit number."""
    _ = translator(content.language).gettext
    if not printed:
        return []
    items: list[list[Run]] = [
        [
            {
                "goto": evidence_label(number),
                "text": exhibit_title(
                    content, number, evidence.item.title or evidence.item.original_name
                ),
            }
        ]
        for number, evidence in enumerate(printed, start=1)
    ]
    return [subheading(_("Enclosed exhibits")), {"kind": "list", "items": items}]


def attachment_description(content: DossierContent, attachment: Attachment, number: int) -> str:
    _ = translator(content.language).gettext
    name = attachment.item.title or attachment.item.original_name
    if attachment.reason == Reason.PROTECTED:
        text = _("Exhibit {number}: {title} (protected copy)")
    elif attachment.reason == Reason.LOCATION:
        text = _("Exhibit {number}: {title} (copy without location data)")
    else:
        text = _("Exhibit {number}: {title} (original file)")
    return text.format(number=number, title=name)


def evidence_section(
    content: DossierContent,
    writer: TextRuns,
    printed: Sequence[PrintedEvidence],
    attachments: Sequence[Attachment],
) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    blocks: list[Block] = []
    if not printed and not content.damaged:
        blocks.append(note(_("No evidence is included in this dossier.")))
    attached = {id(a.item): a for a in attachments}
    for number, evidence in enumerate(printed, start=1):
        blocks.append(_figure(content, writer, evidence, number, attached.get(id(evidence.item))))
    if content.damaged:
        blocks.append(note(_("These pieces of evidence cannot be read and are not included:")))
        names = (item.title or item.original_name or "—" for item in content.damaged)
        blocks.append({"kind": "list", "items": [writer.line(name) for name in names]})
    return _("Evidence"), blocks


def _figure(
    content: DossierContent,
    writer: TextRuns,
    evidence: PrintedEvidence,
    number: int,
    attachment: Attachment | None,
) -> Block:
    tr = translator(content.language)
    _ = tr.gettext
    item, language = evidence.item, content.language
    name = item.title or item.original_name
    title = exhibit_title(content, number, name)
    intro: list[list[Run]] = []
    pictures = evidence.pictures
    if evidence.layout is Layout.PICTURE and len(pictures) > 1:
        intro.append(
            [
                _("A long screenshot, printed in {count} parts from top to bottom.").format(
                    count=format_number(len(pictures), language)
                )
            ]
        )
    if evidence.layout is Layout.PAGES and pictures:
        if evidence.more_pages:
            text = _("The first {count} pages of the document; all of it is attached to this PDF.")
        else:
            text = _("All pages of the document ({count}).")
        intro.append([text.format(count=format_number(len(pictures), language))])
    alts = _picture_alts(tr, title, evidence)
    size = _("{size} bytes").format(size=format_number(item.size_bytes, language))
    rows: list[tuple[str, Sequence[Run]]] = [
        (_("Kind"), [label(item.kind, tr)]),
        *_provenance_rows(content, writer, item),
        (_("Original file"), or_dash(writer.line(item.original_name))),
        (_("Size"), [size]),
        (_("SHA-256 of the original"), [{"hash": item.sha256}]),
    ]
    stamped = stamp_row(language, item, content.time_stamps)
    if stamped is not None:
        rows.append(stamped)
    if evidence.protected:
        rows.append((_("Protected copy"), [protection_text(item, language)]))
    if attachment is not None:
        rows.append((_("Attached file"), _attachment_runs(tr, attachment)))
    if item.note.strip():
        rows.append((_("Note"), marked_text(writer, item.note, language)))
    return {
        "kind": "evidence",
        "label": evidence_label(number),
        "title": title,
        "intro": intro,
        "layout": evidence.layout.value,
        "pictures": [
            {
                "file": f"pictures/{number}-{index}{p.path.suffix}",
                "width-mm": evidence.width_mm,
                "alt": alt,
            }
            for index, (p, alt) in enumerate(zip(pictures, alts, strict=True), start=1)
        ],
        "facts": [[name, list(value)] for name, value in rows],
        "custody": _custody_table(content, writer, content.custody.get(item.id or 0, ())),
    }


def _provenance_rows(
    content: DossierContent, writer: TextRuns, item: EvidenceItem
) -> list[tuple[str, Sequence[Run]]]:
    _ = translator(content.language).gettext
    rows: list[tuple[str, Sequence[Run]]] = []
    if item.source is not None or item.source_url:
        source: list[Run] = [label(item.source, translator(content.language)) or "—"]
        if item.source_url:
            source += [{"br": True}, *writer.line(item.source_url)]
        rows.append((_("Source"), source))
    if item.device:
        rows.append((_("Device or app"), writer.line(item.device)))
    captured = capture_text(
        item.captured_at, item.captured_offset, item.capture_source, content.language
    )
    rows.append((_("Captured at"), [captured or "—"]))
    return rows


def _custody_table(
    content: DossierContent, writer: TextRuns, entries: Sequence[CustodyEntry]
) -> dict[str, Any] | None:
    """The item's custody record, one row per entry: when (UTC), what, its hash's start."""
    if not entries:
        return None
    _ = translator(content.language).gettext
    rows = []
    for entry in entries:
        moment = dt.datetime.strptime(entry.recorded_at, "%Y-%m-%dT%H:%M:%SZ")
        action: list[Run] = [action_name(entry.action, content.language)]
        details = details_of(entry)
        file_name, fields = details.get("file"), details.get("fields")
        if entry.action is CustodyAction.EXPORTED and isinstance(file_name, str):
            action += [": ", *writer.line(file_name)]
        elif isinstance(fields, list):
            names = [_(FIELD_NAMES[f]) for f in fields if f in FIELD_NAMES]
            action += [": " + ", ".join(names)] if names else []
        rows.append(
            [
                [format_datetime(moment, "medium", content.language)],
                action,
                [{"mono": entry.entry_hash[:16]}],
            ]
        )
    return {
        "title": _("Custody record"),
        "header": [_("Time (UTC)"), _("Action"), _("Entry hash (start)")],
        "rows": rows,
    }


def _picture_alts(tr: Any, title: str, evidence: PrintedEvidence) -> list[str]:
    _ = tr.gettext
    count = len(evidence.pictures)
    if evidence.layout is Layout.PAGES:
        return [
            _("{title}, page {page}").format(title=title, page=page) for page in range(1, count + 1)
        ]
    if count == 1:
        return [title]
    return [
        _("{title}, part {part} of {count}").format(title=title, part=part, count=count)
        for part in range(1, count + 1)
    ]


def _attachment_runs(tr: Any, attachment: Attachment) -> list[Run]:
    _ = tr.gettext
    if attachment.reason == Reason.PROTECTED:
        said = _("The protected copy, not the original. SHA-256 of the copy:")
    elif attachment.reason == Reason.LOCATION:
        said = _(
            "A copy without the location data the original holds, not the original. "
            "SHA-256 of the copy:"
        )
    else:
        said = _("The original file, byte for byte: its SHA-256 is the one above.")
    runs: list[Run] = [{"keep": attachment.name}, {"br": True}, said]
    if not attachment.original:
        runs += [{"br": True}, {"hash": attachment.sha256}]
    return runs
