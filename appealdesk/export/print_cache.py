"""Pictures prepared for print, kept so that the next export of the same evidence reuses them.

An entry is a folder named after a digest of everything the pictures depend on (the original's
SHA-256, the size asked for, the protection painted on, the version of the recipe), holding
the pictures and ``entry.json``. It is made in a temporary folder and renamed into place,
so a reader never sees half an entry and two exports making the same one do no harm.

For an encrypted database the pictures and ``entry.json`` are sealed with the database's file
cipher and the folder is named by an HMAC of the key, so the cache tells nobody without the
key which picture it holds. Pictures are written and read through :meth:`PrintCache.write`
and :meth:`PrintPicture.read_bytes`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.validation import is_sha256
from appealdesk.store.database import Database
from appealdesk.store.files import make_private_dir
from appealdesk.store.work_folder import cache_folder

if TYPE_CHECKING:
    from appealdesk.store.encryption.cipher import FileCipher

CACHE_KIND = "print"
ENTRY_FILE = "entry.json"
_PARTIAL_PREFIX = ".new-"


@dataclass(frozen=True)
class PrintPicture:
    """One picture of the cache, ready to be placed on a page."""

    path: Path
    width_px: int
    height_px: int
    cipher: FileCipher | None = field(default=None, repr=False, compare=False)

    def read_bytes(self) -> bytes:
        """The picture's plain bytes (decrypted when the cache is sealed)."""
        data = self.path.read_bytes()
        return data if self.cipher is None else self.cipher.decrypt_bytes(data)


def cache_key(original_sha256: str, **parameters: Any) -> str:
    recipe = json.dumps([original_sha256, parameters], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(recipe.encode()).hexdigest()[:40]


class PrintCache:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.folder = cache_folder(db.path, CACHE_KIND)
        self.cipher = db.evidence.cipher

    def _entry_name(self, key: str) -> str:
        return key if self.cipher is None else self.cipher.name_for(key)[:40]

    def write(self, folder: Path, name: str, data: bytes) -> None:
        """Writes one file of an entry being made, sealed when the cache is."""
        (folder / name).write_bytes(
            data if self.cipher is None else self.cipher.encrypt_bytes(data)
        )

    def _description(self, entry: Path) -> Any:
        data = (entry / ENTRY_FILE).read_bytes()
        return json.loads(data if self.cipher is None else self.cipher.decrypt_bytes(data))

    def get(self, key: str) -> tuple[Path, dict[str, Any]] | None:
        """The folder and description of an entry, or None when there is none (or a damaged
        one, which is then made again)."""
        entry = self.folder / self._entry_name(key)
        try:
            description = self._description(entry)
        except (OSError, ValueError):
            return None
        files = description.get("files") if isinstance(description, dict) else None
        if not isinstance(files, list) or not all(
            isinstance(name, str) and (entry / name).is_file() for name in files
        ):
            return None
        return entry, description

    @contextmanager
    def making(self, key: str, original_sha256: str) -> Iterator[tuple[Path, dict[str, Any]]]:
        """A new folder to put the pictures in and a description to fill ("files": the names
        of the pictures, in order); both become the entry ``key`` when the block ends well."""
        partial = self.folder / f"{_PARTIAL_PREFIX}{self._entry_name(key)}-{secrets.token_hex(4)}"
        make_private_dir(partial)
        description: dict[str, Any] = {"original": original_sha256, "files": []}
        try:
            yield partial, description
            self.write(partial, ENTRY_FILE, json.dumps(description).encode())
            target = self.folder / self._entry_name(key)
            if target.exists():  # damaged (get() refused it), or just made by another export
                shutil.rmtree(target, ignore_errors=True)
            with contextlib.suppress(OSError):  # another export renamed its copy first
                partial.rename(target)
        finally:
            shutil.rmtree(partial, ignore_errors=True)

    def pictures(self, entry: tuple[Path, dict[str, Any]]) -> tuple[PrintPicture, ...]:
        folder, description = entry
        return tuple(
            PrintPicture(folder / name, int(width), int(height), self.cipher)
            for name, (width, height) in zip(
                description["files"], description["sizes"], strict=True
            )
        )

    def prune(self) -> int:
        """Removes the entries of evidence whose stored file is gone (the evidence was
        deleted: no copy of it stays behind) and what an interrupted export left."""
        removed = 0
        for entry in self.folder.iterdir():
            if entry.name.startswith(_PARTIAL_PREFIX):
                original = ""  # a leftover; one still being made has a fresh name each time
                if not _older_than_a_day(entry):
                    continue
            else:
                try:
                    original = self._description(entry)["original"]
                except (OSError, ValueError, KeyError, TypeError):
                    original = ""
            if (
                isinstance(original, str)
                and is_sha256(original)
                and self._db.evidence.exists(original)
            ):
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
        return removed


def _older_than_a_day(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > 86_400
    except OSError:
        return False
