"""Facts of a case that contradict each other, said before a dossier is written.

A dossier that asks to restore an account whose restriction already ended, or that says the
account is banned while the user can still log in, loses the reader's trust. None of these
stops an export: the user is told, and decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from appealdesk.domain.dates import lies_before_block
from appealdesk.domain.enums import (
    BlockKind,
    CaseStatus,
    Checklist,
    ChecklistState,
    DesiredOutcome,
)
from appealdesk.domain.labels import label
from appealdesk.domain.recipients import Recipient, body_for
from appealdesk.i18n import format_date, translator
from appealdesk.services import appeal_letters, cases
from appealdesk.services.checklists import entries
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database

# The outcomes that ask for something the platform has not yet undone.
_UNDO_REQUESTS = (DesiredOutcome.RESTORE_ACCOUNT, DesiredOutcome.LIFT_RESTRICTION)
_BLOCKS_LOGIN = (BlockKind.PERMANENT_BAN, BlockKind.TEMPORARY_SUSPENSION, BlockKind.DEVICE_BAN)


@dataclass(frozen=True)
class Contradiction:
    code: str
    text: str  # in the language asked for


def contradictions(
    detail: CaseDetail,
    language: str,
    *,
    letter_is_draft: bool = False,
    today: dt.date | None = None,
) -> list[Contradiction]:
    """What a careful reader of the dossier in ``language`` would find inconsistent."""
    tr = translator(language)
    _: Callable[[str], str] = tr.gettext
    case, statement = detail.case, detail.statement
    day = today or dt.date.today()
    found: list[Contradiction] = []

    def date(value: dt.date | dt.datetime) -> str:
        return format_date(value, "long", language)

    ended = statement.end_date_account_restriction if statement is not None else None
    if (
        ended is not None
        and ended < day
        and case.desired_outcome in _UNDO_REQUESTS
        and case.status is not CaseStatus.RESTORED
    ):
        found.append(
            Contradiction(
                "restriction_ended",
                _(
                    "The statement of reasons says the restriction ended on {date}, yet the "
                    "letter asks: {request}."
                ).format(date=date(ended), request=label(case.desired_outcome, tr).lower()),
            )
        )
    signs = {e.key: e.state for e in entries(case, detail.checklist, Checklist.BLOCK_SIGNS)}
    if (
        signs.get("cannot_log_in") is ChecklistState.NOT_OBSERVED
        and case.block_kind in _BLOCKS_LOGIN
    ):
        found.append(
            Contradiction(
                "login_works",
                _("The block check says you can still log in, yet the case says: {kind}.").format(
                    kind=label(case.block_kind, tr).lower()
                ),
            )
        )
    if case.blocked_at.date() > day:
        found.append(
            Contradiction(
                "block_in_future",
                _("The block date, {date}, lies in the future.").format(date=date(case.blocked_at)),
            )
        )
    for event in detail.events:
        if lies_before_block(event.kind, event.occurred_at, case.blocked_at):
            found.append(
                Contradiction(
                    "event_before_block",
                    _("The timeline has “{event}” on {date}, before the block on {block}.").format(
                        event=label(event.kind, tr),
                        date=date(event.occurred_at),
                        block=date(case.blocked_at),
                    ),
                )
            )
    if letter_is_draft:
        found.append(
            Contradiction(
                "letter_not_read",
                _(
                    "The letter was drafted from the case facts and never edited: read it "
                    "before you send the dossier."
                ),
            )
        )
    return found


def before_export(
    db: Database,
    case_id: int,
    language: str,
    *,
    told_in: str | None = None,
    recipient: Recipient = Recipient.PLATFORM,
    body_id: str | None = None,
) -> list[Contradiction]:
    """The contradictions of a case's dossier in ``language`` for ``recipient`` as it would be
    exported now, said in ``told_in`` (the dossier's language unless given). An ``ods``
    dossier without a body is refused (:func:`~appealdesk.domain.recipients.body_for`)."""
    from appealdesk.services.recipient_checks import recipient_warnings

    detail = cases.get_case(db, case_id)
    body = body_for(recipient, detail.case, body_id)
    draft = appeal_letters.get_letter(db, case_id, language) is None
    said = told_in or language
    found = contradictions(detail, said, letter_is_draft=draft)
    return found + recipient_warnings(detail, said, recipient, body)
