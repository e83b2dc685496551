"""The ``appealdesk`` command: the window by default, and subcommands for scripts."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from appealdesk import __version__
from appealdesk.cli.logs import configure_logging, error_kind, log_file
from appealdesk.cli.parser_language import translate_argparse
from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import AppealDeskError, DamagedDatabaseError, DatabaseError
from appealdesk.i18n import N_, SUPPORTED_LANGUAGES, _, set_language, system_language
from appealdesk.startup import modules_loaded, pause_collector

if TYPE_CHECKING:
    from appealdesk.store.database import Database

log = logging.getLogger("appealdesk")


def _safe(text: str, *, keep: str = "") -> str:
    """Text that prints as itself (see :func:`appealdesk.cli.output.terminal_safe`)."""
    from appealdesk.cli.output import terminal_safe  # not at start: the window needs none of it

    return terminal_safe(text, keep=keep)


class Parser(argparse.ArgumentParser):
    """Argument errors as one line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        hint = _("see --help")
        self.exit(2, f"{self.prog}: {_safe(message)} ({hint})\n")


def database_location(text: str) -> Path | str:
    """``--db``: a database file, or a team database's ``postgresql://`` URL (kept as text)."""
    from appealdesk.store.database import is_database_url

    return text if is_database_url(text) else Path(text)


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        type=database_location,
        default=default,
        metavar=_("PATH|URL"),
        help=_(
            "the database file, or a team database as postgresql://user@host:port/name "
            "(default: your personal AppealDesk database)"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        default=default,
        help=_("language of texts and dates (default: the system language)"),
    )


def build_parser(*, with_commands: bool = True) -> Parser:
    """The whole command line; ``with_commands=False`` gives only the window's options."""
    parser = Parser(
        prog="appealdesk",
        description=_("Cases of blocked social-media accounts: evidence, contacts, deadlines."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"AppealDesk {__version__}",
        help=_("show the version number and exit"),
    )
    _common(parser, top=True)
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    from appealdesk.cli import (
        backup_commands,
        bodies_command,
        encryption_commands,
        evidence_commands,
        export_command,
        letter_command,
        team_commands,
    )

    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar=_("COMMAND"))

    demo = commands.add_parser("demo", help=_("write a demo database"))
    demo.add_argument(
        "path",
        type=database_location,
        metavar=_("PATH|URL"),
        help=_("the new database file, or an empty team database"),
    )
    demo.add_argument(
        "--encrypted",
        action="store_true",
        help=_("encrypt it (passphrase from APPEALDESK_PASSPHRASE, or asked)"),
    )
    _common(demo, top=False)

    listing = commands.add_parser("cases", help=_("list cases"))
    _common(listing, top=False)
    listing.add_argument(
        "--status",
        action="append",
        metavar=_("STATUS"),
        help=_("only cases with this status (repeat or separate with commas)"),
    )
    listing.add_argument("--search", metavar=_("TEXT"), help=_("full-text search"))
    listing.add_argument("--platform", choices=[p.value for p in Platform])
    listing.add_argument("--overdue", action="store_true", help=_("only overdue cases"))
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")

    case = commands.add_parser("case", help=_("one case"))
    case_commands = case.add_subparsers(dest="case_command", parser_class=Parser, required=True)
    show = case_commands.add_parser("show", help=_("everything about one case"))
    show.add_argument("case_number", metavar=_("CASE_NUMBER"))
    show.add_argument("--format", choices=("text", "json"), default="text")
    _common(show, top=False)
    evidence_commands.add_parser(commands, lambda p: _common(p, top=False))
    export_command.add_parser(commands, lambda p: _common(p, top=False))
    bodies_command.add_parser(commands, lambda p: _common(p, top=False))
    letter_command.add_parser(commands, lambda p: _common(p, top=False))
    backup_commands.add_parsers(commands, lambda p: _common(p, top=False))
    encryption_commands.add_parsers(commands, lambda p: _common(p, top=False))
    team_commands.add_parsers(commands, lambda p: _common(p, top=False))
    return parser


