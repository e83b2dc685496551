"""gettext with a language that can change while the application runs.

Source strings are English. ``_()`` looks the message up in the current language each time
it is called, so widgets fetch their texts again in ``retranslate_ui()`` after a switch.
Exports in another language than the UI use a :class:`Translator` of their own.
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
from functools import cache
from typing import Any

from appealdesk.i18n.catalogs import compiled_catalog

SUPPORTED_LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}  # each in its own language
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


class UnsupportedLanguageError(ValueError):
    pass


def check_language(language: str) -> str:
    if language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            f"unsupported language {language!r}; choose one of: {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return language


@cache
def _translations(language: str) -> gettext.NullTranslations:
    mo = compiled_catalog(language)
    if mo is None:
        return gettext.NullTranslations()
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


class Translator:
    """The messages of one language, independent of the UI language."""

    def __init__(self, language: str) -> None:
        self.language = check_language(language)
        self._catalog = _translations(language)

    @property
    def babel_locale(self) -> str:
        return BABEL_LOCALES[self.language]

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)


_current = Translator(DEFAULT_LANGUAGE)
_qt_translator: Any = None


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks a string for translation where it is defined; ``_()`` translates it where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def current_language() -> str:
    return _current.language


def translator(language: str | None = None) -> Translator:
    return _current if language is None else Translator(language)


def _qt_ui_languages() -> list[str]:
    """The languages the desktop prefers, as Qt knows them (when Qt is loaded at all)."""
    if "PySide6.QtCore" not in sys.modules:
        return []
    from PySide6.QtCore import QLocale

    return list(QLocale.system().uiLanguages())


def system_language() -> str:
    """The supported language closest to the system locale, for the first start."""
    names = _qt_ui_languages()
    names.extend(os.environ.get(var, "") for var in ("LC_ALL", "LC_MESSAGES", "LANG"))
    names.append(locale.getlocale()[0] or "")
    for name in names:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in SUPPORTED_LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch the whole application: our catalog, Qt's own strings and QLocale's default."""
    global _current
    _current = Translator(language)
    if "PySide6.QtCore" in sys.modules:  # the command line never loads Qt just for this
        _apply_to_qt(language)


def _apply_to_qt(language: str) -> None:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    global _qt_translator
    QLocale.setDefault(QLocale(BABEL_LOCALES[language]))
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    if language == "en":
        return
    qt_translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", folder):
        QCoreApplication.installTranslator(qt_translator)
        _qt_translator = qt_translator
