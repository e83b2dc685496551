"""The statement of reasons against DSA art. 17(3), element by element."""

from __future__ import annotations

import datetime as dt

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    DecisionAccount,
    DecisionGround,
    DecisionMonetary,
    DecisionSource,
    DecisionVisibility,
)
from appealdesk.domain.models import StatementOfReasons
from appealdesk.domain.statement_check import (
    ELEMENTS,
    ElementCheck,
    ElementStatus,
    check_statement,
)
from appealdesk.i18n import translator

Given, Omitted, NotApplicable = (
    ElementStatus.GIVEN,
    ElementStatus.OMITTED,
    ElementStatus.NOT_APPLICABLE,
)


def complete(**changes: object) -> StatementOfReasons:
    """A statement with every field the case keeps filled in, on the terms."""
    values: dict[str, object] = {
        "case_id": 1,
        "decision_account": DecisionAccount.SUSPENDED,
        "decision_ground": DecisionGround.INCOMPATIBLE_CONTENT,
        "automated_detection": AutomatedDetection.YES,
        "automated_decision": AutomatedDecision.PARTIALLY,
        "application_date": dt.date(2026, 10, 17),
        "end_date_account_restriction": dt.date(2026, 11, 16),
        "territorial_scope": ["NL", "BE"],
        "decision_facts": "Three videos were found to promote regulated goods.",
        "incompatible_content_ground": "Community Guidelines, Regulated goods",
        "decision_ground_reference_url": "https://www.tiktok.com/community-guidelines",
        "source_type": DecisionSource.OWN_INITIATIVE,
        "redress_explained": True,
    }
    values.update(changes)
    return StatementOfReasons.model_validate(values)


def statuses(checks: list[ElementCheck]) -> dict[str, ElementStatus]:
    return {check.element: check.status for check in checks}


def by_element(checks: list[ElementCheck]) -> dict[str, ElementCheck]:
    return {check.element: check for check in checks}


def test_without_a_statement_every_element_is_omitted() -> None:
    checks = check_statement(None)
    assert [c.element for c in checks] == list(ELEMENTS) == ["a", "b", "c", "d", "e", "f"]
    assert all(c.status is Omitted and c.text for c in checks)


def test_a_complete_statement_on_the_terms() -> None:
    checks = by_element(check_statement(complete()))
    assert statuses(list(checks.values())) == {
        "a": Given,
        "b": Given,
        "c": Given,
        "d": NotApplicable,
        "e": Given,
        "f": Given,
    }
    assert checks["a"].fields == (
        "decision_visibility",
        "decision_monetary",
        "decision_provision",
        "decision_account",
        "territorial_scope",
        "application_date",
        "end_date_account_restriction",
    )
    assert checks["c"].fields == ("automated_detection", "automated_decision")
    assert checks["e"].fields == (
        "decision_ground",
        "incompatible_content_ground",
        "decision_facts",
    )
    assert checks["d"].fields == ("decision_ground",)
    assert checks["b"].fields == ("decision_facts", "source_type")
    assert checks["f"].fields == ("redress_explained",)


def test_missing_automated_means_omit_c() -> None:
    for changes in (
        {"automated_detection": None},
        {"automated_decision": None},
        {"automated_detection": None, "automated_decision": None},
    ):
        check = by_element(check_statement(complete(**changes)))["c"]
        assert check.status is Omitted, changes
    assert by_element(check_statement(complete(automated_decision=None)))["c"].text == (
        "The recorded statement does not say whether the decision was automated."
    )


def test_illegal_content_needs_the_legal_ground_and_makes_e_not_applicable() -> None:
    illegal = complete(
        decision_ground=DecisionGround.ILLEGAL_CONTENT,
        incompatible_content_ground="",
        illegal_content_legal_ground="Art. 240b Wetboek van Strafrecht",
    )
    assert statuses(check_statement(illegal))["d"] is Given
    assert statuses(check_statement(illegal))["e"] is NotApplicable
    without_ground = complete(decision_ground=DecisionGround.ILLEGAL_CONTENT)
    assert statuses(check_statement(without_ground))["d"] is Omitted


def test_without_a_ground_neither_d_nor_e_is_given() -> None:
    result = statuses(check_statement(complete(decision_ground=None)))
    assert result["d"] is Omitted and result["e"] is Omitted


def test_the_terms_ground_needs_the_term_and_the_text() -> None:
    assert statuses(check_statement(complete(incompatible_content_ground="")))["e"] is Omitted
    result = statuses(check_statement(complete(decision_facts="")))
    assert result["b"] is Omitted and result["e"] is Omitted


def test_a_suspension_needs_its_scope_start_and_end_but_a_termination_no_end() -> None:
    for empty in ("territorial_scope", "application_date", "end_date_account_restriction"):
        value: list[str] | None = [] if empty == "territorial_scope" else None
        assert statuses(check_statement(complete(**{empty: value})))["a"] is Omitted, empty
    assert statuses(check_statement(complete(decision_account=None)))["a"] is Omitted
    terminated = complete(
        decision_account=DecisionAccount.TERMINATED, end_date_account_restriction=None
    )
    check = by_element(check_statement(terminated))["a"]
    assert check.status is Given
    assert "end_date_account_restriction" not in check.fields


def test_an_empty_statement_omits_everything_but_nothing_is_given() -> None:
    result = statuses(check_statement(StatementOfReasons(case_id=1)))
    assert Given not in result.values()


def test_texts_and_lines_are_in_the_translator_s_language() -> None:
    dutch, english = translator("nl"), translator("en")
    nl = check_statement(complete(), dutch)
    en = check_statement(complete(), english)
    assert [c.status for c in nl] == [c.status for c in en]
    assert all(a.text != b.text for a, b in zip(nl, en, strict=True))
    assert en[0].line(english) == "(a) Restriction, scope and duration — given"
    assert en[0].line(dutch) == "(a) Beperking, reikwijdte en duur — vermeld"
    assert check_statement(None, dutch)[0].text == "Bij deze zaak is geen motivering vastgelegd."


def test_facts_without_what_set_the_decision_off_are_not_enough() -> None:
    checks = by_element(check_statement(complete(source_type=None)))
    assert checks["b"].status is Omitted
    assert "notice or the platform's own initiative" in checks["b"].text


def test_redress_is_given_only_when_the_statement_explains_it() -> None:
    assert by_element(check_statement(complete(redress_explained=False)))["f"].status is Omitted
    unknown = by_element(check_statement(complete(redress_explained=None)))["f"]
    assert unknown.status is Omitted and "not recorded" in unknown.text


def test_any_kind_of_decision_names_the_restriction() -> None:
    visibility_only = complete(
        decision_account=None,
        decision_visibility=[DecisionVisibility.CONTENT_REMOVED.value],
        end_date_account_restriction=None,
    )
    assert by_element(check_statement(visibility_only))["a"].status is Given
    nothing = complete(decision_account=None)
    assert by_element(check_statement(nothing))["a"].status is Omitted
    # A suspension of payments must say when it ends.
    payments = complete(
        decision_account=None,
        decision_monetary=DecisionMonetary.SUSPENSION,
        end_date_account_restriction=None,
    )
    assert "ends" in by_element(check_statement(payments))["a"].text
