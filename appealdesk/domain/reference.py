"""Block signs, unblock steps, the ID checklist and platform profiles, from ``resources/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from appealdesk.domain.enums import CaseStatus, Channel, EvidenceKind, Platform
from appealdesk.domain.texts import LocalText, load_resource
from appealdesk.paths import resources_dir


@dataclass(frozen=True)
class ReferenceItem:
    """An entry of a checklist or guide: a key, a title and a line of explanation."""

    key: str
    title: LocalText
    description: LocalText


@dataclass(frozen=True)
class UnblockStep(ReferenceItem):
    phase: str
    statuses: frozenset[CaseStatus]


@dataclass(frozen=True)
class IdChecklistItem(ReferenceItem):
    evidence_kinds: tuple[EvidenceKind, ...]
    needed_for_policies: frozenset[str]


@dataclass(frozen=True)
class ChannelProfile:
    channel: Channel
    address: str
    typical_answer_days: int | None
    description: LocalText
    source: str


@dataclass(frozen=True)
class ContractingEntity:
    """The company a platform's users contract with: the other party to the dispute."""

    name: str
    address: tuple[str, ...]
    company_number: str
    applies_to: LocalText
    source: str


@dataclass(frozen=True)
class AppealField:
    """The text field of a platform's own appeal: how long a text it takes, and whether the
    platform itself says so (``confirmed``) or only third parties report it."""

    max_length: int
    confirmed: bool
    source: str


@dataclass(frozen=True)
class PlatformProfile:
    platform: Platform
    typical_answer_days: int | None
    channels: tuple[ChannelProfile, ...]
    contracting_entity: ContractingEntity | None = None
    appeal_field: AppealField | None = None

    def channel(self, channel: Channel) -> ChannelProfile | None:
        return next((c for c in self.channels if c.channel == channel), None)


def _texts(raw: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        "key": raw["key"],
        "title": LocalText.parse(raw["title"], f"{where} {raw['key']}"),
        "description": LocalText.parse(raw["description"], f"{where} {raw['key']}"),
    }


@cache
def block_signs() -> tuple[ReferenceItem, ...]:
    return tuple(
        ReferenceItem(**_texts(raw, "block_signs.toml"))
        for raw in load_resource("block_signs.toml")["sign"]
    )


@cache
def unblock_steps() -> tuple[UnblockStep, ...]:
    return tuple(
        UnblockStep(
            **_texts(raw, "unblock_steps.toml"),
            phase=raw["phase"],
            statuses=frozenset(CaseStatus(s) for s in raw["statuses"]),
        )
        for raw in load_resource("unblock_steps.toml")["step"]
    )


def steps_for_status(status: CaseStatus) -> tuple[UnblockStep, ...]:
    return tuple(step for step in unblock_steps() if status in step.statuses)


@cache
def id_checklist() -> tuple[IdChecklistItem, ...]:
    return tuple(
        IdChecklistItem(
            **_texts(raw, "id_checklist.toml"),
            evidence_kinds=tuple(EvidenceKind(k) for k in raw["evidence_kinds"]),
            needed_for_policies=frozenset(raw.get("needed_for_policies", ())),
        )
        for raw in load_resource("id_checklist.toml")["item"]
    )


@cache
def platform_profile(platform: Platform) -> PlatformProfile | None:
    """The shipped contact details of a platform, or None when AppealDesk has none yet."""
    if not (resources_dir() / "platforms" / f"{platform.value}.toml").is_file():
        return None
    data = load_resource(f"platforms/{platform.value}.toml")
    channels = tuple(
        ChannelProfile(
            channel=Channel(raw["channel"]),
            address=raw.get("address", ""),
            typical_answer_days=raw.get("typical_answer_days"),
            description=LocalText.parse(raw["description"], f"{platform} {raw['channel']}"),
            source=raw["source"],
        )
        for raw in data["channel"]
    )
    entity = None
    if (raw_entity := data.get("contracting_entity")) is not None:
        entity = ContractingEntity(
            name=raw_entity["name"],
            address=tuple(raw_entity["address"]),
            company_number=raw_entity.get("company_number", ""),
            applies_to=LocalText.parse(raw_entity["applies_to"], f"{platform} contracting entity"),
            source=raw_entity["source"],
        )
    field = None
    if (raw_field := data.get("appeal_field")) is not None:
        field = AppealField(
            max_length=int(raw_field["max_length"]),
            confirmed=bool(raw_field["confirmed"]),
            source=raw_field["source"],
        )
    return PlatformProfile(
        Platform(data["platform"]), data.get("typical_answer_days"), channels, entity, field
    )
