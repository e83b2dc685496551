"""The dossier of 30 phone screenshots: AppealDesk's export against LibreOffice, side by side.

    python benchmarks/dossier_engines.py [--runs 3]

Both are measured as whole processes, from start to a written PDF: ``python -m appealdesk
export`` on a database with one case of 30 screenshots (1170 × 2532), and ``soffice
--headless --convert-to pdf`` of an HTML file made here with the same screenshots, each with
a heading and a table of its file name, size and SHA-256, after the cover text. LibreOffice
gets a warm-up conversion first (its profile is made then), AppealDesk's export is measured
with an empty print cache (first export) and with the cache the first one left (any later
export, or one after the preview). Each run exports the same dossier: the database is put
back as it was made before each one (an export adds a line for every piece of evidence to
its custody record). Without LibreOffice installed, only AppealDesk's figures are reported.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script

from benchmarks.screenshots import screenshots  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
CASE_NOTICE = "Je account is geschorst wegens meerdere schendingen van onze richtlijnen."


def _database(folder: Path, shots: list[Path]) -> tuple[Path, str, str]:
    """A database with a case of all ``shots`` and one of the first only; their numbers."""
    from appealdesk.services import cases
    from appealdesk.services.evidence_import import import_files
    from appealdesk.services.workspace import open_workspace

    path = folder / "dossiers.db"
    db = open_workspace(path)
    numbers = []
    try:
        for handle, files in (("dossier.thirty", shots), ("dossier.one", shots[:1])):
            case = cases.create_case(
                db,
                blocked_at=dt.datetime(2026, 11, 1, 9, 0),
                new_account={"platform": "tiktok", "handle": handle},
                notice_text=CASE_NOTICE,
            )
            assert case.id is not None
            report = import_files(db, case.id, files)
            if len(report.added) != len(files):
                raise RuntimeError(f"import refused files: {report.rejected}")
            numbers.append(case.case_number)
    finally:
        db.close()
    return path, numbers[0], numbers[1]


def _as_made(database: Path, pristine: Path) -> None:
    """The database as it was before the first export: every export adds a line for each
    piece of evidence to its custody record, so each run exports the same dossier."""
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(pristine, database)


def _clear_cache(database: Path) -> None:
    from appealdesk.store.work_folder import CACHE_DIR, work_folder_path

    shutil.rmtree(work_folder_path(database).parent / CACHE_DIR, ignore_errors=True)


def appealdesk_seconds(database: Path, case_number: str, target: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "appealdesk",
            "export",
            case_number,
            "--db",
            str(database),
            "--out",
            str(target),
            "--lang",
            "nl",
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return time.perf_counter() - start


def _in_process_seconds(database: Path, case_number: str, folder: Path, runs: int) -> float:
    """The export alone, in a process that has started already (as the preview's is)."""
    from appealdesk.export.content import ExportOptions
    from appealdesk.export.dossier import export_dossier
    from appealdesk.services import cases
    from appealdesk.services.workspace import open_workspace

    db = open_workspace(database)
    try:
        case_id = cases.find_case(db, case_number).case.id
        assert case_id is not None
        times = []
        for run in range(runs):
            start = time.perf_counter()
            export_dossier(db, case_id, ExportOptions("nl"), folder / f"in-process{run}.pdf")
            times.append(time.perf_counter() - start)
    finally:
        db.close()
    return statistics.median(times)


def equivalent_html(folder: Path, shots: list[Path]) -> Path:
    """The same screenshots and text for LibreOffice: cover, then one page per screenshot."""
    parts = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        "<title>Bezwaardossier</title></head><body>",
        "<h1>Bezwaardossier</h1>",
        f"<p>{html.escape(CASE_NOTICE)}</p>",
    ]
    for number, shot in enumerate(shots, start=1):
        data = shot.read_bytes()
        parts.append(
            f"<h2 style='page-break-before: always'>Bewijsstuk {number}: {shot.stem}</h2>"
            f"<p align='center'><img src='{shot.resolve().as_uri()}' width='261'></p>"
            "<table border='1' cellpadding='4' width='100%'>"
            f"<tr><th>Origineel bestand</th><td>{shot.name}</td></tr>"
            f"<tr><th>Grootte</th><td>{len(data)} bytes</td></tr>"
            f"<tr><th>SHA-256 van het origineel</th><td><tt>"
            f"{hashlib.sha256(data).hexdigest()}</tt></td></tr></table>"
        )
    parts.append("</body></html>")
    path = folder / "dossier.html"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def libreoffice_seconds(soffice: str, source: Path, folder: Path) -> float:
    profile = (folder / "profile").resolve().as_uri()
    start = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elapsed = time.perf_counter() - start
    if not (folder / "dossier.pdf").is_file():
        raise RuntimeError("LibreOffice wrote no PDF")
    return elapsed


def measure(runs: int) -> dict[str, float | str | None]:
    from appealdesk.ui.app import create_application

    # As after installing: pip compiles the package's modules, and Python keeps them.
    compileall.compile_dir(str(ROOT / "appealdesk"), quiet=1)
    create_application()
    shots = screenshots(OUT / "screenshots", 30)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        database, thirty, one = _database(folder, shots)
        pristine = folder / "pristine.db"
        shutil.copyfile(database, pristine)
        cold, warm, single = [], [], []
        for run in range(runs):
            _clear_cache(database)
            _as_made(database, pristine)
            cold.append(appealdesk_seconds(database, thirty, folder / f"cold{run}.pdf"))
            _as_made(database, pristine)
            warm.append(appealdesk_seconds(database, thirty, folder / f"warm{run}.pdf"))
            _as_made(database, pristine)
            single.append(appealdesk_seconds(database, one, folder / f"one{run}.pdf"))
        _as_made(database, pristine)
        figures: dict[str, float | str | None] = {
            "appealdesk_first_export_s": statistics.median(cold),
            "appealdesk_s": statistics.median(warm),
            "appealdesk_one_evidence_s": statistics.median(single),
            "appealdesk_in_process_s": _in_process_seconds(database, thirty, folder, runs),
            "pdf_mb": round((folder / "warm0.pdf").stat().st_size / 1e6, 1),
        }
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            figures["libreoffice_s"] = None
            figures["note"] = "LibreOffice (soffice) is not installed: only AppealDesk measured"
            return figures
        source = equivalent_html(folder, shots)
        converted = folder / "libreoffice"
        converted.mkdir()
        libreoffice_seconds(soffice, source, converted)  # warm-up: makes the profile
        office = [libreoffice_seconds(soffice, source, converted) for _run in range(runs)]
        figures["libreoffice_s"] = statistics.median(office)
        for key in ("appealdesk_first_export_s", "appealdesk_s", "appealdesk_in_process_s"):
            value = figures[key]
            assert isinstance(value, float)
            office_s = figures["libreoffice_s"]
            assert isinstance(office_s, float)
            figures[key.replace("_s", "_ratio")] = round(office_s / value, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report", type=Path, default=OUT / "dossier-engines.json")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    figures = measure(args.runs)
    for key, value in figures.items():
        print(f"{key:<36} {value if not isinstance(value, float) else f'{value:.2f}'}")
    args.report.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
