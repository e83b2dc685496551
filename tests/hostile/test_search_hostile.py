"""Searching the case list with whatever is typed or pasted into the search field."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from appealdesk.domain.enums import CaseStatus, EventKind
from appealdesk.services import case_list, cases, clients, events
from appealdesk.services.case_rows import CaseQuery
from appealdesk.store.database import Database
from tests.hostile.hostile_text import FTS, HTML, SQL, hostile_text

TODAY = dt.date(2026, 11, 21)
_serial = itertools.count(1)


def new_case(db: Database, handle: str, **values: Any) -> int:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 9), new_account={"handle": handle}, **values
    )
    assert case.id is not None
    return case.id


def found(db: Database, typed: str) -> set[int]:
    """The cases the list shows for ``typed``, checked against the count it shows beside it."""
    query = CaseQuery(search=typed)
    rows = case_list.list_cases(db, query, today=TODAY, limit=1000)
    assert case_list.count_cases(db, query, today=TODAY) == len(rows)
    assert sum(case_list.status_counts(db, query, today=TODAY).values()) == len(rows)
    return {row.id for row in rows}


@pytest.fixture
def filled(db: Database) -> Database:
    """A few cases whose texts are themselves full of operators and markup."""
    for number, text in enumerate(["'; DROP TABLE cases; --", 'NEAR("a" b) AND *', "<b>x</b>"]):
        case_id = new_case(db, f"account{number}", notice_text=text, tags=[text])
        events.add_event(db, case_id, kind=EventKind.NOTE, summary=text, reference=text)
    return db


# Letters and digits of several scripts, the way a keyboard types them (precomposed), and
# what may sit around and between them in a notice or a handle. What the index splits
# by its own rules is tested on its own below.
LETTERS = st.sampled_from(
    list("abcxyzABCXYZ0189éèëçñøåßžłğışÉÇ") + list("мирΩπ中文字日本한국") + list("مرحباשלוםไทย٣٤")
)
EMOJI = ["😀", "👨\u200d👩\u200d👧\u200d👦", "🇳🇱", "❤️", "\u200d", "\u00ad"]
MARKS = ["\u200f", "\u200e", "\u202e", "\u202b", "\u202c"]  # not the isolates: see below
GLUE = st.sampled_from([*SQL, *FTS, *HTML, *EMOJI, *MARKS, "-", ".", "'", "’", "@", "#"])


@st.composite
def hostile_words(draw: st.DrawFn) -> str:
    """One "word" as a user sees it: no spaces, at least one letter or digit."""
    pieces = draw(st.lists(st.one_of(LETTERS, GLUE), min_size=1, max_size=8))
    word = "".join([*pieces, draw(LETTERS)] if draw(st.booleans()) else [draw(LETTERS), *pieces])
    assume(not any(ch.isspace() for ch in word))
    return word


@given(typed=hostile_text | st.text(alphabet=st.characters(exclude_categories=()), max_size=30))
def test_any_search_text_gives_a_list_never_an_error(filled: Database, typed: str) -> None:
    """Unbalanced quotes, FTS5 operators, NUL bytes, lone surrogates: all just text."""
    shown = found(filled, typed)
    assert shown <= found(filled, "")


@given(word=hostile_words())
def test_a_word_in_the_notice_finds_its_case(db: Database, word: str) -> None:
    case_id = new_case(
        db,
        f"account{next(_serial)}",
        notice_text=f"Uw account is geblokkeerd: {word} (zie beleid).",
    )
    assert case_id in found(db, word)
    assert case_id in found(db, f"  {word}\t")


def test_punctuation_alone_finds_nothing(filled: Database) -> None:
    """A user who types only quotes or operators sees an empty list, not every case."""
    for typed in ["'", '"', "*", "';--", "<>", "NEAR(", "-- /* */", "🤷", "\u200f\u202e", "\x00"]:
        if any(ch.isalnum() for ch in typed):
            continue
        assert found(filled, typed) == set(), typed


def test_words_in_handles_clients_and_references_are_found(db: Database) -> None:
    client = clients.create_client(db, name="Studio <Noord> & Zn")
    assert client.id is not None
    case_id = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 9),
        client_id=client.id,
        new_account={"handle": "@ünïcödé_ü"},
    ).id
    assert case_id is not None
    events.add_event(
        db, case_id, kind=EventKind.SUPPORT_CONTACTED, reference="REF-'42'; --", summary="مرحبا"
    )
    for typed in ["noord", "<Noord>", "Zn", "ünïcödé", "unicode", "REF-'42", "42'; --", "مرحبا"]:
        assert found(db, typed) == {case_id}, typed


def test_the_status_filter_and_a_hostile_search_combine(filled: Database) -> None:
    query = CaseQuery(search="DROP TABLE", statuses=frozenset({CaseStatus.NEW}))
    rows = case_list.list_cases(filled, query, today=TODAY)
    assert len(rows) == 1 and rows[0].status is CaseStatus.NEW


# FTS5 splits both the index and the typed text into words by the same rules, and the index
# takes direction isolates and skin-tone modifiers (newer than its Unicode tables) for
# separators, so a word a user can see is found however it was typed.


def test_a_turkish_capital_i_with_dot_finds_its_word(db: Database) -> None:
    case_id = new_case(db, "lotte", notice_text="Gebruiker uit İstanbul")
    assert found(db, "İstanbul") == {case_id}  # "istanbul" finds it


def test_a_word_pasted_with_decomposed_accents_finds_its_case(db: Database) -> None:
    case_id = new_case(db, "lotte", notice_text="éléphant")
    assert found(db, "e\u0301le\u0301phant") == {case_id}  # "éléphant" finds it


def test_a_word_right_after_an_emoji_with_a_skin_tone_is_found(db: Database) -> None:
    case_id = new_case(db, "lotte", notice_text="bedankt👍🏽geweldig")
    assert found(db, "geweldig") == {case_id}  # after "👍" without a skin tone it is found


def test_a_name_wrapped_in_direction_isolates_is_found(db: Database) -> None:
    """Names copied from a chat app often come wrapped in FSI … PDI (U+2068, U+2069), which
    the index's older Unicode table takes for letters of the word."""
    case_id = new_case(db, "lotte", notice_text="Gemeld door \u2068femke\u2069 gisteren")
    assert found(db, "femke") == {case_id}
