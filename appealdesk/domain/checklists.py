"""The three checklists of a case: which items, which states, and what the block signs say."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from appealdesk.domain.enums import Checklist, ChecklistState
from appealdesk.domain.reference import block_signs, id_checklist, unblock_steps
from appealdesk.i18n import N_, Translator, translator

St = ChecklistState

ALLOWED_STATES: dict[Checklist, tuple[ChecklistState, ...]] = {
    Checklist.BLOCK_SIGNS: (St.UNKNOWN, St.OBSERVED, St.NOT_OBSERVED),
    Checklist.ID_DOCUMENTS: (St.NOT_NEEDED, St.NEEDED, St.COLLECTED, St.SENT),
    Checklist.NEXT_STEPS: (St.TODO, St.DONE, St.SKIPPED),
}

INITIAL_STATE: dict[Checklist, ChecklistState] = {
    Checklist.BLOCK_SIGNS: St.UNKNOWN,
    Checklist.ID_DOCUMENTS: St.NOT_NEEDED,
    Checklist.NEXT_STEPS: St.TODO,
}

# Items of the ID checklist the platform typically asks for once it requests an ID check.
ID_CHECK_ITEMS = ("id_front", "selfie_with_id")


def item_keys(checklist: Checklist) -> tuple[str, ...]:
    if checklist is Checklist.BLOCK_SIGNS:
        return tuple(sign.key for sign in block_signs())
    if checklist is Checklist.ID_DOCUMENTS:
        return tuple(item.key for item in id_checklist())
    return tuple(step.key for step in unblock_steps())


def initial_state(checklist: Checklist, key: str, reason_policy: str | None) -> ChecklistState:
    if checklist is Checklist.ID_DOCUMENTS and reason_policy:
        item = next(i for i in id_checklist() if i.key == key)
        if reason_policy in item.needed_for_policies:
            return St.NEEDED
    return INITIAL_STATE[checklist]


def is_allowed(checklist: Checklist, state: ChecklistState) -> bool:
    return state in ALLOWED_STATES[checklist]


class BlockVerdict(StrEnum):
    NOT_CHECKED = "not_checked"
    LIKELY_BLOCKED = "likely_blocked"
    PROBABLY_NOT_BLOCKED = "probably_not_blocked"
    PARTLY_CHECKED = "partly_checked"


_VERDICT_TEXT = {
    BlockVerdict.NOT_CHECKED: N_(
        "Go through the five signs to see whether the account is blocked."
    ),
    BlockVerdict.LIKELY_BLOCKED: N_(
        "The account is very likely blocked. Find out why through the notice or support."
    ),
    BlockVerdict.PROBABLY_NOT_BLOCKED: N_(
        "None of the signs apply: probably no block, perhaps a glitch. Try again later."
    ),
    BlockVerdict.PARTLY_CHECKED: N_("No sign seen so far; check the remaining ones."),
}


@dataclass(frozen=True)
class Verdict:
    verdict: BlockVerdict
    observed: int
    checked: int
    total: int

    def text(self, tr: Translator | None = None) -> str:
        return (tr or translator()).gettext(_VERDICT_TEXT[self.verdict])


def block_verdict(states: Mapping[str, ChecklistState]) -> Verdict:
    """One sign or more means a block is likely; all five absent means probably none."""
    keys = item_keys(Checklist.BLOCK_SIGNS)
    values = [states.get(key, St.UNKNOWN) for key in keys]
    observed = sum(v is St.OBSERVED for v in values)
    checked = sum(v is not St.UNKNOWN for v in values)
    if observed:
        verdict = BlockVerdict.LIKELY_BLOCKED
    elif checked == 0:
        verdict = BlockVerdict.NOT_CHECKED
    elif checked == len(keys):
        verdict = BlockVerdict.PROBABLY_NOT_BLOCKED
    else:
        verdict = BlockVerdict.PARTLY_CHECKED
    return Verdict(verdict, observed, checked, len(keys))
