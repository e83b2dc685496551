"""The data key of an encrypted database, and the key file that keeps it wrapped.

One random 256-bit data key encrypts everything of one database: SQLCipher's pages, the
evidence files, thumbnails and print copies. Each use gets a key of its own derived with
HKDF, so a key of one kind reveals nothing of another.

The key file ``case.key`` beside ``case.db`` holds the data key wrapped (AES-GCM) by a key
derived from the passphrase with Argon2id, plus a check value that tells a right key from a
wrong one without decrypting anything. It holds nothing secret in the clear: a copy of it
without the passphrase is useless.

The recovery key is the data key itself, written in base32 groups with a checksum. It opens
the database even when the key file is lost, which is why it is shown once, to be printed or
stored away from the computer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _

# Re-exported: where a database's key file is (detect's cheap check needs it without this module).
from appealdesk.store.encryption.detect import KEY_FILE_SUFFIX as KEY_FILE_SUFFIX
from appealdesk.store.encryption.detect import key_file_for as key_file_for

KEY_BYTES = 32
# A sentence of a few words passes; one dictionary word does not.
MIN_PASSPHRASE_LENGTH = 10
KEY_FILE_FORMAT = 1
_CHECK_LABEL = b"appealdesk key check v1"
_RECOVERY_CHECK_BYTES = 2
_RECOVERY_GROUP = 5


class EncryptionKeyError(AppealDeskError):
    """Base of the errors about keys; the message is for the user."""


class WrongKeyError(EncryptionKeyError):
    """The passphrase, recovery key or stored key does not open this database."""


class KeyFileError(EncryptionKeyError):
    """The key file is missing, unreadable or not one of ours."""


@dataclass(frozen=True)
class ArgonCost:
    """Argon2id's cost: memory in KiB, passes, lanes. The default takes about 0.2 s and 64 MiB."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4


# Only for tests: a derivation that takes a millisecond. Never used for a real key file.
TEST_COST = ArgonCost(memory_kib=64, iterations=1, lanes=1)


