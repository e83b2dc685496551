"""``appealdesk export --for``: a dossier for the platform, a body or a lawyer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import appealdesk, assert_one_clear_line
from tests.export.test_dossier import pdf_text


@pytest.mark.subprocess
def test_a_body_dossier_without_a_body_is_one_clear_line(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "TT-2026-0004-ods-en.pdf"
    result = appealdesk(
        "export", "TT-2026-0004", "--for", "ods", "--out", target, "--db", demo, "--lang", "en"
    )
    assert_one_clear_line(result, "needs the body", "--body")
    assert not target.exists()


@pytest.mark.subprocess
def test_export_for_a_body_and_for_a_lawyer(demo: Path, tmp_path: Path) -> None:
    body = tmp_path / "TT-2026-0004-ods-nl.pdf"
    result = appealdesk(
        "export", "TT-2026-0004", "--for", "ods", "--body", "appeals_centre_europe",
        "--out", body, "--db", demo, "--lang", "nl",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Voor de geschilleninstantie" in pdf_text(body)
    # what the body needs and the case does not say is told after the export
    assert "rechter of andere instantie" in result.stderr  # what a body asks, not known
    lawyer = tmp_path / "TT-2026-0004-lawyer-en.pdf"
    result = appealdesk(
        "export", "TT-2026-0004", "--for", "lawyer", "--out", lawyer, "--db", demo, "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(lawyer)
    assert "Legal framework" in text and "Voor de geschilleninstantie" not in text
    refused = appealdesk("export", "TT-2026-0004", "--for", "court", "--out", lawyer, "--db", demo)
    assert refused.returncode != 0 and "--for" in refused.stderr
