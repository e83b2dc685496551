"""An identity document added from the command line, which cannot draw black-out areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from appealdesk.services.demo_images import specimen_id_card
from tests.cli.test_cli import appealdesk, assert_one_clear_line
from tests.export.test_id_copies import write_pdf


@pytest.mark.subprocess
@pytest.mark.parametrize("suffix", [".pdf", ".zip"])
def test_an_id_added_from_the_command_line_is_not_exported_without_black_outs(
    demo: Path, tmp_path: Path, suffix: str
) -> None:
    card = tmp_path / "id-front.png"
    card.write_bytes(specimen_id_card("Lotte de Vries", "01-01-1990", "123456782", "SPECI2026"))
    added = appealdesk(
        "evidence", "add", "--db", demo, "TT-2026-0003", card, "--kind", "id_document",
        "--lang", "en",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added: id-front.png" in added.stdout
    assert "can be exported only once its private details" in added.stdout
    assert "Black out…" in added.stdout and "nothing to black out" in added.stdout
    target = tmp_path / f"TT-2026-0003{suffix}"
    exported = appealdesk(
        "export", "TT-2026-0003", "--include-sensitive", "--out", target, "--db", demo,
        "--lang", "en",
    )  # fmt: skip
    assert_one_clear_line(exported, "Nothing was exported", "“id-front” has no black-out areas")
    assert not target.exists()
    without = appealdesk("export", "TT-2026-0003", "--out", target, "--db", demo)
    assert without.returncode == 0, without.stderr


@pytest.mark.subprocess
def test_an_id_pdf_is_refused_on_the_command_line(demo: Path, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "passport.pdf")
    result = appealdesk(
        "evidence", "add", "--db", demo, "TT-2026-0003", pdf, "--kind", "id_document",
        "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 1
    assert "refused: passport.pdf: an identity document as a PDF cannot be protected" in (
        result.stderr
    )
    assert "add a photo or scan of the document instead" in result.stderr
    assert "added:" not in result.stdout
