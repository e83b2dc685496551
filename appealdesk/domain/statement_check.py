"""Does the platform's statement of reasons hold what DSA article 17(3) requires, (a) to (f)?

The check is conservative: an element counts as given only when the fields that make it up
are filled in; an empty field means the statement did not say it (or it was not copied), and
the explanation says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from appealdesk.domain.enums import (
    DecisionAccount,
    DecisionGround,
    DecisionMonetary,
    DecisionProvision,
)
from appealdesk.domain.models import StatementOfReasons
from appealdesk.i18n import N_, Translator, translator

ELEMENTS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f")


class ElementStatus(StrEnum):
    GIVEN = "given"
    OMITTED = "omitted"
    NOT_APPLICABLE = "not_applicable"


_TITLES = {
    "a": N_("Restriction, scope and duration"),
    "b": N_("Facts and circumstances"),
    "c": N_("Automated means"),
    "d": N_("Legal ground for illegal content"),
    "e": N_("Contractual ground in the terms"),
    "f": N_("Possibilities for redress"),
}

_STATUS_NAMES = {
    ElementStatus.GIVEN: N_("given"),
    ElementStatus.OMITTED: N_("omitted"),
    ElementStatus.NOT_APPLICABLE: N_("not applicable"),
}

_NO_STATEMENT = N_("No statement of reasons is recorded for this case.")
_NO_GROUND = N_(
    "The recorded statement does not say whether the ground is illegal content or the terms."
)


@dataclass(frozen=True)
class ElementCheck:
    element: str
    status: ElementStatus
    fields: tuple[str, ...]
    text: str

    def title(self, tr: Translator | None = None) -> str:
        return element_title(self.element, tr)

    def line(self, tr: Translator | None = None) -> str:
        """ "(a) Restriction, scope and duration — given"."""
        return f"({self.element}) {self.title(tr)} — {status_name(self.status, tr)}"


def element_title(element: str, tr: Translator | None = None) -> str:
    return (tr or translator()).gettext(_TITLES[element])


def status_name(status: ElementStatus, tr: Translator | None = None) -> str:
    return (tr or translator()).gettext(_STATUS_NAMES[status])


def _first_missing(
    statement: StatementOfReasons, required: dict[str, str], given: str
) -> tuple[ElementStatus, str]:
    """Omitted with the text of the first empty field in ``required``, else given."""
    for name, text in required.items():
        if getattr(statement, name) in (None, "", []):
            return ElementStatus.OMITTED, text
    return ElementStatus.GIVEN, given


_DECISION_FIELDS = (
    "decision_visibility",
    "decision_monetary",
    "decision_provision",
    "decision_account",
)


def _is_suspension(statement: StatementOfReasons) -> bool:
    """Whether some part of the decision is temporary, so that it must say when it ends."""
    return (
        statement.decision_account is DecisionAccount.SUSPENDED
        or statement.decision_monetary is DecisionMonetary.SUSPENSION
        or statement.decision_provision
        in (DecisionProvision.PARTIAL_SUSPENSION, DecisionProvision.TOTAL_SUSPENSION)
    )


def _restriction(statement: StatementOfReasons) -> tuple[tuple[str, ...], ElementStatus, str]:
    fields = (*_DECISION_FIELDS, "territorial_scope", "application_date")
    if all(getattr(statement, name) in (None, []) for name in _DECISION_FIELDS):
        return (
            fields,
            ElementStatus.OMITTED,
            N_("The recorded statement does not say which restriction was imposed."),
        )
    required = {
        "territorial_scope": N_(
            "The recorded statement does not say where the restriction applies."
        ),
        "application_date": N_(
            "The recorded statement does not say from when the restriction applies."
        ),
    }
    if _is_suspension(statement):
        required["end_date_account_restriction"] = N_(
            "The recorded statement does not say when the restriction ends."
        )
    status, text = _first_missing(
        statement,
        required,
        N_("The restriction, where it applies and how long it lasts are recorded."),
    )
    return (*_DECISION_FIELDS, *required), status, text


def _facts(statement: StatementOfReasons) -> tuple[tuple[str, ...], ElementStatus, str]:
    fields = ("decision_facts", "source_type")
    if not statement.decision_facts:
        return (
            fields,
            ElementStatus.OMITTED,
            N_("The facts and circumstances of the statement are not recorded."),
        )
    if statement.source_type is None:
        return (
            fields,
            ElementStatus.OMITTED,
            N_(
                "The facts are recorded, but not whether the decision followed a notice or the "
                "platform's own initiative."
            ),
        )
    return (
        fields,
        ElementStatus.GIVEN,
        N_("The facts and what led to the decision (a notice or own initiative) are recorded."),
    )


def _automated(statement: StatementOfReasons) -> tuple[tuple[str, ...], ElementStatus, str]:
    fields = ("automated_detection", "automated_decision")
    if statement.automated_detection is None and statement.automated_decision is None:
        return (
            fields,
            ElementStatus.OMITTED,
            N_("The recorded statement does not say whether automated means were used."),
        )
    status, text = _first_missing(
        statement,
        {
            "automated_detection": N_(
                "The recorded statement does not say whether detection was automated."
            ),
            "automated_decision": N_(
                "The recorded statement does not say whether the decision was automated."
            ),
        },
        N_("Whether detection and decision were automated is recorded."),
    )
    return fields, status, text


def _ground(
    statement: StatementOfReasons, ground: DecisionGround
) -> tuple[tuple[str, ...], ElementStatus, str]:
    if statement.decision_ground is None:
        return ("decision_ground",), ElementStatus.OMITTED, _NO_GROUND
    if ground is DecisionGround.ILLEGAL_CONTENT:
        field = "illegal_content_legal_ground"
        other = N_("The decision rests on the terms, not on illegal content.")
        required = {
            field: N_("The recorded statement does not name the legal provision relied on."),
            "decision_facts": N_(
                "The statement's explanation why the content is illegal is not recorded."
            ),
        }
        given = N_("The legal ground relied on and the statement's explanation are recorded.")
    else:
        field = "incompatible_content_ground"
        other = N_("The decision rests on illegal content, not on the terms.")
        required = {
            field: N_("The recorded statement does not name the term or guideline relied on."),
            "decision_facts": N_(
                "The statement's explanation why the content breaks the terms is not recorded."
            ),
        }
        given = N_("The term relied on and the statement's explanation are recorded.")
    if statement.decision_ground is not ground:
        return ("decision_ground",), ElementStatus.NOT_APPLICABLE, other
    status, text = _first_missing(statement, required, given)
    return ("decision_ground", *required), status, text


def _redress(statement: StatementOfReasons) -> tuple[tuple[str, ...], ElementStatus, str]:
    fields = ("redress_explained",)
    if statement.redress_explained:
        return (
            fields,
            ElementStatus.GIVEN,
            N_("The statement explains how the decision can be contested."),
        )
    if statement.redress_explained is False:
        return (
            fields,
            ElementStatus.OMITTED,
            N_(
                "The statement does not explain how the decision can be contested (internal "
                "complaint, out-of-court settlement, the courts)."
            ),
        )
    return (
        fields,
        ElementStatus.OMITTED,
        N_(
            "It is not recorded whether the statement explains how to contest the decision: "
            "check that it names the internal complaint, out-of-court settlement and the courts."
        ),
    )


def check_statement(
    statement: StatementOfReasons | None, tr: Translator | None = None
) -> list[ElementCheck]:
    """One check per element of DSA art. 17(3), (a) to (f), with texts in ``tr``'s language."""
    tr = tr or translator()
    if statement is None:
        text = tr.gettext(_NO_STATEMENT)
        return [ElementCheck(e, ElementStatus.OMITTED, (), text) for e in ELEMENTS]
    judged = {
        "a": _restriction(statement),
        "b": _facts(statement),
        "c": _automated(statement),
        "d": _ground(statement, DecisionGround.ILLEGAL_CONTENT),
        "e": _ground(statement, DecisionGround.INCOMPATIBLE_CONTENT),
        "f": _redress(statement),
    }
    return [
        ElementCheck(element, status, fields, tr.gettext(text))
        for element, (fields, status, text) in judged.items()
    ]
