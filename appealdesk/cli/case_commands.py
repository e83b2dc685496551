"""``appealdesk cases`` and ``appealdesk case show``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from appealdesk.cli.output import terminal_safe, to_csv, to_json, to_table
from appealdesk.domain.enums import CaseStatus, Checklist, Platform
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.labels import label
from appealdesk.domain.statement_check import check_statement
from appealdesk.domain.taxonomy import reason_label_on
from appealdesk.i18n import _, current_language, format_date, format_datetime, format_days_left
from appealdesk.services import case_list, cases, checklists
from appealdesk.services.case_rows import CaseQuery, CaseRow
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database

PAGE = 500


def _statuses(values: list[str] | None) -> frozenset[CaseStatus]:
    chosen = set()
    for value in values or ():
        for part in value.split(","):
            try:
                chosen.add(CaseStatus(part.strip()))
            except ValueError:
                known = ", ".join(s.value for s in CaseStatus)
                raise ValidationError(
                    _("Unknown status “{value}”; use one of: {known}").format(
                        value=part.strip(), known=known
                    )
                ) from None
    return frozenset(chosen)


def _row_record(row: CaseRow, today: dt.date) -> dict[str, Any]:
    return {
        "case_number": row.case_number,
        "status": row.status,
        "status_label": label(row.status),
        "platform": row.platform,
        "handle": row.handle,
        "display_name": row.display_name,
        "client": row.client_name,
        "reason": row.reason(),
        "reason_area": row.reason_area,
        "reason_policy": row.reason_policy,
        "blocked_at": row.blocked_at,
        "next_action": row.next_action_text(),
        "next_action_key": row.next_action,
        "due_date": row.next_action_due,
        "days_left": row.days_left(today),
        "overdue": row.is_overdue(today),
        "last_contact_at": row.last_contact_at,
        "priority": row.priority,
    }


def run_cases(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    query = CaseQuery(
        search=args.search or "",
        statuses=_statuses(args.status),
        platform=Platform(args.platform) if args.platform else None,
        overdue_only=args.overdue,
    )
    today = dt.date.today()
    rows: list[CaseRow] = []
    while True:
        page = case_list.list_cases(db, query, offset=len(rows), limit=PAGE, today=today)
        rows.extend(page)
        if len(page) < PAGE:
            break
    records = [_row_record(row, today) for row in rows]
    if args.format == "json":
        return to_json(records), 0
    headers = [
        _("Case"),
        _("Status"),
        _("Platform"),
        _("Account"),
        _("Client"),
        _("Reason"),
        _("Blocked since"),
        _("Next action"),
        _("Due"),
    ]
    table = [
        [
            r["case_number"],
            r["status_label"],
            label(r["platform"]),
            # "@name" would be a formula in a spreadsheet; the column says it is the account
            r["handle"] if args.format == "csv" else "@" + r["handle"],
            r["client"],
            r["reason"],
            format_date(r["blocked_at"], "medium") if args.format == "table" else r["blocked_at"],
            r["next_action"],
            _due_text(row, today) if args.format == "table" else r["due_date"],
        ]
        for r, row in zip(records, rows, strict=True)
    ]
    if args.format == "csv":
        return to_csv(headers, table), 0
    if not rows:
        return _("No cases match."), 0
    return to_table(headers, table), 0


def _due_text(row: CaseRow, today: dt.date) -> str:
    left = row.days_left(today)
    if left is None or row.next_action_due is None:
        return ""
    return f"{format_date(row.next_action_due, 'medium')} ({format_days_left(left)})"


def run_case_show(db: Database, args: argparse.Namespace) -> tuple[str, int]:
    detail = cases.find_case(db, args.case_number)
    if args.format == "json":
        return to_json(case_record(detail)), 0
    return _case_text(detail), 0


def case_record(detail: CaseDetail) -> dict[str, Any]:
    """Everything about one case as plain data (the JSON of ``case show``)."""
    case = detail.case
    today = dt.date.today()
    return {
        "case": case.model_dump(),
        "reason": reason_label_on(case.blocked_at.date(), case.reason_area, case.reason_policy),
        "account": detail.account.model_dump(),
        "client": detail.client.model_dump(),
        "statement_of_reasons": detail.statement.model_dump() if detail.statement else None,
        "statement_check": [
            {"element": c.element, "status": c.status, "fields": c.fields, "text": c.text}
            for c in check_statement(detail.statement)
        ],
        "events": [e.model_dump() for e in detail.events],
        "deadlines": [
            {"key": d.key, "action": d.action(), "due": d.due, "days_left": d.days_left(today)}
            for d in detail.deadlines
        ],
        "checklists": {
            checklist.value: [
                {"item": e.key, "state": e.state, "evidence_id": e.evidence_id, "note": e.note}
                | _shown_by(e)
                for e in checklists.shown_entries(detail, checklist)
            ]
            for checklist in Checklist
        },
        "evidence": [item.model_dump() for item in detail.evidence],
    }


def _shown_by(entry: checklists.ChecklistEntry) -> dict[str, Any]:
    """What in the case shows an unblock step done (the timeline, the evidence …)."""
    if entry.proof is None:
        return {}
    return {"shown_by": entry.proof.shown_by, "since": entry.proof.on}


def _case_text(detail: CaseDetail) -> str:
    case, account, client = detail.case, detail.account, detail.client
    language = current_language()
    today = dt.date.today()

    def line(text: object) -> str:
        return terminal_safe(text)

    def lines_of(text: str) -> str:
        return terminal_safe(text, keep="\n\t")

    lines = [
        f"{line(case.case_number)}  ·  {label(case.status)}",
        _("Account")
        + f": @{line(account.handle)} ({label(account.platform)})"
        + (f" — {line(account.display_name)}" if account.display_name else ""),
        _("Client") + f": {line(client.name)}",
        _("Block") + f": {label(case.block_kind)}, {format_datetime(case.blocked_at)}",
    ]
    reason = reason_label_on(case.blocked_at.date(), case.reason_area, case.reason_policy, language)
    if reason:
        lines.append(_("Reason") + f": {line(reason)}")
    if case.notice_text:
        lines.append(_("Notice") + f": {lines_of(case.notice_text)}")
    if case.user_statement:
        lines.append(_("Your account of events") + f": {lines_of(case.user_statement)}")
    lines += ["", _("Statement of reasons (DSA art. 17(3))")]
    checks = check_statement(detail.statement)
    if detail.statement is None:  # the same explanation six times says nothing
        lines.append(f"  {checks[0].text}")
    for check in checks:
        lines.append(f"  {check.line()}")
        if detail.statement is not None:
            lines.append(f"    {check.text}")
    if detail.deadlines:
        lines += ["", _("Deadlines")]
        for deadline in detail.deadlines:
            left = deadline.days_left(today)
            when = (
                f"{format_date(deadline.due)} ({format_days_left(left)})"
                if deadline.due and left is not None
                else "—"
            )
            lines.append(f"  {line(deadline.action())}: {when}")
    lines += ["", _("Timeline")]
    for event in detail.events:
        parts = [format_datetime(event.occurred_at, "medium"), label(event.kind)]
        if event.channel:
            parts.append(label(event.channel))
        if event.reference:
            parts.append(_("ref. {reference}").format(reference=line(event.reference)))
        lines.append("  " + " · ".join(parts))
        if event.summary:
            lines.append(f"    {lines_of(event.summary)}")
    return "\n".join(lines)
