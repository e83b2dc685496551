"""The dossier for each recipient, read back from the PDF: what each one is given, what none
of them is given, and that nothing in it goes stale once printed."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from appealdesk.domain.enums import EventKind, EvidenceKind, WorkspaceRole
from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.recipients import Recipient
from appealdesk.export.content import ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.i18n import format_date
from appealdesk.services import cases, clients, consistency, events, profile
from appealdesk.services.evidence_import import import_bytes
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.export.test_dossier import case_id, pdf_text
from tests.images import encoded, picture

pytestmark = pytest.mark.usefixtures("qapp")

BODY = "appeals_centre_europe"
LANGUAGES = ("nl", "en")
NOTE = "Working note: call the agency back about the invoice"
OUTCOME_NL = "Het bezwaar is afgewezen en ik heb geen uitleg gekregen van het platform."
# A phrase that is only true on the day it was printed.
RELATIVE = re.compile(
    r"\b(in|over|within|binnen) (\d+|een|one|a) (days?|dagen|dag|weeks?|weken|months?|maanden)\b"
    r"|\b\d+ (days?|weeks?|months?) ago\b|\b\d+ (dagen|weken|maanden) geleden\b"
    r"|\b(tomorrow|yesterday|morgen|gisteren|overmorgen)\b",
    re.IGNORECASE,
)


def _prepare(db: Database) -> int:
    """The demo's case with what a body asks for, an agency with a mandate, and notes."""
    number = case_id(db)
    detail = cases.get_case(db, number)
    assert detail.account.id is not None
    clients.update_account(
        db, detail.account.id, holder_name="Femke de Vries", holder_email="femke@example.org"
    )
    cases.update_case(
        db,
        number,
        ods_body=BODY,
        other_proceedings=False,
        content_url="https://www.tiktok.com/@femke.filmt/video/7311111111111111111",
    )
    profile.save_workspace(
        db,
        role=WorkspaceRole.AGENCY,
        agency_name="Studio Noorderlicht",
        contact_person="Sanne Bakker",
        email="sanne@noorderlicht.example",
    )
    import_bytes(
        db, number, encoded(picture(text="Machtiging")), "machtiging.png", kind=EvidenceKind.MANDATE
    )
    later = detail.case.blocked_at + dt.timedelta(days=3)
    events.add_event(db, number, kind=EventKind.NOTE, summary=NOTE, occurred_at=later)
    events.add_event(
        db,
        number,
        kind=EventKind.INTERNAL_COMPLAINT,
        summary="Internal complaint through the complaint form",
        outcome=OUTCOME_NL,
        occurred_at=later + dt.timedelta(days=1),
    )
    return number


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory, demo_template: Path
) -> dict[tuple[Recipient, str], str]:
    """The text of every recipient's dossier in both languages, exported once."""
    folder = tmp_path_factory.mktemp("recipients")
    database = folder / "demo.db"
    shutil.copyfile(demo_template, database)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(database))
    db = open_workspace(database)
    try:
        number = _prepare(db)
        detail = cases.get_case(db, number)
        # The body takes disputes up to six months after the decision: a date that moves
        # with the demo, which is made relative to today.
        statement = detail.statement
        decided = (statement.application_date if statement else None) or detail.case.blocked_at
        year, month = decided.year + (decided.month + 5) // 12, (decided.month + 5) % 12 + 1
        day = min(decided.day, calendar.monthrange(year, month)[1])  # 31 Aug: 28 February
        deadline = dt.date(year, month, day)
        texts: dict[tuple[Recipient, str], str] = {
            (Recipient.PLATFORM, "titles"): "\n".join(e.title for e in detail.evidence),
            (Recipient.PLATFORM, "notice"): detail.case.notice_text,
            **{
                (Recipient.ODS, f"deadline-{language}"): format_date(deadline, "long", language)
                for language in LANGUAGES
            },
        }
        for recipient in Recipient:
            for language in LANGUAGES:
                target = folder / f"{recipient}-{language}.pdf"
                export_dossier(db, number, ExportOptions(language, recipient=recipient), target)
                texts[recipient, language] = pdf_text(target)
        return texts
    finally:
        db.close()


@pytest.mark.parametrize("recipient", list(Recipient))
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_dossier_carries_internal_material_or_relative_dates(
    exported: dict[tuple[Recipient, str], str], recipient: Recipient, language: str
) -> None:
    text = exported[recipient, language]
    internal = {
        "nl": [
            "Status",
            "Volgende stap",
            "Signalen van de blokkade",
            "Opgesteld uit",
            "Niet nodig",
        ],
        "en": ["Status", "Next step", "Signs of the block", "Drafted from", "Not needed"],
    }
    for words in [*internal[language], "AppealDesk"]:
        assert words not in text, (recipient, words)
    assert not RELATIVE.search(text), RELATIVE.search(text)
    if recipient is Recipient.LAWYER:
        assert NOTE in text  # a lawyer is given every event
    else:
        assert NOTE not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("recipient", list(Recipient))
