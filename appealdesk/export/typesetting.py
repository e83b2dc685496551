"""Typst, the dossier's typesetter: a compile in memory that a cancel does not wait for.

The template and ``data.json`` are handed to Typst as files in memory (:func:`source_files`);
Typst reads nothing else but the pictures, inside the folder it is given (its root): the print
cache of a plain database, or, for an encrypted one, none at all (the pictures come in memory
too, see :func:`picture_file`). Typst lets go of the
interpreter lock while it works, so the compile runs on a thread of its own and the caller
looks at ``should_stop`` meanwhile: a cancel is answered at once, and the abandoned compile
ends by itself without writing anything (its result is only ever bytes in memory).
"""

from __future__ import annotations

import base64
import contextlib
import json
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


def source_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """The template and the data it reads, as files in memory (the main one as ``main.typ``)."""
    files = {part.name: part.read_bytes() for part in template_dir().glob("*.typ")}
    files["main.typ"] = files.pop(TEMPLATE)
    files[DATA_FILE] = json.dumps(data, ensure_ascii=False).encode()
    return files


def picture_file(data: bytes, media_type: str, width: int, height: int) -> bytes:
    """A picture as a file Typst takes in memory: typst-py only takes text files that way, so
    the picture goes in an SVG that carries it as a data URL (Typst puts a JPEG into the
    PDF as it is, as it does with a JPEG file)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><image width="{width}" height="{height}" '
        f'href="data:{media_type};base64,{encoded}"/></svg>'
    ).encode("ascii")


def compile_typst(
    main: Path | bytes | Mapping[str, bytes],
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

    source: bytes | str | dict[str, bytes] = (
        str(main) if isinstance(main, Path) else main if isinstance(main, bytes) else dict(main)
    )

    def work() -> None:
        try:
            outcome["result"] = typst.compile(
                source,  # type: ignore[type-var]  # bytes, a path or files in memory
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


_PRELOAD_SOURCE = b'#for file in json("pictures.json") { image(file, width: 1cm) }\n'


class PicturePreload:
    """Typst reads and decodes the dossier's pictures on two threads of their own while the
    rest of the dossier's data is put together.

    Typst keeps what it decoded for as long as the process lives, so the compile that
    follows finds the pictures ready and only lays out: about 0.1 s less for 30 phone
    screenshots. What fails here is left to that compile to report."""

    def __init__(self, root: Path, files: list[str]) -> None:
        # Two halves side by side: the export's own thread is busy with the data meanwhile, and
        # two compiles share the processors with it better than one.
        self._threads = [
            threading.Thread(target=_decode, args=(root, part), name="typst-pictures", daemon=True)
            for part in (files[::2], files[1::2])
            if part
        ]
        for thread in self._threads:
            thread.start()

    def wait(self, should_stop: Callable[[], bool] | None = None) -> None:
        """Until the pictures are in (both compiles at once would decode them twice)."""
        stopped = should_stop or (lambda: False)
        for thread in self._threads:
            while thread.is_alive():
                thread.join(_POLL_SECONDS)
                if stopped():
                    raise ExportCancelled(_("The export was cancelled."))


def _decode(root: Path, files: list[str]) -> None:
    sources = {"main.typ": _PRELOAD_SOURCE, "pictures.json": json.dumps(files).encode()}
    with contextlib.suppress(BaseException):  # a panic in Typst is a BaseException
        typst.compile(  # type: ignore[call-overload]  # files in memory
            sources, root=str(root), font_paths=fonts(), format="pdf"
        )
