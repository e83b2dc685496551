"""Who keeps this database: a creator, or an agency that signs on its clients' behalf."""

from __future__ import annotations

from typing import Unpack

from sqlmodel import Session, select

from appealdesk.domain.enums import WorkspaceRole
from appealdesk.domain.models import Workspace, now
from appealdesk.domain.validation import choice, clean_text
from appealdesk.i18n import _
from appealdesk.services.changes import WorkspaceChanges
from appealdesk.store.database import Database


def load_workspace(session: Session) -> Workspace | None:
    return session.exec(select(Workspace).order_by(Workspace.id)).first()  # type: ignore[arg-type]


def get_workspace(db: Database) -> Workspace | None:
    """The profile, or None before anyone said whether this is a creator or an agency."""
    with db.reading() as session:
        return load_workspace(session)


def save_workspace(db: Database, **values: Unpack[WorkspaceChanges]) -> Workspace:
    with db.transaction() as session:
        workspace = load_workspace(session) or Workspace()
        if "role" in values:
            workspace.role = choice(WorkspaceRole, values["role"])
        if "agency_name" in values:
            workspace.agency_name = _line(values["agency_name"], _("Agency name"))
        if "contact_person" in values:
            workspace.contact_person = _line(values["contact_person"], _("Contact person"))
        if "email" in values:
            workspace.email = _line(values["email"], _("Email address"))
        workspace.updated_at = now()
        session.add(workspace)
        return workspace


def _line(value: str, field: str) -> str:
    return clean_text(value, field=field, multiline=False)
