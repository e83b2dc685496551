"""``appealdesk bodies``: the certified out-of-court dispute settlement bodies (DSA art. 21),
and for a case whether each can take it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from appealdesk.cli.output import terminal_safe, to_json, to_table
from appealdesk.i18n import _, system_language, translator

# The bodies' data and rules load when the command runs: every other command builds this
# command's parser too.
if TYPE_CHECKING:
    from appealdesk.domain.ods_bodies import OdsBody
    from appealdesk.domain.ods_eligibility import Eligibility
    from appealdesk.store.database import Database


def add_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    bodies = commands.add_parser(
        "bodies", help=_("certified out-of-court dispute settlement bodies (DSA art. 21)")
    )
    bodies.add_argument(
        "--case",
        metavar=_("CASE_NUMBER"),
        help=_("say for this case whether each body can take it"),
    )
    bodies.add_argument("--format", choices=("table", "json"), default="table")
    common(bodies)


def _record(body: OdsBody, found: Eligibility | None, language: str) -> dict[str, Any]:
    from appealdesk.domain.ods_bodies import DECISION_TYPE_NAMES

    tr = translator(language)
    open_points = found.open_points() if found else []
    return {
        "id": body.id,
        "name": body.name,
        "eligible": found.eligible if found else None,
        "reasons": [r.text(language) for r in open_points],
        "missing_facts": list(found.missing_facts) if found else [],
        "checks": [
            {"code": r.code, "outcome": r.outcome, "fact": r.fact, "text": r.text(language)}
            for r in (found.reasons if found else [])
        ],
        "website": body.website,
        "platforms": list(body.platforms),
        "platforms_complete": body.platforms_complete,
        "decision_types": list(body.decision_types),
        "decision_types_complete": body.decision_types_complete,
        "decision_type_names": [tr.gettext(DECISION_TYPE_NAMES[d]) for d in body.decision_types],
        "languages": list(body.languages),
        "seat": body.seat,
        "certified_by": body.certified_by,
        "max_decision_age_months": body.max_decision_age_months,
        "decision_days": body.decision_days,
        "decision_days_max": body.decision_days_max,
        "fees": body.fees.text(language),
        "procedure": body.procedure.text(language),
        "intake": [item.text(language) for item in body.intake],
        "to_check": [item.text(language) for item in body.to_check],
        "source": body.source,
    }


def _verdict(eligible: bool | None) -> str:
    if eligible is None:
        return _("not known")
    return _("yes") if eligible else _("no")


def _table(records: list[dict[str, Any]], with_case: bool) -> str:
    from appealdesk.domain.ods_bodies import platform_name

    headers = [_("Body"), _("Platforms"), _("Languages")]
    if with_case:
        headers.append(_("Can take the case"))
    rows = []
    for r in records:
        platforms = ", ".join(platform_name(p) for p in r["platforms"]) or _("to be checked")
        row = [r["name"], platforms, ", ".join(r["languages"]).upper()]
        if with_case:
            row.append(_verdict(r["eligible"]))
        rows.append(row)
    lines = [to_table(headers, rows)]
    for r in records:
        lines += ["", f"{terminal_safe(r['name'])} · {terminal_safe(r['website'])}"]
        lines.append("  " + _("Fees") + f": {terminal_safe(r['fees'])}")
        if with_case:
            reasons = r["reasons"] or [_("Meets every condition known here.")]
            lines += [f"  - {terminal_safe(text)}" for text in reasons]
        else:
            lines.append("  " + _("Asks for") + ":")
            lines += [f"  - {terminal_safe(text)}" for text in r["intake"]]
            lines += [f"  ? {terminal_safe(text)}" for text in r["to_check"]]
    return "\n".join(lines)


def run_bodies(db: Database | None, args: argparse.Namespace) -> tuple[str, int]:
    """Without ``--case`` no database is needed: the bodies come with AppealDesk."""
    from appealdesk.domain.ods_bodies import ods_bodies

    language = args.lang or system_language()
    found: dict[str, Eligibility] = {}
    heading = ""
    if args.case is not None:
        from appealdesk.services import cases, ods

        assert db is not None
        detail = cases.find_case(db, args.case)
        assert detail.case.id is not None
        for item in ods.bodies_for_case(db, detail.case.id, language=language):
            found[item.body.id] = item.eligibility
        heading = (
            f"{terminal_safe(detail.case.case_number)} · @{terminal_safe(detail.account.handle)}"
        )
    records = [_record(body, found.get(body.id), language) for body in ods_bodies()]
    if args.format == "json":
        return to_json(records), 0
    table = _table(records, with_case=args.case is not None)
    return (f"{heading}\n\n{table}" if heading else table), 0
