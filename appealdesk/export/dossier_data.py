"""What the dossier says, as the data its Typst template lays out (``data.json``).

Every text, ours and the user's, is a string in this data and never part of the template's
code, so nothing anybody typed can turn into markup. Texts are gettext messages in the
dossier's language, and dates and numbers come from babel in that language.

A piece of running text is a list of runs: a plain string, or a one-key dictionary saying
how the template shows its string (``keep``: never cut over two lines, ``mono``: a reference
in monospace, ``hash``: a SHA-256 sized to fit its column, ``strong``, ``muted``, ``url``
with ``text``: a link out, ``goto`` with ``text``: a link to a label in the dossier, ``br``:
a line break).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from appealdesk.domain.checklists import block_verdict
from appealdesk.domain.deadlines import action_label, rule_by_key
from appealdesk.domain.enums import CaseStatus, Checklist
from appealdesk.domain.labels import label
from appealdesk.domain.reference import block_signs, id_checklist, steps_for_status, unblock_steps
from appealdesk.domain.taxonomy import taxonomy
from appealdesk.export.attachments import Attachment, Reason
from appealdesk.export.content import DossierContent
from appealdesk.export.glyphs import shown_data
from appealdesk.export.print_images import Layout, PrintedEvidence
from appealdesk.i18n import (
    N_,
    format_date,
    format_datetime,
    format_days_left,
    format_number,
    translator,
)
from appealdesk.services.checklists import entries

Run = str | dict[str, Any]
Block = dict[str, Any]

# Where an appeal can go when the platform does not help: a dossier always names them.
ESCALATION_STEPS = ("internal_complaint", "out_of_court_body", "data_access_request")
_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+[^\s<>\"'()\[\]{}.,;:!?]")
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


def evidence_label(number: int) -> str:
    return f"evidence-{number}"


class _Writer:
    """Turns text into runs, keeping the case's identifiers whole and linking web addresses."""

    def __init__(self, words: Iterable[str]) -> None:
        wanted = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
        self._words = re.compile("|".join(re.escape(w) for w in wanted)) if wanted else None

    def line(self, text: str) -> list[Run]:
        runs: list[Run] = []
        position = 0
        for found in _URL.finditer(text):
            runs += self._plain(text[position : found.start()])
            runs.append({"url": found[0], "text": found[0]})
            position = found.end()
        return runs + self._plain(text[position:])

    def _plain(self, text: str) -> list[Run]:
        if not text:
            return []
        if self._words is None:
            return [text]
        runs: list[Run] = []
        position = 0
        for found in self._words.finditer(text):
            if found.start() > position:
                runs.append(text[position : found.start()])
            runs.append({"keep": found[0]})
            position = found.end()
        if position < len(text):
            runs.append(text[position:])
        return runs

    def text(self, text: str) -> list[Run]:
        """One block of text, its line breaks kept."""
        runs: list[Run] = []
        for number, line in enumerate(text.split("\n")):
            if number:
                runs.append({"br": True})
            runs += self.line(line)
        return runs

    def paragraphs(self, text: str) -> list[list[Run]]:
        """Plain text, paragraphs separated by blank lines."""
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
        return [self.text(block) for block in blocks]


def _facts(rows: Iterable[tuple[str, Sequence[Run]]]) -> Block:
    return {"kind": "facts", "rows": [[name, list(value)] for name, value in rows]}


def _sub(text: str) -> Block:
    return {"kind": "subheading", "text": text}


def _note(text: str, style: str = "") -> Block:
    return {"kind": "note", "style": style, "runs": [text]}


def _table(
    header: Sequence[str] | None, widths: Sequence[int], rows: Iterable[Sequence[Sequence[Run]]]
) -> Block:
    return {
        "kind": "table",
        "header": list(header) if header is not None else None,
        "widths": list(widths),
        "rows": [[list(cell) for cell in row] for row in rows],
    }


def _or_dash(runs: Sequence[Run]) -> list[Run]:
    return list(runs) if runs else ["—"]


