"""``appealdesk letter``: a letter of a case, as stored or else as drafted from the case."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.cli.output import terminal_safe
from appealdesk.domain.enums import LetterKind
from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.labels import label
from appealdesk.i18n import _

if TYPE_CHECKING:
    from appealdesk.store.database import Database

KIND_NAMES = [kind.value.replace("_", "-") for kind in LetterKind]


def _kind(value: str) -> LetterKind:
    normal = value.strip().lower().replace("_", "-")
    if normal not in KIND_NAMES:
        raise argparse.ArgumentTypeError(
            _("unknown kind “{kind}”, choose from {kinds}").format(
                kind=value, kinds=", ".join(KIND_NAMES)
            )
        )
    return LetterKind(normal.replace("-", "_"))


def add_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    letter = commands.add_parser(
        "letter", help=_("a letter of a case: as you saved it, else a draft from the case")
    )
    letter.add_argument("case_number", metavar=_("CASE_NUMBER"))
    letter.add_argument(
        "--kind",
        type=_kind,
        metavar=_("KIND"),
        help=_("{kinds} (default: the letter the case needs now)").format(
            kinds=", ".join(KIND_NAMES)
        ),
    )
    letter.add_argument(
        "--body",
        metavar=_("ID"),
        help=_("the out-of-court body of an ods-complaint (see appealdesk bodies)"),
    )
    letter.add_argument("--out", type=Path, metavar=_("FILE"), help=_("write the letter to FILE"))
    common(letter)


def run_letter(db: Database, args: argparse.Namespace, language: str) -> tuple[str, int]:
    from appealdesk.domain.ods_bodies import body_by_id
    from appealdesk.services import cases, letters

    detail = cases.find_case(db, args.case_number)
    assert detail.case.id is not None
    if args.body is not None and body_by_id(args.body) is None:
        raise AppealDeskError(
            _("Unknown dispute settlement body: {key}").format(key=args.body)
            + " "
            + _("(see appealdesk bodies)")
        )
    notes = []
    kind = args.kind
    if kind is None:
        kind = letters.proposal(detail, letters.case_letters(db, detail.case.id))
        notes.append(_("The letter this case needs now: {kind}.").format(kind=label(kind)))
    current = letters.current_letter(
        db, detail.case.id, kind, language, body_id=args.body, detail=detail
    )
    if current.is_draft:
        notes.append(_("No saved letter of this kind in this language: this is a draft."))
    if args.out is None:  # the notes beside the letter, so that stdout is the letter alone
        for note in notes:
            print(terminal_safe(note), file=sys.stderr)
        return current.text, 0
    _write(args.out, current.text + "\n")
    notes.append(_("Letter written to {path}.").format(path=args.out))
    return "\n".join(notes), 0


def _write(path: Path, text: str) -> None:
    """Writes ``text`` whole or not at all: a temporary file, read back, then renamed."""
    from appealdesk.export.files import replacing

    data = text.encode("utf-8")
    with replacing(path) as temporary:
        temporary.write_bytes(data)
        if temporary.read_bytes() != data:
            raise OSError(_("The letter did not come out whole."))
