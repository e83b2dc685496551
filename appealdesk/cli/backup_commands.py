"""``appealdesk backup``, ``restore`` and ``check``: keeping a database safe from a script."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.cli.output import terminal_safe
from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _, format_datetime, format_number, ngettext

if TYPE_CHECKING:
    from appealdesk.store.database import Database


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    backup = commands.add_parser(
        "backup", help=_("write one file with the database and all its evidence")
    )
    backup.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE"), help=_("the new file")
    )
    common(backup)

    restore_parser = commands.add_parser(
        "restore", help=_("replace the database by a backup (the current one is kept aside)")
    )
    restore_parser.add_argument(
        "backup_file",
        type=Path,
        metavar=_("FILE"),
        help=_("a file written by “appealdesk backup”, or one from the .backups folder"),
    )
    common(restore_parser)

    check = commands.add_parser(
        "check", help=_("check the database and every evidence file against its SHA-256")
    )
    common(check)


def run_backup(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    from appealdesk.services import backups

    summary = backups.write_backup_file(db, args.out)
    message = _("Backup written to {path}: the database and {files} evidence files.").format(
        path=args.out, files=format_number(summary.evidence_files)
    )
    if summary.evidence_missing:
        message += "\n" + _missing_line(len(summary.evidence_missing))
    return message, 1 if summary.evidence_missing else 0


def _missing_line(count: int) -> str:
    return ngettext(
        "Warning: {count} evidence file is missing or damaged; run “appealdesk check”.",
        "Warning: {count} evidence files are missing or damaged; run “appealdesk check”.",
        count,
    ).format(count=format_number(count))


def run_restore(database: Path, args: argparse.Namespace) -> tuple[str, int]:
    from appealdesk.cli.unlock import key_for_restore
    from appealdesk.services import restore
    from appealdesk.store.instance_lock import InstanceLock

    source = Path(args.backup_file).expanduser().absolute()
    key = key_for_restore(database, source) if source.is_file() else None
    with InstanceLock(database):
        result = restore.restore(database, args.backup_file, key=key)
    lines = [_("Restored {source} into {path}.").format(source=result.source, path=database)]
    if result.kept_aside is not None:
        lines.append(_("The previous database is kept as {path}.").format(path=result.kept_aside))
    if result.evidence_missing:
        lines.append(_missing_line(len(result.evidence_missing)))
    return "\n".join(lines), 0


def run_team_restore(args: argparse.Namespace) -> tuple[str, int]:
    """``restore --db URL FILE``: the archive into a team database that has no cases yet."""
    from appealdesk.services.restore import backup_is_encrypted
    from appealdesk.services.team_backup import restore_into_team
    from appealdesk.services.workspace import open_workspace

    source = Path(args.backup_file).expanduser().absolute()
    db = open_workspace(args.db)  # an empty database is given the tables first
    try:
        key = None
        if source.is_file() and backup_is_encrypted(source):
            from appealdesk.cli.unlock import key_for_restore

            key = key_for_restore(db.path, source)
        counts, missing = restore_into_team(db, source, key)
    finally:
        db.close()
    message = _("Restored {source} into {path} (cases: {cases}, evidence items: {files}).")
    lines = [
        message.format(
            source=source,
            path=db.location,
            cases=format_number(counts.get("cases", 0)),
            files=format_number(counts.get("evidence_items", 0)),
        )
    ]
    if missing:  # as a restore into a file says it
        lines.append(_missing_line(len(missing)))
    return "\n".join(lines), 0


def run_check(database: Path) -> tuple[str, int]:
    from appealdesk.cli.unlock import key_for_cli
    from appealdesk.services import health_check

    report = health_check.check_database(database, key=key_for_cli(database))
    safe = terminal_safe
    lines = [_("Checked {path}:").format(path=report.database)]
    if report.database_problems:
        lines.append(_("The database is damaged:"))
        lines += [f"  {terminal_safe(problem)}" for problem in report.database_problems[:20]]
    else:
        lines.append(_("The database is whole (integrity and references checked)."))
    lines.append(
        _("{count} evidence files checked against their SHA-256.").format(
            count=format_number(report.evidence_checked)
        )
    )
    for row in report.evidence_missing:
        lines.append(
            _("  missing: {name} of {case} ({sha256})").format(
                name=safe(row.original_name), case=safe(row.case_number), sha256=row.sha256
            )
        )
    for row in report.evidence_damaged:
        lines.append(
            _("  damaged (no longer matches its SHA-256): {name} of {case} ({sha256})").format(
                name=safe(row.original_name), case=safe(row.case_number), sha256=row.sha256
            )
        )
    for unreadable in report.evidence_unreadable:
        row = unreadable.row
        lines.append(
            _("  cannot be read ({reason}): {name} of {case} ({path})").format(
                reason=unreadable.reason,
                name=safe(row.original_name),
                case=safe(row.case_number),
                path=safe(unreadable.path),
            )
        )
    for finding in report.custody:
        lines.append(
            _("  changed outside AppealDesk: {title} of {case}: {problems}").format(
                title=safe(finding.title),
                case=safe(finding.case_number),
                problems=safe("; ".join(finding.problems)),
            )
        )
    if report.unreferenced_files:
        lines.append(
            _("{count} stored files belong to no case (they go when AppealDesk closes).").format(
                count=format_number(report.unreferenced_files)
            )
        )
    lines.append(_("All is well.") if report.ok else _("Problems found."))
    return "\n".join(lines), 0 if report.ok else 1


def damaged_hint(database: Path) -> str:
    """What to do about a damaged database, for the one-line error of every command."""
    from appealdesk.services import restore

    backup = restore.newest_good_backup(database)
    if backup is None:
        return _("There is no backup of it to restore.")
    return _(
        "Restore the newest good backup ({date}) with: appealdesk restore --db {db} {file}"
    ).format(date=format_datetime(backup.taken_at, "medium"), db=database, file=backup.path)


def database_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        from appealdesk.store.database_file import database_file_status

        path = Path(args.db).expanduser().absolute()
        database_file_status(path)  # a FIFO or a device is refused before it is opened
        return path
    from appealdesk.services.workspace import default_database_path

    path = default_database_path()
    if not path.exists():
        raise DatabaseError(_("There is no database at {path}.").format(path=path))
    return path