def _open(args: argparse.Namespace) -> Database:
    from appealdesk.cli.unlock import key_for_cli
    from appealdesk.services.workspace import default_database_path, open_workspace

    if isinstance(args.db, str):  # a team database: no file, no key
        return open_workspace(args.db, create=False)
    path = Path(args.db if args.db is not None else default_database_path())
    return open_workspace(args.db, create=False, key=key_for_cli(path.expanduser().absolute()))


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Builds the parser with all its commands only when a command or help is asked for.

    Opening the window needs just the top-level options, and building every command's
    parser would take longer than showing the window does.
    """
    if "-h" not in argv and "--help" not in argv:
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            return args
    return build_parser().parse_args(argv)


# What a command that works on a database file says to a team database's URL.
_FILE_COMMANDS = {
    "encrypt": N_(
        "A team database on PostgreSQL is not encrypted by AppealDesk: protect it on the "
        "server (disk encryption, TLS connections)."
    ),
    "decrypt": N_("A team database on PostgreSQL is not encrypted by AppealDesk."),
    "check": N_(
        "“appealdesk check” checks a database file; on PostgreSQL, the server checks its own data."
    ),
}


def _run_command(args: argparse.Namespace) -> tuple[str, int]:
    from appealdesk.cli import backup_commands, bodies_command, evidence_commands, export_command

    own = _command_of_its_own(args)
    if own is not None:
        modules_loaded()  # a command of its own (a demo, a restore): collect as it goes
        return own()
    from appealdesk.cli import case_commands, letter_command, team_commands

    runners: dict[str, Callable[..., tuple[str, int]]] = {
        "cases": case_commands.run_cases,
        "case": case_commands.run_case_show,
        "evidence": evidence_commands.run_evidence,
        "export": lambda db, a: export_command.run_export(db, a, a.lang or system_language()),
        "backup": backup_commands.run_backup,
        "bodies": bodies_command.run_bodies,
        "letter": lambda db, a: letter_command.run_letter(db, a, a.lang or system_language()),
        "audit": team_commands.run_audit,
    }
    try:
        db = _open(args)
    except DamagedDatabaseError as exc:
        hint = backup_commands.damaged_hint(backup_commands.database_path(args))
        separator = " " if exc.message.endswith(".") else ". "
        raise DamagedDatabaseError(exc.message + separator + hint) from exc
    finally:
        modules_loaded()
    try:
        return runners[args.command](db, args)
    finally:
        db.close()


def _command_of_its_own(args: argparse.Namespace) -> Callable[[], tuple[str, int]] | None:
    """The command, when it is one that opens no database the usual way."""
    from appealdesk.cli import backup_commands, bodies_command, encryption_commands

    if args.command == "bodies" and args.case is None:  # shipped data: no database needed
        return lambda: bodies_command.run_bodies(None, args)
    if args.command == "demo":
        return lambda: encryption_commands.run_demo(args, args.lang or system_language())
    if args.command == "team":
        from appealdesk.cli import team_commands

        return lambda: team_commands.run_team(args)
    if isinstance(args.db, str) and args.command in _FILE_COMMANDS:
        raise DatabaseError(_(_FILE_COMMANDS[args.command]))
    if args.command in ("encrypt", "decrypt"):
        path = backup_commands.database_path(args)
        return lambda: encryption_commands.run_conversion(path, args)
    if args.command == "restore" and isinstance(args.db, str):
        return lambda: backup_commands.run_team_restore(args)
    if args.command == "restore":
        return lambda: backup_commands.run_restore(backup_commands.database_path(args), args)
    if args.command == "check":
        return lambda: backup_commands.run_check(backup_commands.database_path(args))
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    configure_logging()
    # The language of the messages is needed before the real parser runs, which then
    # refuses an unknown --lang in the language it could still set.
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    set_language(known.lang if known.lang in SUPPORTED_LANGUAGES else system_language())
    translate_argparse()
    args = parse_arguments(argv)
    try:
        if args.command is None:
            from appealdesk.ui.app import run_gui

            return run_gui(args.db, args.lang)
        output, status = _run_command(args)
        if output:
            print(_safe(output, keep="\n\t"))
        return status
    except AppealDeskError as exc:
        print(f"appealdesk: {_safe(exc.message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the details in the log
        log.exception("unexpected error")
        print(
            _("appealdesk: unexpected error: {error} (details in {log})").format(
                error=error_kind(exc), log=_safe(str(log_file() or "-"))
            ),
            file=sys.stderr,
        )
        return 1


def run() -> NoReturn:
    """The process's entry point (the ``appealdesk`` script and ``python -m appealdesk``)."""
    pause_collector()
    status = main()
    # Whatever is left is freed with the process. Frozen, it is not walked once more by the
    # collector on the way out, which over the ORM's objects took about 0.1 s of every command.
    gc.freeze()
    sys.exit(status)
