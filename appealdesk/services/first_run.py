"""What the window needs to know before the first case: who keeps the database, how many cases.

Plain queries, so the welcome page can ask at start-up before the ORM is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from appealdesk.domain.enums import WorkspaceRole

if TYPE_CHECKING:  # the case list asks before the window is shown: no store loaded for it
    from appealdesk.store.database import Database


@dataclass(frozen=True)
class FirstRunState:
    role: WorkspaceRole | None  # None: not said yet
    cases: int


def first_run_state(db: Database) -> FirstRunState:
    roles = db.rows("SELECT role FROM workspace ORDER BY id LIMIT 1")
    role = WorkspaceRole(roles[0][0]) if roles and roles[0][0] in set(WorkspaceRole) else None
    cases = int(db.rows("SELECT count(*) FROM cases")[0][0])
    return FirstRunState(role, cases)
