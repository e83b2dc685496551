"""Names of enum values: equal values of different enums keep their own names."""

from __future__ import annotations

from appealdesk.domain.enums import AppealGround, Channel, EvidenceKind, Platform
from appealdesk.domain.labels import label


def test_equal_values_of_different_enums_keep_their_own_names() -> None:
    assert label(AppealGround.OTHER) == "Another reason"
    assert label(Platform.OTHER) == "Other platform"
    assert label(Channel.OTHER) == "Other channel"
    assert label(EvidenceKind.OTHER) == "Other"
