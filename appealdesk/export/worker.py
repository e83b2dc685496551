"""The dossier export as a process of its own, for the window.

Qt keeps the interpreter lock while it decodes and scales parts of a screenshot, and the
dossier's data and files take the interpreter too, so an export in a thread would make the
window stutter. The window runs ``python -m appealdesk.export.worker`` instead, with one JSON
request on the command line, and reads one JSON line per step on standard output::

    {"progress": [done, total, "Writing the PDF…"]}
    {"result": {"path": ..., "pages": ..., "files": ..., "replaced": [...], "sha256": ...,
                "evidence_ids": [...]}}   or   {"error": "…"}

A line ``cancel`` on standard input (or its end: the window went away) stops the export,
which then leaves no file behind. Typst lets go of the interpreter lock while it typesets, so
the export sees the cancel within a tenth of a second even then; the process leaves at once
rather than waiting for the abandoned typesetting to end.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.cancel import ExportCancelled
from appealdesk.i18n import _, set_language
from appealdesk.startup import modules_loaded, pause_collector

if TYPE_CHECKING:
    from appealdesk.export.content import ExportOptions
    from appealdesk.store.encryption.keys import DataKey


def request(
    db_path: Path,
    case_id: int,
    options: ExportOptions,
    target: Path,
    ui: str,
    *,
    keyed: bool = False,
) -> str:
    """The command-line argument for :func:`main`; ``keyed``: the key of the encrypted
    database follows as the first line on standard input (see :func:`key_line`)."""
    return json.dumps(
        {
            "db": str(db_path),
            "keyed": keyed,
            "case_id": case_id,
            "language": options.language,
            "format": options.format.value,
            "include_sensitive": options.include_sensitive,
            "evidence_ids": None if options.evidence_ids is None else list(options.evidence_ids),
            "target": str(target),
            "ui_language": ui,
            "recipient": options.recipient.value,
            "body_id": options.body_id,
        }
    )


def key_line(key: DataKey) -> bytes:
    return base64.b64encode(key.secret) + b"\n"


def _read_key() -> DataKey:
    from appealdesk.store.encryption.keys import DataKey

    return DataKey(base64.b64decode(sys.stdin.readline().strip(), validate=True))


def _say(**message: Any) -> None:
    print(json.dumps(message), flush=True)


def _watch_for_cancel(cancelled: threading.Event) -> None:
    for line in sys.stdin:
        if line.strip() == "cancel":
            break
    cancelled.set()  # asked to, or standard input closed: the window is gone


def main(argv: list[str]) -> int:
    asked = json.loads(argv[0])
    set_language(asked["ui_language"])
    key = _read_key() if asked.get("keyed") else None  # before the cancel watcher reads on
    cancelled = threading.Event()
    threading.Thread(target=_watch_for_cancel, args=(cancelled,), daemon=True).start()
    from appealdesk.domain.recipients import Recipient
    from appealdesk.export.content import DossierFormat, ExportOptions
    from appealdesk.export.dossier import export_dossier
    from appealdesk.services.workspace import open_workspace

    options = ExportOptions(
        asked["language"],
        DossierFormat(asked["format"]),
        include_sensitive=asked["include_sensitive"],
        evidence_ids=asked["evidence_ids"],
        recipient=Recipient(asked["recipient"]),
        body_id=asked["body_id"],
    )
    try:
        db = open_workspace(Path(asked["db"]), create=False, key=key)
        modules_loaded()
        try:
            result = export_dossier(
                db,
                asked["case_id"],
                options,
                Path(asked["target"]),
                progress=lambda done, total, text: _say(progress=[done, total, text]),
                should_stop=cancelled.is_set,
                record=False,  # the window records the export, so it is not news to it
            )
        finally:
            db.close()
    except ExportCancelled as exc:
        _say(error=exc.message)
        sys.stdout.flush()
        os._exit(1)  # the files are gone; a typesetting still running need not be waited for
    except AppealDeskError as exc:
        _say(error=exc.message)
        return 1
    except Exception as exc:  # a bug: the window says so in one line
        _say(error=_("Something went wrong: {error}").format(error=exc))
        return 1
    _say(
        result={
            "path": str(result.path),
            "pages": result.pages,
            "files": result.evidence_files,
            "replaced": list(result.replaced_characters),
            "sha256": result.sha256,
            "evidence_ids": list(result.evidence_ids),
        }
    )
    return 0


if __name__ == "__main__":
    pause_collector()  # until the modules are in (see appealdesk.startup)
    raise SystemExit(main(sys.argv[1:]))
