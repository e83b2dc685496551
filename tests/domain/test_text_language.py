"""The small-word rule that tells Dutch from English, and stays silent when unsure."""

from __future__ import annotations

import pytest

from appealdesk.domain.text_language import guess_language
from appealdesk.export.quoting import quoted_in


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mijn account is geblokkeerd, maar ik heb niets verkeerd gedaan.", "nl"),
        ("Ik heb een video geplaatst over mijn hond en toen werd het account geschorst.", "nl"),
        ("My account was blocked, but I have not done anything wrong.", "en"),
        ("I posted a video about my dog and then the account was suspended.", "en"),
        ("Your account has been suspended for harassment and bullying.", "en"),
    ],
)
def test_a_clear_text_is_recognised(text: str, language: str) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Parodie",
        "TT-APL-57730112",
        "https://www.tiktok.com/@femke.filmt",
        "Screenshot 12-11",
        "in is was we over",  # words both languages use say nothing
        "I heb een account",  # too few words to be sure
    ],
)
def test_a_short_or_mixed_text_is_not_guessed(text: str) -> None:
    assert guess_language(text) is None


def test_only_another_language_is_marked() -> None:
    dutch = "Ik heb niets gedaan wat niet mag en ik wil mijn account terug."
    assert quoted_in(dutch, "en") == "(quoted in Dutch)"
    assert quoted_in(dutch, "nl") == ""
    english = "I have not done anything that is not allowed and I want my account back."
    assert quoted_in(english, "nl") == "(geciteerd in het Engels)"
    assert quoted_in(english, "en") == ""
    assert quoted_in("Parodie", "en") == ""
