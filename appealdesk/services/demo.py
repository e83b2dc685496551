"""A realistic demo database: an agency with three clients and cases at every stage of the
escalation path (appeal, internal complaint, out-of-court body, data access request).

The content is in ``resources/demo.toml``. Dates are counted back from today, so the demo's
deadlines are always current (some overdue). It is written through the same services as the
window uses, so the demo is also a rehearsal of every use case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    BlockKind,
    Checklist,
    DecisionAccount,
    DecisionGround,
    DecisionSource,
    EvidenceKind,
)
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.texts import load_resource
from appealdesk.i18n import _, format_date
from appealdesk.services import (
    cases,
    checklists,
    clients,
    events,
    evidence,
    evidence_import,
    profile,
    statements,
)
from appealdesk.services.demo_images import (
    SPECIMEN_REDACTIONS,
    phone_screenshot,
    signed_mandate,
    specimen_id_card,
)
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database, is_database_url

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    cases: int
    events: int


def create_demo_database(
    path: Path | str,
    language: str = "nl",
    today: dt.date | None = None,
    key: DataKey | None = None,
) -> DemoSummary:
    """Writes the demo into a new database file at ``path``; never touches an existing one.
    With ``key`` the database is encrypted with it. ``path`` may be a ``postgresql://`` URL:
    that database must hold no cases yet."""
    if not is_database_url(path) and Path(path).exists():
        raise ValidationError(
            _("{path} already exists; choose a new file for the demo.").format(path=path)
        )
    db = open_workspace(path, key=key)
    if db.rows("SELECT 1 FROM cases LIMIT 1"):
        location = db.location
        db.close()
        raise ValidationError(
            _("{path} holds cases already; choose an empty database for the demo.").format(
                path=location
            )
        )
    try:
        return _DemoWriter(db, language, today or dt.date.today()).write()
    finally:
        db.close()


class _DemoWriter:
    def __init__(self, db: Database, language: str, today: dt.date) -> None:
        self.db = db
        self.language = language
        self.today = today
        self.events = 0

    def text(self, value: Any) -> str:
        if isinstance(value, dict):
            return str(value[self.language])
        return str(value or "")

    def moment(self, days_ago: int, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(self.today - dt.timedelta(days=days_ago), dt.time(hour))

    def write(self) -> DemoSummary:
        data = load_resource("demo.toml")
        workspace = data["workspace"]
        profile.save_workspace(
            self.db,
            role=workspace["role"],
            agency_name=workspace["agency_name"],
            contact_person=workspace["contact_person"],
            email=workspace["email"],
        )
        client_ids = {}
        for raw in data["client"]:
            fields = {k: self.text(v) for k, v in raw.items() if k != "key"}
            client_ids[raw["key"]] = clients.create_client(self.db, **fields).id
        accounts: dict[str, int] = {}
        for raw in data["case"]:
            self._case(raw, client_ids, accounts)
        return DemoSummary(len(data["client"]), len(data["case"]), self.events)

    def _case(
        self, raw: dict[str, Any], client_ids: dict[str, Any], accounts: dict[str, int]
    ) -> None:
        blocked = self.moment(raw["blocked_days_ago"], 9)
        account_key = f"{raw['platform']}/{raw['handle']}"
        where: dict[str, Any]
        if account_key in accounts:
            where = {"account_id": accounts[account_key]}
        else:
            where = {
                "client_id": client_ids[raw["client"]],
                "new_account": {
                    "platform": raw["platform"],
                    "handle": raw["handle"],
                    "display_name": raw["display_name"],
                    "followers_at_block": raw["followers"],
                    "holder_name": raw.get("holder_name", ""),
                    "holder_email": raw.get("holder_email", ""),
                    "country": raw.get("country", "NL"),
                },
            }
        case = cases.create_case(
            self.db,
            blocked_at=blocked,
            block_kind=raw["block_kind"],
            notice_text=self.text(raw["notice"]),
            reason_area=raw.get("reason_area"),
            reason_policy=raw.get("reason_policy"),
            user_statement=self.text(raw.get("statement")),
            priority=raw.get("priority", "normal"),
            tags=raw.get("tags", []),
            content_url=raw.get("content_url", ""),
            ods_body=raw.get("ods_body"),
            other_proceedings=raw.get("other_proceedings"),
            created_at=blocked + dt.timedelta(hours=3),
            **where,
        )
        assert case.id is not None
        accounts[account_key] = case.account_id
        self.events += 1
        for step in raw.get("step", []):
            events.add_event(
                self.db,
                case.id,
                move_status=True,
                occurred_at=self.moment(step["days_ago"]),
                kind=step["kind"],
                channel=step.get("channel"),
                direction=step.get("direction"),
                reference=step.get("reference", ""),
                summary=self.text(step["summary"]),
                body=self.text(step.get("body")),
                outcome=self.text(step.get("outcome")),
            )
            self.events += 1
        for status in raw.get("then_status", []):
            cases.change_status(self.db, case.id, status)
        if "statement_of_reasons" in raw:
            self._statement(case.id, raw)
        for check in raw.get("checks", []):
            checklists.set_item(
                self.db, case.id, Checklist(check["checklist"]), check["item"], state=check["state"]
            )
        for picture in raw.get("evidence", []):
            self._evidence(case.id, picture)
        if "follow_up_in_days" in raw:
            follow_up = self.today + dt.timedelta(days=raw["follow_up_in_days"])
            cases.update_case(self.db, case.id, follow_up_on=follow_up)

    def _evidence(self, case_id: int, raw: dict[str, Any]) -> None:
        """A drawn screenshot or the specimen ID card, as if the user had added it."""
        if raw["picture"] == "id_card":
            data = specimen_id_card("Lotte de Vries", "01-01-1990", "123456782", "SPECI2026")
            name = "id-front.png"
        elif raw["picture"] == "mandate":
            signed_on = self.today - dt.timedelta(days=raw["signed_days_ago"])
            place_date = f"{raw['place']}, {format_date(signed_on, 'long', self.language)}"
            heading, lines = self.text(raw["heading"]), raw["lines"][self.language]
            data = signed_mandate(heading, list(lines), raw["signer"], place_date)
            name = "mandate.png"
        else:
            heading, lines = self.text(raw["heading"]), raw["lines"][self.language]
            data = phone_screenshot(heading, list(lines), raw.get("accent", "#fe2c55"))
            name = f"Screenshot_{raw['kind']}.png"
        report = evidence_import.import_bytes(
            self.db, case_id, data, name, kind=EvidenceKind(raw["kind"])
        )
        item = report.added[0]
        assert item.id is not None
        redactions = SPECIMEN_REDACTIONS if raw["picture"] == "id_card" else []
        evidence.update_evidence(
            self.db, item.id, title=self.text(raw["title"]), redactions=redactions
        )
        if "link_id_item" in raw:
            checklists.set_item(
                self.db, case_id, Checklist.ID_DOCUMENTS, raw["link_id_item"], evidence_id=item.id
            )

    def _statement(self, case_id: int, raw: dict[str, Any]) -> None:
        permanent = raw["block_kind"] == BlockKind.PERMANENT_BAN.value
        decided = self.today - dt.timedelta(days=raw["blocked_days_ago"])
        sor = raw["statement_of_reasons"]
        automated = sor.get("automated_decision")
        if automated is None:
            automated = AutomatedDecision.PARTIALLY if permanent else AutomatedDecision.FULLY
        statements.update_statement(
            self.db,
            case_id,
            decision_account=DecisionAccount.TERMINATED if permanent else DecisionAccount.SUSPENDED,
            decision_ground=DecisionGround.INCOMPATIBLE_CONTENT,
            category=sor["category"],
            automated_detection=AutomatedDetection.YES,
            automated_decision=automated,
            application_date=decided,
            territorial_scope=sor.get(
                "territorial_scope", ["NL", "BE", "DE"] if permanent else ["NL"]
            ),
            end_date_account_restriction=None
            if permanent or sor.get("indefinite")
            else decided + dt.timedelta(days=30),
            decision_facts=self.text(sor["facts"]),
            incompatible_content_ground=self.text(_GUIDELINES),
            decision_ground_reference_url="https://www.tiktok.com/community-guidelines",
            decision_visibility=sor.get("decision_visibility", []),
            decision_monetary=sor.get("decision_monetary"),
            decision_provision=sor.get("decision_provision"),
            content_type=sor.get("content_type", ["CONTENT_TYPE_VIDEO"]),
            source_type=sor.get("source_type", DecisionSource.OWN_INITIATIVE),
            received_on=decided + dt.timedelta(days=sor.get("received_days_later", 0)),
            redress_explained=sor.get("redress_explained", True),
        )


_GUIDELINES = {"nl": "Communityrichtlijnen", "en": "Community Guidelines"}
