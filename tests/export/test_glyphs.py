"""Text no font can draw is shown as the replacement character, so PDF/A accepts the dossier."""

from __future__ import annotations

import pytest

from appealdesk.export.glyphs import REPLACEMENT, shown, shown_data

# A private-use character: no font assigns it a glyph.
NO_FONT_HAS_IT = "\U0010fffd"


def test_what_no_font_has_is_replaced_and_the_rest_kept() -> None:
    assert shown(f"Lotte {NO_FONT_HAS_IT} x") == f"Lotte {REPLACEMENT} x"
    for kept in ("Zoë — “quoted” · 12 €", "مرحبا שלום", "e\u0301", "a\u200db", "\u202eLTR"):
        assert shown(kept) == kept


def test_the_byte_order_mark_is_left_out() -> None:
    assert shown("a\ufeffb") == "ab"


def test_white_space_is_kept_beside_text_that_needs_a_font() -> None:
    assert shown("Zoë\tzegt:\r\nja") == "Zoë\tzegt:\r\nja"


def test_names_of_files_and_labels_stay_as_they_are() -> None:
    face = NO_FONT_HAS_IT
    data = {"title": face, "file": f"{face}.png", "items": [{"goto": face, "text": face}]}
    assert shown_data(data) == {
        "title": REPLACEMENT,
        "file": f"{face}.png",
        "items": [{"goto": face, "text": REPLACEMENT}],
    }


def test_typeset_punctuation_needs_no_system_font() -> None:
    """The characters taken as drawn without a look into the system's fonts really are:
    Typst's own serif font draws them in a PDF/A document, with no other font to fall back on."""
    import typst

    from appealdesk.export.glyphs import _TYPOGRAPHIC

    own_fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)
    text = _TYPOGRAPHIC + "".join(map(chr, range(0xA0, 0x250)))
    source = f'#set text(font: "Libertinus Serif", fallback: false)\n#"{text}"'.encode()
    assert typst.compile(source, font_paths=own_fonts, pdf_standards=["a-3b"])


MARKS_ON_LETTERS = [
    "--\u064e",  # an Arabic vowel sign after a hyphen: Hypothesis found it
    "e\u0301\u064e",  # one accent the serif font has, then one it lacks
    "x\u20dd",  # an enclosing circle on a Latin letter
    "\ufffd\u064e",  # a mark on a character that was replaced already
]
MARKS_THAT_FIT = ["\u0628\u064e", "e\u0301", "-\u0301", "1\ufe0f\u20e3", " \u064e", "ø\u0327"]


@pytest.mark.parametrize("text", MARKS_ON_LETTERS + MARKS_THAT_FIT)
def test_a_mark_the_letters_font_lacks_is_replaced_and_the_rest_prints_as_pdf_a(
    text: str,
) -> None:
    """Typst draws a mark in the font of the character it sits on; PDF/A refuses the document
    when that font lacks the mark, even when another font has it."""
    import typst

    from appealdesk.export.typesetting import PDF_STANDARD, fonts

    replaced: set[str] = set()
    printed = shown(text, replaced)
    if text in MARKS_THAT_FIT:
        assert (printed, replaced) == (text, set())
    else:
        assert printed == text[:-1] + REPLACEMENT and replaced == {text[-1]}
    source = b"#sys.inputs.text\n"
    pdf = typst.compile(
        source, font_paths=fonts(), sys_inputs={"text": printed}, pdf_standards=[PDF_STANDARD]
    )
    assert pdf.startswith(b"%PDF")
