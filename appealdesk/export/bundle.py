"""The dossier bundle: the PDF, the evidence files and a manifest with their SHA-256.

Images are copies without metadata (protected for identity documents) at full size; PDF
documents keep their original bytes (an identity document never: it cannot be protected).
Beside them are the originals byte for byte (never of a sensitive item), their time stamps,
and a verification kit (see :mod:`bundle_proof`). The manifest lets anyone check every file,
and says what was done to each protected copy; ``custody.json`` holds each item's custody
record.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from appealdesk import __version__
from appealdesk.domain.models import EvidenceItem
from appealdesk.export import bundle_proof
from appealdesk.export.content import DossierContent
from appealdesk.export.custody_data import CUSTODY_PATH, custody_json
from appealdesk.export.files import slug
from appealdesk.export.protection import protection_facts
from appealdesk.services.demo_images import ensure_gui
from appealdesk.services.originals import is_pdf, read_original
from appealdesk.services.protected_copy import export_evidence
from appealdesk.services.timestamps import timestamps_of
from appealdesk.store.database import Database

MANIFEST_FORMAT = "appealdesk-dossier-bundle"
_EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def _entry(path: str, data: bytes, **details: Any) -> dict[str, Any]:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), **details}


class BundleWritten(NamedTuple):
    evidence_files: int
    members: int  # every file in the ZIP, for reading it back


def write_bundle(
    target: Path,
    pdf: Path,
    db: Database,
    content: DossierContent,
    evidence: Sequence[EvidenceItem],
    *,
    on_file: Callable[[int, int], None] | None = None,
) -> BundleWritten:
    """Writes the ZIP to ``target`` (a new file)."""
    ensure_gui()  # its pictures are drawn anew, and a watermark's font needs the application
    detail = content.detail
    platform = detail.account.platform
    files = []
    stamps = timestamps_of(db, [item.id for item in evidence if item.id is not None])
    exhibits: list[tuple[str, EvidenceItem]] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        dossier = pdf.read_bytes()
        bundle.writestr("dossier.pdf", dossier)
        files.append(_entry("dossier.pdf", dossier, role="dossier"))
        for number, item in enumerate(evidence, start=1):
            protection = protection_facts(item, content.language)  # refuses an unprotected one
            if is_pdf(item) and protection is None:
                data, media_type, protected = read_original(db, item), item.media_type, False
            else:
                exported = export_evidence(
                    db,
                    item,
                    platform=platform,
                    language=content.language,
                    day=content.exported_at.date(),
                )
                data, media_type, protected = exported.data, exported.media_type, exported.protected
            extension = _EXTENSIONS.get(media_type, "bin")
            name = slug(item.title or Path(item.original_name).stem)
            path = f"evidence/{number:02d}-{name}.{extension}"
            bundle.writestr(path, data)
            original, withheld = bundle_proof.original_of(db, item)
            kept = None if original is None else bundle_proof.original_path(item, number, name)
            exhibits.append((path, item))
            files.append(
                _entry(
                    path,
                    data,
                    role="evidence",
                    title=item.title,
                    kind=item.kind.value,
                    media_type=media_type,
                    original_name=item.original_name,
                    original_sha256=item.sha256,
                    original_path=kept,
                    original_withheld=withheld,
                    relationship=bundle_proof.relationship(item, data, protected),
                    protected=protected,
                    protection=protection,
                    captured_at=item.captured_at.isoformat() if item.captured_at else None,
                )
            )
            if original is not None and kept is not None:
                files.append(bundle_proof.add_original(bundle, item, original, kept, path))
            if not item.sensitive:
                files += bundle_proof.add_timestamps(
                    bundle, item, stamps.get(item.id or 0, []), kept
                )
            if on_file is not None:
                on_file(number, len(evidence))
        custody = custody_json(content, exhibits)
        bundle.writestr(CUSTODY_PATH, custody)
        files.append(_entry(CUSTODY_PATH, custody, role="custody"))
        bundle_proof.add_verification_kit(bundle, content.language, files)
        bundle.writestr(
            "manifest.json", json.dumps(_manifest(content, files), indent=2, ensure_ascii=False)
        )
        members = len(bundle.infolist())
    return BundleWritten(len(evidence), members)


def _manifest(content: DossierContent, files: list[dict[str, Any]]) -> dict[str, Any]:
    case, account = content.detail.case, content.detail.account
    return {
        "format": MANIFEST_FORMAT,
        "format_version": 1,
        "created_by": f"AppealDesk {__version__}",
        "exported_at": content.exported_at.isoformat(),
        "language": content.language,
        "case": {
            "case_number": case.case_number,
            "status": case.status.value,
            "platform": account.platform.value,
            "handle": account.handle,
            "client": content.detail.client.name,
            "block_kind": case.block_kind.value,
            "blocked_at": case.blocked_at.isoformat(),
            "reason_area": case.reason_area,
            "reason_policy": case.reason_policy,
        },
        "files": files,
    }
