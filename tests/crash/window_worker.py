"""The window, left open by a user who keeps working in it, beside other programs.

    python -m tests.crash.window_worker DB_PATH SEED      (from the repository root)

It opens the real main window (offscreen) on the database, then keeps doing what a user
would: adding timeline events through the window's own database, now and then showing the
Add files dialog on the database's folder, offering the database's own files as evidence and
adding a real picture. Each change is printed as ``ok REFERENCE`` once it returned
(committed); the soak test kills this process at random moments and checks that every
acknowledged change is in the database.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from appealdesk.domain.errors import AppealDeskError
from appealdesk.services import events
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost
from appealdesk.ui.widgets.file_dialogs import name_only_dialog
from tests.images import write_image


def main(argv: list[str]) -> int:
    path, seed = Path(argv[1]), int(argv[2])
    rng = random.Random(seed)
    app = QApplication([])
    host = WindowHost(
        path, AppSettings(path.parent / f"settings-{seed}.ini"), daily_backup_delay_ms=10**8
    )
    if not host.start() or host.window is None or host.db is None:
        print("could not start", flush=True)
        return 1
    window, db = host.window, host.db
    case_ids = [row[0] for row in db.rows("SELECT id FROM cases ORDER BY id")]
    assert window.case_list.select_case(case_ids[0])
    tab = window.editor.evidence
    pictures = path.parent / f"window-pictures-{seed}"
    pictures.mkdir(exist_ok=True)
    counter = 0
    print("ready", flush=True)

    def add_event() -> None:
        nonlocal counter
        counter += 1
        reference = f"WIN-{seed}-{counter}"
        try:
            events.add_event(db, rng.choice(case_ids), kind="note", reference=reference)
        except AppealDeskError:
            print("refused", reference, flush=True)
        else:
            print("ok", reference, flush=True)

    def file_dialog() -> None:
        dialog = name_only_dialog(window, "Add evidence", str(path.parent), "")
        dialog.open()
        QTimer.singleShot(rng.randint(100, 600), dialog.reject)

    def offer_own_files() -> None:
        if tab.task is None:
            own = [path.with_name(path.name + s) for s in ("", "-wal", "-shm")]
            tab.import_paths([p for p in own if p.exists()])

    def add_picture() -> None:
        if tab.task is None:
            picture = write_image(pictures / f"melding-{counter}.png", text=str(counter))
            tab.import_paths([picture])

    for interval, action in ((25, add_event), (900, file_dialog), (1300, offer_own_files)):
        timer = QTimer(window)
        timer.timeout.connect(action)
        timer.start(interval)
    picture_timer = QTimer(window)
    picture_timer.timeout.connect(add_picture)
    picture_timer.start(700)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
