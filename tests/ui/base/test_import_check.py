"""PySide's look at each import gives the same answers, without keeping every source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, linecache, sys
import shiboken6
feature = sys.modules["shibokensupport.feature"]
upstream = feature._mod_uses_pyside
import sqlite3, _sqlite3, csv
import appealdesk.ui.base.palette as palette
import appealdesk.domain.enums as enums
probes = [sys, _sqlite3, csv, sqlite3, palette, enums]
before = [upstream(module) for module in probes]
linecache.clearcache()
from appealdesk.ui.base.import_check import source_mentions_pyside, use_cheap_import_check
replaced = use_cheap_import_check()
after = [feature._mod_uses_pyside(module) for module in probes]
import appealdesk.ui.widgets.flow_layout, email.mime.text  # imported after the change
print(json.dumps({
    "replaced": replaced,
    "again": use_cheap_import_check(),
    "before": before,
    "after": after,
    "sources_kept": len(linecache.cache),
}))
"""


def test_the_cheap_check_answers_as_pysides_own_and_keeps_no_sources() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["replaced"] and report["again"]
    # sys and _sqlite3 have no source, csv and sqlite3 do not mention PySide, palette does.
    assert report["before"] == [False, False, False, False, True, False]
    assert report["after"] == report["before"]
    # PySide looked at the modules imported after the change without reading their sources.
    assert report["sources_kept"] == 0
