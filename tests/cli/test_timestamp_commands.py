"""``evidence add --timestamp`` and ``evidence timestamp --retry`` as a script runs them."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from appealdesk.services import cases, timestamps
from appealdesk.services.workspace import open_workspace
from tests.images import TINY_GIF
from tests.tsa import local_authority, openssl_verifies, unreachable_url

pytestmark = [pytest.mark.subprocess, pytest.mark.slow]


def appealdesk(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "C.UTF-8", **env},
    )


def database_with_a_case(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "cases.db"
    db = open_workspace(path)
    try:
        case = cases.create_case(
            db, blocked_at=dt.datetime(2026, 11, 2, 9), new_account={"handle": "lotte"}
        )
    finally:
        db.close()
    return path, case.case_number


def stored_responses(path: Path) -> list[bytes | None]:
    db = open_workspace(path, create=False)
    try:
        [case_id] = [row[0] for row in db.rows("SELECT id FROM cases")]
        ids = [item.id for item in cases.get_case(db, case_id).evidence if item.id is not None]
        return [row.response for rows in timestamps.timestamps_of(db, ids).values() for row in rows]
    finally:
        db.close()


def test_an_authority_that_is_down_warns_and_the_retry_gets_the_stamp(tmp_path: Path) -> None:
    database, number = database_with_a_case(tmp_path)
    image = tmp_path / "notice.gif"
    image.write_bytes(TINY_GIF)
    down = unreachable_url()
    added = appealdesk(
        "evidence", "add", "--db", database, number, image, "--timestamp", APPEALDESK_TSA_URLS=down
    )
    assert added.returncode == 0, added.stderr
    assert "added: notice.gif" in added.stdout
    assert "1 time stamp is still pending" in added.stdout
    [warning] = added.stderr.strip().splitlines()
    assert warning.startswith("warning: No time stamp for “notice” yet: 127.0.0.1 cannot be")
    assert stored_responses(database) == [None]

    port = int(down.rsplit(":", 1)[1].split("/")[0])
    with local_authority(tmp_path / "authority", port=port) as authority:
        retried = appealdesk(
            "evidence", "timestamp", "--retry", "--db", database,
            APPEALDESK_TSA_CA_FILE=str(authority.ca_file),
        )  # fmt: skip
    assert retried.returncode == 0, retried.stderr
    assert retried.stdout.strip() == "Received 1 time stamp."
    [response] = stored_responses(database)
    assert response is not None
    token = tmp_path / "token.tsr"
    token.write_bytes(response)
    assert openssl_verifies(token, hashlib.sha256(TINY_GIF).hexdigest(), authority.ca_file)


def test_time_stamps_for_a_whole_case_and_without_authorities(tmp_path: Path) -> None:
    database, number = database_with_a_case(tmp_path)
    image = tmp_path / "notice.gif"
    image.write_bytes(TINY_GIF)
    plain = appealdesk("evidence", "add", "--db", database, number, image, "--timestamp")
    assert plain.returncode == 0 and "added: notice.gif" in plain.stdout
    assert "APPEALDESK_TSA_URLS" in plain.stderr and plain.stderr.startswith("warning: ")
    with local_authority(tmp_path / "authority") as authority:
        stamped = appealdesk(
            "evidence", "timestamp", number, "--db", database,
            APPEALDESK_TSA_URLS=authority.url, APPEALDESK_TSA_CA_FILE=str(authority.ca_file),
        )  # fmt: skip
    assert (stamped.returncode, stamped.stdout.strip()) == (0, "Received 1 time stamp."), (
        stamped.stderr
    )
    nothing = appealdesk("evidence", "timestamp", "--db", database)
    assert nothing.returncode == 1 and "--retry" in nothing.stderr
