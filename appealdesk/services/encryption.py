"""Making the key of an encrypted database, and converting a database to and from encryption."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import ArgonCost, DataKey


def create_key(database: Path, passphrase: str, *, cost: ArgonCost | None = None) -> DataKey:
    """A new data key for ``database``, wrapped by ``passphrase`` in the key file beside it."""
    from appealdesk.store.encryption.keys import DataKey, KeyFile, key_file_for, write_key_file

    key = DataKey.generate()
    write_key_file(key_file_for(database), KeyFile.create(key, passphrase, cost=cost))
    return key


@dataclass(frozen=True)
class ConversionResult:
    key: DataKey
    evidence_files: int
    plain_backups_removed: int = 0
