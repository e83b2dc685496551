"""Where the read-only data shipped with AppealDesk lives.

In a source checkout (or an editable install) the folders sit at the top of the project; a
wheel carries them inside the package under ``_data``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"AppealDesk installation is incomplete: no '{name}' folder found")


def resources_dir() -> Path:
    return _data_dir("resources")


def translations_dir() -> Path:
    return _data_dir("translations")
