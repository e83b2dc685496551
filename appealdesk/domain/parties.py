"""The parties to a dispute: the person the case is for, who acts for them, and the platform.

Built from the account, the workspace profile and the platform's reference data, so letters
and dossiers name the same people the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from appealdesk.domain.enums import EvidenceKind, Platform, WorkspaceRole
from appealdesk.domain.models import Account, EvidenceItem, Workspace
from appealdesk.domain.reference import ContractingEntity, platform_profile


@dataclass(frozen=True)
class Holder:
    """The person the case is for, and how the platform knows their account."""

    name: str  # empty when not entered: letters then carry no invented name
    email: str
    country: str  # ISO 3166 code of the country of residence, or empty
    handle: str
    account_email: str
    phone: str

    @property
    def signature_name(self) -> str:
        return self.name or "@" + self.handle


@dataclass(frozen=True)
class Representative:
    """An agency acting for the holder; the mandate is an evidence item when there is one."""

    organisation: str
    contact_person: str
    email: str
    mandate: EvidenceItem | None


@dataclass(frozen=True)
class PlatformParty:
    platform: Platform
    entity: ContractingEntity | None  # None: AppealDesk has no reference data for it


@dataclass(frozen=True)
class Parties:
    holder: Holder
    representative: Representative | None
    platform: PlatformParty


def parties(
    account: Account, workspace: Workspace | None, evidence: tuple[EvidenceItem, ...] = ()
) -> Parties:
    holder = Holder(
        name=account.holder_name.strip(),
        email=account.holder_email.strip(),
        country=account.country.strip().upper(),
        handle=account.handle,
        account_email=account.account_email.strip(),
        phone=account.phone.strip(),
    )
    representative = None
    if workspace is not None and workspace.role is WorkspaceRole.AGENCY:
        mandate = next((e for e in evidence if e.kind is EvidenceKind.MANDATE), None)
        representative = Representative(
            organisation=workspace.agency_name.strip(),
            contact_person=workspace.contact_person.strip(),
            email=workspace.email.strip(),
            mandate=mandate,
        )
    profile = platform_profile(account.platform)
    entity = profile.contracting_entity if profile is not None else None
    return Parties(holder, representative, PlatformParty(account.platform, entity))
