"""The certified out-of-court bodies as shipped, and the rule whether one can take a case."""

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from appealdesk.domain.enums import BlockKind, DecisionAccount
from appealdesk.domain.ods_bodies import (
    DecisionType,
    OdsBody,
    OdsDataError,
    body_by_id,
    decision_type_for,
    eu_residence,
    ods_bodies,
    parse_bodies,
)
from appealdesk.domain.ods_eligibility import OdsFacts, Outcome, eligibility
from appealdesk.domain.texts import load_resource

TODAY = dt.date(2026, 12, 1)
FACTS = OdsFacts(
    today=TODAY,
    platform="tiktok",
    decision_type=DecisionType.ACCOUNT_SUSPENSION,
    decided_on=dt.date(2026, 11, 1),
    eu_residence=True,
    language="nl",
    already_decided=False,
)


def _body(body_id: str) -> OdsBody:
    body = body_by_id(body_id)
    assert body is not None
    return body


def _codes(body: OdsBody, facts: OdsFacts, outcome: Outcome) -> list[str]:
    return [r.code for r in eligibility(body, facts).reasons if r.outcome is outcome]


def test_the_four_bodies_load_each_with_its_source() -> None:
    bodies = ods_bodies()
    assert [b.id for b in bodies] == [
        "appeals_centre_europe",
        "user_rights",
        "adroit",
        "adr_center",
    ]
    for body in bodies:
        assert body.source.startswith("https://") and body.website.startswith("https://")
        assert body.languages and body.intake
        for text in (body.fees, body.procedure, *body.intake, *body.to_check):
            assert text.nl.strip() and text.en.strip() and text.nl != text.en


def test_appeals_centre_europe_as_its_rules_say() -> None:
    ace = _body("appeals_centre_europe")
    assert "tiktok" in ace.platforms and ace.platforms_complete
    assert ace.max_decision_age_months == 6
    assert (ace.decision_days, ace.decision_days_max) == (90, 180)
    assert set(ace.languages) == {"nl", "en", "fr", "de", "it", "es"}
    assert ace.certified_by.startswith("Coimisiún na Meán")


def test_what_is_not_confirmed_is_left_to_check_with_the_body() -> None:
    adr = _body("adr_center")
    assert adr.certified_by == "" and adr.platforms == () and not adr.platforms_complete
    assert adr.max_decision_age_months is None
    assert any("certified" in t.en for t in adr.to_check)


def _data(**changes: Any) -> dict[str, Any]:
    raw = load_resource("ods_bodies.toml")  # shared and cached: build a new dict, change none
    first = dict(raw["body"][0], **changes)
    return {**raw, "body": [first, *raw["body"][1:]]}


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"source": ""}, "'source'"),
        ({"website": "http://appealscentre.eu"}, "'website'"),
        ({"platforms": ["myspace"]}, "myspace"),
        ({"decision_types": ["shadowban"]}, "shadowban"),
        ({"languages": []}, "'languages'"),
        ({"max_decision_age_months": "six"}, "max_decision_age_months"),
        ({"fees": {"en": "Free"}}, "'nl'"),
        ({"intake": []}, "'intake'"),
    ],
)
def test_a_malformed_file_gives_a_clear_error(changes: dict[str, Any], fragment: str) -> None:
    with pytest.raises(OdsDataError) as raised:
        parse_bodies(_data(**changes))
    message = raised.value.message
    assert "ods_bodies.toml" in message and fragment in message and "\n" not in message


def test_two_bodies_with_one_id_are_refused() -> None:
    raw = load_resource("ods_bodies.toml")
    with pytest.raises(OdsDataError, match="same id"):
        parse_bodies({**raw, "body": [raw["body"][0], raw["body"][0]]})


def test_a_recent_suspension_in_the_eu_is_eligible_at_the_appeals_centre() -> None:
    found = eligibility(_body("appeals_centre_europe"), FACTS)
    assert found.eligible is True
    assert found.open_points() == [] and found.missing_facts == ()


