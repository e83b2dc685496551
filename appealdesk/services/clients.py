"""Clients and their accounts. A creator working alone has one default client."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Unpack

from sqlalchemy import func
from sqlmodel import Session, col, select

from appealdesk.domain.enums import CaseStatus, Platform
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.domain.models import Account, Case, Client, now
from appealdesk.domain.validation import clean_handle, clean_text, required_line
from appealdesk.i18n import N_, _
from appealdesk.services.changes import AccountChanges, ClientChanges, NewAccount
from appealdesk.services.custody import record_case_removal
from appealdesk.services.results import ClientSummary
from appealdesk.store.database import Database


class ClientCasesPolicy(StrEnum):
    """What happens to the accounts and cases of a client that is deleted."""

    REFUSE = "refuse"
    MOVE = "move"
    DELETE = "delete"


def _client_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name == "name":
            cleaned[name] = required_line(value, field=_("Client name"))
        elif name in ("contact_person", "email"):
            field = _("Contact person") if name == "contact_person" else _("Email address")
            cleaned[name] = clean_text(value, field=field, multiline=False)
        elif name == "notes":
            cleaned[name] = clean_text(value, field=_("Notes"))
        else:
            raise ValidationError(_("Unknown client field: {name}").format(name=name))
    return cleaned


def default_client(session: Session) -> Client:
    """The client of a creator's own accounts, made on first use."""
    client = session.exec(select(Client).where(col(Client.is_default))).first()
    if client is None:
        client = Client(name=_("My accounts"), is_default=True)
        session.add(client)
        session.flush()
    return client


def create_client(db: Database, **values: Unpack[ClientChanges]) -> Client:
    with db.transaction() as session:
        client = Client(**_client_fields(values))
        session.add(client)
        session.flush()
        return client


def update_client(db: Database, client_id: int, **values: Unpack[ClientChanges]) -> Client:
    with db.transaction() as session:
        client = _client(session, client_id)
        for name, value in _client_fields(values).items():
            setattr(client, name, value)
        client.updated_at = now()
        session.add(client)
        return client


def list_clients(db: Database) -> list[ClientSummary]:
    """All clients with their numbers of accounts, cases and open cases, by name."""
    with db.reading() as session:
        accounts = (
            select(func.count(col(Account.id)))
            .where(Account.client_id == Client.id)
            .scalar_subquery()
        )
        cases = select(func.count(col(Case.id))).join(Account).where(Account.client_id == Client.id)
        open_cases = cases.where(Case.status != CaseStatus.CLOSED)
        rows = session.exec(
            select(
                Client, accounts, cases.scalar_subquery(), open_cases.scalar_subquery()
            ).order_by(col(Client.is_default).desc(), func.lower(Client.name))
        ).all()
        return [ClientSummary(c, a, n, o) for c, a, n, o in rows]


def get_client(db: Database, client_id: int) -> Client:
    with db.reading() as session:
        return _client(session, client_id)


def delete_client(
    db: Database,
    client_id: int,
    policy: ClientCasesPolicy = ClientCasesPolicy.REFUSE,
    move_to: int | None = None,
) -> None:
    """Deletes a client; its accounts (and their cases) are refused, moved or deleted."""
    with db.transaction() as session:
        client = _client(session, client_id)
        accounts = session.exec(select(Account).where(Account.client_id == client_id)).all()
        if accounts and policy is ClientCasesPolicy.REFUSE:
            raise ValidationError(
                _("{name} still has accounts and cases. Move or delete them first.").format(
                    name=client.name
                )
            )
        if policy is ClientCasesPolicy.MOVE:
            if move_to is None or move_to == client_id:
                raise ValidationError(_("Choose another client to move the cases to."))
            _client(session, move_to)
            for account in accounts:
                account.client_id = move_to
                session.add(account)
        elif policy is ClientCasesPolicy.DELETE:
            for account in accounts:
                for case in list(session.exec(select(Case).where(Case.account_id == account.id))):
                    assert case.id is not None
                    record_case_removal(session, case.id)
                    session.delete(case)
                session.flush()
                session.delete(account)
        session.flush()
        session.delete(client)


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFoundError(_("This client no longer exists."))
    return client


