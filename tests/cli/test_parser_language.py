"""The command line speaks one language: argparse's own words follow --lang too."""

import pytest

from tests.cli.test_cli import appealdesk

ENGLISH_WORDS = ("usage:", "options:", "show this help", "positional arguments", "FILE")


def test_the_dutch_help_has_no_english_words_of_argparse() -> None:
    result = appealdesk("export", "--lang", "nl", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: appealdesk export")
    assert "opties:" in result.stdout
    assert "-h, --help            deze hulp tonen en stoppen" in result.stdout
    assert "--out BESTAND" in result.stdout  # as the help text below it says: BESTAND.pdf
    assert "ZAAKNUMMER" in result.stdout
    for english in ENGLISH_WORDS:
        assert english not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("export",),
            "appealdesk export: deze argumenten ontbreken: ZAAKNUMMER, --out (zie --help)",
        ),
        (
            ("cases", "--format", "xml"),
            "appealdesk cases: argument --format: ongeldige keuze: 'xml' "
            "(kies uit 'table', 'csv', 'json') (zie --help)",
        ),
        (("cases", "--bogus"), "appealdesk: onbekende argumenten: --bogus (zie --help)"),
        (("export", "TT-1", "--out"), "argument --out: verwacht één waarde"),
    ],
)
def test_a_dutch_argument_error_is_dutch(args: tuple[str, ...], message: str) -> None:
    result = appealdesk(*args, "--lang", "nl")
    assert result.returncode == 2
    assert message in result.stderr
    assert "required" not in result.stderr and "invalid" not in result.stderr


def test_the_english_command_line_keeps_argparse_words() -> None:
    result = appealdesk("export", "--lang", "en")
    assert result.returncode == 2
    assert "the following arguments are required: CASE_NUMBER, --out" in result.stderr
    assert appealdesk("--lang", "en", "--help").stdout.startswith("usage: appealdesk")
