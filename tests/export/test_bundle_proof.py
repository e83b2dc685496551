"""A bundle checked as a recipient checks it: unpacked, with ``sha256sum`` and ``openssl``."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.i18n import format_datetime
from appealdesk.services import cases, timestamps
from appealdesk.services.evidence_import import import_bytes, import_files
from appealdesk.services.tsa_client import CA_FILE_VARIABLE
from appealdesk.store.database import Database
from tests.images import jpeg_with_exif, write_image
from tests.tsa import local_authority, openssl_verifies

pytestmark = pytest.mark.slow  # a dossier is typeset for each


def case_id(db: Database, number: str = "TT-2026-0004") -> int:
    found = cases.find_case(db, number).case.id
    assert found is not None
    return found


def unpacked(bundle: Path, folder: Path) -> dict[str, Any]:
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
    return manifest


def test_a_recipient_can_check_every_original_and_time_stamp(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shot = write_image(tmp_path / "reply.png", "PNG", width=500, height=300)
    added = import_files(demo_db, case_id(demo_db), [shot]).added[0]
    assert added.id is not None
    with local_authority(tmp_path / "authority") as authority:
        monkeypatch.setenv(CA_FILE_VARIABLE, str(authority.ca_file))
        assert timestamps.add_timestamps(demo_db, [added.id], [authority.url]).granted == 1
    [row] = timestamps.timestamps_of(demo_db, [added.id])[added.id]
    stamp_time = row.stamped_at_utc

    target = tmp_path / "bundle.zip"
    options = ExportOptions("en", DossierFormat.BUNDLE, include_sensitive=True)
    export_dossier(demo_db, case_id(demo_db), options, target)
    folder = tmp_path / "unpacked"
    manifest = unpacked(target, folder)

    checked = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    kit = {"SHA256SUMS", "VERIFY.txt"}
    assert listed | kit == {entry["path"] for entry in manifest["files"]}

    entries = {entry["path"]: entry for entry in manifest["files"]}
    evidence_entries = [e for e in manifest["files"] if e["role"] == "evidence"]
    by_sha = {item.sha256: item for item in cases.get_case(demo_db, case_id(demo_db)).evidence}
    assert any(by_sha[e["original_sha256"]].sensitive for e in evidence_entries)
    for entry in evidence_entries:
        item = by_sha[entry["original_sha256"]]
        if item.sensitive:  # only its protected copy leaves
            assert entry["original_path"] is None and entry["original_withheld"] == "sensitive"
            assert entry["relationship"] == "protected_copy"
            assert not any(
                e.get("covers_sha256") == item.sha256 or e["sha256"] == item.sha256
                for e in manifest["files"]
            )
            continue
        original = entries[entry["original_path"]]
        assert original["role"] == "original" and original["copy_path"] == entry["path"]
        data = (folder / original["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == original["sha256"] == item.sha256
        assert data == demo_db.evidence.read_bytes(item.sha256)
        assert entry["relationship"] in ("identical", "copy_without_metadata")

    mine = next(e for e in evidence_entries if e["original_sha256"] == added.sha256)
    assert (folder / mine["original_path"]).read_bytes() == shot.read_bytes()
    stamp = entries[f"timestamps/{added.sha256}.tsr"]
    assert stamp["covers_path"] == mine["original_path"]
    assert stamp["authority"] == "127.0.0.1" and stamp["stamped_at_utc"].endswith("Z")
    token = folder / stamp["path"]
    assert openssl_verifies(token, added.sha256, authority.ca_file)

    printed = " ".join(page.extract_text() for page in PdfReader(folder / "dossier.pdf").pages)
    stamped = f"time-stamped by 127.0.0.1 at {format_datetime(stamp_time, 'long', 'en')} UTC"
    assert stamped in " ".join(printed.split())

    text = (folder / "VERIFY.txt").read_text()
    assert not (folder / "VERIFIEER.txt").exists()
    assert "sha256sum -c SHA256SUMS" in text and "no later than" in text
    assert f"openssl ts -verify -in timestamps/{added.sha256}.tsr -digest {added.sha256}" in text


def test_the_dutch_kit_and_no_location_in_the_originals(demo_db: Database, tmp_path: Path) -> None:
    number = "TT-2026-0003"
    photo = jpeg_with_exif({0x9003: b"2026:11:14 10:00:00"}, gps=True, width=400, height=300)
    item = import_bytes(demo_db, case_id(demo_db, number), photo, "photo.jpg").added[0]
    target = tmp_path / "bundle.zip"
    options = ExportOptions("nl", DossierFormat.BUNDLE)
    export_dossier(demo_db, case_id(demo_db, number), options, target)
    folder = tmp_path / "unpacked"
    manifest = unpacked(target, folder)
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder).returncode == 0
    entry = next(e for e in manifest["files"] if e.get("original_sha256") == item.sha256)
    assert entry["original_path"] is None and entry["original_withheld"] == "location"
    assert all(b"GPS" not in path.read_bytes() for path in (folder / "originals").iterdir())
    assert not (folder / "VERIFY.txt").exists()
    text = (folder / "VERIFIEER.txt").read_text()
    assert "Zo controleert u deze bundel".upper() in text
    assert "uiterlijk op het tijdstip" in text and "sha256sum -c SHA256SUMS" in text
