"""Every change to clients and accounts made from the window: through the services, announced.

None of these can be undone with Ctrl+Z: a client or account is saved when its form is
confirmed, and deleting a client asks first and says that it is final. A refusal (an empty
name, a handle that is taken) is raised to the form, which shows it and keeps the input.
"""

from __future__ import annotations

from appealdesk.domain.models import Account, Client, Workspace
from appealdesk.services import clients, profile
from appealdesk.services.changes import AccountChanges, ClientChanges, NewAccount, WorkspaceChanges
from appealdesk.services.clients import ClientCasesPolicy
from appealdesk.store.database import Database
from appealdesk.ui.base.signals import DataSignals


class ClientActions:
    def __init__(self, db: Database, signals: DataSignals) -> None:
        self.db = db
        self.signals = signals

    def save_client(self, client_id: int | None, values: ClientChanges) -> Client:
        """Creates a client (``client_id`` None) or changes one."""
        if client_id is None:
            client = clients.create_client(self.db, **values)
        else:
            client = clients.update_client(self.db, client_id, **values)
        self.signals.clients_changed.emit()
        return client

    def save_account(
        self, account_id: int | None, client_id: int | None, values: NewAccount
    ) -> Account:
        """Creates an account of ``client_id`` (``account_id`` None) or changes one."""
        if account_id is None:
            account = clients.create_account(self.db, client_id, **values)
        else:
            changes: AccountChanges = {**values}
            if client_id is not None:
                changes["client_id"] = client_id
            account = clients.update_account(self.db, account_id, **changes)
        self.signals.clients_changed.emit()
        return account

    def save_workspace(self, values: WorkspaceChanges) -> Workspace:
        """Says whether a creator or an agency keeps the database (and how the agency signs)."""
        workspace = profile.save_workspace(self.db, **values)
        self.signals.clients_changed.emit()
        return workspace

    def delete_client(
        self, client_id: int, policy: ClientCasesPolicy, move_to: int | None = None
    ) -> None:
        """Deletes a client; its accounts and cases are moved to ``move_to`` or deleted."""
        try:
            clients.delete_client(self.db, client_id, policy, move_to=move_to)
        finally:
            # Also after a refusal: what made it refuse may have been changed elsewhere.
            self.signals.clients_changed.emit()
