"""PySide's look at every module imported after it, made cheap.

Once shiboken is loaded it asks of each newly imported module whether its source mentions
``PySide6`` (to know which modules may switch on its ``__feature__`` options), through
``inspect.getsource``: the file is decoded, split into lines and kept in ``linecache`` for
good. For the hundred modules the window imports that is about 6 ms of a 150 ms start, and
the sources of every library loaded later stay in memory. Reading the file's bytes gives the
same answer; where there is no plain source file PySide's own check still answers.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import shiboken6  # noqa: F401  (loads the check this module replaces)

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def source_mentions_pyside(module: ModuleType, fallback: Any) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return bool(fallback(module))
    try:
        return b"PySide6" in Path(path).read_bytes()
    except OSError:
        return bool(fallback(module))


def use_cheap_import_check() -> bool:
    """Replaces PySide's check; False (and nothing changed) where it is not as expected."""
    feature = sys.modules.get(_FEATURE_MODULE)
    upstream = getattr(feature, _CHECK, None)
    if feature is None or not callable(upstream):
        return False
    if getattr(upstream, "reads_bytes", False):
        return True

    def check(module: ModuleType) -> bool:
        return source_mentions_pyside(module, upstream)

    check.reads_bytes = True  # type: ignore[attr-defined]
    setattr(feature, _CHECK, check)
    return True
