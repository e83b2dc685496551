"""The evidence files attached to the dossier PDF, so that it can be checked on its own.

Every evidence file goes into the PDF as an associated file (PDF/A-3, relationship
"source"), byte for byte as it was imported, so that the SHA-256 the dossier prints can be
checked with nothing but the PDF (``pdfdetach -saveall``, then ``sha256sum``). Two kinds are
copies instead, and the dossier says so with the copy's own SHA-256: a sensitive image (its
protected copy, with black-outs and watermark), and a photo whose original carries location
data (the copy without metadata that the bundle has too): no location leaves the app.

Typst compresses every attached file, which takes seconds for a few dozen screenshots and
saves nothing on PNG, JPEG or PDF. So Typst attaches a short placeholder for each file (and
writes the file specification, the catalog's /AF and /EmbeddedFiles: all PDF/A asks for),
and the real bytes are appended as the PDF is written, uncompressed, in an incremental update
that replaces each placeholder's stream object: the standard way to change a PDF in place.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.evidence_rules import check_can_leave
from appealdesk.domain.models import EvidenceItem
from appealdesk.export.cancel import stop_if_asked
from appealdesk.export.content import DossierContent
from appealdesk.export.files import slug
from appealdesk.export.print_images import PrintedEvidence
from appealdesk.i18n import _
from appealdesk.media.location import has_location
from appealdesk.services.originals import is_pdf
from appealdesk.store.database import Database

RELATIONSHIP = "source"
_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
}
_EXTENSIONS |= {"image/webp": "webp", "image/bmp": "bmp"}
_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")
_CHUNK = 1 << 20
_WRITEBACK_BYTES = 16 << 20
_STREAM = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.DOTALL)
_TRAILER = re.compile(rb"trailer\s*<<(.*)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.DOTALL)


class Reason:
    ORIGINAL = ""
    PROTECTED = "protected"  # a sensitive image: its protected copy
    LOCATION = "location"  # the original carries location data: the copy without it


@dataclass(frozen=True)
class Attachment:
    item: EvidenceItem
    name: str  # the file name inside the PDF
    media_type: str
    sha256: str  # of the attached bytes
    size: int
    reason: str  # Reason.*
    placeholder: str  # what Typst attaches in its place
    # Opens the stored original (plain, also from a sealed store), streamed in when the PDF
    # is written.
    source: Callable[[], BinaryIO] | None = None
    data: bytes = b""  # a copy, made beforehand

    @property
    def original(self) -> bool:
        return self.reason == Reason.ORIGINAL

    def chunks(self) -> Iterator[bytes]:
        if self.source is None:
            yield self.data
            return
        with self.source() as handle:
            yield from _read(handle)


def _read(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(_CHUNK):
        yield chunk


def plan_attachments(
    db: Database,
    content: DossierContent,
    printed: list[PrintedEvidence],
    *,
    should_stop: Callable[[], bool] | None = None,
) -> list[Attachment]:
    """What goes into the PDF for each piece of evidence (sensitive evidence only as its
    protected copy: a sensitive PDF cannot be protected and stops the export)."""
    token = secrets.token_hex(8)
    attachments = []
    for number, evidence in enumerate(printed, start=1):
        stop_if_asked(should_stop)
        item = evidence.item
        if item.sensitive:
            check_can_leave([item])
        placeholder = f"appealdesk-attachment-{number:03d}-{token}"
        stem = slug(item.title or Path(item.original_name).stem)
        source = functools.partial(db.evidence.open, item.sha256)
        media_type = item.media_type if _MEDIA_TYPE.match(item.media_type) else ""
        reason = Reason.ORIGINAL
        if not is_pdf(item) and (item.sensitive or _located(db, evidence)):
            reason = Reason.PROTECTED if item.sensitive else Reason.LOCATION
            # Drawn anew with Qt, which the other attachments do not need.
            from appealdesk.services.demo_images import ensure_gui
            from appealdesk.services.protected_copy import export_evidence

            ensure_gui()  # a watermark's font needs the application
            copy = export_evidence(
                db,
                item,
                platform=content.detail.account.platform,
                language=content.language,
                day=content.exported_at.date(),
            )
            name = f"evidence-{number:02d}-{stem}-copy.{copy.extension}"
            attachments.append(
                Attachment(
                    item,
                    name,
                    copy.media_type,
                    copy.sha256,
                    len(copy.data),
                    reason,
                    placeholder,
                    data=copy.data,
                )
            )
            continue
        media_type = media_type or "application/octet-stream"
        extension = _EXTENSIONS.get(media_type, "bin")
        name = f"evidence-{number:02d}-{stem}.{extension}"
        attachments.append(
            Attachment(
                item,
                name,
                media_type,
                item.sha256,
                item.size_bytes,
                reason,
                placeholder,
                source=source,
            )
        )
    return attachments


def _located(db: Database, evidence: PrintedEvidence) -> bool:
    """Whether the original carries location data: as found when its pictures were made,
    or read now."""
    if evidence.location is not None:
        return evidence.location
    return has_location(db.evidence, evidence.item.sha256)


def write_pdf(
    pdf: Path,
    typeset: bytes,
    attachments: list[Attachment],
    *,
    should_stop: Callable[[], bool] | None = None,
) -> str:
    """Writes ``typeset`` (the PDF as Typst made it, with the attachments' placeholders) to
    ``pdf`` and puts the real bytes of ``attachments`` in as an incremental update. Returns
    the SHA-256 of the file as written. Raises AppealDeskError when a stored original is not
    what its SHA-256 says (nothing else could be checked with the PDF then).

    Each original is checked as it is copied, on a second thread: hashlib lets go of the
    interpreter lock over large blocks, so the check and the file's own SHA-256 are
    computed side by side."""
    whole = hashlib.sha256(typeset)
    with pdf.open("wb") as out, ThreadPoolExecutor(1, "attachment-check") as checker:
        writeback = _Writeback(out)
        try:
            out.write(typeset)
            if attachments:
                _append(out, whole, checker, writeback, typeset, attachments, should_stop)
        finally:
            writeback.close()
    return whole.hexdigest()


class _Writeback:
    """Gets the disk writing while the copy goes on: every ``_WRITEBACK_BYTES`` the part
    written so far is flushed to disk on a thread of its own, so the file's final fsync
    (:func:`~appealdesk.export.files.replacing`) has little left to wait for. A disk error
    shows here already."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._pool = ThreadPoolExecutor(1, "pdf-writeback")
        self._pending: Future[None] | None = None
        self._unflushed = 0

    def wrote(self, size: int) -> None:
        self._unflushed += size
        if self._unflushed < _WRITEBACK_BYTES:
            return
        if self._pending is not None:
            if not self._pending.done():
                return  # the one before is still going: the next one takes this part too
            self._pending.result()
        self._out.flush()
        self._pending = self._pool.submit(_flush_to_disk, self._out.fileno())
        self._unflushed = 0

    def close(self) -> None:
        try:
            if self._pending is not None:
                self._pending.result()
        finally:
            self._pool.shutdown()


def _flush_to_disk(descriptor: int) -> None:
    getattr(os, "fdatasync", os.fsync)(descriptor)  # not on every system


def _append(
    out: BinaryIO,
    whole: hashlib._Hash,
    checker: ThreadPoolExecutor,
    writeback: _Writeback,
    written: bytes,
    attachments: list[Attachment],
    should_stop: Callable[[], bool] | None,
) -> None:
    def put(data: bytes) -> None:
        out.write(data)
        whole.update(data)

    trailer = _TRAILER.search(written[-4096:])
    if trailer is None:
        raise OSError("no trailer where Typst writes it")
    offsets: dict[int, int] = {}
    position = len(written)
    for attachment in attachments:
        number, dictionary = _placeholder_object(written, attachment.placeholder)
        sized = _sized(dictionary, attachment.size)
        head = f"{number} 0 obj\n<<".encode() + sized + b">>\nstream\n"
        offsets[number] = position
        put(head)
        position += len(head)
        digest = hashlib.sha256()
        size = 0
        for chunk in attachment.chunks():
            stop_if_asked(should_stop)
            checked = checker.submit(digest.update, chunk)
            put(chunk)
            size += len(chunk)
            checked.result()
            writeback.wrote(len(chunk))
        position += size
        if digest.hexdigest() != attachment.sha256 or size != attachment.size:
            raise AppealDeskError(
                _("The evidence “{name}” cannot be put in the dossier: {reason}").format(
                    name=attachment.item.title or attachment.item.original_name,
                    reason=_("The stored file of this evidence is damaged."),
                )
            )
        tail = b"\nendstream\nendobj\n"
        put(tail)
        position += len(tail)
    table = position
    put(_xref(offsets))
    previous = trailer[2].decode()
    fields = re.sub(rb"/Prev \d+", b"", trailer[1]).strip()
    put(b"trailer\n<<" + fields + f"/Prev {previous}>>\n".encode())
    put(f"startxref\n{table}\n%%EOF\n".encode())


def _placeholder_object(pdf: bytes, placeholder: str) -> tuple[int, bytes]:
    """The object number and stream dictionary of the object holding ``placeholder``."""
    marker = pdf.find(b"stream\n" + placeholder.encode() + b"\nendstream")
    if marker < 0:
        raise OSError("an attachment's placeholder is missing from the typeset PDF")
    start = pdf.rfind(b" 0 obj", 0, marker)
    start = pdf.rfind(b"\n", 0, start) + 1
    found = _STREAM.match(pdf, start)
    if found is None or found.end() != marker + len(b"stream\n"):
        raise OSError("an attachment's placeholder is not a stream of its own")
    return int(found[1]), found[2]


def _sized(dictionary: bytes, size: int) -> bytes:
    """The stream dictionary with the real length and size (/Length, and /Size in /Params)."""
    dictionary = re.sub(rb"/Length \d+", f"/Length {size}".encode(), dictionary, count=1)
    return re.sub(rb"/Size \d+", f"/Size {size}".encode(), dictionary, count=1)


def _xref(offsets: dict[int, int]) -> bytes:
    lines = [b"xref\n"]
    for number in sorted(offsets):  # one subsection per object: they need not be in a row
        lines.append(f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode())
    return b"".join(lines)
