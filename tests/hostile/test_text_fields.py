"""Every text a user can type, through the services that store it, on a real database.

A text is either stored and read back as typed (see ``hostile_text`` for the little that is
cleaned), or refused with a ValidationError that says why, and then nothing was written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from appealdesk.domain import checklists as checklist_rules
from appealdesk.domain.enums import Checklist, EventKind, Platform
from appealdesk.domain.errors import AppealDeskError, ValidationError
from appealdesk.domain.validation import MAX_LINE, MAX_TEXT
from appealdesk.services import (
    appeal_letters,
    case_list,
    cases,
    channels,
    checklists,
    clients,
    events,
    evidence,
    statements,
)
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.evidence_import import import_files
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.hostile.hostile_text import fits, hostile_text, long_text, row_counts, stored_form

BLOCKED_AT = dt.datetime(2026, 11, 2, 9, 30)
SIGN = checklist_rules.item_keys(Checklist.BLOCK_SIGNS)[0]
_serial = itertools.count(1)


@dataclass(frozen=True)
class World:
    """One of everything, to change and to add to."""

    client: int
    account: int
    case: int
    event: int
    evidence: int
    channel: int


def _pdf(db: Database) -> Path:
    """A small, valid, always different PDF document beside the database."""
    number = next(_serial)
    path = db.path.parent / f"reply-{number}.pdf"
    path.write_bytes(b"%PDF-1.4\n%" + str(number).encode() + b"\n1 0 obj<<>>endobj\n%%EOF\n")
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The world is made once; every test gets its own copy of the database file."""
    path = tmp_path_factory.mktemp("world") / "cases.db"
    db = open_workspace(path)
    try:
        client = clients.create_client(db, name="Studio Noord")
        account = clients.create_account(db, client.id, handle="lotte")
        case = cases.create_case(db, blocked_at=BLOCKED_AT, account_id=account.id)
        assert client.id and account.id and case.id
        event = events.add_event(db, case.id, kind=EventKind.NOTE, summary="first")
        item = import_files(db, case.id, [_pdf(db)]).added[0]
        channel = channels.list_channels(db, Platform.TIKTOK)[0]
        assert event.id and item.id and channel.id
        world = World(client.id, account.id, case.id, event.id, item.id, channel.id)
    finally:
        db.close()
    return path, world


@pytest.fixture
def world(template: tuple[Path, World]) -> World:
    return template[1]


@pytest.fixture
def db(template: tuple[Path, World], tmp_path: Path) -> Iterator[Database]:
    """A real database of its own for each test: a copy of the template's file."""
    source = template[0]
    path = tmp_path / source.name
    for suffix in ("", "-wal"):
        if source.with_name(source.name + suffix).is_file():
            shutil.copyfile(
                source.with_name(source.name + suffix), path.with_name(path.name + suffix)
            )
    shutil.copytree(evidence_dir_for(source), evidence_dir_for(path))
    database = open_workspace(path)
    yield database
    database.close()


# What the services do with a text ------------------------------------------------------

REFUSED = object()  # the service must raise ValidationError and write nothing


def as_typed(multiline: bool) -> Callable[[str], object]:
    def outcome(text: str) -> object:
        return (
            stored_form(text, multiline=multiline) if fits(text, multiline=multiline) else REFUSED
        )

    return outcome


def required_line(text: str) -> object:
    line = stored_form(text, multiline=False)
    return line if line and len(line) <= MAX_LINE else REFUSED


def handle(text: str) -> object:
    line = required_line(text)
    if line is REFUSED:
        return REFUSED
    assert isinstance(line, str)
    word = line.lstrip("@").strip().lower()
    return word if word and not any(ch.isspace() for ch in word) else REFUSED


def country(text: str) -> object:
    line = as_typed(False)(text)
    return line.upper() if isinstance(line, str) else REFUSED


def tags(text: str) -> object:
    line = as_typed(False)(text)
    if not isinstance(line, str):
        return REFUSED
    return [line.lower()] if line else []


FILE_NAME = object()  # evidence imported without a title is called after its file


def import_title(text: str) -> object:
    line = as_typed(False)(text)
    return FILE_NAME if line == "" else line


