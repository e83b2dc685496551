"""An encrypted database in the window: unlocking it, and the passphrase and recovery key."""
