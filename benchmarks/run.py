"""AppealDesk's speed and memory on a generated agency database, against its targets.

    python benchmarks/run.py            # 10,000 cases, 100,000 events, 20,000 evidence items
    python benchmarks/run.py --quick    # 1,000 cases: the same measurements, for CI

Every figure is the median of at least five runs and stands beside its floor, measured in
the same run. Prints a table and writes a JSON report (benchmarks/out/report.json).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks import encrypted, interactive, launch, team, throughput
from benchmarks.generate import generate
from benchmarks.screenshots import screenshots

RUNS = 5
LAUNCH_RUNS = 9  # new processes vary more than anything measured in one
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
GENERATOR_VERSION = 2  # bump when generate.py changes what it writes


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    floor: float | None
    limit: float  # the target, in the figure's unit
    target: str  # the target as the issue states it

    @property
    def met(self) -> bool:
        return self.value <= self.limit


def median(values: list[float]) -> float:
    return statistics.median(values)


def _agency_database(cases: int, fresh: bool) -> Path:
    """The generated database, made once per size and generator version."""
    path = OUT / f"agency-{cases}-v{GENERATOR_VERSION}.db"
    if fresh or not path.exists():
        for stale in OUT.glob(f"agency-{cases}-*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        start = time.perf_counter()
        generate(path, cases)
        print(f"generated {cases:,} cases in {time.perf_counter() - start:.0f} s", flush=True)
    return path


def _copy_of(database: Path, folder: Path) -> Path:
    from appealdesk.store.evidence_store import evidence_dir_for

    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / database.name
    shutil.copyfile(database, copy)
    shutil.copytree(evidence_dir_for(database), evidence_dir_for(copy))
    return copy


def _launch_figures(database: Path, folder: Path) -> list[Figure]:
    # As after installing: pip compiles the package's modules, and Python keeps them.
    compileall.compile_dir(str(ROOT / "appealdesk"), quiet=1)
    floors, shown, populated, memory = [], [], [], []
    launch.floor_shown_ms()  # once each before measuring: files in the disk cache, as
    launch.app_launch_ms(database, folder / "warm.ini")  # they are for a second start
    for run in range(LAUNCH_RUNS):
        floors.append(launch.floor_shown_ms())
        window_ms, list_ms, rss_mb = launch.app_launch_ms(database, folder / f"launch{run}.ini")
        shown.append(window_ms)
        populated.append(list_ms)
        memory.append(rss_mb)
    floor = median(floors)
    return [
        Figure(
            "launch: main window shown", median(shown), "ms", floor, 1.5 * floor, "≤ 1.5× floor"
        ),
        Figure("launch: case list filled", median(populated), "ms", floor, 3 * floor, "≤ 3× floor"),
        Figure("peak memory, agency database open", median(memory), "MB", None, 200, "≤ 200 MB"),
    ]


def _window_figures(
    database: Path, folder: Path, files: list[Path], dossier: list[Path]
) -> list[Figure]:
    from appealdesk.services import evidence
    from appealdesk.services.workspace import open_workspace
    from appealdesk.ui.base.settings import AppSettings
    from appealdesk.ui.main_window.window import MainWindow

    db = open_workspace(database)
    window = MainWindow(db, AppSettings(folder / "window.ini"))
    keystrokes, openings = interactive.searching_and_opening(window)
    typing_stalls = [
        interactive.typing_stall_ms(window, [*interactive.SEARCHES, ""]) for _run in range(RUNS)
    ]
    last_cases = [interactive.last_case_ms(window) for _run in range(RUNS)]

    import_stalls = []
    open_case = window.open_case_id
    assert open_case is not None
    for _run in range(RUNS):
        import_stalls.append(interactive.import_stall_ms(window, files))
        for item in evidence.list_evidence(db, open_case):
            if item.id is not None and item.original_name.startswith("screenshot-"):
                evidence.delete_evidence(db, item.id)  # the next run writes the files again
        window.editor.reload()

    case_id = throughput.case_with_screenshots(db, dossier)
    window.case_list.refresh(keep=case_id)
    window.case_list.select_case(case_id)
    export_stalls = [
        interactive.export_stall_ms(window, folder / f"stall{run}.pdf") for run in range(RUNS)
    ]
    window.close()
    db.close()
    return [
        Figure(
            "search keystroke until the list is updated",
            median(keystrokes),
            "ms",
            None,
            16,
            "≤ 16 ms",
        ),
        Figure("opening a case", median(openings), "ms", None, 30, "≤ 30 ms"),
        Figure(
            "the list's last case selected and opened",
            median(last_cases),
            "ms",
            None,
            100,
            "≤ 100 ms",
        ),
        Figure(
            "longest stall, typing a search (counts included)",
            median(typing_stalls),
            "ms",
            None,
            33,
            "≤ 33 ms",
        ),
        Figure(
            "longest stall, importing 20 × 3 MB", median(import_stalls), "ms", None, 50, "≤ 50 ms"
        ),
        Figure(
            "longest stall, exporting a dossier", median(export_stalls), "ms", None, 50, "≤ 50 ms"
        ),
    ]


def _throughput_figures(database: Path, files: list[Path], dossier: list[Path]) -> list[Figure]:
    from appealdesk.services import evidence
    from appealdesk.services.workspace import open_workspace

    db = open_workspace(database)
    for path in files:
        path.read_bytes()  # both sides read from the page cache
    copies = database.parent / "floor"
    copies.mkdir(exist_ok=True)
    floors, imports = [], []
    for run in range(RUNS):
        floors.append(throughput.durable_copy_ms(files, copies))
        elapsed, case_id = throughput.import_ms(db, files, run)
        imports.append(elapsed)
        for item in evidence.list_evidence(db, case_id):
            if item.id is not None:
                evidence.delete_evidence(db, item.id)  # the next run writes the files again
    case_id = throughput.case_with_screenshots(db, dossier)
    exports = [throughput.export_ms(db, case_id) for _run in range(RUNS)]
    db.close()
    floor = median(floors)
    return [
        Figure(
            "evidence import, 20 × 3 MB", median(imports), "ms", floor, 1.5 * floor, "≤ 1.5× floor"
        ),
        Figure("dossier export, 30 screenshots", median(exports), "ms", None, 2000, "≤ 2 s"),
    ]


def _encrypted_figures(database: Path, folder: Path, files: list[Path]) -> list[Figure]:
    """The window's figures again on the same database encrypted; the import against the
    durable copy of the same files, encrypted on the way as the store does (the cipher is
    what no import into an encrypted store can skip), the two measured by turns."""
    converted = encrypted.encrypt_s(database)
    print(f"encrypting the database and its evidence took {converted:.1f} s", flush=True)
    keystroke, opening, imported, floor = encrypted.window_ms(database, folder, files, RUNS)
    return [
        Figure("encrypted: search keystroke", keystroke, "ms", None, 16, "≤ 16 ms"),
        Figure("encrypted: opening a case", opening, "ms", None, 30, "≤ 30 ms"),
        Figure(
            "encrypted: evidence import, 20 × 3 MB",
            imported,
            "ms",
            floor,
            1.5 * floor,
            "≤ 1.5× floor",
        ),
    ]


def _team_figures(database: Path, folder: Path) -> list[Figure]:
    """The window's figures, and the launch's memory, on the same cases in a team database
    on PostgreSQL (none where PostgreSQL is not installed)."""
    from tests.postgres import server_binaries

    if server_binaries() is None:
        print("PostgreSQL is not installed: no team database figures", flush=True)
        return []
    with team.team_database(database, folder) as (url, loaded):
        print(f"loading the cases into PostgreSQL took {loaded:.0f} s", flush=True)
        keystroke, opening, typing, last_case = team.window_ms(url, folder)
        launch.app_launch_ms(url, folder / "team-warm.ini")
        memory = [launch.app_launch_ms(url, folder / f"team{run}.ini")[2] for run in range(3)]
    return [
        Figure("team database: search keystroke", keystroke, "ms", None, 16, "≤ 16 ms"),
        Figure("team database: opening a case", opening, "ms", None, 30, "≤ 30 ms"),
        Figure(
            "team database: the list's last case selected and opened",
            last_case,
            "ms",
            None,
            100,
            "≤ 100 ms",
        ),
        Figure("team database: longest stall, typing a search", typing, "ms", None, 33, "≤ 33 ms"),
        Figure("team database: peak memory", median(memory), "MB", None, 200, "≤ 200 MB"),
    ]


def _print(figures: list[Figure], header: str) -> None:
    print(header)
    width = max(len(f.name) for f in figures)
    for f in figures:
        floor = f"{f.floor:8.1f}" if f.floor is not None else " " * 8
        verdict = "met" if f.met else "MISSED"
        value = f"{f.value:8.1f} {f.unit:<2}"
        print(f"{f.name:<{width}}  {value}  floor {floor}  {f.target:<13} {verdict}")


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform says for every window it shows that it cannot size it."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handle(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1,000 cases instead of 10,000")
    parser.add_argument("--cases", type=int, help="this many cases (100000: the large agency)")
    parser.add_argument("--fresh", action="store_true", help="generate the database anew")
    parser.add_argument("--report", type=Path, default=OUT / "report.json")
    args = parser.parse_args(argv)
    cases = args.cases or (1000 if args.quick else 10_000)
    OUT.mkdir(parents=True, exist_ok=True)

    from appealdesk.i18n import set_language
    from appealdesk.ui.app import create_application

    create_application()
    _quiet_offscreen_warnings()
    set_language("nl")
    database = _agency_database(cases, args.fresh)
    shots = screenshots(OUT / "screenshots", 30)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        print("launching…", flush=True)
        figures = _launch_figures(_copy_of(database, folder / "launch"), folder)
        print("in the window…", flush=True)
        figures += _window_figures(_copy_of(database, folder / "window"), folder, shots[:20], shots)
        print("import and export…", flush=True)
        figures += _throughput_figures(_copy_of(database, folder / "throughput"), shots[:20], shots)
        print("encrypted…", flush=True)
        figures += _encrypted_figures(_copy_of(database, folder / "encrypted"), folder, shots[:20])
        print("on PostgreSQL…", flush=True)
        figures += _team_figures(database, folder)
    header = f"{cases:,} cases · Python {platform.python_version()} · {platform.platform()}"
    _print(figures, header)
    report = {
        "cases": cases,
        "machine": header,
        "figures": [{**asdict(f), "met": f.met} for f in figures],
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