# Where each text goes and how it is read back ------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    write: Callable[[Database, World, str], object]
    read: Callable[[Database, World], object]
    outcome: Callable[[str], object]
    taken: Callable[[Database], set[object]] | None = None  # values already in use

    def expected(self, db: Database, text: str) -> object:
        outcome = self.outcome(text)
        if self.taken is not None and outcome in self.taken(db):
            return REFUSED  # "already in AppealDesk"
        return outcome

    def __str__(self) -> str:
        return self.name


Write = Callable[[Database, World, str], object]
Read = Callable[[Database, World], object]


def updates(service: Callable[..., object], target: Callable[[World], int], name: str) -> Write:
    """``service(db, id, name=text)``: a change to a row that exists."""

    def write(db: Database, world: World, text: str) -> object:
        return service(db, target(world), **{name: [text] if name == "tags" else text})

    return write


def creates(
    service: Callable[..., object], field: str, /, **fixed: Callable[[World], object]
) -> Write:
    """``service(db, field=text, ...)``: a new row, with the other arguments it needs."""

    def write(db: Database, world: World, text: str) -> object:
        others = {key: make(world) for key, make in fixed.items()}
        return service(db, **others, **{field: [text] if field == "tags" else text})

    return write


def attribute(row: Callable[[Database, World], Any], name: str) -> Read:
    def read(db: Database, world: World) -> object:
        found = row(db, world)
        return None if found is None else getattr(found, name)

    return read


def _newest(rows: Iterable[Any]) -> Any:
    return max(rows, key=lambda row: row.id, default=None)


def newest_client(db: Database, world: World) -> Any:
    return _newest(summary.client for summary in clients.list_clients(db))


def newest_account(db: Database, world: World) -> Any:
    return _newest(account for account, _client in clients.list_accounts(db))


def newest_case(db: Database, world: World) -> Any:
    newest = _newest(case_list.list_cases(db, CaseQuery(), limit=100_000))
    return cases.get_case(db, newest.id)


def newest_case_row(db: Database, world: World) -> Any:
    return newest_case(db, world).case


def newest_event(db: Database, world: World) -> Any:
    return _newest(events.list_events(db, world.case))


def the_client(db: Database, world: World) -> Any:
    return clients.get_client(db, world.client)


def the_account(db: Database, world: World) -> Any:
    return next(a for a, _c in clients.list_accounts(db) if a.id == world.account)


def the_case(db: Database, world: World) -> Any:
    return cases.get_case(db, world.case).case


def the_statement(db: Database, world: World) -> Any:
    return cases.get_case(db, world.case).statement


def the_event(db: Database, world: World) -> Any:
    return next(e for e in events.list_events(db, world.case) if e.id == world.event)


def the_evidence(db: Database, world: World) -> Any:
    return evidence.get_evidence(db, world.evidence)


def the_channel(db: Database, world: World) -> Any:
    return next(c for c in channels.list_channels(db, Platform.TIKTOK) if c.id == world.channel)


def the_letter(db: Database, world: World) -> Any:
    return appeal_letters.get_letter(db, world.case, "en")


def the_sign(db: Database, world: World) -> Any:
    entries = checklists.get_checklist(db, world.case, Checklist.BLOCK_SIGNS)
    return next(e for e in entries if e.key == SIGN)


def newly_imported(db: Database, world: World) -> Any:
    newest = _newest(evidence.list_evidence(db, world.case))
    return None if newest.id == world.evidence else newest


def import_with_title(db: Database, world: World, text: str) -> object:
    report = import_files(db, world.case, [_pdf(db)], title=text)
    assert report.rejected == [] and len(report.added) == 1
    return report


def save_letter(db: Database, world: World, text: str) -> object:
    return appeal_letters.save_letter(db, world.case, "en", text=text)


def note_on_sign(db: Database, world: World, text: str) -> object:
    return checklists.set_item(db, world.case, Checklist.BLOCK_SIGNS, SIGN, note=text)


def _new_client_name(text: str) -> object:
    return "My accounts" if text == "" else required_line(text)  # "": no new client


def _handles_in_use(db: Database) -> set[object]:
    return {account.handle for account, _client in clients.list_accounts(db)}


