"""Errors a user can act on. Their message is one clear, translated sentence."""

from __future__ import annotations


class AppealDeskError(Exception):
    """Base of all expected failures; the CLI prints the message, the UI shows it."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class ValidationError(AppealDeskError):
    """Input that cannot be stored as given."""


class NotFoundError(AppealDeskError):
    """A case, client, account or event that does not exist (any more)."""


class InvalidTransitionError(ValidationError):
    """A status change the case workflow does not allow."""


class DatabaseError(AppealDeskError):
    """The database cannot be opened or written."""


class DamagedDatabaseError(DatabaseError):
    """The file is not a usable AppealDesk database."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer AppealDesk than this one."""


class DatabaseInUseError(DatabaseError):
    """Another AppealDesk window has the database open."""


class KeyNeededError(DatabaseError):
    """The database is encrypted and no key was given to open it."""


class EditConflictError(AppealDeskError):
    """A field the user changed was changed meanwhile by someone else; nothing was saved.

    ``fields`` names them, ``by`` who changed one last (a team member's role), when known.
    """

    def __init__(self, message: str, fields: tuple[str, ...], by: str | None = None) -> None:
        super().__init__(message)
        self.fields = fields
        self.by = by