def dossier_data(
    content: DossierContent,
    printed: Sequence[PrintedEvidence],
    attachments: Sequence[Attachment],
) -> dict[str, Any]:
    """Everything ``resources/dossier/dossier.typ`` shows."""
    tr = translator(content.language)
    _ = tr.gettext
    writer = _Writer(identifiers(content))
    title = dossier_title(content)
    sections = [
        (True, "summary", _summary(content, writer)),
        (False, "statement", _statement(content, writer)),
        (False, "guideline", _guideline(content)),
        (True, "letter", _letter(content, writer)),
        (True, "timeline", _timeline(content, writer)),
        (False, "contacts", _contacts(content, writer)),
        (False, "checklists", _checklists(content, printed)),
        (True, "evidence", _evidence(content, writer, printed, attachments)),
        (True, "closing", _closing(content)),
    ]
    detail = content.detail
    return shown_data(
        {
            "document": {
                "title": title,
                "author": [detail.client.name or "AppealDesk"],
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
                for new_page, key, (name, blocks) in sections
            ],
            "attachments": [
                {
                    "path": attachment.name,
                    "placeholder": attachment.placeholder,
                    "relationship": "source",
                    "mime-type": attachment.media_type,
                    "description": _attachment_description(content, attachment, number),
                }
                for number, attachment in _numbered(printed, attachments)
            ],
        }
    )


def _numbered(
    printed: Sequence[PrintedEvidence], attachments: Sequence[Attachment]
) -> list[tuple[int, Attachment]]:
    numbers = {id(e.item): n for n, e in enumerate(printed, start=1)}
    return [(numbers[id(a.item)], a) for a in attachments]


def _attachment_description(content: DossierContent, attachment: Attachment, number: int) -> str:
    _ = translator(content.language).gettext
    name = attachment.item.title or attachment.item.original_name
    if attachment.reason == Reason.PROTECTED:
        text = _("Evidence {number}: {title} (protected copy)")
    elif attachment.reason == Reason.LOCATION:
        text = _("Evidence {number}: {title} (copy without location data)")
    else:
        text = _("Evidence {number}: {title} (original file)")
    return text.format(number=number, title=name)


def _cover(content: DossierContent, writer: _Writer) -> dict[str, Any]:
    tr = translator(content.language)
    _ = tr.gettext
    case, account, client = content.detail.case, content.detail.account, content.detail.client
    language = content.language
    name = f" — {account.display_name}" if account.display_name else ""
    next_step: list[Run] = [action_label(case.next_action, tr) or "—"]
    if case.next_action_due is not None:
        next_step.append(" · " + format_date(case.next_action_due, "long", language))
    rows: list[tuple[str, Sequence[Run]]] = [
        (_("Case number"), [{"keep": case.case_number}]),
        (_("Platform"), [label(account.platform, tr)]),
        (_("Account"), [{"keep": "@" + account.handle}, name]),
        (_("Client"), writer.line(client.name)),
        (_("Status"), [label(case.status, tr)]),
        (_("Blocked on"), [format_datetime(case.blocked_at, "long", language)]),
        (_("Exported on"), [format_datetime(content.exported_at, "long", language)]),
        (_("Next step"), next_step),
        (_("Evidence"), [format_number(len(content.evidence), language)]),
    ]
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
            "This dossier was put together with AppealDesk. The SHA-256 values identify every "
            "piece of evidence: the same file always has the same value."
        )
        + " "
        + _(
            "The evidence files are attached to this PDF: open the attachments in a PDF "
            "reader, or save them with a tool such as pdfdetach, to check each value."
        ),
    }


def _summary(content: DossierContent, writer: _Writer) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    case, language = content.detail.case, content.language
    days = max(0, (content.exported_at.date() - case.blocked_at.date()).days)
    rows: list[tuple[str, Sequence[Run]]] = [
        (_("Kind of block"), [label(case.block_kind, tr)]),
        (_("Blocked on"), [format_datetime(case.blocked_at, "long", language)]),
        (_("Days since the block"), [format_number(days, language)]),
        (_("Desired outcome"), [label(case.desired_outcome, tr)]),
    ]
    followers = content.detail.account.followers_at_block
    if followers is not None:
        rows.append((_("Followers when blocked"), [format_number(followers, language)]))
    blocks = [_facts(rows)]
    if case.notice_text.strip():
        blocks.append(_sub(_("The notice as received")))
        blocks.append(
            {"kind": "paragraphs", "style": "quote", "items": writer.paragraphs(case.notice_text)}
        )
    if case.user_statement.strip():
        blocks.append(_sub(_("What happened")))
        blocks.append(
            {"kind": "paragraphs", "style": "", "items": writer.paragraphs(case.user_statement)}
        )
    return _("Summary of the block"), blocks


