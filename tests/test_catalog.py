"""Every string marked for translation has a proper Dutch translation, and the catalogs agree."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%(?:\([a-z_]+\))?[sdif]")


def _source_messages() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    method_map = [("appealdesk/**.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _catalog(language: str):
    path = ROOT / "translations" / language / "LC_MESSAGES" / "appealdesk.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language, abort_invalid=True)


def _id(message) -> str | tuple[str, ...]:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _placeholders(texts) -> list[set[str]]:
    return [set(PLACEHOLDER.findall(t)) for t in ([texts] if isinstance(texts, str) else texts)]


SOURCE = _source_messages()


def test_the_template_lists_exactly_the_marked_strings() -> None:
    with (ROOT / "translations" / "appealdesk.pot").open("rb") as handle:
        template = {_id(m) for m in read_po(handle) if m.id}
    assert SOURCE - template == set(), "run `make translations`"
    assert template - SOURCE == set(), "run `make translations`"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_marked_string_is_in_the_catalog(language: str) -> None:
    catalog = {_id(m): m for m in _catalog(language) if m.id}
    assert SOURCE - set(catalog) == set()


def test_every_dutch_translation_is_complete_and_not_fuzzy() -> None:
    problems = []
    for message in _catalog("nl"):
        if not message.id:
            continue
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(s.strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_placeholders_are_the_same_in_every_language(language: str) -> None:
    problems = []
    for message in _catalog(language):
        if not message.id:
            continue
        source = set().union(*_placeholders(message.id))
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for translated in filter(None, strings):
            if set(PLACEHOLDER.findall(translated)) != source:
                problems.append(f"{message.id!r} → {translated!r}")
    assert problems == []


def test_the_catalogs_compile(tmp_path: Path) -> None:
    from appealdesk.i18n.catalogs import compile_catalog

    for language in ("nl", "en"):
        target = tmp_path / f"{language}.mo"
        compile_catalog(ROOT / "translations" / language / "LC_MESSAGES" / "appealdesk.po", target)
        assert target.stat().st_size > 0


def test_dutch_is_used_when_chosen() -> None:
    import datetime as dt

    from appealdesk.domain.enums import CaseStatus
    from appealdesk.domain.labels import label
    from appealdesk.i18n import format_date, set_language

    set_language("nl")
    assert label(CaseStatus.REJECTED) == "Afgewezen"
    assert format_date(dt.date(2026, 11, 21)) == "21 november 2026"
    set_language("en")
    assert label(CaseStatus.REJECTED) == "Rejected"
    assert format_date(dt.date(2026, 11, 21)) == "21 November 2026"


def test_no_message_hides_inside_an_f_string() -> None:
    """Babel does not look inside f-strings: ``f"{_('Hello')}"`` would never be translated."""
    import io
    import tokenize

    hidden = []
    for path in sorted((ROOT / "appealdesk").rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
        for token in tokens:
            kind_is_fstring = token.type == tokenize.STRING or token.type == getattr(
                tokenize, "FSTRING_START", -1
            )
            prefix = token.string[:2].lower()
            if (
                kind_is_fstring
                and "f" in prefix
                and re.search(r"\b(_|N_|ngettext)\(", token.string)
            ):
                hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert hidden == []
