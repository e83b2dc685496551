"""Guideline editions: each one complete in both languages, and the one in force picked by date."""

import datetime as dt

import pytest

from appealdesk.domain.enums import StatementCategory
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.taxonomy import (
    Taxonomy,
    edition_citation,
    edition_in_force,
    editions,
    find_exception,
    find_reason,
    reason_label_on,
    taxonomy_for,
)

BEFORE = dt.date(2025, 9, 12)
FROM = dt.date(2025, 9, 13)


def test_two_editions_ship_oldest_first() -> None:
    assert [e.edition for e in editions()] == ["2020-12", "2025-09"]
    latest = editions()[-1]
    assert (latest.released, latest.in_force, latest.exact_day) == (
        dt.date(2025, 8, 14),
        dt.date(2025, 9, 13),
        True,
    )


def test_the_edition_changes_on_the_day_it_comes_into_force() -> None:
    assert taxonomy_for(BEFORE).edition == "2020-12"
    assert taxonomy_for(FROM).edition == "2025-09"
    assert edition_in_force(dt.date(2026, 12, 1)).edition == "2025-09"
    # Released is not in force: the month in between still had the old edition.
    assert taxonomy_for(dt.date(2025, 8, 14)).edition == "2020-12"
    assert taxonomy_for(dt.date(2019, 1, 1)).edition == "2020-12"  # the oldest we have


@pytest.mark.parametrize("edition", editions(), ids=lambda e: e.edition)
def test_every_policy_has_both_languages_and_dsa_categories(edition: Taxonomy) -> None:
    keys = [a.key for a in edition.areas]
    assert len(keys) == len(set(keys))
    for area in edition.areas:
        assert area.policies and area.dsa_categories
        assert len({p.key for p in area.policies}) == len(area.policies)
        texts = [area.name, area.description]
        texts += [t for p in area.policies for t in (p.name, p.description)]
        for text in texts:
            assert text.nl.strip() and text.en.strip()
            assert text.nl != text.en or len(text.nl) < 12  # e.g. "LIVE"
        for policy in area.policies:
            categories = edition.dsa_categories(area.key, policy.key)
            assert categories and set(categories) <= set(StatementCategory)
    assert edition.exceptions
    for exception in edition.exceptions:
        assert exception.name.nl and exception.name.en and exception.description.nl


def test_keys_stay_the_same_where_the_concept_did() -> None:
    old, new = editions()
    for area, policy in [
        ("minor_safety", "minimum_age"),
        ("integrity_authenticity", "misinformation"),
        ("integrity_authenticity", "spam_fake_engagement"),
        ("integrity_authenticity", "intellectual_property"),
    ]:
        assert old.policy(area, policy) and new.policy(area, policy)
    assert {"documentary", "educational", "scientific", "satirical", "artistic"} <= {
        e.key for e in new.exceptions
    }


def test_the_2025_edition_has_the_age_limits_of_that_edition() -> None:
    new = taxonomy_for(FROM)
    limits = new.policy("minor_safety", "feature_age_limits")
    assert limits is not None
    assert "16" in limits.description.en and "18" in limits.description.en
    assert "13" in new.policy("minor_safety", "minimum_age").description.nl  # type: ignore[union-attr]


def test_a_new_choice_is_checked_against_the_edition_in_force() -> None:
    taxonomy_for(BEFORE).check("harassment_bullying", "abusive_behavior")
    with pytest.raises(ValidationError):
        taxonomy_for(FROM).check("harassment_bullying", "abusive_behavior")
    taxonomy_for(FROM).check("safety_civility", "harassment_bullying")


def test_stored_keys_of_another_edition_stay_readable() -> None:
    reason = find_reason(FROM, "harassment_bullying", "abusive_behavior")
    assert reason.edition.edition == "2020-12" and reason.in_force.edition == "2025-09"
    assert reason.policy is not None and reason.dsa_categories
    assert reason_label_on(FROM, "harassment_bullying", "abusive_behavior", "en") == (
        "Harassment and bullying › Abusive behaviour"
    )
    # A key no edition knows is still shown, never dropped.
    assert reason_label_on(FROM, "gone_area", "gone_policy") == "gone_area › gone_policy"
    assert reason_label_on(FROM, None, None) == ""
    assert find_exception(FROM, "newsworthy") is not None  # only in the 2020 edition


def test_the_citation_names_the_edition_and_its_date() -> None:
    new, old = taxonomy_for(FROM), taxonomy_for(BEFORE)
    assert edition_citation(new, "en") == (
        "TikTok Community Guidelines, edition in force from 13 September 2025"
    )
    assert edition_citation(new, "nl") == (
        "Communityrichtlijnen van TikTok, versie die geldt vanaf 13 september 2025"
    )
    assert edition_citation(old, "en") == "TikTok Community Guidelines, edition of December 2020"