def test_every_dossier_numbers_its_exhibits_and_the_letter_names_them(
    exported: dict[tuple[Recipient, str], str], recipient: Recipient, language: str
) -> None:
    text = exported[recipient, language]
    word = {"nl": "Bijlage", "en": "Exhibit"}[language]
    listed = {"nl": "Bijgevoegde bijlagen", "en": "Enclosed exhibits"}[language]
    assert {"nl": "Bijlagen", "en": "Exhibits"}[language] in text
    assert listed in text
    letter_part = text[text.index(listed) :]
    first, second = exported[Recipient.PLATFORM, "titles"].split("\n")[:2]
    assert f"{word} 1: {first}" in letter_part
    assert f"{word} 2: {second}" in letter_part
    assert text.count(f"{word} 1: {first}") == 2  # enclosed, and over its picture


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_body_is_given_what_it_asks_for(
    exported: dict[tuple[Recipient, str], str], language: str
) -> None:
    text = exported[Recipient.ODS, language]
    for fact in (
        "Appeals Centre Europe",
        "Femke de Vries",
        "femke@example.org",
        "Studio Noorderlicht",
        "Sanne Bakker",
        "https://www.tiktok.com/@femke.filmt/video/7311111111111111111",
    ):
        assert fact in text, fact
    said = {
        "nl": [
            "Nederland (NL)",
            f"Uiterste indieningsdatum {exported[Recipient.ODS, 'deadline-nl']}",
            "Machtiging Bijlage 3: machtiging",
            "Over dit geschil lopen geen andere procedures",
            "De instantie wordt gevraagd te beslissen",
            "Interne klacht",
        ],
        "en": [
            "Netherlands (NL)",
            f"Filing deadline {exported[Recipient.ODS, 'deadline-en']}",
            "Mandate Exhibit 3: machtiging",
            "No other proceedings about this dispute are pending",
            "The body is asked to decide",
            "(quoted in Dutch)",
        ],
    }
    for fact in said[language]:
        assert fact in text, fact
    assert OUTCOME_NL in text
    assert "Legal framework" not in text and "Juridisch kader" not in text
    # the platform's own dossier says none of it (its letter is signed by the holder)
    platform = exported[Recipient.PLATFORM, language]
    assert "Appeals Centre Europe" not in platform
    assert "femke@example.org" not in platform


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lawyer_is_given_the_legal_framework(
    exported: dict[tuple[Recipient, str], str], language: str
) -> None:
    text = exported[Recipient.LAWYER, language]
    said = {
        "nl": ["Juridisch kader", "juli 2026", "Registratienummer 635755", "14 augustus 2025"],
        "en": ["Legal framework", "July 2026", "Company number 635755", "14 August 2025"],
    }
    for fact in [*said[language], "TikTok Technology Limited", "DSA art. 20", "DSA art. 21"]:
        assert fact in text, fact
    assert "2022/2065" in text
    assert "Filing deadline" not in text and "Uiterste indieningsdatum" not in text


def test_quotes_from_the_platform_are_marked_as_received(
    exported: dict[tuple[Recipient, str], str],
) -> None:
    notice = " ".join(exported[Recipient.PLATFORM, "notice"].split())
    english = exported[Recipient.PLATFORM, "en"]
    assert f"Text of the notice, as received {notice} (quoted in Dutch)" in english
    dutch = exported[Recipient.PLATFORM, "nl"]
    assert f"Tekst van de melding, zoals ontvangen {notice}" in dutch
    assert "(geciteerd in het" not in dutch


def test_a_body_dossier_needs_a_body(demo_db: Database, tmp_path: Path) -> None:
    number = case_id(demo_db)
    options = ExportOptions("en", recipient=Recipient.ODS)
    with pytest.raises(AppealDeskError, match="needs the body"):
        export_dossier(demo_db, number, options, tmp_path / "ods.pdf")
    assert not (tmp_path / "ods.pdf").exists()
    with pytest.raises(AppealDeskError, match="no dispute settlement body"):
        consistency.before_export(demo_db, number, "en", recipient=Recipient.ODS, body_id="x")


def test_what_a_body_needs_and_the_case_lacks_is_said_before_the_export(
    demo_db: Database,
) -> None:
    number = case_id(demo_db)
    account_id = cases.get_case(demo_db, number).account.id
    assert account_id is not None
    clients.update_account(demo_db, account_id, holder_name="", holder_email="")
    found = consistency.before_export(demo_db, number, "en", recipient=Recipient.ODS, body_id=BODY)
    codes = {c.code for c in found}
    assert {"holder_name_missing", "holder_email_missing", "other_proceedings_unknown"} <= codes
    assert "holder_country_missing" not in codes  # the demo account lives in NL
    platform = consistency.before_export(demo_db, number, "en")
    assert not {c.code for c in platform} & {"holder_name_missing", "other_proceedings_unknown"}
    cases.update_case(demo_db, number, other_proceedings=False)
    again = consistency.before_export(demo_db, number, "nl", recipient=Recipient.ODS, body_id=BODY)
    assert "other_proceedings_unknown" not in {c.code for c in again}
    assert any("Appeals Centre Europe" in c.text for c in again)
