"""Emoji the user typed reach the dossier as emoji, given the emoji font the README names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from appealdesk.export.glyphs import can_show
from appealdesk.services import cases
from appealdesk.store.database import Database
from tests.export.test_dossier import case_id, pdf_text
from tests.export.test_dossier_pdf import _export, pdfinfo

pytestmark = pytest.mark.usefixtures("qapp")

FILM, SKIN_TONE_THUMB = "\U0001f3ac", "\U0001f44d\U0001f3fd"


def emoji_font_installed() -> bool:
    return can_show(FILM)


def test_emoji_in_the_users_words_are_printed_and_copy_back(
    demo_db: Database, tmp_path: Path
) -> None:
    if not emoji_font_installed():
        pytest.skip("needs an emoji font (see the README)")
    statement = f"A parody {FILM} of a presenter {SKIN_TONE_THUMB}, clearly marked as one."
    cases.update_case(demo_db, case_id(demo_db), user_statement=statement)
    pdf = _export(demo_db, tmp_path / "d.pdf")
    text = pdf_text(pdf)  # pypdf: poppler 22's pdftotext drops a line's end after an emoji
    assert f"A parody {FILM} of a presenter {SKIN_TONE_THUMB}, clearly marked" in text
    assert "\ufffd" not in text
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(pdf), re.MULTILINE)  # still PDF/A, tagged
