"""Plain, immutable results of the services; safe to keep after their session closed.

The case list's query and rows live in :mod:`appealdesk.services.case_rows`, which loads
without the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from appealdesk.domain.deadlines import Deadline
from appealdesk.domain.enums import Checklist
from appealdesk.domain.models import (
    Account,
    Case,
    ChecklistItem,
    Client,
    Event,
    EvidenceItem,
    StatementOfReasons,
    Workspace,
)
from appealdesk.domain.parties import Parties, parties
from appealdesk.domain.step_progress import StepProgress, step_progress


@dataclass(frozen=True)
class CaseDetail:
    """Everything about one case, as the editor and the exports need it."""

    case: Case
    account: Account
    client: Client
    statement: StatementOfReasons | None
    events: tuple[Event, ...]
    checklist: tuple[ChecklistItem, ...]
    evidence: tuple[EvidenceItem, ...]
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)
    workspace: Workspace | None = None  # who keeps the database (None: not said yet)

    @property
    def parties(self) -> Parties:
        return parties(self.account, self.workspace, self.evidence)

    @property
    def steps(self) -> tuple[StepProgress, ...]:
        """The unblock steps as shown: ticked by the user or shown done by the case's data."""
        return step_progress(self.case, self.events, self.evidence, self.checklist)

    def checklist_items(self, checklist: Checklist) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.checklist if item.checklist == checklist)


@dataclass(frozen=True)
class ClientSummary:
    client: Client
    accounts: int
    cases: int
    open_cases: int
