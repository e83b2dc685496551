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
