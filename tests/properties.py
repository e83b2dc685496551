"""How many examples a property test tries, as a share of the profile in use (see conftest)."""

from __future__ import annotations

from hypothesis import settings


def examples(share: float) -> settings:
    """The profile's settings with ``share`` times its examples: more for a property that costs
    microseconds, fewer for one that renders a whole dossier per example."""
    current = settings.default
    assert current is not None
    return settings(current, max_examples=max(1, round(current.max_examples * share)))
