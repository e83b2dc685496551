"""An encrypted database's evidence: nothing readable on disk, everything still works."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from appealdesk.domain.enums import EvidenceKind
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.services import cases, health_check
from appealdesk.services.encryption import encrypt_database
from appealdesk.services.evidence_import import import_bytes, import_files
from appealdesk.services.thumbnails import thumbnail
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.encryption.keys import TEST_COST
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
from appealdesk.store.work_folder import cache_folder, work_folder_path
from tests.images import encoded, jpeg_with_exif, picture, write_image

pytestmark = pytest.mark.slow  # a dossier is typeset

CASE = "TT-2026-0004"
SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"Exif", b"%PDF", b"GIF8", b"RIFF")


@pytest.fixture
def sealed_db(demo_path: Path) -> Iterator[Database]:
    """The demo encrypted in place, as ``appealdesk encrypt`` does."""
    plain_files = len(list(EvidenceStore(evidence_dir_for(demo_path)).stored_digests()))
    converted = encrypt_database(demo_path, "passphrase of the test", cost=TEST_COST)
    assert converted.evidence_files == plain_files > 0
    db = open_workspace(demo_path, key=converted.key)
    yield db
    db.close()


def _case_id(db: Database) -> int:
    found = cases.find_case(db, CASE).case.id
    assert found is not None
    return found


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()]


def _digests(db: Database) -> set[str]:
    with db.reading() as session:
        from sqlmodel import select

        from appealdesk.domain.models import EvidenceItem

        return {item.sha256 for item in session.exec(select(EvidenceItem)).all()}


def test_nothing_of_the_evidence_is_readable_on_disk_and_the_export_still_carries_it(
    sealed_db: Database, tmp_path: Path
) -> None:
    db = sealed_db
    shot = write_image(tmp_path / "reply.png", "PNG", width=500, height=300)
    photo = jpeg_with_exif({0x010F: b"PhoneMaker\x00"})
    import_files(db, _case_id(db), [shot])
    import_bytes(db, _case_id(db), photo, "passport.jpg", kind=EvidenceKind.ID_DOCUMENT)
    import_bytes(db, _case_id(db), encoded(picture(text="x"), "JPEG"), "profile.jpg")
    digests = _digests(db)
    with db.reading() as session:
        from sqlmodel import select

        from appealdesk.domain.models import EvidenceItem

        items = list(session.exec(select(EvidenceItem)).all())
    for item in items:  # the tab's previews are made from the sealed files
        if item.media_type.startswith("image/"):
            preview = thumbnail(db, item.sha256, item.media_type)
            assert preview is not None and not preview.isNull()

    seen_in_work: list[Path] = []

    def watch(*_args: object) -> None:
        seen_in_work.extend(_files_under(work_folder_path(db.path)))

    target = tmp_path / "dossier.zip"
    export_dossier(
        db, _case_id(db), ExportOptions("en", DossierFormat.BUNDLE), target, progress=watch
    )
    assert not seen_in_work  # no template, data, picture or PDF in the work folder meanwhile

    kept = _files_under(db.evidence.root, cache_folder(db.path, "print"))
    assert any("thumbnails" in p.parts for p in kept) and len(kept) > len(digests)
    for path in kept:
        content = path.read_bytes()
        assert not any(content.startswith(s) or s in content[:64] for s in SIGNATURES), path
        assert b"PhoneMaker" not in content
        for sha256 in digests:
            assert sha256 not in path.name and sha256.encode() not in content
            assert bytes.fromhex(sha256) not in content

    # The recipient gets the plain originals, byte for byte.
    with zipfile.ZipFile(target) as bundle:
        originals = [n for n in bundle.namelist() if n.startswith("originals/")]
        assert originals
        for name in originals:
            assert hashlib.sha256(bundle.read(name)).hexdigest() in digests
        pdf = tmp_path / "dossier.pdf"
        pdf.write_bytes(bundle.read(next(n for n in bundle.namelist() if n.endswith(".pdf"))))
    detached = tmp_path / "attachments"
    detached.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(detached), str(pdf)], check=True)
    attached = {hashlib.sha256(p.read_bytes()).hexdigest() for p in detached.iterdir()}
    assert hashlib.sha256(shot.read_bytes()).hexdigest() in attached


def test_the_check_verifies_sealed_files_and_reports_a_tampered_one(sealed_db: Database) -> None:
    db = sealed_db
    report = health_check.check_database(db.path, key=db.key)
    assert report.ok and report.evidence_checked == len(_digests(db))
    victim = sorted(_digests(db))[0]
    path = db.evidence.path_for(victim)
    sealed = bytearray(path.read_bytes())
    sealed[len(sealed) // 2] ^= 0x40
    path.chmod(0o600)
    path.write_bytes(bytes(sealed))
    report = health_check.check_database(db.path, key=db.key)
    assert [row.sha256 for row in report.evidence_damaged] == [victim]
