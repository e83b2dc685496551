"""Writing an export so that a failure never leaves a half file at the chosen place."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _
from appealdesk.store.files import written_atomically


def check_target(target: Path) -> None:
    if target.is_dir():
        raise AppealDeskError(_("{path} is a folder; choose a file name.").format(path=target))
    if not target.parent.is_dir():
        raise AppealDeskError(
            _("The folder {folder} does not exist. Choose another folder.").format(
                folder=target.parent
            )
        )


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` that becomes ``target`` once all went well."""
    check_target(target)
    try:
        with written_atomically(target) as temporary:
            yield temporary
    except OSError as exc:
        raise _write_error(target, exc) from exc


def _write_error(target: Path, exc: OSError) -> AppealDeskError:
    if exc.errno == errno.ENOSPC:
        return AppealDeskError(_("The disk is full: the dossier was not saved. Free some space."))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return AppealDeskError(
            _("The folder {folder} cannot be written. Choose another folder.").format(
                folder=target.parent
            )
        )
    return AppealDeskError(
        _("The dossier could not be saved as {path}: {reason}").format(
            path=target, reason=exc.strerror or exc
        )
    )
