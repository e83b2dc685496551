"""Launch times: a fresh process until the main window is shown and the case list is filled.

The floor is a bare PySide6 ``QMainWindow`` of the same size shown the same way, so both
figures include starting Python and loading Qt. Each run is a new process; the time is taken
from just before the process is started (``time.monotonic`` is shared between processes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLOOR = """
import json, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1440, 860)
window.show()
app.processEvents()
print(json.dumps({"shown": time.monotonic()}))
"""

APP = """
import json, resource, sys, time
from appealdesk.startup import modules_loaded, pause_collector
pause_collector()  # as the entry point does

def peak_rss_mb():
    # ru_maxrss survives exec and, after vfork, holds the parent's size: the runner's, not
    # ours. VmHWM is this process's own high-water mark.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

from pathlib import Path
from appealdesk.cli.logs import configure_logging
from appealdesk.cli.main import parse_arguments  # the entry point's own work counts too
from appealdesk.i18n import set_language
from appealdesk.ui.app import create_application
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost

configure_logging()
arguments = parse_arguments(["--db", sys.argv[1], "--lang", "nl"])
app = create_application()
set_language(arguments.lang)
host = WindowHost(arguments.db, AppSettings(Path(sys.argv[2])), daily_backup_delay_ms=10**9)
times = {}
host.window_opened.connect(lambda _window: times.setdefault("shown", time.monotonic()))
assert host.start()
modules_loaded()
window = host.window
while window.case_list.model.rowCount() == 0:
    app.processEvents()
times["populated"] = time.monotonic()
# Memory once the editor is loaded and a case is open, as in use.
ready = []
window.editor_ready.connect(lambda: ready.append(True))
while not ready:
    app.processEvents()
window.case_list.table.selectRow(0)
app.processEvents()
times["rss_mb"] = peak_rss_mb()
print(json.dumps(times))
window.close()
host.shutdown()
"""


def _run(code: str, *args: str) -> tuple[float, dict[str, float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"launch failed: {result.stderr[-2000:]}")
    return started, json.loads(result.stdout.strip().splitlines()[-1])


def floor_shown_ms() -> float:
    started, report = _run(FLOOR)
    return (report["shown"] - started) * 1000


def app_launch_ms(database: Path | str, settings: Path) -> tuple[float, float, float]:
    """Milliseconds until shown and until the list is filled, and the process's peak RSS."""
    started, report = _run(APP, str(database), str(settings))
    return (
        (report["shown"] - started) * 1000,
        (report["populated"] - started) * 1000,
        report["rss_mb"],
    )