@dataclass(frozen=True)
class DataKey:
    """The secret of one database. It never appears in a repr, a log or an error."""

    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise ValueError("a data key has 32 bytes")

    @classmethod
    def generate(cls) -> DataKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    def derive(self, purpose: str) -> bytes:
        """A 256-bit key for one purpose ("database", "files", "names", …)."""
        return HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode()
        ).derive(self.secret)

    def sqlcipher_key(self) -> str:
        """The value of ``PRAGMA key``: a raw key, so SQLCipher runs no KDF of its own."""
        return f"\"x'{self.derive('database').hex()}'\""

    @property
    def check(self) -> str:
        """A value that identifies the key without revealing it."""
        return hmac.new(self.secret, _CHECK_LABEL, hashlib.sha256).hexdigest()

    def recovery_text(self) -> str:
        """The key as the user writes it down: eleven groups of five letters and digits."""
        checksum = hashlib.sha256(self.secret).digest()[:_RECOVERY_CHECK_BYTES]
        letters = base64.b32encode(self.secret + checksum).decode().rstrip("=")
        return "-".join(
            letters[i : i + _RECOVERY_GROUP] for i in range(0, len(letters), _RECOVERY_GROUP)
        )

    @classmethod
    def from_recovery_text(cls, text: str) -> DataKey:
        """Reads a recovery key as typed: spaces, dashes and case do not matter, and the digits
        0, 1 and 8 are read as the letters O, I and B they are easily taken for."""
        letters = re.sub(r"[\s\-]", "", text).upper().translate(str.maketrans("018", "OIB"))
        if not re.fullmatch(r"[A-Z2-7]+", letters):
            raise WrongKeyError(_("That is not a recovery key: it has letters and digits only."))
        padded = letters + "=" * (-len(letters) % 8)
        try:
            raw = base64.b32decode(padded)
        except ValueError:
            raw = b""
        secret, checksum = raw[:KEY_BYTES], raw[KEY_BYTES:]
        # The last letter carries unused bits: a typo there must not pass unnoticed either.
        canonical = base64.b32encode(raw).decode().rstrip("=") == letters
        if not canonical or checksum != hashlib.sha256(secret).digest()[:2]:
            raise WrongKeyError(
                _("That recovery key is not complete or has a typing error; check each group.")
            )
        return cls(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def _kek(passphrase: str, salt: bytes, cost: ArgonCost) -> bytes:
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    ).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class KeyFile:
    """What ``case.key`` holds: the wrapped data key and how to unwrap it."""

    key_id: str
    check: str
    salt: bytes
    cost: ArgonCost
    wrapped: bytes  # nonce (12 bytes) + AES-GCM of the data key

    @classmethod
    def create(cls, key: DataKey, passphrase: str, *, cost: ArgonCost | None = None) -> KeyFile:
        return _wrapped(key, passphrase, secrets.token_hex(16), cost or ArgonCost())

    def with_passphrase(self, key: DataKey, passphrase: str) -> KeyFile:
        """The same key id and key, wrapped by a new passphrase (with a new salt)."""
        return _wrapped(self.accept(key), passphrase, self.key_id, self.cost)

    def unwrap(self, passphrase: str) -> DataKey:
        kek = _kek(passphrase, self.salt, self.cost)
        try:
            secret = AESGCM(kek).decrypt(self.wrapped[:12], self.wrapped[12:], self.key_id.encode())
        except InvalidTag:
            raise WrongKeyError(_("That passphrase does not open this database.")) from None
        return self.accept(DataKey(secret))

    def accept(self, key: DataKey) -> DataKey:
        """``key`` when it is this file's key; raises :class:`WrongKeyError` otherwise."""
        if not hmac.compare_digest(key.check, self.check):
            raise WrongKeyError(_("That key does not open this database."))
        return key

    def to_json(self) -> str:
        return json.dumps(
            {
                "appealdesk_key_file": KEY_FILE_FORMAT,
                "key_id": self.key_id,
                "check": self.check,
                "kdf": {
                    "name": "argon2id",
                    "salt": _b64(self.salt),
                    "memory_kib": self.cost.memory_kib,
                    "iterations": self.cost.iterations,
                    "lanes": self.cost.lanes,
                },
                "wrapped_key": _b64(self.wrapped),
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
            if data.get("appealdesk_key_file") != KEY_FILE_FORMAT:
                raise ValueError("not a key file of this version")
            kdf = data["kdf"]
            if kdf.get("name") != "argon2id":
                raise ValueError("unknown key derivation")
            cost = ArgonCost(
                memory_kib=int(kdf["memory_kib"]),
                iterations=int(kdf["iterations"]),
                lanes=int(kdf["lanes"]),
            )
            # A hostile file could ask for terabytes of memory or endless passes.
            if not (8 <= cost.memory_kib <= 4 * 1024 * 1024 and 1 <= cost.iterations <= 64):
                raise ValueError("key derivation cost out of range")
            if not 1 <= cost.lanes <= 64:
                raise ValueError("key derivation lanes out of range")
            key_id, check = data["key_id"], data["check"]
            if not (re.fullmatch(r"[0-9a-f]{32}", key_id) and re.fullmatch(r"[0-9a-f]{64}", check)):
                raise ValueError("bad key id or check")
            wrapped = _unb64(data["wrapped_key"])
            if len(wrapped) != 12 + KEY_BYTES + 16:
                raise ValueError("bad wrapped key")
            return cls(key_id, check, _unb64(kdf["salt"]), cost, wrapped)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileError(_("The key file is damaged or not an AppealDesk key file.")) from exc


def _wrapped(key: DataKey, passphrase: str, key_id: str, cost: ArgonCost) -> KeyFile:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(_kek(passphrase, salt, cost)).encrypt(nonce, key.secret, key_id.encode())
    return KeyFile(key_id, key.check, salt, cost, nonce + wrapped)


def read_key_file(path: Path) -> KeyFile:
    try:
        size = path.stat().st_size
        if size > 64 * 1024:
            raise KeyFileError(_("The key file is damaged or not an AppealDesk key file."))
        return KeyFile.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(_("The key file {path} cannot be read.").format(path=path)) from exc


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Writes the key file whole (owner-only, fsynced) or not at all."""
    from appealdesk.store.files import written_atomically

    with written_atomically(path) as temporary:
        temporary.write_text(key_file.to_json(), encoding="utf-8")
        temporary.chmod(0o600)
