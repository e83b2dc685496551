"""Who a dossier is written for: the platform, a certified dispute settlement body, a lawyer.

Each reads the same case; what each dossier adds is in :mod:`appealdesk.export.recipient_data`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from appealdesk.domain.deadlines import add_months
from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.models import Case, StatementOfReasons
from appealdesk.domain.ods_bodies import OdsBody, body_by_id
from appealdesk.i18n import N_, _


class Recipient(StrEnum):
    PLATFORM = "platform"
    ODS = "ods"  # a certified out-of-court dispute settlement body (DSA art. 21)
    LAWYER = "lawyer"


RECIPIENT_NAMES: dict[Recipient, str] = {
    Recipient.PLATFORM: N_("The platform"),
    Recipient.ODS: N_("A dispute settlement body"),
    Recipient.LAWYER: N_("A lawyer"),
}


def body_for(recipient: Recipient, case: Case, body_id: str | None = None) -> OdsBody | None:
    """The body an ``ods`` dossier is for: the one given, else the case's; None for the others.

    Refuses an ``ods`` dossier without a body, and a body AppealDesk does not know.
    """
    if recipient is not Recipient.ODS:
        return None
    wanted = body_id or case.ods_body
    if not wanted:
        raise AppealDeskError(
            _(
                "A dossier for a dispute settlement body needs the body: choose it on the case "
                "or give --body ID (see: appealdesk bodies)."
            )
        )
    body = body_by_id(wanted)
    if body is None:
        raise AppealDeskError(
            _("There is no dispute settlement body “{id}” (see: appealdesk bodies).").format(
                id=wanted
            )
        )
    return body


def decision_moment(case: Case, applied_on: dt.date | None) -> dt.datetime:
    """The platform's decision as its deadlines count from it: the date the statement of
    reasons gives (``applied_on``) when known, else the block."""
    return dt.datetime.combine(applied_on, dt.time()) if applied_on else case.blocked_at


def decision_day(case: Case, statement: StatementOfReasons | None) -> dt.date:
    """The day of the platform's decision: the statement of reasons' date, else the block's."""
    return decision_moment(case, statement.application_date if statement else None).date()


def filing_deadline(body: OdsBody, decided: dt.date) -> dt.date | None:
    """The last day the body takes the dispute, when it has a limit on the decision's age."""
    if body.max_decision_age_months is None:
        return None
    return add_months(decided, body.max_decision_age_months)
