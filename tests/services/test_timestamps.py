"""Trusted time stamps against a real local authority (``openssl ts -reply`` on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from appealdesk.domain.errors import ValidationError
from appealdesk.domain.models import EvidenceItem
from appealdesk.services import cases, evidence, timestamps
from appealdesk.services.evidence_import import import_files
from appealdesk.services.tsa_addresses import clean_urls
from appealdesk.services.tsa_client import CA_FILE_VARIABLE
from appealdesk.store.database import Database
from tests.images import write_image
from tests.tsa import LocalAuthority, local_authority, openssl_verifies, unreachable_url

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def authority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalAuthority]:
    with local_authority(tmp_path / "authority") as running:
        monkeypatch.setenv(CA_FILE_VARIABLE, str(running.ca_file))
        yield running


def imported(db: Database, tmp_path: Path, name: str = "shot.png") -> EvidenceItem:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 9), new_account={"handle": "lotte"}
    )
    assert case.id is not None
    report = import_files(db, case.id, [write_image(tmp_path / name, "PNG")])
    return report.added[0]


def test_a_token_over_the_original_is_stored_and_openssl_verifies_it(
    db: Database, tmp_path: Path, authority: LocalAuthority
) -> None:
    item = imported(db, tmp_path)
    assert item.id is not None
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    report = timestamps.add_timestamps(db, [item.id], [authority.url])
    assert (report.granted, report.failures) == (1, [])
    [row] = timestamps.timestamps_of(db, [item.id])[item.id]
    assert row.response is not None and row.error == ""
    assert row.signature_verified
    assert row.stamped_at_utc is not None
    assert before - dt.timedelta(seconds=2) <= row.stamped_at_utc <= before + dt.timedelta(60)
    reply = tmp_path / "token.tsr"
    reply.write_bytes(row.response)
    assert openssl_verifies(reply, item.sha256, authority.ca_file)
    other = hashlib.sha256(b"something else").hexdigest()
    assert not openssl_verifies(reply, other, authority.ca_file)
    # Only the hash went out, never the file.
    [query] = authority.requests
    assert bytes.fromhex(item.sha256) in query
    assert db.evidence.read_bytes(item.sha256)[:64] not in query


def test_asking_again_keeps_the_token_it_has(
    db: Database, tmp_path: Path, authority: LocalAuthority
) -> None:
    item = imported(db, tmp_path)
    assert item.id is not None
    timestamps.add_timestamps(db, [item.id], [authority.url])
    again = timestamps.add_timestamps(db, [item.id], [authority.url])
    assert (again.granted, again.already) == (0, 1)
    assert len(authority.requests) == 1
    assert timestamps.describe(again) == "Every piece of evidence already has its time stamps."


def test_an_authority_that_is_down_leaves_a_pending_stamp_that_a_retry_gets(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = imported(db, tmp_path)
    assert item.id is not None
    down = unreachable_url()
    report = timestamps.add_timestamps(db, [item.id], [down], timeout=2)
    assert report.granted == 0 and len(report.failures) == 1
    assert "cannot be reached" in report.failures[0]
    assert "still pending" in timestamps.describe(report)
    [row] = timestamps.timestamps_of(db, [item.id])[item.id]
    assert row.response is None and "cannot be reached" in row.error
    assert evidence.get_evidence(db, item.id).sha256 == item.sha256  # the import stands

    # The authority comes up at the same address; the retry gets the token.
    port = int(down.rsplit(":", 1)[1].split("/")[0])
    with local_authority(tmp_path / "authority", port=port) as authority:
        monkeypatch.setenv(CA_FILE_VARIABLE, str(authority.ca_file))
        retried = timestamps.retry_pending(db)
    assert (retried.granted, retried.failures) == (1, [])
    [row] = timestamps.timestamps_of(db, [item.id])[item.id]
    assert row.response is not None and row.error == ""
    reply = tmp_path / "token.tsr"
    reply.write_bytes(row.response)
    assert openssl_verifies(reply, item.sha256, authority.ca_file)
    assert timestamps.retry_pending(db).granted == 0  # nothing pending any more


def test_a_reply_that_is_no_token_is_not_stored(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Nonsense(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, format: str, *args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Nonsense)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    item = imported(db, tmp_path)
    assert item.id is not None
    try:
        report = timestamps.add_timestamps(
            db, [item.id], [f"http://127.0.0.1:{server.server_port}/"]
        )
    finally:
        server.shutdown()
        server.server_close()
    assert report.granted == 0 and "did not answer with a time stamp" in report.failures[0]
    [row] = timestamps.timestamps_of(db, [item.id])[item.id]
    assert row.response is None


def test_authority_addresses_are_checked() -> None:
    assert clean_urls("https://a.example/tsr, http://b.example\nhttps://a.example/tsr") == [
        "https://a.example/tsr",
        "http://b.example",
    ]
    with pytest.raises(ValidationError, match="Not a web address"):
        clean_urls("ftp://a.example")
    with pytest.raises(ValidationError, match="user name or password"):
        clean_urls("https://me:secret@a.example/")


def test_undoing_a_deletion_brings_the_time_stamps_back(
    db: Database, tmp_path: Path, authority: LocalAuthority
) -> None:
    from appealdesk.services.case_snapshots import delete_case, restore_case

    item = imported(db, tmp_path)
    assert item.id is not None
    timestamps.add_timestamps(db, [item.id], [authority.url])
    [stamp] = timestamps.timestamps_of(db, [item.id])[item.id]

    evidence.put_back(db, evidence.take_out(db, item.id))
    [back] = timestamps.timestamps_of(db, [item.id])[item.id]
    assert (back.response, back.stamped_at_utc) == (stamp.response, stamp.stamped_at_utc)

    restore_case(db, delete_case(db, item.case_id))
    [back] = timestamps.timestamps_of(db, [item.id])[item.id]
    assert back.response == stamp.response
    assert len(authority.requests) == 1  # nothing had to be asked again
