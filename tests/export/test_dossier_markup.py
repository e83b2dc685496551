"""Markup typed into a case, or written into the database, stays text in the dossier.

The dossier is typeset by Typst from data: Typst markup, or an ``<img src>`` or a
``#read(...)`` that reached the template as code, would put any file of the computer into a
document that is sent to a platform.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from appealdesk.domain.enums import Channel, EventKind
from appealdesk.domain.recipients import Recipient
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.services import (
    appeal_letters,
    cases,
    clients,
    events,
    evidence,
    letters,
    statements,
)
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.database import Database
from tests.export.test_dossier import image_count, pdf_text
from tests.images import encoded, picture, write_image

pytestmark = pytest.mark.usefixtures("qapp")

MARKUP = '<b>bold</b> &lt; <a href="file:///etc/passwd">x</a>'


def _hostile_case(db: Database, local_image: Path, media_type: str) -> tuple[int, int]:
    """The demo case TT-2026-0004 with markup in its text fields and one evidence row whose
    digest is an image tag naming ``local_image``; the id of the case and of that row."""
    detail = cases.find_case(db, "TT-2026-0004")
    case_id = detail.case.id
    assert case_id is not None and detail.client.id is not None
    assert detail.account.id is not None
    clients.update_client(db, detail.client.id, name=f"{MARKUP} client", notes=MARKUP)
    clients.update_account(db, detail.account.id, display_name=f"{MARKUP} name", notes=MARKUP)
    cases.update_case(
        db, case_id, notice_text=f"{MARKUP} notice", user_statement=f"{MARKUP} statement"
    )
    events.add_event(
        db,
        case_id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.EMAIL,
        occurred_at=detail.case.blocked_at + dt.timedelta(days=1),
        reference="<b>REF-1</b>",
        summary=f"{MARKUP} summary",
        body=MARKUP,
        outcome=f"{MARKUP} outcome",
    )
    statements.update_statement(db, case_id, decision_facts=f"{MARKUP} facts")
    kind = letters.proposed_kind(db, case_id)  # the letter the dossier carries
    appeal_letters.save_letter(db, case_id, "en", kind, text=f"{MARKUP} letter")
    for number in range(3):
        data = encoded(picture(160, 100, text=f"shot {number}"))
        import_bytes(db, case_id, data, f"<b>shot</b> &lt; {number}.png")
    items = evidence.list_evidence(db, case_id)
    assert len(items) >= 3
    for item in items:
        assert item.id is not None
        evidence.update_evidence(db, item.id, title=f"{MARKUP} {item.id}", note=MARKUP)
    damaged = items[0].id
    assert damaged is not None
    with sqlite3.connect(db.path) as connection:
        connection.execute(
            "UPDATE evidence_items SET sha256 = ?, media_type = ? WHERE id = ?",
            (f'<img src="{local_image}">', media_type, damaged),
        )
    connection.close()
    return case_id, damaged


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("media_type", ["image/png", "application/pdf"])
@pytest.mark.parametrize("dossier_format", [DossierFormat.PDF, DossierFormat.BUNDLE])
def test_markup_and_a_damaged_digest_stay_text(
    demo_db: Database, tmp_path: Path, dossier_format: DossierFormat, media_type: str
) -> None:
    local_image = write_image(tmp_path / "private.png")
    case_id, damaged_id = _hostile_case(demo_db, local_image, media_type)
    shown = [
        item
        for item in cases.get_case(demo_db, case_id).evidence
        if item.include_in_dossier and not item.sensitive
    ]
    assert any(item.id == damaged_id for item in shown)
    readable_images = [
        item for item in shown if item.id != damaged_id and item.media_type.startswith("image/")
    ]
    target = tmp_path / ("dossier.pdf" if dossier_format is DossierFormat.PDF else "dossier.zip")

    # The lawyer's dossier prints every field (the client too, and every event).
    options = ExportOptions("en", dossier_format, recipient=Recipient.LAWYER)
    export_dossier(demo_db, case_id, options, target)

    if dossier_format is DossierFormat.BUNDLE:
        with zipfile.ZipFile(target) as bundle:
            names = bundle.namelist()
            pdf = tmp_path / "from-bundle.pdf"
            pdf.write_bytes(bundle.read("dossier.pdf"))
        assert len([n for n in names if n.startswith("evidence/")]) == len(shown) - 1
    else:
        pdf = target
    # Every readable picture once, and nothing else: not the file the digest names.
    assert image_count(pdf) == len(readable_images)
    text = pdf_text(pdf)
    words = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    for extracted in (text, words):
        # A line may break after any "/": the words are compared without the spaces.
        joined = "".join(extracted.split())

        def shown_literally(expected: str) -> bool:
            return "".join(expected.split()) in joined  # noqa: B023 - used in this loop only

        for field in ("client", "name", "notice", "statement", "summary", "facts", "letter"):
            assert shown_literally(f"{MARKUP} {field}"), field
        assert shown_literally("<b>REF-1</b>")
        assert shown_literally("cannot be read and are not included")
        assert shown_literally(f"{MARKUP} {damaged_id}")  # the damaged piece is named
        assert "".join(str(local_image).split()) not in joined


TYPST = (
    '#import "x.typ": * #read("/etc/passwd") #include "dossier.typ" $x^2$ [link](y) \\ '
    "<label> @label *bold* _italic_ `raw` #{panic()} #set page(width: 1cm) // comment"
    "\n= heading"
)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_typst_markup_in_every_field_stays_text(
    demo_db: Database, tmp_path: Path, language: str
) -> None:
    """The dossier is Typst: nothing anybody typed is read as Typst code or markup."""
    detail = cases.find_case(demo_db, "TT-2026-0004")
    case_id = detail.case.id
    assert case_id is not None and detail.client.id is not None and detail.account.id is not None
    clients.update_client(demo_db, detail.client.id, name=f"{TYPST} client")
    clients.update_account(demo_db, detail.account.id, display_name=f"{TYPST} name")
    cases.update_case(
        demo_db, case_id, notice_text=f"{TYPST} notice", user_statement=f"{TYPST} statement"
    )
    events.add_event(
        demo_db,
        case_id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.EMAIL,
        occurred_at=detail.case.blocked_at + dt.timedelta(days=1),
        reference="#REF-[1]",
        summary=f"{TYPST} summary",
        outcome=f"{TYPST} outcome",
    )
    statements.update_statement(demo_db, case_id, decision_facts=f"{TYPST} facts")
    kind = letters.proposed_kind(demo_db, case_id)
    appeal_letters.save_letter(demo_db, case_id, language, kind, text=f"{TYPST} letter")
    for item in evidence.list_evidence(demo_db, case_id):
        assert item.id is not None
        evidence.update_evidence(demo_db, item.id, title=f"{TYPST} title", note=f"{TYPST} note")
    target = tmp_path / "dossier.pdf"

    export_dossier(demo_db, case_id, ExportOptions(language, recipient=Recipient.LAWYER), target)

    words = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, check=True, text=True
    ).stdout
    joined = "".join(words.split())
    fields = ["client", "name", "notice", "statement", "summary", "outcome", "facts", "letter"]
    for field in [*fields, "title", "note"]:
        assert "".join(f"{TYPST} {field}".split()) in joined, field
    assert "#REF-[1]" in joined
    assert "root:x:0:0" not in words  # nothing was read from the computer
