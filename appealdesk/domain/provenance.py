"""Where a piece of evidence comes from, and when it was captured in which time zone.

A capture time is stored in UTC with its offset in minutes east of UTC. Without an offset it
is a wall-clock time of an unknown zone: items recorded before zones were kept.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from appealdesk.domain.enums import CaptureSource
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.labels import label
from appealdesk.i18n import N_, _, format_datetime, translator

MAX_OFFSET_MINUTES = 14 * 60


def local_offset(moment: dt.datetime | None = None) -> int:
    """This computer's UTC offset in minutes at ``moment`` (a naive local time; now if None)."""
    aware = (moment or dt.datetime.now()).astimezone()
    offset = aware.utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def zone(offset_minutes: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(minutes=offset_minutes))


def stored_capture(moment: dt.datetime) -> tuple[dt.datetime, int | None]:
    """``moment`` as stored: an aware time in UTC with its offset; a naive one as it is."""
    moment = moment.replace(microsecond=0)
    offset = moment.utcoffset()
    if offset is None:
        return moment, None
    minutes = int(offset.total_seconds() // 60)
    if abs(minutes) > MAX_OFFSET_MINUTES:
        raise ValidationError(_("A time zone is at most 14 hours from UTC."))
    return moment.astimezone(dt.UTC).replace(tzinfo=None), minutes


def shown_capture(captured_at: dt.datetime | None, offset: int | None) -> dt.datetime | None:
    """The capture time as it was where it was captured: aware when its zone is known."""
    if captured_at is None or offset is None:
        return captured_at
    return captured_at.replace(tzinfo=dt.UTC).astimezone(zone(offset))


def offset_text(offset: int) -> str:
    """``UTC+01:00``, ``UTC−03:30``, ``UTC`` for no offset at all."""
    if offset == 0:
        return "UTC"
    sign = "+" if offset > 0 else "−"
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def web_address(value: str) -> str:
    """A web page's address, as the user gave it; "" for none."""
    address = value.strip()
    if not address:
        return ""
    try:
        parts = urlsplit(address)
        hostname = parts.hostname
    except ValueError:  # such as a bracket left open: "https://[::1"
        hostname = None
    if (
        not hostname
        or parts.scheme.lower() not in ("http", "https")
        or any(c.isspace() for c in address)
    ):
        raise ValidationError(
            _("A web address starts with https:// (or http://): {address}").format(address=address)
        )
    return address


def capture_text(
    captured_at: dt.datetime | None,
    offset: int | None,
    origin: CaptureSource | None,
    language: str | None = None,
) -> str:
    """``12 nov. 2026 14:03 (UTC+01:00), from the photo's EXIF data``; "" without a time."""
    if captured_at is None:
        return ""
    tr = translator(language)
    shown = shown_capture(captured_at, offset)
    zone_text = offset_text(offset) if offset is not None else tr.gettext(NO_ZONE)
    text = f"{format_datetime(shown, 'medium', language)} ({zone_text})"
    if origin is None:
        return text
    return tr.gettext(N_("{time}, {origin}")).format(time=text, origin=label(origin, tr))


NO_ZONE = N_("time zone not recorded")
