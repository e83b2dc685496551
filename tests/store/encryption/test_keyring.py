"""The key in a real keyring: GNOME Keyring's Secret Service in a desktop session of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

STEPS = Path(__file__).with_name("keyring_steps.py")


@pytest.mark.slow  # a desktop session, its keyring and a demo database
@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon (Debian: dbus, gnome-keyring)",
)
def test_the_keyring_keeps_the_key_and_a_lost_entry_is_noticed(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    home = tmp_path / "home"
    home.mkdir()
    steps = ["set-up", "start", "lose", "start", "recover", "start"]
    python = f"{sys.executable} {STEPS} {database}"
    demo = tmp_path / "demo.db"
    command = f"{sys.executable} -m appealdesk"
    script = "printf 'test keyring' | gnome-keyring-daemon --unlock --components=secrets " + (
        ">/dev/null && " + " && ".join(f"{python} {step}" for step in steps)
    )
    # The command line the same way: the demo's key goes into the keyring, and the next
    # command opens the database with no passphrase given.
    script += (
        f" && APPEALDESK_PASSPHRASE='passphrase of the demo' {command} demo {demo} --encrypted"
        f" --lang en && {command} cases --db {demo} --format csv"
    )
    environment = {
        key: value for key, value in os.environ.items() if key != "PYTHON_KEYRING_BACKEND"
    }
    environment |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "PYTHONPATH": str(Path(__file__).parents[3]),
    }
    (home / "run").mkdir(mode=0o700)
    finished = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    lines = [json.loads(line) for line in finished.stdout.splitlines() if line.startswith("{")]
    assert "The key is kept in this computer's keyring" in finished.stdout
    assert "goudenkrakeling" in finished.stdout  # the list, read without being asked
    set_up, started, _lost, asked, recovered, restarted = lines
    assert set_up == {"remembered": True, "backend": "keyring.backends.SecretService"}
    assert started == {"source": "keyring"}
    assert asked["keyring_lost"] is True
    assert "no longer holds the key" in asked["asked"]
    assert recovered == {"source": "recovery key", "remembered": True}
    assert restarted == {"source": "keyring"}
