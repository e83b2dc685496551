"""Whether a stored image carries location data (GPS), in its EXIF block or XMP packet.

A photo with location data never leaves the app as its original: the dossier and the
bundle carry its copy without metadata instead.
"""

from __future__ import annotations

from typing import Literal

from appealdesk.store.evidence_store import EvidenceStore

_METADATA_SPAN = 256 * 1024  # an EXIF block is at most 64 kB, an XMP packet seldom more


def has_location(store: EvidenceStore, sha256: str) -> bool:
    """Whether a stored image carries GPS data, in its EXIF block or its XMP packet.

    Metadata sits before the image data (JPEG, PNG) or after it (WebP), so the start and
    the end of the file are read, not the pixels in between."""
    try:
        data = store.read_edges(sha256, _METADATA_SPAN)
    except OSError:
        return False  # read again (and reported) when the PDF is written
    if b"GPSLatitude" in data or b"GPSLongitude" in data:  # XMP, or an EXIF tag name
        return True
    # The TIFF block follows JPEG's "Exif\0\0", PNG's eXIf type, WebP's EXIF type and size.
    for header, skip in ((b"Exif\x00\x00", 0), (b"eXIf", 0), (b"EXIF", 4)):
        start = data.find(header)
        while start >= 0:
            at = start + len(header) + skip
            if _gps_pointer(data[at : at + 65536].removeprefix(b"Exif\x00\x00")):
                return True
            start = data.find(header, start + 1)
    return False


def _gps_pointer(tiff: bytes) -> bool:
    """Whether a TIFF-structured EXIF block's first directory points to GPS data."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return False
    order: Literal["little", "big"] = "little" if tiff[:2] == b"II" else "big"
    first = int.from_bytes(tiff[4:8], order)
    if first + 2 > len(tiff):
        return False
    count = min(int.from_bytes(tiff[first : first + 2], order), 1000)
    for index in range(count):
        entry = first + 2 + 12 * index
        if entry + 12 > len(tiff):
            break
        if int.from_bytes(tiff[entry : entry + 2], order) == 0x8825:
            return int.from_bytes(tiff[entry + 8 : entry + 12], order) != 0
    return False
