"""Text no font can print is not left out in silence: the export says what was replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from appealdesk.services import cases
from appealdesk.services.workspace import open_workspace
from tests.cli.test_cli import appealdesk
from tests.export.test_dossier import pdf_text

# A private-use character: no font has it, so the dossier cannot print it.
NO_FONT_HAS_IT = "\U0010fffd"


@pytest.mark.subprocess
def test_the_command_names_what_it_printed_as_the_replacement_character(
    tmp_path: Path, demo: Path
) -> None:
    database = demo
    db = open_workspace(database)
    case = cases.find_case(db, "TT-2026-0004").case
    assert case.id is not None
    cases.update_case(db, case.id, notice_text=f"Je account is geblokkeerd {NO_FONT_HAS_IT}.")
    db.close()

    target = tmp_path / "dossier.pdf"
    result = appealdesk("export", "TT-2026-0004", "--out", target, "--db", database, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Je account is geblokkeerd \ufffd." in pdf_text(target)
    [warning] = [line for line in result.stderr.splitlines() if "U+10FFFD" in line]
    assert warning.startswith("Warning: 1 character could not be printed with the fonts on")
    assert "Install a font that has it" in warning

    plain = tmp_path / "plain.pdf"
    result = appealdesk("export", "TT-2026-0001", "--out", plain, "--db", database, "--lang", "en")
    assert result.returncode == 0 and "could not be printed" not in result.stderr
