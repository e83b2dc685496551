"""``appealdesk demo --encrypted``, ``encrypt`` and ``decrypt``: a database's encryption
from a script or a terminal."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from appealdesk.cli.unlock import key_for_cli, keyring_line, new_passphrase, recovery_lines
from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _, format_number, ngettext


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    encrypt = commands.add_parser(
        "encrypt", help=_("encrypt the database and its evidence files, in place")
    )
    common(encrypt)
    decrypt = commands.add_parser(
        "decrypt", help=_("store the database and its evidence files in the clear again")
    )
    decrypt.add_argument(
        "--yes", action="store_true", help=_("do not ask for confirmation (for scripts)")
    )
    common(decrypt)


def run_demo(args: argparse.Namespace, language: str) -> tuple[str, int]:
    from appealdesk.services.demo import create_demo_database
    from appealdesk.store.postgres.connection import parse_url

    if isinstance(args.path, str):  # a team database's URL
        if args.encrypted:
            raise ValidationError(
                _("A team database on PostgreSQL is not encrypted by AppealDesk.")
            )
        summary = create_demo_database(args.path, language=language)
        message = _("Demo database written to {path}: {clients} clients, {cases} cases.")
        location = parse_url(args.path).url  # without a password written into it
        return message.format(path=location, clients=summary.clients, cases=summary.cases), 0
    path: Path = args.path.expanduser().absolute()
    lines: list[str] = []
    key = None
    if args.encrypted:
        if path.exists():
            raise ValidationError(
                _("{path} already exists; choose a new file for the demo.").format(path=path)
            )
        from appealdesk.services.encryption import create_key

        passphrase = new_passphrase()
        key = create_key(path, passphrase)
        lines += [keyring_line(path, key), *recovery_lines(key)]
    summary = create_demo_database(path, language=language, key=key)
    message = _("Demo database written to {path}: {clients} clients, {cases} cases.")
    lines.insert(0, message.format(path=args.path, clients=summary.clients, cases=summary.cases))
    if key is not None:
        lines.insert(1, _("It is encrypted; its key file is {path}.").format(path=_key_file(path)))
    return "\n".join(lines), 0


def _key_file(database: Path) -> Path:
    from appealdesk.store.encryption.detect import key_file_for

    return key_file_for(database)


def run_conversion(database: Path, args: argparse.Namespace) -> tuple[str, int]:
    from appealdesk.services import encryption

    if args.command == "encrypt":
        passphrase = new_passphrase()
        result = encryption.encrypt_database(database, passphrase)
        lines = [
            ngettext(
                "{path} is encrypted now, with {files} evidence file.",
                "{path} is encrypted now, with {files} evidence files.",
                result.evidence_files,
            ).format(path=database, files=format_number(result.evidence_files)),
            _("Its key file is {path}; keep a copy of it with your backups.").format(
                path=_key_file(database)
            ),
        ]
        if result.plain_backups_removed:
            lines.append(
                ngettext(
                    "{count} plain backup was removed; a new encrypted one was made.",
                    "{count} plain backups were removed; a new encrypted one was made.",
                    result.plain_backups_removed,
                ).format(count=format_number(result.plain_backups_removed))
            )
        lines += [keyring_line(database, result.key), *recovery_lines(result.key)]
        return "\n".join(lines), 0
    key = key_for_cli(database)
    if key is None:
        raise ValidationError(_("{path} is not encrypted.").format(path=database))
    if not args.yes and not _confirmed(database):
        return _("Nothing was changed."), 1
    result = encryption.decrypt_database(database, key)
    return (
        ngettext(
            "{path} and its {files} evidence file are in the clear now: anyone who can read "
            "the files can read the cases.",
            "{path} and its {files} evidence files are in the clear now: anyone who can read "
            "the files can read the cases.",
            result.evidence_files,
        ).format(path=database, files=format_number(result.evidence_files)),
        0,
    )


def _confirmed(database: Path) -> bool:
    import sys

    if not sys.stdin.isatty():
        raise ValidationError(_("Give --yes to decrypt without being asked."))
    answer = input(
        _("Store {path} and its evidence in the clear? Type “yes” to go on: ").format(path=database)
    )
    return answer.strip().lower() in ("yes", _("yes"))
