"""The common steps of a case that one click (or Ctrl+1 … Ctrl+4) records."""

from __future__ import annotations

from appealdesk.domain.enums import EventKind
from appealdesk.i18n import N_

QUICK_STEPS: tuple[tuple[EventKind, str], ...] = (
    (EventKind.APPEAL_FILED, N_("Appeal &filed")),
    (EventKind.RESPONSE_RECEIVED, N_("Answer &received")),
    (EventKind.APPEAL_REJECTED, N_("Re&jected")),
    (EventKind.ACCOUNT_RESTORED, N_("Re&stored")),
)
