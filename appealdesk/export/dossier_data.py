"""What the dossier says, as the data its Typst template lays out (``data.json``).

Every text, ours and the user's, is a string in this data and never part of the template's
code, so nothing anybody typed can turn into markup. Texts are gettext messages in the
dossier's language, and dates and numbers come from babel in that language.
The sections are made in :mod:`~appealdesk.export.dossier_sections` and
:mod:`~appealdesk.export.evidence_data`, their text as the runs of
:mod:`~appealdesk.export.dossier_runs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from appealdesk.domain.labels import label
from appealdesk.domain.recipients import Recipient
from appealdesk.export import dossier_sections as sections
from appealdesk.export.attachments import Attachment
from appealdesk.export.content import DossierContent
from appealdesk.export.dossier_runs import Run, TextRuns
from appealdesk.export.evidence_data import (
    attachment_description,
    evidence_section,
    exhibits_section,
)
from appealdesk.export.glyphs import shown_data
from appealdesk.export.print_images import PrintedEvidence
from appealdesk.export.recipient_data import lawyer_section, ods_section
from appealdesk.i18n import N_, format_datetime, format_number, translator

DOSSIER_TITLE = N_("Appeal dossier {case_number}")


def identifiers(content: DossierContent) -> list[str]:
    """What a reader may type over or copy: it must not be broken across two lines."""
    detail = content.detail
    words = [detail.case.case_number, "@" + detail.account.handle]
    words += [event.reference for event in detail.events if event.reference]
    words += [detail.account.account_email, detail.client.email]
    return [word for word in words if word]


def dossier_title(content: DossierContent) -> str:
    tr = translator(content.language)
    return tr.gettext(DOSSIER_TITLE).format(case_number=content.detail.case.case_number)


def dossier_data(
    content: DossierContent,
    printed: Sequence[PrintedEvidence],
    attachments: Sequence[Attachment],
    replaced: set[str] | None = None,
) -> dict[str, Any]:
    """Everything ``resources/dossier/dossier.typ`` shows; characters no font can draw are
    printed as U+FFFD and collected in ``replaced``."""
    tr = translator(content.language)
    _ = tr.gettext
    writer = TextRuns(identifiers(content))
    title = dossier_title(content)
    recipient = content.recipient
    parts = [
        *(
            [(True, "ods", ods_section(content, writer, printed))]
            if recipient is Recipient.ODS
            else []
        ),
        (True, "summary", sections.summary_section(content, writer)),
        (False, "statement", sections.statement_section(content, writer)),
        (False, "guideline", sections.guideline_section(content)),
        *([(False, "legal", lawyer_section(content))] if recipient is Recipient.LAWYER else []),
        (False, "exhibits", exhibits_section(content, printed)),
        (True, "letter", sections.letter_section(content, writer, printed)),
        (True, "timeline", sections.timeline_section(content, writer)),
        (False, "contacts", sections.contacts_section(content, writer)),
        (False, "checklists", sections.checklists_section(content, printed)),
        # The pictures of the evidence start a page; a dossier without any goes on.
        (
            bool(content.evidence),
            "evidence",
            evidence_section(content, writer, printed, attachments),
        ),
    ]
    detail = content.detail
    return shown_data(
        {
            "document": {
                "title": title,
                "author": [detail.client.name or detail.parties.holder.signature_name],
                "keywords": [detail.case.case_number, label(detail.account.platform, tr)],
                "lang": content.language,
            },
            "footer": {
                "text": title,
                "page-of": _("Page {page} of {pages}"),
            },
            "cover": _cover(content, writer),
            "sections": [
                {"new-page": new_page, "label": f"section-{key}", "title": name, "blocks": blocks}
                for new_page, key, (name, blocks) in parts
                if blocks  # a section with nothing to say is left out, with its heading
            ],
            "attachments": [
                {
                    "path": attachment.name,
                    "placeholder": attachment.placeholder,
                    "relationship": "source",
                    "mime-type": attachment.media_type,
                    "description": attachment_description(content, attachment, number),
                }
                for number, attachment in _numbered(printed, attachments)
            ],
        },
        replaced=replaced,
    )


def _numbered(
    printed: Sequence[PrintedEvidence], attachments: Sequence[Attachment]
) -> list[tuple[int, Attachment]]:
    numbers = {id(e.item): n for n, e in enumerate(printed, start=1)}
    return [(numbers[id(a.item)], a) for a in attachments]


def prepared_for(content: DossierContent) -> str:
    _ = translator(content.language).gettext
    if content.recipient is Recipient.ODS and content.body is not None:
        return content.body.name
    if content.recipient is Recipient.LAWYER:
        return _("Legal counsel of the account holder")
    entity = content.detail.parties.platform.entity
    tr = translator(content.language)
    return entity.name if entity is not None else label(content.detail.account.platform, tr)


def _cover(content: DossierContent, writer: TextRuns) -> dict[str, Any]:
    tr = translator(content.language)
    _ = tr.gettext
    case, account, client = content.detail.case, content.detail.account, content.detail.client
    language = content.language
    name = f" — {account.display_name}" if account.display_name else ""
    rows: list[tuple[str, Sequence[Run]]] = [
        (_("Prepared for"), [prepared_for(content)]),
        (_("Case number"), [{"keep": case.case_number}]),
        (_("Platform"), [label(account.platform, tr)]),
        (_("Account"), [{"keep": "@" + account.handle}, name]),
        (_("Blocked on"), [format_datetime(case.blocked_at, "long", language)]),
        (_("Exported on"), [format_datetime(content.exported_at, "long", language)]),
        (_("Exhibits"), [format_number(len(content.evidence), language)]),
    ]
    if content.recipient is Recipient.LAWYER:  # whose account it is, for the agency's lawyer
        rows.insert(4, (_("Client"), writer.line(client.name)))
    return {
        "title": _("Appeal dossier"),
        "line": [
            {"strong": case.case_number},
            " · " + label(account.platform, tr) + " · ",
            {"keep": "@" + account.handle},
        ],
        "facts": [[label_, list(value)] for label_, value in rows],
        "contents": _("Contents"),
        "intro": _(
            "The SHA-256 values identify every piece of evidence: the same file always has the "
            "same value."
        )
        + " "
        + _(
            "The evidence files are attached to this PDF: open the attachments in a PDF "
            "reader, or save them with a tool such as pdfdetach, to check each value."
        ),
    }
