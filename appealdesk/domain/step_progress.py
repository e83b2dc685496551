"""Which unblock steps the case's own data already shows done, and how a step is shown.

A step is shown done when the timeline, the evidence, the notice or the five signs say it
happened; the user's own choice only wins when they marked the step not applicable. The
user cannot undo what the data shows by unticking it (the timeline is changed instead), so
a stored "to do" never contradicts the data: it only means nobody ticked the step by hand.
Steps the data cannot show (waiting, learning from it …) follow the user's ticks alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from appealdesk.domain.checklists import BlockVerdict, block_verdict, initial_state, item_keys
from appealdesk.domain.enums import (
    Channel,
    Checklist,
    ChecklistState,
    Direction,
    EventKind,
    EvidenceKind,
)
from appealdesk.domain.models import Case, ChecklistItem, Event, EvidenceItem
from appealdesk.i18n import N_, format_date, translator


@dataclass(frozen=True)
class EventRule:
    """``count`` events of one of ``kinds`` (on one of ``channels``; None: any channel)."""

    kinds: frozenset[EventKind]
    channels: frozenset[Channel] | None = None
    count: int = 1

    def matches(self, event: Event) -> bool:
        if event.kind not in self.kinds or event.direction == Direction.INCOMING:
            return False  # an answer that came in is not a contact the user made
        return self.channels is None or event.channel in self.channels


# A contact with support through a channel: asking, reminding, or appealing through it.
_CONTACT = frozenset({EventKind.SUPPORT_CONTACTED, EventKind.FOLLOW_UP, EventKind.APPEAL_FILED})

TIMELINE_RULES: dict[str, EventRule] = {
    "appeal_in_app": EventRule(
        frozenset({EventKind.APPEAL_FILED}), frozenset({Channel.IN_APP_APPEAL})
    ),
    "send_id_if_asked": EventRule(frozenset({EventKind.ID_SUBMITTED})),
    "contact_support_form": EventRule(_CONTACT, frozenset({Channel.SUPPORT_FORM})),
    "contact_support_email": EventRule(_CONTACT, frozenset({Channel.EMAIL})),
    "call_support": EventRule(_CONTACT, frozenset({Channel.PHONE})),
    "appeal_again": EventRule(frozenset({EventKind.APPEAL_FILED}), count=2),
    "internal_complaint": EventRule(frozenset({EventKind.INTERNAL_COMPLAINT})),
    "out_of_court_body": EventRule(frozenset({EventKind.OUT_OF_COURT_DISPUTE})),
    "data_access_request": EventRule(frozenset({EventKind.DATA_ACCESS_REQUEST})),
}

# Identity papers and the mandate prove who someone is, not what happened: they are the
# ID step's business, not evidence for the appeal.
NOT_APPEAL_EVIDENCE = frozenset(
    {EvidenceKind.ID_DOCUMENT, EvidenceKind.SELFIE_WITH_ID, EvidenceKind.MANDATE}
)
EVIDENCE_STEP = "add_evidence"
NOTICE_STEP = "read_notice"
SIGNS_STEP = "verify_block"
_VERDICTS = frozenset({BlockVerdict.LIKELY_BLOCKED, BlockVerdict.PROBABLY_NOT_BLOCKED})


class ShownBy(StrEnum):
    TIMELINE = "timeline"
    EVIDENCE = "evidence"
    NOTICE = "notice"
    BLOCK_SIGNS = "block_signs"


_PROOF_TEXT = {
    ShownBy.TIMELINE: N_("Recorded on the timeline on {date}."),
    ShownBy.EVIDENCE: N_("Evidence added to the case on {date}."),
    ShownBy.NOTICE: N_("The notice is filled in on the overview."),
    ShownBy.BLOCK_SIGNS: N_("The five signs say whether the account is blocked (see above)."),
}


@dataclass(frozen=True)
class StepProof:
    """What shows a step done, and since when (None where the data has no date)."""

    shown_by: ShownBy
    on: dt.date | None = None

    def text(self, language: str | None = None) -> str:
        message = translator(language).gettext(_PROOF_TEXT[self.shown_by])
        return message.format(date=format_date(self.on, "long", language))


@dataclass(frozen=True)
class StepProgress:
    """One step as shown: ``state`` is what the user sees, ``chosen`` what is stored (what
    undo returns to), ``proof`` what in the data shows it done (None: nothing does)."""

    key: str
    state: ChecklistState
    chosen: ChecklistState
    proof: StepProof | None

    @property
    def follows_data(self) -> bool:
        """Done because the data says so (the user cannot untick it)."""
        return self.proof is not None and self.state is ChecklistState.DONE


def proofs(
    case: Case,
    events: Iterable[Event],
    evidence: Iterable[EvidenceItem],
    stored: Iterable[ChecklistItem],
) -> dict[str, StepProof]:
    """The steps the case's data shows done, each with what shows it."""
    found: dict[str, StepProof] = {}
    timeline = sorted(events, key=lambda e: (e.occurred_at, e.id or 0))
    for key, rule in TIMELINE_RULES.items():
        matching = [e for e in timeline if rule.matches(e)]
        if len(matching) >= rule.count:
            on = matching[rule.count - 1].occurred_at.date()
            found[key] = StepProof(ShownBy.TIMELINE, on)
    added = [e.created_at for e in evidence if e.kind not in NOT_APPEAL_EVIDENCE]
    if added:
        found[EVIDENCE_STEP] = StepProof(ShownBy.EVIDENCE, min(added).date())
    if case.notice_text.strip():
        found[NOTICE_STEP] = StepProof(ShownBy.NOTICE)
    signs = {i.item_key: i.state for i in stored if i.checklist == Checklist.BLOCK_SIGNS}
    if block_verdict(signs).verdict in _VERDICTS:
        found[SIGNS_STEP] = StepProof(ShownBy.BLOCK_SIGNS)
    return found


def shown_state(chosen: ChecklistState, proof: StepProof | None) -> ChecklistState:
    """Not applicable stays so; what the data shows is done; else the user's tick."""
    if chosen is ChecklistState.SKIPPED or proof is None:
        return chosen
    return ChecklistState.DONE


def step_progress(
    case: Case,
    events: Sequence[Event],
    evidence: Sequence[EvidenceItem],
    stored: Sequence[ChecklistItem],
) -> tuple[StepProgress, ...]:
    """Every unblock step in its order, as the editor, the CLI and exports show it."""
    found = proofs(case, events, evidence, stored)
    chosen = {i.item_key: i.state for i in stored if i.checklist == Checklist.NEXT_STEPS}
    result = []
    for key in item_keys(Checklist.NEXT_STEPS):
        state = chosen.get(key) or initial_state(Checklist.NEXT_STEPS, key, case.reason_policy)
        proof = found.get(key)
        result.append(StepProgress(key, shown_state(state, proof), state, proof))
    return tuple(result)
