"""Writing an export so that a failure never leaves a half file at the chosen place."""

from __future__ import annotations

import errno
import mmap
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _
from appealdesk.store.files import written_atomically
from appealdesk.store.lock_guard import is_open_database_file

# Less free space than this after a write that came out short: the disk ran full.
FULL_DISK_BYTES = 1 << 20
_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF = re.compile(rb"(\d{10}) (\d{5}) ([nf])|(\d+) (\d+)\s")
_OBJECT = re.compile(rb"(\d+) \d+ obj\b")


def slug(text: str, fallback: str = "evidence") -> str:
    """A file name's part made from ``text``: lower-case ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:48] or fallback


class IncompleteFileError(OSError):
    """A written file is not what it should be, though the writer reported no error."""


def check_target(target: Path) -> None:
    if is_open_database_file(target):
        raise AppealDeskError(
            _("{path} is AppealDesk's own database; choose another file name.").format(path=target)
        )
    if target.is_dir():
        raise AppealDeskError(_("{path} is a folder; choose a file name.").format(path=target))
    if not target.parent.is_dir():
        raise AppealDeskError(
            _("The folder {folder} does not exist. Choose another folder.").format(
                folder=target.parent
            )
        )


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` that becomes ``target`` once all went well."""
    check_target(target)
    try:
        with written_atomically(target) as temporary:
            yield temporary
    except OSError as exc:
        raise _write_error(target, exc) from exc


def incomplete_file(path: Path, problem: str) -> OSError:
    """The error for a file that came out short: a full disk when that is what it was."""
    try:
        full = shutil.disk_usage(path.parent).free < FULL_DISK_BYTES
    except OSError:
        full = False
    if full:
        return OSError(errno.ENOSPC, "No space left on device", str(path))
    return IncompleteFileError(errno.EIO, problem, str(path))


def check_pdf(path: Path, pages: int) -> None:
    """Reads a written PDF back: its header and end, every object where the cross-reference
    table says it is (in every section an incremental update added), and the number of
    pages. Raises ``OSError`` when anything is off: a full disk can leave a short file behind
    without any write reporting an error.
    """
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            if size == 0:
                problem = "the file is empty"
            else:
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    problem = _pdf_problem(data, pages)
    except (OSError, ValueError) as exc:
        problem = str(exc)
    if problem:
        raise incomplete_file(path, problem)


def _object(data: mmap.mmap, offsets: dict[int, int], number: int) -> bytes:
    start = offsets.get(number, -1)
    end = data.find(b"endobj", start) if start >= 0 else -1
    return data[start:end] if end >= 0 else b""


def _pdf_problem(data: mmap.mmap, pages: int) -> str:
    problem, count = _read_pdf(data)
    if not problem and count != pages:
        return f"{count if count is not None else 'no'} pages instead of {pages}"
    return problem


def _read_pdf(data: mmap.mmap) -> tuple[str, int | None]:
    """What is wrong with the PDF ("" for nothing) and its number of pages."""
    if data[:5] != b"%PDF-":
        return "no PDF header", None
    tail_start = max(0, len(data) - 1024)
    end = _END.search(data[tail_start:])
    if end is None:
        return "no end of file marker", None
    offsets: dict[int, int] = {}
    root: re.Match[bytes] | None = None
    table_start: int | None = int(end[1])
    seen: set[int] = set()
    # The last cross-reference section first; an incremental update (the attached evidence)
    # points to the one before it with /Prev, and what a later section says wins.
    while table_start is not None:
        if table_start in seen:
            return "the cross-reference sections go round in a circle", None
        seen.add(table_start)
        problem, section, trailer = _xref_section(data, table_start)
        if problem:
            return problem, None
        for number, offset in section.items():
            offsets.setdefault(number, offset)
        root = root or re.search(rb"/Root (\d+) 0 R", trailer)
        previous = re.search(rb"/Prev (\d+)", trailer)
        table_start = int(previous[1]) if previous else None
    tree = re.search(rb"/Pages (\d+) 0 R", _object(data, offsets, int(root[1]))) if root else None
    count = re.search(rb"/Count (\d+)", _object(data, offsets, int(tree[1]))) if tree else None
    return "", int(count[1]) if count else None


def _xref_section(data: mmap.mmap, table_start: int) -> tuple[str, dict[int, int], bytes]:
    """A cross-reference table's objects, each checked to be where it says, and its trailer."""
    if data[table_start : table_start + 4] != b"xref":
        return "no cross-reference table", {}, b""
    table_end = data.find(b"trailer", table_start)
    if table_end < 0:
        return "no trailer", {}, b""
    offsets: dict[int, int] = {}
    number = 0
    for match in _XREF.finditer(data[table_start + 4 : table_end]):
        if match[4] is not None:  # a subsection: first object number, count
            number = int(match[4])
            continue
        if match[3] == b"n":
            offset = int(match[1])
            found = _OBJECT.match(data[offset : offset + 32])
            if found is None or int(found[1]) != number:
                return f"object {number} is not where the table says", {}, b""
            offsets[number] = offset
        number += 1
    trailer_end = data.find(b"startxref", table_end)
    return "", offsets, data[table_end : trailer_end if trailer_end >= 0 else len(data)]


def pdf_pages(path: Path) -> int:
    """Reads a written PDF back as :func:`check_pdf` does; returns its number of pages."""
    count: int | None = None
    try:
        with path.open("rb") as handle:
            if path.stat().st_size == 0:
                problem = "the file is empty"
            else:
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    problem, count = _read_pdf(data)
    except (OSError, ValueError) as exc:
        problem = str(exc)
    if problem or not count:
        raise incomplete_file(path, problem or "no pages")
    return count


def check_zip(path: Path, members: int) -> None:
    """Reads a written ZIP back (every member against its CRC) and counts its members."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            count = len(archive.infolist())
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise incomplete_file(path, str(exc)) from exc
    if bad is not None or count != members:
        raise incomplete_file(path, f"member {bad} is damaged" if bad else f"{count} members")


def _write_error(target: Path, exc: OSError) -> AppealDeskError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return AppealDeskError(_("The disk is full: the dossier was not saved. Free some space."))
    if isinstance(exc, IncompleteFileError):
        return AppealDeskError(
            _("The dossier could not be written completely to {folder}; nothing was saved.").format(
                folder=target.parent
            )
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return AppealDeskError(
            _("The folder {folder} cannot be written. Choose another folder.").format(
                folder=target.parent
            )
        )
    return AppealDeskError(
        _("The dossier could not be saved as {path}: {reason}").format(
            path=target, reason=exc.strerror or exc
        )
    )
