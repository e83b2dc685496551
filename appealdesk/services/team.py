"""A team's database on PostgreSQL: setting it up for its members, and its audit log.

``init_team`` creates the schema and two group roles: ``appealdesk_members``, who read and
change the cases, and ``appealdesk_viewers``, who only read them. Each member logs in with a
role of their own in one of the groups, so the audit log, written by the database itself,
names them. Nobody but the database's owner can change or delete the log: members may read
it, its rows are written by a trigger function that runs as the owner.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DatabaseError, ValidationError
from appealdesk.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from appealdesk.store.database import Database

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class TeamSetup:
    url: str
    created_roles: list[str]  # login roles made now, without a password yet
    members: list[str]
    viewers: list[str]


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    member: str
    table: str
    row_id: int | None
    case_id: int | None
    case_number: str | None
    action: str
    changes: dict[str, dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "member": self.member,
            "table": self.table,
            "row_id": self.row_id,
            "case_number": self.case_number,
            "action": self.action,
            "changes": self.changes,
        }


_TABLES = {
    "cases": N_("case"),
    "events": N_("timeline entry"),
    "evidence_items": N_("evidence"),
    "evidence_timestamps": N_("time stamp"),
    "custody_entries": N_("custody record"),
    "checklist_items": N_("checklist item"),
    "appeal_letters": N_("letter"),
    "statements_of_reasons": N_("statement of reasons"),
    "accounts": N_("account"),
    "clients": N_("client"),
    "workspace": N_("profile"),
    "platform_channels": N_("platform channel"),
}
_ACTIONS = {"insert": N_("added"), "update": N_("changed"), "delete": N_("deleted")}


def describe_change(table: str, action: str) -> str:
    """“case changed”, “evidence added”: the row's kind and what happened to it."""
    kind = _(_TABLES[table]) if table in _TABLES else table
    done = _(_ACTIONS[action]) if action in _ACTIONS else action
    return _("{kind} {action}").format(kind=kind, action=done)


def describe_values(
    table: str,
    changes: dict[str, dict[str, Any]],
    *,
    limit: int = 80,
    most: int | None = None,
) -> str:
    """The fields of a change with their old and new values, one per line, cut to ``limit``
    characters each and to ``most`` lines (plain text, in the user's words: see
    :mod:`audit_values`). Fields without a value before or after (most of a new row's) and
    the row's keys and stamps are left out."""
    from appealdesk.services.audit_values import HIDDEN, REFERENCES, field_name, shown_value

    lines = []
    for name in sorted(changes, key=lambda column: field_name(column).casefold()):
        if name in HIDDEN:
            continue
        if name in REFERENCES:
            if None not in (changes[name].get("old"), changes[name].get("new")):
                changed = _(_ACTIONS["update"])
                lines.append(f"{field_name(name)}: {changed}")
            continue
        old, new = (
            _short(shown_value(table, name, changes[name].get(side)), limit)
            for side in ("old", "new")
        )
        if old and new:
            lines.append(f"{field_name(name)}: {old} → {new}")
        elif old or new:
            lines.append(f"{field_name(name)}: {old or new}")
    if most is not None and len(lines) > most:
        rest = len(lines) - most + 1
        lines = [
            *lines[: most - 1],
            ngettext("… and {count} more field", "… and {count} more fields", rest).format(
                count=rest
            ),
        ]
    return "\n".join(lines)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_role_name(name: str) -> str:
    if not _ROLE_NAME.fullmatch(name):
        raise ValidationError(
            _(
                "“{name}” cannot be a member's role: use lower-case letters, digits and _, "
                "starting with a letter."
            ).format(name=name)
        )
    return name


def init_team(url: str, *, members: list[str], viewers: list[str]) -> TeamSetup:
    """Creates the schema (when there is none) and the grants, and puts each named login
    role (created when missing) in its group. Runs as the database's owner."""
    import psycopg
    from psycopg import sql

    from appealdesk.services.workspace import open_workspace
    from appealdesk.store.postgres.connection import connect, parse_url
    from appealdesk.store.postgres.roles import MEMBERS, VIEWERS, grant_rights, role_exists

    for name in (*members, *viewers):
        check_role_name(name)
    open_workspace(url).close()  # the schema and the reference data
    target = parse_url(url)
    created: list[str] = []
    try:
        with connect(target) as connection, connection.transaction():
            grant_rights(connection, target.dbname)
            for group, names in ((MEMBERS, members), (VIEWERS, viewers)):
                for name in names:
                    if not role_exists(connection, name):
                        connection.execute(sql.SQL("CREATE ROLE {} LOGIN").format(
                            sql.Identifier(name)))  # fmt: skip
                        created.append(name)
                    connection.execute(sql.SQL("GRANT {} TO {}").format(
                        sql.Identifier(group), sql.Identifier(name)))  # fmt: skip
    except psycopg.errors.InsufficientPrivilege as exc:
        raise DatabaseError(
            _(
                "Only the owner of the database, with the right to create roles, can set up "
                "the team: {reason}"
            ).format(reason=str(exc).strip().splitlines()[0])
        ) from None
    return TeamSetup(target.url, created, members, viewers)


def audit_entries(db: Database, *, case_number: str | None = None) -> list[AuditEntry]:
    """The audit log of a team database, oldest first; of one case with ``case_number``."""
    if not db.shared:
        raise DatabaseError(
            _("Only a team database on PostgreSQL keeps an audit log written by the database.")
        )
    sql = (
        "SELECT l.at, l.member, l.table_name, l.row_id, l.case_id, c.case_number, l.action, "
        "l.changes FROM audit_log l LEFT JOIN cases c ON c.id = l.case_id"
    )
    parameters: list[Any] = []
    if case_number is not None:
        found = db.rows("SELECT id FROM cases WHERE case_number = ?", [case_number])
        if not found:
            raise ValidationError(_("There is no case {number}.").format(number=case_number))
        sql += " WHERE l.case_id = ?"
        parameters.append(found[0][0])
    rows = db.rows(sql + " ORDER BY l.id", parameters)
    return [
        AuditEntry(
            at=at.astimezone() if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at),
            member=str(member),
            table=str(table),
            row_id=row_id,
            case_id=case_id,
            case_number=number,
            action=str(action),
            changes=changes if isinstance(changes, dict) else json.loads(changes),
        )
        for at, member, table, row_id, case_id, number, action, changes in rows
    ]
