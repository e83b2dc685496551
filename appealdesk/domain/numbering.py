"""Case numbers such as ``TT-2026-0001``: platform code, year, sequence within both."""

from __future__ import annotations

import re
from dataclasses import dataclass

from appealdesk.domain.enums import Platform

_PATTERN = re.compile(r"^(?P<code>[A-Z]{2})-(?P<year>\d{4})-(?P<seq>\d+)$")


@dataclass(frozen=True)
class CaseNumber:
    code: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.code}-{self.year:04d}-{self.sequence:04d}"


def prefix(platform: Platform, year: int) -> str:
    return f"{platform.code}-{year:04d}-"


def format_case_number(platform: Platform, year: int, sequence: int) -> str:
    return str(CaseNumber(platform.code, year, sequence))


def parse_case_number(text: str) -> CaseNumber | None:
    match = _PATTERN.match(text.strip().upper())
    if match is None:
        return None
    return CaseNumber(match["code"], int(match["year"]), int(match["seq"]))


def normalise_case_number(text: str) -> str:
    """What the user typed, in the stored form (``tt-2026-1`` → ``TT-2026-0001``)."""
    parsed = parse_case_number(text)
    return str(parsed) if parsed else text.strip().upper()