# Accounts -------------------------------------------------------------------------------

_ACCOUNT_LINE_FIELDS = {
    "display_name": N_("Display name"),
    "holder_name": N_("Account holder's name"),
    "holder_email": N_("Account holder's email"),
    "account_email": N_("Account email"),
    "phone": N_("Phone number"),
    "country": N_("Country of residence"),
}


def _account_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name == "handle":
            cleaned[name] = clean_handle(value)
        elif name == "platform":
            cleaned[name] = _platform(value)
        elif name in _ACCOUNT_LINE_FIELDS:
            field = _(_ACCOUNT_LINE_FIELDS[name])
            cleaned[name] = clean_text(value, field=field, multiline=False)
        elif name == "notes":
            cleaned[name] = clean_text(value, field=_("Notes"))
        elif name == "followers_at_block":
            cleaned[name] = _followers(value)
        elif name == "client_id":
            cleaned[name] = int(value)
        else:
            raise ValidationError(_("Unknown account field: {name}").format(name=name))
    if "country" in cleaned:
        cleaned["country"] = cleaned["country"].upper()
    return cleaned


def _platform(value: Any) -> Platform:
    try:
        return Platform(value)
    except ValueError:
        raise ValidationError(_("Unknown platform: {value}").format(value=value)) from None


def _followers(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        followers = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Followers must be a whole number.")) from None
    if followers < 0:
        raise ValidationError(_("Followers cannot be negative."))
    return followers


def add_account(session: Session, client_id: int | None, **values: Unpack[NewAccount]) -> Account:
    """Adds an account inside an existing transaction (used when a case creates one)."""
    fields = _account_fields(values)
    if "handle" not in fields:
        raise ValidationError(_("Handle cannot be empty."))
    _check_handle_free(session, fields.get("platform", Platform.TIKTOK), fields["handle"], None)
    owner = _client(session, client_id) if client_id is not None else default_client(session)
    fields["client_id"] = owner.id
    account = Account(**fields)
    session.add(account)
    session.flush()
    return account


def create_account(db: Database, client_id: int | None, **values: Unpack[NewAccount]) -> Account:
    with db.transaction() as session:
        return add_account(session, client_id, **values)


def _check_handle_free(
    session: Session, platform: Platform, handle: str, account_id: int | None
) -> None:
    taken = session.exec(
        select(Account).where(Account.platform == platform, Account.handle == handle)
    ).first()
    if taken is not None and taken.id != account_id:
        raise ValidationError(
            _("The account @{handle} is already in AppealDesk.").format(handle=handle)
        )


def update_account(db: Database, account_id: int, **values: Unpack[AccountChanges]) -> Account:
    with db.transaction() as session:
        account = account_or_raise(session, account_id)
        fields = _account_fields(values)
        if "client_id" in fields:
            _client(session, fields["client_id"])
        if "platform" in fields or "handle" in fields:
            platform = fields.get("platform", account.platform)
            _check_handle_free(session, platform, fields.get("handle", account.handle), account.id)
        for name, value in fields.items():
            setattr(account, name, value)
        account.updated_at = now()
        session.add(account)
        return account


def list_accounts(db: Database, client_id: int | None = None) -> list[tuple[Account, Client]]:
    with db.reading() as session:
        query = select(Account, Client).join(Client)
        if client_id is not None:
            query = query.where(Account.client_id == client_id)
        rows = session.exec(query.order_by(Account.platform, Account.handle)).all()
        return [(a, c) for a, c in rows]


def account_or_raise(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFoundError(_("This account no longer exists."))
    return account
