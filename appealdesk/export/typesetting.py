"""Typst, the dossier's typesetter: a compile in a private folder that a cancel does not wait for.

Typst only reads files inside the folder it is given (its root), which here is a work item
of the database holding the template, ``data.json`` and the pictures. Typst lets go of the
interpreter lock while it works, so the compile runs on a thread of its own and the caller
looks at ``should_stop`` meanwhile: a cancel is answered at once, and the abandoned compile
ends by itself without writing anything (its result is only ever bytes in memory).
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

import typst

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.cancel import ExportCancelled
from appealdesk.i18n import _
from appealdesk.paths import resources_dir

TEMPLATE = "dossier.typ"
DATA_FILE = "data.json"
# PDF/A-3 allows associated files (the evidence originals); "a" adds the tagged structure
# and alternative texts, "u" that all text maps to Unicode.
PDF_STANDARD: typst.PDFStandard = "a-3a"
_POLL_SECONDS = 0.05

Output = Literal["pdf", "png"]


class TypesettingError(AppealDeskError):
    """Typst refused the document or failed; the message is for a bug report."""


def template_dir() -> Path:
    return resources_dir() / "dossier"


@cache
def fonts() -> typst.Fonts:
    """The fonts Typst may use, looked up once per process: its own, then the system's."""
    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


def lay_out_root(root: Path, data: Mapping[str, Any]) -> Path:
    """Copies the template into ``root`` and writes the data it reads; returns the main file."""
    for part in template_dir().glob("*.typ"):
        shutil.copyfile(part, root / part.name)
    (root / DATA_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root / TEMPLATE


def compile_typst(
    main: Path | bytes,
    root: Path,
    output: Output,
    *,
    ppi: float | None = None,
    sys_inputs: Mapping[str, str] | None = None,
    pdf_standard: typst.PDFStandard | None = None,
    timestamp: Any = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[bytes]:
    """The PDF (one item) or the PNG pages of ``main`` compiled in ``root``."""
    outcome: dict[str, Any] = {}

    source: bytes | str = main if isinstance(main, bytes) else str(main)

    def work() -> None:
        try:
            outcome["result"] = typst.compile(
                source,  # type: ignore[type-var]  # bytes or a path, as the stub says
                root=str(root),
                font_paths=fonts(),
                format=output,
                ppi=ppi,
                sys_inputs=dict(sys_inputs or {}),
                pdf_standards=[pdf_standard] if pdf_standard else [],
                timestamp=timestamp,
            )
        except BaseException as exc:  # a panic in Typst arrives as a BaseException
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="typst", daemon=True)
    worker.start()
    stopped = should_stop or (lambda: False)
    # Asked at least once after the compile, however quick it was, so a cancel is never lost.
    while worker.is_alive() or not outcome.get("asked"):
        worker.join(_POLL_SECONDS)
        outcome["asked"] = True
        if stopped():
            raise ExportCancelled(_("The export was cancelled."))
    if "error" in outcome:
        error = outcome["error"]
        detail = getattr(error, "message", None) or str(error)
        raise TypesettingError(
            _("The dossier could not be typeset: {reason}").format(reason=detail)
        ) from error
    result = outcome.get("result")
    if isinstance(result, bytes):
        return [result]
    if isinstance(result, list):
        return [bytes(page) for page in result]
    raise TypesettingError(_("The dossier could not be typeset: {reason}").format(reason="empty"))
