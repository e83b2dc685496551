"""``appealdesk case show`` reports the DSA art. 17(3) check of the statement of reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import appealdesk


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = appealdesk("demo", path)
    assert result.returncode == 0, result.stderr
    return path


def show(demo_file: Path, number: str, *extra: str) -> str:
    result = appealdesk("case", "show", "--db", demo_file, number, *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.subprocess
def test_the_json_has_the_six_elements_of_the_check(demo_file: Path) -> None:
    data = json.loads(show(demo_file, "TT-2026-0005", "--format", "json"))
    check = data["statement_check"]
    assert [c["element"] for c in check] == ["a", "b", "c", "d", "e", "f"]
    for entry in check:
        assert set(entry) == {"element", "status", "fields", "text"}
        assert entry["status"] in {"given", "omitted", "not_applicable"}
        assert isinstance(entry["fields"], list) and entry["text"]
    by_element = {c["element"]: c for c in check}
    # The demo statement rests on the terms and names them.
    assert by_element["d"]["status"] == "not_applicable"
    assert by_element["e"]["status"] == "given"
    assert "incompatible_content_ground" in by_element["e"]["fields"]


@pytest.mark.subprocess
def test_without_a_statement_all_six_are_omitted(demo_file: Path) -> None:
    data = json.loads(show(demo_file, "TT-2026-0001", "--format", "json"))
    assert data["statement_of_reasons"] is None
    assert [c["status"] for c in data["statement_check"]] == ["omitted"] * 6


@pytest.mark.subprocess
def test_the_table_shows_the_check_in_dutch(demo_file: Path) -> None:
    text = show(demo_file, "TT-2026-0005", "--lang", "nl")
    assert "Motivering (DSA art. 17 lid 3)" in text
    assert "(d) Wettelijke grondslag bij illegale inhoud — niet van toepassing" in text
    assert "(e) Contractuele grondslag in de voorwaarden — vermeld" in text
