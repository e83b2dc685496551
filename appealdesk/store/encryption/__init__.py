"""Encryption at rest: the data key, how it is kept, and the ciphers of files and names."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appealdesk.store.encryption.cipher import FileCipher
    from appealdesk.store.encryption.keys import DataKey


def file_cipher_for(key: DataKey | None) -> FileCipher | None:
    """The file cipher of an encrypted database's key; None for a plain database (which
    never loads the cryptography this needs)."""
    if key is None:
        return None
    from appealdesk.store.encryption.cipher import FileCipher

    return FileCipher(key)
