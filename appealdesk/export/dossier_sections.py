"""The sections of the dossier's data before the evidence, and the closing one."""

from __future__ import annotations

from collections.abc import Sequence

from appealdesk.domain.enums import (
    Checklist,
    ChecklistState,
    ContentType,
    DecisionVisibility,
    EventKind,
)
from appealdesk.domain.labels import label
from appealdesk.domain.models import StatementOfReasons
from appealdesk.domain.recipients import Recipient
from appealdesk.domain.reference import id_checklist
from appealdesk.domain.taxonomy import (
    GUIDELINES_PLATFORM,
    Reason,
    edition_citation,
    find_reason,
    has_guidelines,
)
from appealdesk.export.content import DossierContent
from appealdesk.export.dossier_runs import (
    Block,
    Run,
    TextRuns,
    facts,
    note,
    or_dash,
    subheading,
    table,
)
from appealdesk.export.evidence_data import evidence_label, exhibit_references
from appealdesk.export.print_images import PrintedEvidence
from appealdesk.export.quoting import marked_paragraphs, marked_text
from appealdesk.i18n import (
    N_,
    Translator,
    format_date,
    format_datetime,
    format_number,
    translator,
)
from appealdesk.services.checklists import entries

# Where an appeal can go when the platform does not help: a dossier always names them.
ESCALATION_STEPS = ("internal_complaint", "out_of_court_body", "data_access_request")

# The title of the letter's section, by the letter's kind.
LETTER_TITLES = {
    "appeal": N_("Appeal letter"),
    "reminder": N_("Reminder"),
    "statement_request": N_("Request for a statement of reasons"),
    "internal_complaint": N_("Internal complaint"),
    "ods_complaint": N_("Complaint to the dispute settlement body"),
    "data_access_request": N_("Data access request"),
}


def summary_section(content: DossierContent, writer: TextRuns) -> tuple[str, list[Block]]:
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
    blocks = [facts(rows)]
    if case.notice_text.strip():
        blocks.append(subheading(_("Text of the notice, as received")))
        blocks += marked_paragraphs(writer, case.notice_text, language, "quote")
    if case.user_statement.strip():
        blocks.append(subheading(_("What happened, in the account holder's words")))
        blocks += marked_paragraphs(writer, case.user_statement, language)
    return _("Summary of the block"), blocks


def statement_section(content: DossierContent, writer: TextRuns) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    title = _("Statement of reasons (DSA art. 17)")
    statement, language = content.detail.statement, content.language
    if statement is None:
        return title, [note(_("No statement of reasons from the platform has been recorded."))]
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
    rows[1:1] = _decisions_given(statement, tr)
    blocks = [facts((name, or_dash([r for r in value if r != ""])) for name, value in rows)]
    if statement.decision_facts.strip():
        blocks.append(subheading(_("Text of the statement, as received")))
        blocks += marked_paragraphs(writer, statement.decision_facts, language, "quote")
    return title, blocks


def _decisions_given(statement: StatementOfReasons, tr: Translator) -> list[tuple[str, list[Run]]]:
    """The fields of the EU database beyond the account decision, where the statement gave
    them (an empty one is not printed: most statements concern one kind of decision)."""
    _ = tr.gettext
    language = tr.language
    given: list[tuple[str, list[Run]]] = []
    if statement.decision_provision is not None:
        given.append((_("Decision on the service"), [label(statement.decision_provision, tr)]))
    if statement.decision_monetary is not None:
        given.append((_("Decision on payments"), [label(statement.decision_monetary, tr)]))
    if statement.decision_visibility:
        names = [label(DecisionVisibility(v), tr) for v in statement.decision_visibility]
        given.append((_("Decision on content"), ["; ".join(names)]))
    if statement.content_type:
        names = [label(ContentType(v), tr) for v in statement.content_type]
        given.append((_("Type of content"), ["; ".join(names)]))
    if statement.source_type is not None:
        given.append((_("What led to it"), [label(statement.source_type, tr)]))
    if statement.received_on is not None:
        given.append(
            (_("Statement received on"), [format_date(statement.received_on, "long", language)])
        )
    if statement.redress_explained is not None:
        said = _("Yes") if statement.redress_explained else _("No")
        given.append((_("Explains how to contest it"), [said]))
    return given


