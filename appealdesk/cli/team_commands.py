"""``appealdesk team init``, ``team login`` and ``audit``: a team's database on PostgreSQL."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _, format_datetime

if TYPE_CHECKING:
    from appealdesk.store.database import Database


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    from appealdesk.cli.main import Parser

    team = commands.add_parser("team", help=_("set up a team database on PostgreSQL"))
    team_commands = team.add_subparsers(dest="team_command", parser_class=Parser, required=True)
    init = team_commands.add_parser(
        "init", help=_("create the tables and the members' rights (as the database's owner)")
    )
    init.add_argument(
        "--member",
        action="append",
        default=[],
        metavar=_("ROLE"),
        help=_("a PostgreSQL role that may change cases (made when missing; repeat)"),
    )
    init.add_argument(
        "--viewer",
        action="append",
        default=[],
        metavar=_("ROLE"),
        help=_("a PostgreSQL role that may only view cases (made when missing; repeat)"),
    )
    common(init)
    login = team_commands.add_parser(
        "login", help=_("keep your password for a team database in the system's keyring")
    )
    common(login)

    audit = commands.add_parser("audit", help=_("who changed what in a team database"))
    audit.add_argument("--case", metavar=_("CASE_NUMBER"), help=_("only this case"))
    audit.add_argument("--format", choices=("table", "json"), default="table")
    common(audit)


def _url(args: argparse.Namespace) -> str:
    if not isinstance(args.db, str):
        raise ValidationError(
            _("Name the team database with --db postgresql://user@host:port/name.")
        )
    return args.db


def run_team(args: argparse.Namespace) -> tuple[str, int]:
    from appealdesk.services import team

    url = _url(args)
    if args.team_command == "login":
        return _login(url)
    setup = team.init_team(url, members=args.member, viewers=args.viewer)
    lines = [_("The team database {url} is ready.").format(url=setup.url)]
    for name in setup.members:
        lines.append(_("{role} may change cases.").format(role=name))
    for name in setup.viewers:
        lines.append(_("{role} may view cases.").format(role=name))
    if setup.created_roles:
        lines.append(
            _(
                "New roles without a password yet: {roles}. Give each one with "
                "ALTER ROLE … PASSWORD (in psql: \\password ROLE)."
            ).format(roles=", ".join(setup.created_roles))
        )
    return "\n".join(lines), 0


def _login(url: str) -> tuple[str, int]:
    import dataclasses
    import getpass
    import sys

    from appealdesk.store.postgres.connection import connect, parse_url, store_password

    target = parse_url(url)
    if not sys.stdin.isatty():
        raise ValidationError(_("“team login” asks for the password: run it in a terminal."))
    password = getpass.getpass(_("Password of {user} for {url}: ").format(
        user=target.user, url=target.url))  # fmt: skip
    connect(
        dataclasses.replace(target, password=password)
    ).close()  # a wrong password is said now, not at the next start
    if not store_password(target, password):
        return _("This computer has no keyring AppealDesk can use; nothing was stored."), 1
    return _("The password of {user} is kept in the keyring.").format(user=target.user), 0


def run_audit(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    from appealdesk.cli.output import to_json, to_table
    from appealdesk.services import team

    entries = team.audit_entries(db, case_number=args.case)
    if args.format == "json":
        return to_json([entry.as_json() for entry in entries]), 0
    if not entries:
        return _("The audit log holds nothing yet."), 0
    rows = [
        [
            format_datetime(entry.at, "short"),
            entry.member,
            entry.case_number or "",
            _describe(entry.table, entry.action),
            ", ".join(sorted(entry.changes)),
        ]
        for entry in entries
    ]
    headers = [_("When"), _("Who"), _("Case"), _("What"), _("Fields")]
    return to_table(headers, rows, max_width=60), 0


def _describe(table: str, action: str) -> str:
    from appealdesk.services.team import describe_change

    return describe_change(table, action)
