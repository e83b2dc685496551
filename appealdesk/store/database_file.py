"""What is at a database's path, judged without opening it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _


def database_file_status(path: Path) -> os.stat_result | None:
    """The status of the file at ``path``, or None when there is none. A folder, and
    anything else that is not an ordinary file, is refused without being opened: a FIFO
    would block the first read for ever, and a device is nobody's database."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError:
        raise DatabaseError(_("No permission to read {path}.").format(path=path)) from None
    except OSError as exc:
        raise DatabaseError(
            _("The database {path} cannot be read: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    if stat.S_ISDIR(status.st_mode):
        raise DatabaseError(_("{path} is a folder, not a database file.").format(path=path))
    if not stat.S_ISREG(status.st_mode):
        raise DatabaseError(
            _(
                "{path} is not an ordinary file (but a device, a pipe or a socket, say), "
                "so it cannot be a database."
            ).format(path=path)
        )
    return status
