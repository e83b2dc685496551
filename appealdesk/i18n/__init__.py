"""Translation and localisation: gettext catalogs, Qt's own strings, babel formatting.

Reading typed dates back is in :mod:`appealdesk.i18n.date_input`, loaded where it is used.
"""

from appealdesk.i18n.bidi import isolate
from appealdesk.i18n.formatting import (
    format_date,
    format_datetime,
    format_days_left,
    format_file_size,
    format_number,
    format_time,
)
from appealdesk.i18n.language import (
    BABEL_LOCALES,
    LANGUAGE_NAMES,
    N_,
    SUPPORTED_LANGUAGES,
    Translator,
    UnsupportedLanguageError,
    _,
    check_language,
    current_language,
    ngettext,
    set_language,
    system_language,
    translator,
)

__all__ = [
    "BABEL_LOCALES",
    "LANGUAGE_NAMES",
    "N_",
    "SUPPORTED_LANGUAGES",
    "Translator",
    "UnsupportedLanguageError",
    "_",
    "check_language",
    "current_language",
    "format_date",
    "format_datetime",
    "format_days_left",
    "format_file_size",
    "format_number",
    "format_time",
    "isolate",
    "ngettext",
    "set_language",
    "system_language",
    "translator",
]
