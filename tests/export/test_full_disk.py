"""A dossier export onto a disk that runs full: one clear line, no file claimed as written,
and the file that was there before stays as it was.

The disk is a real 64 KB tmpfs; a dossier with its evidence does not fit on it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.export.files import IncompleteFileError, check_pdf, check_zip
from appealdesk.services import cases
from appealdesk.store.database import Database
from appealdesk.store.work_folder import work_folder_path
from tests.cli.test_cli import assert_one_clear_line
from tests.mounts import small_disk

DISK_FULL = "The disk is full: the dossier was not saved."
EARLIER = b"%PDF-1.4 the dossier exported last week\n%%EOF\n"


def _export(database: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "appealdesk",
            "export",
            "TT-2026-0004",
            "--db",
            str(database),
            "--out",
            str(target),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("name", ["dossier.pdf", "dossier.zip"])
def test_a_full_disk_is_one_clear_line_and_the_earlier_file_stays(
    demo_path: Path, tmp_path: Path, name: str
) -> None:
    with small_disk(tmp_path / "small") as disk:
        target = disk / name
        target.write_bytes(EARLIER)

        result = _export(demo_path, target)

        assert_one_clear_line(result, DISK_FULL)
        assert "written" not in result.stdout
        assert target.read_bytes() == EARLIER
        assert [p.name for p in disk.iterdir()] == [name]  # no partial file beside it
    work = work_folder_path(demo_path)
    assert not work.exists() or list(work.iterdir()) == []


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_full_disk_leaves_no_file_at_all(demo_path: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "small") as disk:
        result = _export(demo_path, disk / "dossier.pdf")
        assert_one_clear_line(result, DISK_FULL)
        assert list(disk.iterdir()) == []


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_dossier_that_fits_is_written_whole(demo_path: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "larger", "4m") as disk:
        target = disk / "dossier.pdf"
        result = _export(demo_path, target)
        assert result.returncode == 0, result.stderr
        pages = len(PdfReader(target).pages)
        assert f"{pages} pages" in result.stdout


def _case(db: Database) -> int:
    case_id = cases.find_case(db, "TT-2026-0004").case.id
    assert case_id is not None
    return case_id


def test_the_written_files_are_read_back(demo_db: Database, tmp_path: Path) -> None:
    pdf = export_dossier(demo_db, _case(demo_db), ExportOptions("en"), tmp_path / "d.pdf")
    check_pdf(pdf.path, pdf.pages)
    with pytest.raises(IncompleteFileError, match="pages instead of"):
        check_pdf(pdf.path, pdf.pages + 1)
    data = pdf.path.read_bytes()
    for broken in (data[: len(data) // 2], data[:1000] + data[1100:], b"", b"%PDF-1.4\n"):
        short = tmp_path / "short.pdf"
        short.write_bytes(broken)
        with pytest.raises(IncompleteFileError):
            check_pdf(short, pdf.pages)

    options = ExportOptions("en", DossierFormat.BUNDLE)
    bundle = export_dossier(demo_db, _case(demo_db), options, tmp_path / "d.zip")
    members = bundle.evidence_files + 3  # the PDF, the custody record and the manifest
    check_zip(bundle.path, members)
    short = tmp_path / "short.zip"
    short.write_bytes(bundle.path.read_bytes()[:-200])
    with pytest.raises(IncompleteFileError):
        check_zip(short, members)


@pytest.mark.subprocess
def test_the_export_says_so_in_the_language_asked(demo_db: Database, tmp_path: Path) -> None:
    from appealdesk.i18n import set_language

    with small_disk(tmp_path / "small") as disk:
        set_language("nl")
        with pytest.raises(AppealDeskError) as raised:
            export_dossier(demo_db, _case(demo_db), ExportOptions("nl"), disk / "d.pdf")
        assert raised.value.message.startswith("De schijf is vol")
        assert list(disk.iterdir()) == []
