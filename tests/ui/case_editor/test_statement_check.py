"""The statement tab lists what the statement of reasons holds of DSA art. 17(3)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    DecisionGround,
    DecisionSource,
    DecisionVisibility,
)
from appealdesk.services import cases, statements
from appealdesk.services.changes import StatementField
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.case_editor.statement_of_reasons import StatementOfReasonsSection
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import choose, open_case


def open_statement(window: MainWindow, number: str) -> tuple[int, StatementOfReasonsSection]:
    case_id = open_case(window, number)
    window.editor.tabs.setCurrentWidget(window.editor.statement_of_reasons)
    return case_id, window.editor.statement_of_reasons


def lines(section: StatementOfReasonsSection) -> list[str]:
    found = section.findChildren(QLabel)
    by_name = {label.objectName(): label.text() for label in found}
    return [by_name[f"sor_check_{element}"] for element in "abcdef"]


def pick(section: StatementOfReasonsSection, name: StatementField, value: object) -> None:
    combo = section.fields[name]
    choose(combo, combo.index_of(value))


def test_the_tab_shows_six_lines_that_follow_the_fields(window: MainWindow) -> None:
    case_id, section = open_statement(window, "TT-2026-0001")  # no statement yet
    assert lines(section) == [
        "(a) Restriction, scope and duration — omitted",
        "(b) Facts and circumstances — omitted",
        "(c) Automated means — omitted",
        "(d) Legal ground for illegal content — omitted",
        "(e) Contractual ground in the terms — omitted",
        "(f) Possibilities for redress — omitted",
    ]

    pick(section, "decision_ground", DecisionGround.INCOMPATIBLE_CONTENT)
    assert lines(section)[3] == "(d) Legal ground for illegal content — not applicable"

    pick(section, "automated_detection", AutomatedDetection.YES)
    assert lines(section)[2] == "(c) Automated means — omitted"
    pick(section, "automated_decision", AutomatedDecision.FULLY)
    assert lines(section)[2] == "(c) Automated means — given"
    assert [c.status for c in statements.statement_check(window.db, case_id)][2:4] == [
        "given",
        "not_applicable",
    ]

    window.undo_stack.undo()
    assert lines(section)[2] == "(c) Automated means — omitted"


def test_the_lines_switch_language(window: MainWindow) -> None:
    _case_id, section = open_statement(window, "TT-2026-0005")
    english = lines(section)
    assert english[4] == "(e) Contractual ground in the terms — given"
    switch_language("nl")
    assert lines(section)[4] == "(e) Contractuele grondslag in de voorwaarden — vermeld"
    assert lines(section)[3] == "(d) Wettelijke grondslag bij illegale inhoud — niet van toepassing"
    assert section.check_box.title() == "Getoetst aan artikel 17 lid 3 DSA"
    switch_language("en")
    assert lines(section) == english


def test_source_redress_and_several_content_decisions_are_kept(window: MainWindow) -> None:
    case_id, section = open_statement(window, "TT-2026-0001")
    section.fields["decision_facts"].setPlainText("Two videos were removed after a report.")
    section.fields["decision_facts"].commit()
    pick(section, "source_type", DecisionSource.NOTICE)
    assert lines(section)[1] == "(b) Facts and circumstances — given"

    choices = section.fields["decision_visibility"]
    choices.box(DecisionVisibility.CONTENT_REMOVED).click()
    choices.box(DecisionVisibility.CONTENT_LABELLED).click()
    stored = cases.get_case(window.db, case_id).statement
    assert stored is not None
    assert stored.decision_visibility == [
        DecisionVisibility.CONTENT_REMOVED.value,
        DecisionVisibility.CONTENT_LABELLED.value,
    ]

    pick(section, "redress_explained", False)
    assert lines(section)[5] == "(f) Possibilities for redress — omitted"
    pick(section, "redress_explained", True)
    assert lines(section)[5] == "(f) Possibilities for redress — given"
    window.undo_stack.undo()
    assert cases.get_case(window.db, case_id).statement.redress_explained is False  # type: ignore[union-attr]

    switch_language("nl")
    assert choices.box(DecisionVisibility.CONTENT_REMOVED).text() == "Inhoud verwijderd"
    switch_language("en")