def _statement(content: DossierContent, writer: _Writer) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    title = _("Statement of reasons (DSA art. 17)")
    statement, language = content.detail.statement, content.language
    if statement is None:
        return title, [_note(_("The platform has not given a statement of reasons."))]
    rows: list[tuple[str, list[Run]]] = [
        (_("Decision on the account"), [label(statement.decision_account, tr)]),
        (_("Ground"), [label(statement.decision_ground, tr)]),
        (_("Category"), [label(statement.category, tr)]),
        (_("Detected automatically"), [label(statement.automated_detection, tr)]),
        (_("Decided automatically"), [label(statement.automated_decision, tr)]),
        (_("Decision date"), [format_date(statement.application_date, "long", language)]),
        (
            _("Restriction ends"),
            [format_date(statement.end_date_account_restriction, "long", language)],
        ),
        (_("Where it applies"), [", ".join(statement.territorial_scope)]),
        (_("Terms concerned"), writer.text(statement.incompatible_content_ground)),
        (_("Legal ground"), writer.text(statement.illegal_content_legal_ground)),
        (_("Reference URL"), writer.text(statement.decision_ground_reference_url)),
    ]
    blocks = [_facts((name, _or_dash([r for r in value if r != ""])) for name, value in rows)]
    if statement.decision_facts.strip():
        blocks.append(_sub(_("The statement as given")))
        blocks.append(
            {
                "kind": "paragraphs",
                "style": "quote",
                "items": writer.paragraphs(statement.decision_facts),
            }
        )
    return title, blocks


def _guideline(content: DossierContent) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    case, language = content.detail.case, content.language
    title = _("The guideline concerned")
    area = taxonomy().area(case.reason_area)
    if area is None:
        return title, [_note(_("The platform did not say which guideline was broken."))]

    def described(name: str, description: str) -> list[Run]:
        return [{"strong": name}, {"br": True}, description]

    rows = [(_("Area"), described(area.name.text(language), area.description.text(language)))]
    policy = area.policy(case.reason_policy) if case.reason_policy else None
    if policy is not None:
        rows.append(
            (_("Section"), described(policy.name.text(language), policy.description.text(language)))
        )
    categories = taxonomy().dsa_categories(case.reason_area, case.reason_policy)
    rows.append((_("DSA categories"), [", ".join(label(c, tr) for c in categories)]))
    return title, [_facts(rows)]


def _letter(content: DossierContent, writer: _Writer) -> tuple[str, list[Block]]:
    _ = translator(content.language).gettext
    blocks = []
    if content.letter_is_draft:
        blocks.append(_note(_("Drafted from the case facts; not yet edited."), "muted"))
    blocks.append(
        {"kind": "paragraphs", "style": "letter", "items": writer.paragraphs(content.letter)}
    )
    return _("Appeal letter"), blocks


def _timeline(content: DossierContent, writer: _Writer) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    rows = []
    for event in content.detail.events:
        details = writer.text(event.summary)
        if event.outcome:
            details += [{"br": True}, {"muted": event.outcome}]
        rows.append(
            (
                [format_datetime(event.occurred_at, "medium", content.language)],
                [label(event.kind, tr)],
                _or_dash(details),
            )
        )
    if not rows:
        return _("Timeline"), [_note(_("No events recorded yet."))]
    header = (_("When"), _("What"), _("Details"))
    return _("Timeline"), [_table(header, (22, 24, 54), rows)]


def _contacts(content: DossierContent, writer: _Writer) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    contacts = [e for e in content.detail.events if e.channel is not None]
    if not contacts:
        return _("Contact log"), [_note(_("No contacts recorded yet."))]
    rows = []
    for event in contacts:
        channel: list[Run] = [label(event.channel, tr)]
        if event.direction is not None:
            channel += [{"br": True}, {"muted": label(event.direction, tr)}]
        reference: list[Run] = [{"mono": event.reference}] if event.reference else ["—"]
        date = format_date(event.occurred_at, "medium", content.language)
        rows.append(([date], channel, reference, _or_dash(writer.text(event.summary))))
    header = (_("Date"), _("Channel"), _("Reference"), _("Summary"))
    return _("Contact log"), [_table(header, (17, 19, 26, 38), rows)]


