"""How to reach each platform: shipped defaults that the user keeps up to date."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from sqlmodel import col, select

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.domain.models import PlatformChannel, now
from appealdesk.domain.validation import clean_text
from appealdesk.i18n import _
from appealdesk.services.changes import ChannelChanges
from appealdesk.store.database import Database


def list_channels(db: Database, platform: Platform) -> list[PlatformChannel]:
    with db.reading() as session:
        return list(
            session.exec(
                select(PlatformChannel)
                .where(PlatformChannel.platform == platform)
                .order_by(col(PlatformChannel.id))
            ).all()
        )


def update_channel(
    db: Database, channel_id: int, **values: Unpack[ChannelChanges]
) -> PlatformChannel:
    with db.transaction() as session:
        channel = session.get(PlatformChannel, channel_id)
        if channel is None:
            raise NotFoundError(_("This channel no longer exists."))
        given: Mapping[str, Any] = values  # checked name by name: it may be what a user typed
        for name, value in given.items():
            if name in ("address", "source"):
                field = _("Address") if name == "address" else _("Source")
                setattr(channel, name, clean_text(value, field=field, multiline=False))
            elif name == "note":
                channel.note = clean_text(value, field=_("Note"))
            elif name == "typical_answer_days":
                channel.typical_answer_days = None if value in (None, "") else int(value)
            else:
                raise ValidationError(_("Unknown channel field: {name}").format(name=name))
        channel.updated_at = now()
        session.add(channel)
        return channel
