"""Compiled message catalogs (.mo): built from the .po files, never committed.

The setup step compiles them next to their .po file. When they are missing or older than
the .po (a fresh clone, an edited translation) they are compiled at start, into the user's
cache folder if the installation itself is read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

from appealdesk.paths import translations_dir

DOMAIN = "appealdesk"


def po_path(language: str) -> Path:
    return translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalog(po: Path, mo: Path) -> None:
    """Write ``mo`` from ``po`` atomically; fuzzy entries are left out as gettext expects."""
    import tempfile

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=mo.parent, prefix=".tmp-", suffix=".mo")
    try:
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        Path(tmp_name).replace(mo)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _cache_path(po: Path, language: str) -> Path:
    import hashlib

    from platformdirs import user_cache_path

    digest = hashlib.sha256(po.read_bytes()).hexdigest()[:16]
    return user_cache_path("appealdesk") / "translations" / f"{language}-{digest}.mo"


def compiled_catalog(language: str) -> Path | None:
    """The .mo file for ``language``, compiling it first if needed; None if there is no .po."""
    po = po_path(language)
    if not po.is_file():
        return None
    beside = po.with_suffix(".mo")
    if beside.is_file() and beside.stat().st_mtime >= po.stat().st_mtime:
        return beside
    try:
        compile_catalog(po, beside)
        return beside
    except OSError:
        cached = _cache_path(po, language)
        if not cached.is_file():
            compile_catalog(po, cached)
        return cached


def compile_all() -> list[Path]:
    compiled = []
    for po in sorted(translations_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        compile_catalog(po, mo)
        compiled.append(mo)
    return compiled