def _checklists(
    content: DossierContent, printed: Sequence[PrintedEvidence]
) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    detail, language = content.detail, content.language
    signs = entries(detail.case, detail.checklist, Checklist.BLOCK_SIGNS)
    titles = {s.key: s.title.text(language) for s in block_signs()}
    blocks = [_sub(_("Signs of the block"))]
    blocks.append(_table(None, (70, 30), (([titles[e.key]], [label(e.state, tr)]) for e in signs)))
    verdict = block_verdict({e.key: e.state for e in signs})
    blocks.append(_note(verdict.text(tr), "italic"))
    by_id = {item.id: item for item in detail.evidence}
    shown = {e.item.id: n for n, e in enumerate(printed, start=1)}
    items = {i.key: i.title.text(language) for i in id_checklist()}
    rows = []
    for entry in entries(detail.case, detail.checklist, Checklist.ID_DOCUMENTS):
        linked = by_id.get(entry.evidence_id)
        evidence: list[Run] = ["—"]
        if linked is not None:
            name = linked.title or linked.original_name
            number = shown.get(linked.id)
            evidence = (
                [{"goto": evidence_label(number), "text": name}] if number is not None else [name]
            )
        rows.append(([items[entry.key]], [label(entry.state, tr)], evidence))
    header = (_("Item"), _("State"), _("Evidence"))
    blocks += [_sub(_("ID checklist")), _table(header, (45, 20, 35), rows)]
    return _("Checklists"), blocks


def _evidence(
    content: DossierContent,
    writer: _Writer,
    printed: Sequence[PrintedEvidence],
    attachments: Sequence[Attachment],
) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    blocks: list[Block] = []
    if not printed and not content.damaged:
        blocks.append(_note(_("No evidence is included in this dossier.")))
    attached = {id(a.item): a for a in attachments}
    for number, evidence in enumerate(printed, start=1):
        blocks.append(_figure(content, writer, evidence, number, attached.get(id(evidence.item))))
    if content.damaged:
        blocks.append(_note(_("These pieces of evidence cannot be read and are not included:")))
        names = (item.title or item.original_name or "—" for item in content.damaged)
        blocks.append({"kind": "list", "items": [writer.line(name) for name in names]})
    return _("Evidence"), blocks


def _figure(
    content: DossierContent,
    writer: _Writer,
    evidence: PrintedEvidence,
    number: int,
    attachment: Attachment | None,
) -> Block:
    tr = translator(content.language)
    _ = tr.gettext
    item, language = evidence.item, content.language
    name = item.title or item.original_name
    title = _("Evidence {number}: {title}").format(number=number, title=name)
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
        (_("Captured at"), [format_datetime(item.captured_at, "long", language) or "—"]),
        (_("Original file"), _or_dash(writer.line(item.original_name))),
        (_("Size"), [size]),
        (_("SHA-256 of the original"), [{"hash": item.sha256}]),
    ]
    if evidence.protected:
        explanation = _(
            "Identity document: details blacked out and marked as a copy for this appeal; "
            "the original is kept unchanged."
        )
        rows.append((_("Protected copy"), [explanation]))
    if attachment is not None:
        rows.append((_("Attached file"), _attachment_runs(tr, attachment)))
    elif evidence.layout is Layout.PAGES:
        explanation = _(
            "An identity document as a PDF cannot be blacked out or marked as a copy, so it "
            "is neither shown nor attached."
        )
        rows.append((_("Document"), [explanation]))
    if item.note.strip():
        rows.append((_("Note"), writer.text(item.note)))
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


def _closing(content: DossierContent) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    language = content.language
    today = content.exported_at.date()
    rows = []
    for deadline in content.detail.deadlines:
        when = "—"
        left = deadline.days_left(today)
        if deadline.due is not None and left is not None:
            when = f"{format_date(deadline.due, 'long', language)} ({format_days_left(left, tr)})"
        rule = rule_by_key().get(deadline.key)
        cell: list[Run] = [{"strong": deadline.action(tr)}]
        if rule is not None:
            cell += [{"br": True}, {"muted": rule.explanation.text(language)}]
        rows.append((cell, [when]))
    blocks: list[Block] = []
    if rows:
        blocks.append(_table((_("What"), _("When")), (68, 32), rows))
    else:
        blocks.append(_note(_("No deadlines are open in this case.")))
    blocks.append(_sub(_("Next steps")))
    keys = [step.key for step in steps_for_status(content.detail.case.status)]
    if content.detail.case.status not in (CaseStatus.RESTORED, CaseStatus.CLOSED):
        keys += [key for key in ESCALATION_STEPS if key not in keys]
    steps = {step.key: step for step in unblock_steps()}
    blocks.append(
        {
            "kind": "steps",
            "items": [
                {
                    "title": steps[key].title.text(language),
                    "text": steps[key].description.text(language),
                }
                for key in keys
            ],
        }
    )
    return _("Deadlines and next steps"), blocks
