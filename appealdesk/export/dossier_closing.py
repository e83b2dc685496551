"""The last section of the dossier: what is due when, and where to go next."""

from __future__ import annotations

from html import escape

from appealdesk.domain.deadlines import rule_by_key
from appealdesk.domain.enums import CaseStatus
from appealdesk.domain.reference import steps_for_status, unblock_steps
from appealdesk.export.content import DossierContent
from appealdesk.export.html_parts import heading, note, table
from appealdesk.i18n import format_date, format_days_left, translator

# Where an appeal can go when the platform does not help: a dossier always names them.
ESCALATION_STEPS = ("internal_complaint", "out_of_court_body", "data_access_request")


def closing_section(content: DossierContent) -> tuple[str, str]:
    """(title, body) of the deadlines and next steps."""
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
        cell = f"<b>{escape(deadline.action(tr))}</b>"
        if rule is not None:
            cell += f'<br><span class="muted">{escape(rule.explanation.text(language))}</span>'
        rows.append((cell, escape(when)))
    if rows:
        html = table(rows, (escape(_("What")), escape(_("When"))), widths=(68, 32))
    else:
        html = note(_("No deadlines are open in this case."))
    html += heading(_("Next steps"))
    keys = [step.key for step in steps_for_status(content.detail.case.status)]
    if content.detail.case.status not in (CaseStatus.RESTORED, CaseStatus.CLOSED):
        keys += [key for key in ESCALATION_STEPS if key not in keys]
    steps = {step.key: step for step in unblock_steps()}
    for key in keys:
        step = steps[key]
        html += (
            f"<p><b>{escape(step.title.text(language))}</b><br>"
            f"{escape(step.description.text(language))}</p>"
        )
    return _("Deadlines and next steps"), html
