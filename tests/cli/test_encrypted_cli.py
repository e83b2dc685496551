"""``appealdesk demo --encrypted`` and every command on an encrypted database, as a script
runs them: the passphrase (or the recovery key) in ``APPEALDESK_PASSPHRASE``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_clear_line

PASSPHRASE = "paard-batterij-nietje"
DEMO_HANDLE = b"goudenkrakeling"

pytestmark = pytest.mark.subprocess


def appealdesk(
    *args: str | Path, passphrase: str | None = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("APPEALDESK_PASSPHRASE", None)
    if passphrase is not None:
        env["APPEALDESK_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def recovery_key_in(output: str) -> str:
    match = re.search(r"(?m)^\s+((?:[A-Z2-7]{5}-){10}[A-Z2-7]{5})$", output)
    assert match is not None, output
    return match[1]


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("encrypted") / "demo.db"
    result = appealdesk("demo", path, "--encrypted", "--lang", "nl")
    assert result.returncode == 0, result.stderr
    assert "alleen nu getoond" in result.stdout  # the demo is Dutch, and so is what it says
    assert "niet in een sleutelbos bewaard" in result.stdout  # the tests have no keyring
    return path, recovery_key_in(result.stdout)


@pytest.mark.slow
def test_the_encrypted_demo_has_no_handle_in_the_clear_and_opens_with_the_passphrase(
    encrypted_demo: tuple[Path, str],
) -> None:
    path, _recovery = encrypted_demo
    for file in (path, *path.parent.glob("demo.db-*")):
        content = file.read_bytes()
        assert DEMO_HANDLE not in content
        assert b"SQLite format 3" not in content
    listing = appealdesk("cases", "--db", path, "--format", "csv")
    assert listing.returncode == 0, listing.stderr
    assert "goudenkrakeling" in listing.stdout


@pytest.mark.slow
def test_the_recovery_key_opens_it_too(encrypted_demo: tuple[Path, str]) -> None:
    path, recovery = encrypted_demo
    listing = appealdesk("cases", "--db", path, "--format", "csv", passphrase=recovery.lower())
    assert listing.returncode == 0, listing.stderr
    assert "goudenkrakeling" in listing.stdout


@pytest.mark.slow
def test_a_wrong_or_missing_passphrase_is_one_clear_line(encrypted_demo: tuple[Path, str]) -> None:
    path, _recovery = encrypted_demo
    before = path.read_bytes()
    assert_one_clear_line(
        appealdesk("cases", "--db", path, passphrase="niet het wachtwoord"), "does not open"
    )
    assert_one_clear_line(
        appealdesk("cases", "--db", path, passphrase=None),
        "is encrypted",
        "APPEALDESK_PASSPHRASE",
    )
    assert path.read_bytes() == before


@pytest.mark.slow
def test_check_reads_the_encrypted_database(encrypted_demo: tuple[Path, str]) -> None:
    path, _recovery = encrypted_demo
    result = appealdesk("check", "--db", path)
    assert "The database is whole" in result.stdout, result.stdout + result.stderr