def _unique_handle(world: World) -> str:
    return f"nieuw{next(_serial)}"


def _blocked_at(world: World) -> dt.datetime:
    return BLOCKED_AT


def _its_client(world: World) -> int:
    return world.client


def _its_account(world: World) -> int:
    return world.account


def _its_case(world: World) -> int:
    return world.case


def _its_event(world: World) -> int:
    return world.event


def _its_evidence(world: World) -> int:
    return world.evidence


def _its_channel(world: World) -> int:
    return world.channel


def _client_fields() -> list[Field]:
    fields = [
        Field(
            "new client name",
            creates(clients.create_client, "name"),
            attribute(newest_client, "name"),
            required_line,
        ),
        Field(
            "client name",
            updates(clients.update_client, _its_client, "name"),
            attribute(the_client, "name"),
            required_line,
        ),
    ]
    for name, multiline in (("contact_person", False), ("email", False), ("notes", True)):
        fields += [
            Field(
                f"new client {name}",
                creates(clients.create_client, name, name=lambda w: "Nieuw"),
                attribute(newest_client, name),
                as_typed(multiline),
            ),
            Field(
                f"client {name}",
                updates(clients.update_client, _its_client, name),
                attribute(the_client, name),
                as_typed(multiline),
            ),
        ]
    return fields


def _account_fields() -> list[Field]:
    fields = [
        Field(
            "account handle",
            updates(clients.update_account, _its_account, "handle"),
            attribute(the_account, "handle"),
            handle,
        )
    ]
    for name, multiline in (
        ("display_name", False),
        ("account_email", False),
        ("phone", False),
        ("country", False),
        ("notes", True),
    ):
        outcome = country if name == "country" else as_typed(multiline)
        fields += [
            Field(
                f"new account {name}",
                creates(clients.create_account, name, client_id=_its_client, handle=_unique_handle),
                attribute(newest_account, name),
                outcome,
            ),
            Field(
                f"account {name}",
                updates(clients.update_account, _its_account, name),
                attribute(the_account, name),
                outcome,
            ),
        ]
    return fields


def _case_fields() -> list[Field]:
    fields = [
        Field(
            "client name of a new case",
            creates(
                cases.create_case,
                "new_client_name",
                blocked_at=_blocked_at,
                new_account=lambda w: {"handle": _unique_handle(w)},
            ),
            lambda db, w: newest_case(db, w).client.name,
            _new_client_name,
        ),
        Field(
            "handle of a new case",
            lambda db, w, t: cases.create_case(
                db, blocked_at=BLOCKED_AT, new_account={"handle": t}
            ),
            lambda db, w: newest_case(db, w).account.handle,
            handle,
            taken=_handles_in_use,
        ),
    ]
    for name, outcome in (
        ("notice_text", as_typed(True)),
        ("user_statement", as_typed(True)),
        ("tags", tags),
    ):
        fields += [
            Field(
                f"new case {name}",
                creates(cases.create_case, name, blocked_at=_blocked_at, account_id=_its_account),
                attribute(newest_case_row, name),
                outcome,
            ),
            Field(
                f"case {name}",
                updates(cases.update_case, _its_case, name),
                attribute(the_case, name),
                outcome,
            ),
        ]
    return fields


def _statement_fields() -> list[Field]:
    return [
        Field(
            f"statement {name}",
            updates(statements.update_statement, _its_case, name),
            attribute(the_statement, name),
            as_typed(multiline),
        )
        for name, multiline in (
            ("decision_facts", True),
            ("incompatible_content_ground", True),
            ("illegal_content_legal_ground", True),
            ("decision_ground_reference_url", False),
        )
    ]


def _event_fields() -> list[Field]:
    fields = []
    for name, multiline in (
        ("reference", False),
        ("summary", False),
        ("body", True),
        ("outcome", True),
    ):
        fields += [
            Field(
                f"new event {name}",
                creates(
                    events.add_event,
                    name,
                    case_id=_its_case,
                    kind=lambda w: EventKind.SUPPORT_CONTACTED,
                ),
                attribute(newest_event, name),
                as_typed(multiline),
            ),
            Field(
                f"event {name}",
                updates(events.update_event, _its_event, name),
                attribute(the_event, name),
                as_typed(multiline),
            ),
        ]
    return fields


