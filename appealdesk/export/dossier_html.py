"""The dossier as rich text (Qt's HTML subset), in the dossier's language.

Texts are gettext messages looked up in the dossier's language (``_`` is bound to that
language's catalog in each function), dates and numbers come from babel in that language,
and everything the user typed is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from appealdesk.domain.checklists import block_verdict
from appealdesk.domain.deadlines import action_label
from appealdesk.domain.enums import Checklist
from appealdesk.domain.labels import label
from appealdesk.domain.reference import block_signs, id_checklist
from appealdesk.domain.taxonomy import taxonomy
from appealdesk.export.content import DossierContent
from appealdesk.export.dossier_closing import closing_section
from appealdesk.export.dossier_evidence import EvidenceFigure, evidence_section
from appealdesk.export.html_parts import PAGE_BREAK, STYLE, facts, heading, note, paragraphs, table
from appealdesk.i18n import format_date, format_datetime, format_number, translator
from appealdesk.services.checklists import entries

# A section: its title and its body, both in the dossier's language.
Section = tuple[str, str]


def build_html(content: DossierContent, figures: Sequence[EvidenceFigure]) -> str:
    parts: list[tuple[bool, Callable[[], Section]]] = [  # (starts a new page, section)
        (True, lambda: _summary(content)),
        (False, lambda: _statement(content)),
        (False, lambda: _guideline(content)),
        (True, lambda: _letter(content)),
        (True, lambda: _timeline(content)),
        (False, lambda: _contacts(content)),
        (False, lambda: _checklists(content)),
        (True, lambda: evidence_section(content, figures)),
        (True, lambda: closing_section(content)),
    ]
    sections = [(new_page, make()) for new_page, make in parts]
    body = _cover(content, [title for _page, (title, _html) in sections])
    for number, (new_page, (title, html)) in enumerate(sections, start=1):
        body += (PAGE_BREAK if new_page else "") + f"<h2>{number}. {escape(title)}</h2>{html}"
    return f"<html><head><style>{STYLE}</style></head><body>{body}</body></html>"


def _cover(content: DossierContent, titles: list[str]) -> str:
    tr = translator(content.language)
    _ = tr.gettext
    case, account, client = content.detail.case, content.detail.account, content.detail.client
    language = content.language
    name = f" — {account.display_name}" if account.display_name else ""
    rows = [
        (_("Case number"), escape(case.case_number)),
        (_("Platform"), escape(label(account.platform, tr))),
        (_("Account"), escape(f"@{account.handle}{name}")),
        (_("Client"), escape(client.name)),
        (_("Status"), escape(label(case.status, tr))),
        (_("Blocked on"), escape(format_datetime(case.blocked_at, "long", language))),
        (_("Exported on"), escape(format_datetime(content.exported_at, "long", language))),
    ]
    next_step = escape(action_label(case.next_action, tr)) or "—"
    if case.next_action_due is not None:
        next_step += " · " + escape(format_date(case.next_action_due, "long", language))
    rows.append((_("Next step"), next_step))
    rows.append((_("Evidence"), escape(format_number(len(content.evidence), language))))
    contents = "".join(f"<li>{escape(title)}</li>" for title in titles)
    intro = _(
        "This dossier was put together with AppealDesk. The SHA-256 values identify every "
        "piece of evidence: the same file always has the same value."
    )
    return (
        heading(_("Appeal dossier"), 1) + f'<p class="cover"><b>{escape(case.case_number)}</b>'
        f" · {escape(label(account.platform, tr))} · @{escape(account.handle)}</p>"
        + facts(rows)
        + heading(_("Contents"))
        + f"<ol>{contents}</ol>"
        + f'<p class="muted" style="margin-top: 18pt;">{escape(intro)}</p>'
    )


def _summary(content: DossierContent) -> Section:
    tr = translator(content.language)
    _ = tr.gettext
    case, language = content.detail.case, content.language
    days = max(0, (content.exported_at.date() - case.blocked_at.date()).days)
    rows = [
        (_("Kind of block"), escape(label(case.block_kind, tr))),
        (_("Blocked on"), escape(format_datetime(case.blocked_at, "long", language))),
        (_("Days since the block"), escape(format_number(days, language))),
        (_("Desired outcome"), escape(label(case.desired_outcome, tr))),
    ]
    followers = content.detail.account.followers_at_block
    if followers is not None:
        rows.append((_("Followers when blocked"), escape(format_number(followers, language))))
    html = facts(rows)
    if case.notice_text.strip():
        html += heading(_("The notice as received")) + paragraphs(case.notice_text, "quote")
    if case.user_statement.strip():
        html += heading(_("What happened")) + paragraphs(case.user_statement)
    return _("Summary of the block"), html


def _statement(content: DossierContent) -> Section:
    tr = translator(content.language)
    _ = tr.gettext
    title = _("Statement of reasons (DSA art. 17)")
    statement, language = content.detail.statement, content.language
    if statement is None:
        return title, note(_("The platform has not given a statement of reasons."))
    rows = [
        (_("Decision on the account"), label(statement.decision_account, tr)),
        (_("Ground"), label(statement.decision_ground, tr)),
        (_("Category"), label(statement.category, tr)),
        (_("Detected automatically"), label(statement.automated_detection, tr)),
        (_("Decided automatically"), label(statement.automated_decision, tr)),
        (_("Decision date"), format_date(statement.application_date, "long", language)),
        (
            _("Restriction ends"),
            format_date(statement.end_date_account_restriction, "long", language),
        ),
        (_("Where it applies"), ", ".join(statement.territorial_scope)),
        (_("Terms concerned"), statement.incompatible_content_ground),
        (_("Legal ground"), statement.illegal_content_legal_ground),
        (_("Reference URL"), statement.decision_ground_reference_url),
    ]
    html = facts((name, escape(value) or "—") for name, value in rows)
    if statement.decision_facts.strip():
        html += heading(_("The statement as given"))
        html += paragraphs(statement.decision_facts, "quote")
    return title, html


def _guideline(content: DossierContent) -> Section:
    tr = translator(content.language)
    _ = tr.gettext
    case, language = content.detail.case, content.language
    title = _("The guideline concerned")
    area = taxonomy().area(case.reason_area)
    if area is None:
        return title, note(_("The platform did not say which guideline was broken."))

    def described(name: str, description: str) -> str:
        return f"<b>{escape(name)}</b><br>{escape(description)}"

    rows = [(_("Area"), described(area.name.text(language), area.description.text(language)))]
    policy = area.policy(case.reason_policy) if case.reason_policy else None
    if policy is not None:
        rows.append(
            (_("Section"), described(policy.name.text(language), policy.description.text(language)))
        )
    categories = taxonomy().dsa_categories(case.reason_area, case.reason_policy)
    rows.append((_("DSA categories"), escape(", ".join(label(c, tr) for c in categories))))
    return title, facts(rows)


def _letter(content: DossierContent) -> Section:
    _ = translator(content.language).gettext
    html = ""
    if content.letter_is_draft:
        html += note(_("Drafted from the case facts; not yet edited."), "muted")
    return _("Appeal letter"), html + paragraphs(content.letter, "letter")


def _timeline(content: DossierContent) -> Section:
    tr = translator(content.language)
    _ = tr.gettext
    rows = []
    for event in content.detail.events:
        details = escape(event.summary)
        if event.outcome:
            details += f'<br><span class="muted">{escape(event.outcome)}</span>'
        rows.append(
            (
                escape(format_datetime(event.occurred_at, "medium", content.language)),
                escape(label(event.kind, tr)),
                details,
            )
        )
    header = (escape(_("When")), escape(_("What")), escape(_("Details")))
    return _("Timeline"), table(rows, header, widths=(22, 28, 50))


def _contacts(content: DossierContent) -> Section:
    tr = translator(content.language)
    _ = tr.gettext
    contacts = [e for e in content.detail.events if e.channel is not None]
    if not contacts:
        return _("Contact log"), note(_("No contacts recorded yet."))
    rows = []
    for event in contacts:
        channel = escape(label(event.channel, tr))
        if event.direction is not None:
            channel += f'<br><span class="muted">{escape(label(event.direction, tr))}</span>'
        reference = (
            f'<span class="mono">{escape(event.reference)}</span>' if event.reference else "—"
        )
        date = escape(format_date(event.occurred_at, "medium", content.language))
        rows.append((date, channel, reference, escape(event.summary)))
    header = tuple(escape(h) for h in (_("Date"), _("Channel"), _("Reference"), _("Summary")))
    return _("Contact log"), table(rows, header, widths=(18, 18, 24, 40))


def _checklists(content: DossierContent) -> Section:
    tr = translator(content.language)
    _ = tr.gettext
    detail, language = content.detail, content.language
    signs = entries(detail.case, detail.checklist, Checklist.BLOCK_SIGNS)
    titles = {s.key: s.title.text(language) for s in block_signs()}
    html = heading(_("Signs of the block"))
    html += table(
        ((escape(titles[e.key]), escape(label(e.state, tr))) for e in signs), widths=(70, 30)
    )
    verdict = block_verdict({e.key: e.state for e in signs})
    html += f"<p><i>{escape(verdict.text(tr))}</i></p>"
    by_id = {item.id: item for item in detail.evidence}
    items = {i.key: i.title.text(language) for i in id_checklist()}
    rows = []
    for entry in entries(detail.case, detail.checklist, Checklist.ID_DOCUMENTS):
        linked = by_id.get(entry.evidence_id)
        evidence = escape(linked.title or linked.original_name) if linked else "—"
        rows.append((escape(items[entry.key]), escape(label(entry.state, tr)), evidence))
    header = tuple(escape(h) for h in (_("Item"), _("State"), _("Evidence")))
    html += heading(_("ID checklist")) + table(rows, header, widths=(45, 20, 35))
    return _("Checklists"), html
