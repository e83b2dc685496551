"""Does the platform's statement of reasons hold what DSA article 17(3) requires, (a) to (f)?

The check is conservative: an element counts as given only when the fields that make it up
are filled in. Where the case has no field for (part of) an element, it is omitted, and the
explanation says that the statement itself has to be read for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from appealdesk.domain.enums import DecisionAccount, DecisionGround
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


def _restriction(statement: StatementOfReasons) -> tuple[tuple[str, ...], ElementStatus, str]:
    required = {
        "decision_account": N_(
            "The recorded statement does not say which restriction was imposed."
        ),
        "territorial_scope": N_(
            "The recorded statement does not say where the restriction applies."
        ),
        "application_date": N_(
            "The recorded statement does not say from when the restriction applies."
        ),
    }
    # A termination has no end; for a suspension a blank end date may only mean "not copied".
    if statement.decision_account is not DecisionAccount.TERMINATED:
        required["end_date_account_restriction"] = N_(
            "The recorded statement does not say when the restriction ends."
        )
    status, text = _first_missing(
        statement,
        required,
        N_("The restriction, where it applies and how long it lasts are recorded."),
    )
    return tuple(required), status, text


def _facts(statement: StatementOfReasons) -> tuple[tuple[str, ...], ElementStatus, str]:
    if not statement.decision_facts:
        return (
            ("decision_facts",),
            ElementStatus.OMITTED,
            N_("The facts and circumstances of the statement are not recorded."),
        )
    # No field says whether a notice or the platform's own initiative led to the decision.
    return (
        ("decision_facts",),
        ElementStatus.OMITTED,
        N_(
            "The facts are recorded, but not whether the decision followed a notice or the "
            "platform's own initiative: check the statement."
        ),
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


def _redress() -> tuple[tuple[str, ...], ElementStatus, str]:
    # The case has no field for it, so it can never be shown as given.
    return (
        (),
        ElementStatus.OMITTED,
        N_(
            "Redress information is not recorded: check that the statement names the internal "
            "complaint, out-of-court settlement and the courts."
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
        "f": _redress(),
    }
    return [
        ElementCheck(element, status, fields, tr.gettext(text))
        for element, (fields, status, text) in judged.items()
    ]