def _other_fields() -> list[Field]:
    return [
        Field(
            "evidence title",
            updates(evidence.update_evidence, _its_evidence, "title"),
            attribute(the_evidence, "title"),
            as_typed(False),
        ),
        Field(
            "evidence note",
            updates(evidence.update_evidence, _its_evidence, "note"),
            attribute(the_evidence, "note"),
            as_typed(True),
        ),
        Field(
            "title of imported evidence",
            import_with_title,
            attribute(newly_imported, "title"),
            import_title,
        ),
        Field("appeal letter", save_letter, attribute(the_letter, "text"), as_typed(True)),
        Field("checklist note", note_on_sign, attribute(the_sign, "note"), as_typed(True)),
        *[
            Field(
                f"channel {name}",
                updates(channels.update_channel, _its_channel, name),
                attribute(the_channel, name),
                as_typed(multiline),
            )
            for name, multiline in (("address", False), ("source", False), ("note", True))
        ],
    ]


FIELDS = (
    _client_fields()
    + _account_fields()
    + _case_fields()
    + _statement_fields()
    + _event_fields()
    + _other_fields()
)


def stored_or_refused(
    db: Database, world: World, field: Field, text: str
) -> ValidationError | None:
    """The one promise every text field keeps; returns the refusal, if it was refused."""
    expected = field.expected(db, text)
    before, rows = field.read(db, world), row_counts(db.path)
    if expected is REFUSED:
        with pytest.raises(ValidationError) as refused:
            field.write(db, world, text)
        assert isinstance(refused.value, AppealDeskError) and refused.value.message.strip()
        assert field.read(db, world) == before, "a refused text changed what was stored"
        assert row_counts(db.path) == rows, "a refused text left rows behind"
        return refused.value
    field.write(db, world, text)
    stored = field.read(db, world)
    if expected is FILE_NAME:
        assert isinstance(stored, str) and stored.startswith("reply-")  # reply-N.pdf
    else:
        assert stored == expected
    return None


def is_long_text(field: Field) -> bool:
    return field.outcome("x" * (MAX_LINE + 1)) is not REFUSED


# The tests -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("field", FIELDS, ids=str)
@given(text=hostile_text)
def test_hostile_text_is_stored_as_typed_or_refused(
    db: Database, world: World, field: Field, text: str
) -> None:
    stored_or_refused(db, world, field, text)


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_100_000_characters(db: Database, world: World, field: Field) -> None:
    """A pasted e-mail thread fits in a long text; a one-line field refuses it, saying so."""
    refused = stored_or_refused(db, world, field, long_text(100_000))
    if is_long_text(field):
        assert refused is None
    else:
        assert refused is not None and "too long" in refused.message


@pytest.mark.parametrize("field", [f for f in FIELDS if is_long_text(f)], ids=str)
def test_a_text_over_the_limit_is_refused_whole(db: Database, world: World, field: Field) -> None:
    text = "één " * (MAX_TEXT // 4) + "!"
    assert len(text) == MAX_TEXT + 1
    refused = stored_or_refused(db, world, field, text)
    assert refused is not None and "too long" in refused.message


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_surrogates_never_reach_the_database(db: Database, world: World, field: Field) -> None:
    """A lone surrogate (a byte of a file name that is not UTF-8, half of a broken emoji) is
    left out; a pair split in two code points is the character it stands for."""
    field.write(db, world, "an\udcffna\ud83d\ude00ok\ud800")
    assert field.read(db, world) == field.outcome("anna😀ok")


def test_sql_in_a_text_is_only_text(db: Database, world: World) -> None:
    attack = "Robert'); DROP TABLE cases; --"
    clients.update_client(db, world.client, name=attack, notes=attack)
    cases.update_case(db, world.case, notice_text=attack, tags=[attack, "%", "_"])
    assert clients.get_client(db, world.client).name == attack
    detail = cases.get_case(db, world.case)
    assert detail.case.notice_text == attack
    assert detail.case.tags == [attack.lower(), "%", "_"]
    assert case_list.count_cases(db, CaseQuery()) == 1
    assert row_counts(db.path)["cases"] == 1
