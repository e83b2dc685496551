"""What a dossier for a dispute settlement body needs and the case does not say yet.

Said as warnings before the export, like the contradictions of
:mod:`appealdesk.services.consistency`: none of them stops an export.
"""

from __future__ import annotations

import datetime as dt

from appealdesk.domain.ods_bodies import OdsBody, eu_residence
from appealdesk.domain.recipients import Recipient, decision_day, filing_deadline
from appealdesk.i18n import format_date, translator
from appealdesk.services.consistency import Contradiction
from appealdesk.services.results import CaseDetail


def recipient_warnings(
    detail: CaseDetail,
    language: str,
    recipient: Recipient,
    body: OdsBody | None,
    today: dt.date | None = None,
) -> list[Contradiction]:
    if recipient is not Recipient.ODS or body is None:
        return []
    _ = translator(language).gettext
    holder, representative = detail.parties.holder, detail.parties.representative
    found: list[Contradiction] = []

    def warn(code: str, text: str) -> None:
        found.append(Contradiction(code, text.format(body=body.name)))

    if not holder.name:
        warn("holder_name_missing", _("The account holder's name is missing: {body} needs it."))
    if not holder.email:
        warn(
            "holder_email_missing",
            _("The account holder's e-mail address is missing: {body} needs it."),
        )
    if not holder.country:
        warn(
            "holder_country_missing",
            _("The account holder's country of residence is missing: {body} needs it."),
        )
    elif eu_residence(holder.country) is False:
        warn(
            "holder_outside_eu",
            _("The account holder does not live in an EU member state: {body} may refuse."),
        )
    if representative is not None and representative.mandate is None:
        warn(
            "mandate_missing",
            _("No mandate of the agency is recorded as evidence: {body} will ask for it."),
        )
    if detail.case.other_proceedings is None:
        warn(
            "other_proceedings_unknown",
            _(
                "The case does not say whether the dispute is before a court or another body: "
                "the dossier says nothing about it."
            ),
        )
    deadline = filing_deadline(body, decision_day(detail.case, detail.statement))
    if deadline is not None and deadline < (today or dt.date.today()):
        found.append(
            Contradiction(
                "filing_deadline_passed",
                _("The last day to file with {body} was {date}.").format(
                    body=body.name, date=format_date(deadline, "long", language)
                ),
            )
        )
    return found
