"""The evidence entries of a backup archive: where they go and how they are checked.

In a plain archive an entry is named after the SHA-256 of its content; in that of an
encrypted database after its blinded name, and its content, decrypted in memory, must hash
to the digest the database refers to under that name.
"""

from __future__ import annotations

import hashlib
import zipfile
from typing import TYPE_CHECKING, BinaryIO

from appealdesk.i18n import _
from appealdesk.store.backup.archive_entries import BadArchiveError, stream_entry
from appealdesk.store.evidence_store import EvidenceStore
from appealdesk.store.files import create_private_file, make_private_dir

if TYPE_CHECKING:
    from appealdesk.store.encryption.cipher import FileCipher


def evidence_member(name: str) -> str:
    return f"evidence/{name[:2]}/{name}"


def changed(sha256: str) -> BadArchiveError:
    return BadArchiveError(
        _("the evidence file {sha256} does not match its SHA-256").format(sha256=sha256)
    )


def extract_evidence(
    archive: zipfile.ZipFile,
    name: str,
    info: zipfile.ZipInfo,
    store: EvidenceStore,
    digests: Digests,
) -> None:
    target = store.root / name[:2] / name
    make_private_dir(target.parent)
    part = target.with_name(target.name + ".part")
    create_private_file(part)
    try:
        with part.open("wb") as out:
            digest, _data = stream_entry(archive, info, out)
        if store.cipher is not None:
            with part.open("rb") as handle:
                digest = _plain_digest(store.cipher, handle)
        if digest != digests.of(name):
            raise changed(name)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)


class Digests:
    """The SHA-256 an evidence entry must have: its name in a plain archive; in an encrypted
    one, the digest the database refers to whose blinded name it is."""

    def __init__(self, blinded: dict[str, str] | None) -> None:
        self._blinded = blinded

    def of(self, name: str) -> str:
        if self._blinded is None:
            return name
        sha256 = self._blinded.get(name)
        if sha256 is None:
            raise BadArchiveError(
                _("it holds an entry that does not belong in a backup (“{name}”)").format(
                    name=evidence_member(name)
                )
            )
        return sha256


def _plain_digest(cipher: FileCipher, handle: BinaryIO) -> str:
    """The SHA-256 of the plain content of the encrypted file open in ``handle``."""
    from appealdesk.store.encryption.cipher import DecryptionError

    digest = hashlib.sha256()
    try:
        for chunk in cipher.decrypt_stream(handle):
            digest.update(chunk)
    except DecryptionError as exc:
        raise BadArchiveError(
            _("an evidence file in it was changed or made with another key")
        ) from exc
    return digest.hexdigest()


def entry_digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, store: EvidenceStore) -> str:
    """The SHA-256 of an entry's plain content, decrypted in memory when it is encrypted."""
    if store.cipher is None:
        return stream_entry(archive, info)[0]
    with archive.open(info) as member:
        return _plain_digest(store.cipher, member)  # type: ignore[arg-type]
