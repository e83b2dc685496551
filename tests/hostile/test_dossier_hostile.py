"""The dossier of a case full of hostile text: written whole, readable, markup shown as text."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from appealdesk.domain.enums import Channel, EventKind, EvidenceKind
from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.recipients import Recipient
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import ExportCancelled, export_dossier
from appealdesk.services import appeal_letters, cases, clients, events, evidence, statements
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.database import Database
from tests.hostile.hostile_text import hostile_text, long_text
from tests.images import encoded, picture
from tests.properties import examples

pytestmark = pytest.mark.usefixtures("qapp")  # fonts and images need the application

MARKUP = "<b>vet</b> &amp; </script><script>alert(1)</script>"
REFERENCE = "REF<1>&'\"--"
URL = "javascript:alert('x')"
SQL_ATTACK = "'; DROP TABLE cases; --"
_serial = itertools.count(1)


def pdf_text(data: bytes | Path) -> str:
    """The words of the PDF as a reader copies them, one space between words."""
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def hostile_case(db: Database, *, statement: str) -> int:
    """A case with hostile text in every field that reaches the dossier."""
    client = clients.create_client(db, name=f"<i>Studio</i> & Zn \u202eLTR {next(_serial)}")
    assert client.id is not None
    account = clients.create_account(
        db, client.id, handle=f"lotte{next(_serial)}", display_name="لوته 😀 <b>L</b>"
    )
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 9, 30),
        account_id=account.id,
        notice_text=f"{MARKUP}\nمرحبا שלום 👨\u200d👩\u200d👧 🇳🇱 x\x00y NEAR( {SQL_ATTACK}",
        user_statement=statement,
        tags=["<script>", "'; --"],
    )
    assert case.id is not None
    events.add_event(
        db,
        case.id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.IN_APP_APPEAL,
        reference=REFERENCE,
        summary=MARKUP,
        body=f"{MARKUP}\r\n\x1b[31m",
        outcome=MARKUP,
    )
    statements.update_statement(
        db,
        case.id,
        decision_facts=MARKUP,
        incompatible_content_ground="<u>terms</u>",
        decision_ground_reference_url=URL,
    )
    appeal_letters.save_letter(db, case.id, "en", text=f"Dear TikTok,\n\n{MARKUP}\n\n🇳🇱 Lotte")
    report = import_bytes(db, case.id, encoded(picture(200, 120, text="bewijs")), "shot.png")
    item = report.added[0]
    assert item.id is not None
    evidence.update_evidence(
        db, item.id, title="../../../etc/<b>passwd</b> 😀", note=MARKUP, kind=EvidenceKind.OTHER
    )
    return case.id


@pytest.fixture
def long_case(db: Database) -> int:
    return hostile_case(db, statement=long_text(100_000))


@pytest.fixture
def short_case(db: Database) -> int:
    return hostile_case(db, statement="ik heb niets verkeerd gedaan 🙏 <i>echt</i>")


@pytest.mark.slow
def test_the_pdf_shows_markup_as_text(db: Database, short_case: int, tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    # The lawyer's dossier prints every field (the client too).
    options = ExportOptions("en", recipient=Recipient.LAWYER)
    result = export_dossier(db, short_case, options, target)
    assert result.pages == len(PdfReader(target).pages)
    text = pdf_text(target)
    assert cases.get_case(db, short_case).case.case_number in text
    for shown in ("<b>vet</b>", "&amp;", "</script><script>alert(1)</script>", "<u>terms</u>"):
        assert shown in text, shown
    assert "<i>echt</i>" in text
    assert "<i>Studio</i>" in text
    assert REFERENCE in text and URL in text
    assert "passwd</b>" in text  # the evidence title, as typed
    assert "DROP TABLE cases" in text and "xy" in text  # the NUL was left out
    assert "\x1b" not in text


@pytest.mark.slow
def test_the_bundle_shows_markup_as_text_and_its_names_are_safe(
    db: Database, short_case: int, tmp_path: Path
) -> None:
    target = tmp_path / "dossier.zip"
    result = export_dossier(db, short_case, ExportOptions("nl", DossierFormat.BUNDLE), target)
    detail = cases.get_case(db, short_case)
    with zipfile.ZipFile(target) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        dossier = bundle.read("dossier.pdf")
        names = bundle.namelist()
    for name in names:  # an evidence title never makes a path outside the bundle
        assert not name.startswith("/") and ".." not in name.split("/"), name
    assert len(PdfReader(io.BytesIO(dossier)).pages) == result.pages
    assert "<b>vet</b>" in pdf_text(dossier)
    assert manifest["case"]["client"] == detail.client.name  # RTL override and all
    assert manifest["case"]["handle"] == detail.account.handle
    titles = [e["title"] for e in manifest["files"] if e["role"] == "evidence"]
    assert titles == ["../../../etc/<b>passwd</b> 😀"]


@pytest.mark.slow
@pytest.mark.parametrize("dossier_format", list(DossierFormat))
def test_100_000_characters_of_hostile_text_export(
    db: Database, long_case: int, tmp_path: Path, dossier_format: DossierFormat
) -> None:
    """The account of events is a pasted thread of 100,000 characters of every script."""
    pdf = tmp_path / "dossier.pdf"
    if dossier_format is DossierFormat.BUNDLE:
        bundle = tmp_path / "dossier.zip"
        result = export_dossier(db, long_case, ExportOptions("en", dossier_format), bundle)
        with zipfile.ZipFile(bundle) as opened:
            assert opened.testzip() is None
            manifest = json.loads(opened.read("manifest.json"))
            for entry in manifest["files"]:
                assert hashlib.sha256(opened.read(entry["path"])).hexdigest() == entry["sha256"]
            pdf.write_bytes(opened.read("dossier.pdf"))
    else:
        result = export_dossier(db, long_case, ExportOptions("en", dossier_format), pdf)
    reader = PdfReader(pdf)
    assert result.pages == len(reader.pages) > 20  # it takes many pages, all of them written
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert cases.get_case(db, long_case).case.case_number in first
    pages = f"{result.pages}"
    assert f"Page {pages} of {pages}" in " ".join(last.split())


@pytest.mark.slow
@examples(0.2)  # every example renders a dossier
@given(text=hostile_text, language=st.sampled_from(["nl", "en"]))
def test_any_text_exports(db: Database, tmp_path: Path, text: str, language: str) -> None:
    """The letter is saved in Dutch; an English dossier drafts one from the hostile facts."""
    client = clients.create_client(db, name=f"{next(_serial)} {text[:400]}", notes=text)
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 9, 30),
        client_id=client.id,
        new_account={"handle": f"h{next(_serial)}", "display_name": text[:400]},
        notice_text=text,
        user_statement=text * 3,
    )
    assert case.id is not None
    events.add_event(db, case.id, kind=EventKind.NOTE, summary=text[:400], outcome=text)
    appeal_letters.save_letter(db, case.id, "nl", text=text)
    target = tmp_path / f"dossier-{case.id}.pdf"
    result = export_dossier(db, case.id, ExportOptions(language), target)
    assert len(PdfReader(target).pages) == result.pages >= 1
    assert case.case_number in pdf_text(target)


def stop_after(calls: int) -> Callable[[], bool]:
    """A Cancel button pressed at the ``calls``-th check."""
    asked = itertools.count(1)
    return lambda: next(asked) >= calls


@pytest.mark.parametrize("dossier_format", list(DossierFormat))
def test_a_cancelled_export_leaves_no_file_and_keeps_the_old_one(
    db: Database, short_case: int, tmp_path: Path, dossier_format: DossierFormat
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / ("dossier.pdf" if dossier_format is DossierFormat.PDF else "dossier.zip")
    options = ExportOptions("en", dossier_format)
    # The export asks at least 7 times, however fast it is: evidence, attachments, typesetting.
    for calls in (1, 2, 3, 5, 7):
        with pytest.raises(ExportCancelled):
            export_dossier(db, short_case, options, target, should_stop=stop_after(calls))
        assert list(folder.iterdir()) == [], calls
    export_dossier(db, short_case, options, target)
    old = target.read_bytes()
    with pytest.raises(ExportCancelled):
        export_dossier(db, short_case, options, target, should_stop=stop_after(4))
    assert list(folder.iterdir()) == [target] and target.read_bytes() == old


def test_an_impossible_target_is_refused_and_nothing_is_written(
    db: Database, short_case: int, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier.pdf"
    folder.mkdir()
    for target in (tmp_path / "missing" / "dossier.pdf", folder):
        before = sorted(tmp_path.rglob("*"))
        with pytest.raises(AppealDeskError) as refused:
            export_dossier(db, short_case, ExportOptions("en"), target)
        assert str(target.parent if "missing" in str(target) else target) in refused.value.message
        assert sorted(tmp_path.rglob("*")) == before
