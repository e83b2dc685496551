"""One clear sentence for a file operation that failed: full disk, no permission, other."""

from __future__ import annotations

import errno
from pathlib import Path

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _


def file_error(path: Path, exc: OSError) -> DatabaseError:
    """A clear sentence for a failed file operation on ``path``."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DatabaseError(_("The disk is full: nothing was changed. Free some space."))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DatabaseError(
            _("{path} cannot be written (no permission or a read-only disk).").format(path=path)
        )
    return DatabaseError(
        _("{path} could not be written: {reason}").format(path=path, reason=exc.strerror or exc)
    )


def read_error_reason(exc: OSError) -> str:
    """Why a file could not be read, in a few words for the middle of a sentence."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to read it")
    if exc.errno == errno.EIO:
        return _("the disk could not read it")
    if exc.errno in (errno.EISDIR, errno.EINVAL):
        return _("it is not a regular file")
    return exc.strerror or str(exc)
