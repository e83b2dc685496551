"""argparse's own words ("usage:", "options", its error messages) in the command line's language.

argparse looks its texts up through gettext's process-wide domain, which knows nothing of
``--lang``, so a Dutch command line said "usage:" and "the following arguments are required".
Its two lookup functions are pointed at AppealDesk's catalogs, which translate the texts
below (those our commands can meet); a text argparse words differently in another Python
version stays English.
"""

from __future__ import annotations

import argparse

from appealdesk.i18n import N_, _, ngettext

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def translate_argparse() -> None:
    """argparse's texts follow the language set with :func:`appealdesk.i18n.set_language`."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse's own global, not in its stubs
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
