"""What lets a recipient check the bundle without AppealDesk: the originals byte for byte,
the time stamps over them, ``SHA256SUMS`` and a short text (in the dossier's language) on
how to check both with standard tools."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rfc3161_client import decode_timestamp_response

from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.proof_models import EvidenceTimestamp
from appealdesk.i18n import translator
from appealdesk.media.location import has_location
from appealdesk.paths import resources_dir
from appealdesk.services.originals import is_pdf, read_original
from appealdesk.services.tsa_addresses import host_of
from appealdesk.store.database import Database

VERIFY_FILE_NAMES = {"en": "VERIFY.txt", "nl": "VERIFIEER.txt"}
CHECKSUMS = "SHA256SUMS"
_ORIGINAL_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "image/heic": "heic",
    "image/heif": "heif",
}


def _entry(path: str, data: bytes, **details: Any) -> dict[str, Any]:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), **details}


def original_of(db: Database, item: EvidenceItem) -> tuple[bytes | None, str | None]:
    """The original's bytes for ``originals/``, or why it stays out: an identity document
    leaves only as its protected copy, and no location data leaves the app."""
    if item.sensitive:
        return None, "sensitive"
    if not is_pdf(item) and has_location(db.evidence, item.sha256):
        return None, "location"
    return read_original(db, item), None


def original_path(item: EvidenceItem, number: int, name: str) -> str:
    extension = _ORIGINAL_EXTENSIONS.get(item.media_type, "bin")
    return f"originals/{number:02d}-{name}.{extension}"


def relationship(item: EvidenceItem, copy: bytes, protected: bool) -> str:
    """How the file in evidence/ relates to the original (a fixed word in the manifest)."""
    if hashlib.sha256(copy).hexdigest() == item.sha256:
        return "identical"
    if protected:
        return "protected_copy"  # blacked out and watermarked
    return "copy_without_metadata"  # re-encoded without location and camera data


def add_original(
    bundle: zipfile.ZipFile, item: EvidenceItem, original: bytes, path: str, copy_entry: str
) -> dict[str, Any]:
    bundle.writestr(path, original)
    return _entry(path, original, role="original", title=item.title, copy_path=copy_entry)


def add_timestamps(
    bundle: zipfile.ZipFile,
    item: EvidenceItem,
    rows: Sequence[EvidenceTimestamp],
    original: str | None,
) -> list[dict[str, Any]]:
    """The granted tokens over ``item``'s original, as ``openssl ts -verify -in`` reads them."""
    entries: list[dict[str, Any]] = []
    for row in rows:
        if row.response is None or not _covers(row.response, item.sha256):
            continue
        count = len(entries) + 1
        suffix = "" if count == 1 else f"-{count}"
        path = f"timestamps/{item.sha256}{suffix}.tsr"
        bundle.writestr(path, row.response)
        stamped = row.stamped_at_utc.isoformat() + "Z" if row.stamped_at_utc else None
        entries.append(
            _entry(
                path,
                row.response,
                role="timestamp",
                covers_sha256=item.sha256,
                covers_path=original,
                authority_url=row.authority_url,
                authority=host_of(row.authority_url),
                stamped_at_utc=stamped,
            )
        )
    return entries


def _covers(response: bytes, sha256: str) -> bool:
    """A stored token is checked again: the database may have been changed outside the app."""
    try:
        imprint = decode_timestamp_response(response).tst_info.message_imprint.message
    except ValueError:
        return False
    return imprint == bytes.fromhex(sha256)


def add_verification_kit(
    bundle: zipfile.ZipFile, language: str, files: list[dict[str, Any]]
) -> None:
    """``SHA256SUMS`` over every file so far, and the text that says how to check them;
    both are added to ``files`` (for the manifest)."""
    sums = "".join(f"{entry['sha256']}  {entry['path']}\n" for entry in files).encode()
    text = verify_text(language, files).encode()
    name = VERIFY_FILE_NAMES.get(language, "VERIFY.txt")
    bundle.writestr(CHECKSUMS, sums)
    bundle.writestr(name, text)
    files.append(_entry(CHECKSUMS, sums, role="checksums"))
    files.append(_entry(name, text, role="instructions"))


def verify_text(language: str, files: Sequence[dict[str, Any]]) -> str:
    _ = translator(language).gettext
    template = _template(language)
    ca = _("<the authority's CA certificate>")
    commands = []
    for entry in files:
        if entry.get("role") != "timestamp":
            continue
        sha256, when = entry["covers_sha256"], entry["stamped_at_utc"] or "?"
        commands.append(
            f"    # {entry['covers_path'] or sha256}: {entry['authority']}, {when}\n"
            f"    openssl ts -verify -in {entry['path']} -digest {sha256} -CAfile {ca}"
        )
    listed = "\n\n".join(commands) or "    " + _("This bundle holds no time stamps.")
    return template.replace("{commands}", listed)


def _template(language: str) -> str:
    folder = resources_dir() / "verify"
    path = folder / f"{language}.txt"
    return (path if path.is_file() else Path(folder / "en.txt")).read_text(encoding="utf-8")
