"""Reference data shipped in ``resources/`` (TOML), with its texts in Dutch and English."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from appealdesk.i18n import current_language
from appealdesk.paths import resources_dir


@dataclass(frozen=True)
class LocalText:
    """A text written in both languages (not a gettext message: it is data)."""

    nl: str
    en: str

    def text(self, language: str | None = None) -> str:
        return self.nl if (language or current_language()) == "nl" else self.en

    def __str__(self) -> str:
        return self.text()

    @classmethod
    def parse(cls, value: Any, where: str) -> LocalText:
        if not isinstance(value, dict) or not value.get("nl") or not value.get("en"):
            raise ValueError(f"{where}: expected a table with non-empty 'nl' and 'en' texts")
        return cls(nl=str(value["nl"]).strip(), en=str(value["en"]).strip())


@cache
def load_resource(name: str) -> dict[str, Any]:
    """A TOML file under ``resources/``, parsed once."""
    with (resources_dir() / name).open("rb") as handle:
        return tomllib.load(handle)
