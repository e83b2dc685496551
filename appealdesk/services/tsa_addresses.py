"""The time-stamping authorities as the user gives them, and the token one grants.

Kept apart from :mod:`tsa_client`, which loads an HTTP client and X.509 and RFC 3161 parsers
(some 20 MB): the window names authorities and shows stored stamps without asking any.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _

URLS_VARIABLE = "APPEALDESK_TSA_URLS"
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Token:
    response: bytes  # the TimeStampResp, DER
    stamped_at_utc: dt.datetime  # without a zone, UTC
    signature_verified: bool


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def clean_urls(text: str) -> list[str]:
    """The authorities in ``text`` (separated by commas, spaces or lines), each once."""
    urls: list[str] = []
    for part in text.replace(",", " ").split():
        parsed = urlsplit(part)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValidationError(
                _("Not a web address of a time-stamping authority: {url}").format(url=part)
            )
        if parsed.username or parsed.password:
            raise ValidationError(
                _("A time-stamping address must not hold a user name or password: {url}").format(
                    url=parsed.hostname
                )
            )
        if part not in urls:
            urls.append(part)
    return urls


def urls_from_environment() -> list[str]:
    return clean_urls(os.environ.get(URLS_VARIABLE, ""))
