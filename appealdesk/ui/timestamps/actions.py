"""Asking the authorities for time stamps, off the UI thread with a short timeout.

A request that fails leaves a pending stamp; the next request in the same case asks again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from appealdesk.services import timestamps
from appealdesk.services.timestamps import TimestampReport
from appealdesk.store.database import Database
from appealdesk.ui.base.background import BackgroundTask, Progress, StopRequested

TIMEOUT_SECONDS = 8.0


def start_timestamps(
    db: Database,
    case_id: int,
    evidence_ids: Sequence[int],
    urls: Sequence[str],
    parent: QObject | None = None,
) -> BackgroundTask:
    """Time stamps for ``evidence_ids``, and another try for the case's pending ones; the
    caller connects to the task and starts it."""
    ids, authorities = list(evidence_ids), list(urls)

    def work(_progress: Progress, should_stop: StopRequested) -> TimestampReport:
        report = timestamps.add_timestamps(
            db, ids, authorities, timeout=TIMEOUT_SECONDS, should_stop=should_stop
        )
        retried = timestamps.retry_pending(
            db,
            case_id=case_id,
            urls=authorities,
            except_ids=ids,
            timeout=TIMEOUT_SECONDS,
            should_stop=should_stop,
        )
        report.granted += retried.granted
        report.failures += retried.failures
        return report

    return BackgroundTask(work, parent)