def test_a_decision_older_than_six_months_is_not_eligible() -> None:
    ace = _body("appeals_centre_europe")
    old = replace(FACTS, decided_on=dt.date(2026, 5, 1))
    found = eligibility(ace, old)
    assert found.eligible is False
    assert _codes(ace, old, Outcome.NOT_MET) == ["decision_too_old"]
    reason = found.open_points()[0]
    assert "1 May 2026" in reason.text("en") and "31 October 2026" in reason.text("en")
    assert "1 mei 2026" in reason.text("nl")


def test_less_than_six_months_means_the_day_before_the_months_are_complete() -> None:
    ace = _body("appeals_centre_europe")
    decided = replace(FACTS, decided_on=dt.date(2026, 6, 1))
    assert eligibility(ace, replace(decided, today=dt.date(2026, 11, 30))).eligible is True
    assert eligibility(ace, replace(decided, today=dt.date(2026, 12, 1))).eligible is False


def test_a_platform_the_body_does_not_cover() -> None:
    user_rights = _body("user_rights")
    youtube = replace(FACTS, platform="youtube", language="en")
    found = eligibility(user_rights, youtube)
    assert found.eligible is False
    assert _codes(user_rights, youtube, Outcome.NOT_MET) == ["platform_not_covered"]
    text = found.open_points()[0].text("en")
    assert "YouTube" in text and "Instagram, TikTok and LinkedIn" in text


def test_a_platform_not_confirmed_is_to_be_checked_with_the_body() -> None:
    found = eligibility(_body("adroit"), replace(FACTS, language="en"))
    assert found.eligible is None and found.missing_facts == ()
    assert [r.code for r in found.open_points()] == ["platform_to_check"]


def test_residence_outside_the_eu_is_not_eligible() -> None:
    for body in ods_bodies():
        found = eligibility(body, replace(FACTS, eu_residence=False))
        assert found.eligible is False
        assert "residence_outside_eu" in _codes(
            body, replace(FACTS, eu_residence=False), Outcome.NOT_MET
        )


def test_unknown_residence_gives_none_and_names_the_fact() -> None:
    found = eligibility(_body("appeals_centre_europe"), replace(FACTS, eu_residence=None))
    assert found.eligible is None
    assert found.missing_facts == ("eu_residence",)
    assert "country" in found.open_points()[0].text("en")


def test_a_dispute_already_decided_by_a_body_is_not_eligible() -> None:
    ace = _body("appeals_centre_europe")
    decided = replace(FACTS, already_decided=True, already_decided_on=dt.date(2026, 11, 20))
    found = eligibility(ace, decided)
    assert found.eligible is False
    assert _codes(ace, decided, Outcome.NOT_MET) == ["already_decided"]
    assert "20 November 2026" in found.open_points()[0].text("en")
    assert eligibility(ace, replace(FACTS, already_decided=None)).missing_facts == (
        "already_decided",
    )


def test_a_language_the_body_does_not_take() -> None:
    user_rights = _body("user_rights")
    found = eligibility(user_rights, FACTS)
    assert found.eligible is False
    assert "German and English" in found.open_points()[0].text("en")
    assert eligibility(user_rights, replace(FACTS, language="en")).eligible is True


def test_a_pending_dispute_is_noted_without_changing_the_outcome() -> None:
    pending = replace(FACTS, dispute_filed_on=dt.date(2026, 11, 10))
    found = eligibility(_body("appeals_centre_europe"), pending)
    assert found.eligible is True
    assert [r.outcome for r in found.open_points()] == [Outcome.TO_CHECK]


def test_facts_from_the_case_fields() -> None:
    assert eu_residence("NL") is True and eu_residence(" be ") is True
    assert eu_residence("US") is False and eu_residence("NO") is False
    assert eu_residence("") is None and eu_residence("Nederland") is None
    assert decision_type_for(BlockKind.TEMPORARY_SUSPENSION) is DecisionType.ACCOUNT_SUSPENSION
    assert decision_type_for(BlockKind.PERMANENT_BAN) is DecisionType.ACCOUNT_TERMINATION
    assert decision_type_for(BlockKind.REDUCED_VISIBILITY) is DecisionType.VISIBILITY
    assert (
        decision_type_for(BlockKind.PERMANENT_BAN, DecisionAccount.SUSPENDED)
        is DecisionType.ACCOUNT_SUSPENSION
    )