def guideline_section(content: DossierContent) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    case, language = content.detail.case, content.language
    title = _("The guideline concerned")
    platform = content.detail.account.platform
    if not has_guidelines(platform):
        return title, [
            note(
                _(
                    "No guideline of {platform} is recorded: AppealDesk maps a block onto the "
                    "community guidelines of {known} only."
                ).format(platform=label(platform, tr), known=label(GUIDELINES_PLATFORM, tr))
            )
        ]
    reason = find_reason(case.blocked_at.date(), case.reason_area, case.reason_policy)
    area, policy = reason.area, reason.policy
    if area is None:
        return title, [note(_("No guideline has been recorded for this block."))]

    def described(name: str, description: str) -> list[Run]:
        return [{"strong": name}, {"br": True}, description]

    rows = [(_("Area"), described(area.name.text(language), area.description.text(language)))]
    if policy is not None:
        rows.append(
            (_("Section"), described(policy.name.text(language), policy.description.text(language)))
        )
    rows.append((_("DSA categories"), [", ".join(label(c, tr) for c in reason.dsa_categories)]))
    rows.append((_("Source"), [edition_citation(reason.edition, language)]))
    return title, [facts(rows), note(_edition_note(content, reason), "muted")]


def _edition_note(content: DossierContent, reason: Reason) -> str:
    """Who chose the guideline and from which edition: the reader must not take our summary
    for the platform's words, nor an old edition for the one in force."""
    _ = translator(content.language).gettext
    language = content.language
    text = _(
        "The guideline was chosen by the account holder. The descriptions summarise, in our "
        "own words, the {edition}."
    ).format(edition=edition_citation(reason.edition, language))
    if reason.edition != reason.in_force:
        text += " " + _(
            "The guideline was recorded from that edition; at the time of the block the {edition} "
            "applied, whose wording may differ."
        ).format(edition=edition_citation(reason.in_force, language))
    return text


def letter_section(
    content: DossierContent, writer: TextRuns, printed: Sequence[PrintedEvidence]
) -> tuple[str, list[Block]]:
    _ = translator(content.language).gettext
    letter: Block = {
        "kind": "paragraphs",
        "style": "letter",
        "items": writer.paragraphs(content.letter.text),
    }
    title = _(LETTER_TITLES.get(content.letter.kind, N_("Letter")))
    return title, [letter, *exhibit_references(content, printed)]


def timeline_section(content: DossierContent, writer: TextRuns) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    rows = []
    # Notes are the holder's own working notes: only a lawyer is given every event.
    events = [
        e
        for e in content.detail.events
        if content.recipient is Recipient.LAWYER or e.kind is not EventKind.NOTE
    ]
    for event in events:
        details = marked_text(writer, event.summary, content.language)
        if event.outcome:
            details += [{"br": True}, {"muted": event.outcome}]
        rows.append(
            (
                [format_datetime(event.occurred_at, "medium", content.language)],
                [label(event.kind, tr)],
                or_dash(details),
            )
        )
    if not rows:
        return _("Timeline"), [note(_("No events recorded yet."))]
    header = (_("When"), _("What"), _("Details"))
    return _("Timeline"), [table(header, (22, 24, 54), rows)]


def contacts_section(content: DossierContent, writer: TextRuns) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    contacts = [e for e in content.detail.events if e.channel is not None]
    if not contacts:
        return _("Contact log"), [note(_("No contacts recorded yet."))]
    rows = []
    for event in contacts:
        channel: list[Run] = [label(event.channel, tr)]
        if event.direction is not None:
            channel += [{"br": True}, {"muted": label(event.direction, tr)}]
        reference: list[Run] = [{"mono": event.reference}] if event.reference else ["—"]
        date = format_date(event.occurred_at, "medium", content.language)
        summary = marked_text(writer, event.summary, content.language)
        rows.append(([date], channel, reference, or_dash(summary)))
    header = (_("Date"), _("Channel"), _("Reference"), _("Summary"))
    return _("Contact log"), [table(header, (17, 19, 26, 38), rows)]


def checklists_section(
    content: DossierContent, printed: Sequence[PrintedEvidence]
) -> tuple[str, list[Block]]:
    tr = translator(content.language)
    _ = tr.gettext
    detail, language = content.detail, content.language
    blocks: list[Block] = []
    by_id = {item.id: item for item in detail.evidence}
    shown = {e.item.id: n for n, e in enumerate(printed, start=1)}
    items = {i.key: i.title.text(language) for i in id_checklist()}
    rows = []
    for entry in entries(detail.case, detail.checklist, Checklist.ID_DOCUMENTS):
        if entry.state in (ChecklistState.UNKNOWN, ChecklistState.NOT_NEEDED):
            continue  # nothing asked or given: not for the reader of the dossier
        linked = by_id.get(entry.evidence_id)
        evidence: list[Run] = ["—"]
        if linked is not None:
            name = linked.title or linked.original_name
            number = shown.get(linked.id)
            evidence = (
                [{"goto": evidence_label(number), "text": name}] if number is not None else [name]
            )
        rows.append(([items[entry.key]], [label(entry.state, tr)], evidence))
    if rows:
        header = (_("Item"), _("State"), _("Evidence"))
        blocks += [subheading(_("ID checklist")), table(header, (45, 20, 35), rows)]
    return _("Checklists"), blocks
