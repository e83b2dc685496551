"""Steps of the keyring test, each run as its own process inside one desktop session.

Usage: keyring_steps.py DATABASE STEP; prints what it found as one JSON line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from appealdesk.store.encryption import keyring_entry
from appealdesk.store.encryption.keys import (
    TEST_COST,
    DataKey,
    KeyFile,
    key_file_for,
    read_key_file,
    write_key_file,
)
from appealdesk.store.encryption.unlock import KeyUnavailableError, unlock


def main(database: Path, step: str) -> dict[str, object]:
    if step == "set-up":
        key = DataKey.generate()
        key_file = KeyFile.create(key, "passphrase of the test", cost=TEST_COST)
        write_key_file(key_file_for(database), key_file)
        (database.parent / "recovery.txt").write_text(key.recovery_text())
        unlocked = unlock(database, passphrase="passphrase of the test", remember=True)
        import keyring

        return {
            "remembered": unlocked.remembered,
            "backend": type(keyring.get_keyring()).__module__,
        }
    if step == "start":
        try:
            unlocked = unlock(database)
        except KeyUnavailableError as exc:
            return {"asked": str(exc), "keyring_lost": exc.keyring_lost}
        return {"source": unlocked.source.value}
    if step == "lose":
        import keyring

        keyring.delete_password(
            keyring_entry.SERVICE, f"database key {read_key_file(key_file_for(database)).key_id}"
        )
        return {}
    if step == "recover":
        text = (database.parent / "recovery.txt").read_text()
        unlocked = unlock(database, recovery_key=text, remember=True)
        return {"source": unlocked.source.value, "remembered": unlocked.remembered}
    raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
