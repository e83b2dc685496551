"""The same agency database encrypted: converting it, and what the user waits for after."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks import interactive, throughput

PASSPHRASE = "benchmark passphrase"


def encrypt_s(database: Path) -> float:
    """Converting the database and its evidence in place, as ``appealdesk encrypt`` does;
    the key file gets the real Argon2id cost."""
    from appealdesk.services.encryption import encrypt_database

    start = time.perf_counter()
    encrypt_database(database, PASSPHRASE)
    return time.perf_counter() - start


def window_ms(
    database: Path, folder: Path, files: list[Path], runs: int
) -> tuple[float, float, float, float]:
    """Median search keystroke, opening a case, evidence import (20 × 3 MB, sealed on the
    way in) and its floor on the encrypted database, in milliseconds. The floor, the durable
    copy of the same files sealed on the way, is measured before each import, on the disk as
    the import finds it (the conversion before has just written every evidence file anew)."""
    import statistics

    from appealdesk.services import evidence
    from appealdesk.services.workspace import open_workspace
    from appealdesk.store.encryption.unlock import unlock
    from appealdesk.ui.base.settings import AppSettings
    from appealdesk.ui.main_window.window import MainWindow

    db = open_workspace(database, key=unlock(database, passphrase=PASSPHRASE).key)
    window = MainWindow(db, AppSettings(folder / "encrypted.ini"))
    keystrokes, openings = interactive.searching_and_opening(window)
    window.close()
    copies = folder / "encrypted-floor"
    copies.mkdir(exist_ok=True)
    imports, floors = [], []
    for run in range(runs):
        floors.append(throughput.durable_copy_ms(files, copies, sealed=True))
        elapsed, case_id = throughput.import_ms(db, files, run)
        imports.append(elapsed)
        for item in evidence.list_evidence(db, case_id):
            if item.id is not None:
                evidence.delete_evidence(db, item.id)  # the next run writes the files again
    db.close()
    return (
        statistics.median(keystrokes),
        statistics.median(openings),
        statistics.median(imports),
        statistics.median(floors),
    )
