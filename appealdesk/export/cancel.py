"""Stopping an export the user cancelled."""

from __future__ import annotations

from collections.abc import Callable

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _


class ExportCancelled(AppealDeskError):  # noqa: N818 - it is a request, not an error
    """The user stopped the export; nothing was written."""


def stop_if_asked(should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise ExportCancelled(_("The export was cancelled."))
