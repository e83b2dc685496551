"""Where a team's database is and how a member logs in to it.

A location is a libpq URL, ``postgresql://user@host:port/dbname``. Each member logs in with
their own PostgreSQL role, whose name the database itself records in the audit log. The
password comes from the OS keyring (``appealdesk team login``), or from where libpq looks
itself: ``PGPASSWORD`` or the ``.pgpass`` file. A password written in the URL is used for that
connection only: it is never shown, logged or kept in the settings.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _
from appealdesk.store.encryption.keyring_entry import enabled as keyring_enabled

if TYPE_CHECKING:
    import psycopg

KEYRING_SERVICE = "AppealDesk PostgreSQL"
# Names this process in pg_stat_activity, and in its change notices, so that it can tell
# its own commits from those of the other members.
PROCESS_TOKEN = secrets.token_hex(6)
APPLICATION_NAME = f"AppealDesk {PROCESS_TOKEN}"
CONNECT_TIMEOUT_S = 10

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PostgresTarget:
    """A parsed ``postgresql://`` URL; ``password`` only when the URL held one."""

    user: str
    host: str
    port: int
    dbname: str
    options: dict[str, str] = field(default_factory=dict)
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def url(self) -> str:
        """The URL to show and to keep in the settings: never with the password."""
        user = f"{_quote(self.user)}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{user}{host}:{self.port}/{_quote(self.dbname)}"

    @property
    def keyring_account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def with_user(self, user: str) -> PostgresTarget:
        return PostgresTarget(user, self.host, self.port, self.dbname, dict(self.options))


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def parse_url(url: str) -> PostgresTarget:
    """The parts of ``url``, or a :class:`DatabaseError` saying what is wrong with it."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts: dict[str, Any] = conninfo_to_dict(url.strip())
    except Exception as exc:  # psycopg.ProgrammingError, with libpq's wording
        raise DatabaseError(_("This is not a PostgreSQL address: {reason}").format(
            reason=str(exc).strip() or type(exc).__name__)) from None  # fmt: skip
    dbname = str(parts.pop("dbname", "") or "")
    if not dbname:
        raise DatabaseError(
            _("The address names no database: write it as postgresql://user@host:port/name.")
        )
    user = str(parts.pop("user", "") or "") or _default_user()
    host = str(parts.pop("host", "") or "") or "localhost"
    if "," in host:
        raise DatabaseError(_("Give one server in the address, not several."))
    try:
        port = int(parts.pop("port", "") or 5432)
    except ValueError:
        raise DatabaseError(_("The port in the address is not a number.")) from None
    password = parts.pop("password", None)
    options = {str(k): str(v) for k, v in parts.items()}
    return PostgresTarget(user, host, port, dbname, options, password=password or None)


def _default_user() -> str:
    import getpass

    return os.environ.get("PGUSER") or getpass.getuser()


_asked: dict[str, str | None] = {}  # the keyring's answer per login, asked once per process


def stored_password(target: PostgresTarget) -> str | None:
    """The member's password from the OS keyring, or None (then libpq looks itself); the
    keyring is asked once per process, not for every connection."""
    if not keyring_enabled():
        return None
    account = target.keyring_account
    if account not in _asked:
        try:
            import keyring

            _asked[account] = keyring.get_password(KEYRING_SERVICE, account)
        except Exception as exc:  # every backend has errors of its own
            log.info("the keyring could not be read (%s)", type(exc).__name__)
            _asked[account] = None
    return _asked[account]


def store_password(target: PostgresTarget, password: str) -> bool:
    """Keeps ``password`` in the OS keyring; False when there is none that works."""
    if not keyring_enabled():
        return False
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, target.keyring_account, password)
    except Exception as exc:
        log.info("the keyring could not store the password (%s)", type(exc).__name__)
        return False
    _asked[target.keyring_account] = password
    return True


def connect(target: PostgresTarget, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A new connection as the target's role; a :class:`DatabaseError` in one sentence when
    the server cannot be reached or refuses the login.

    The password is libpq's to find first (PGPASSWORD, .pgpass, or none needed); only when
    the server asks for one that libpq has not, the keyring is asked (loading it and asking
    it takes a fifth of a second), and then once per process."""
    import psycopg

    password = target.password or _asked.get(target.keyring_account)
    try:
        return _connect(target, password, autocommit)
    except psycopg.OperationalError as exc:
        if password is None and _password_refused(exc):
            stored = stored_password(target)
            if stored is not None:
                try:
                    return _connect(target, stored, autocommit)
                except psycopg.OperationalError as again:
                    raise connection_error(target, again) from None
        raise connection_error(target, exc) from None


def _password_refused(exc: Exception) -> bool:
    reason = str(exc)
    return "no password supplied" in reason or "password authentication failed" in reason


def _connect(
    target: PostgresTarget, password: str | None, autocommit: bool
) -> psycopg.Connection[Any]:
    import psycopg

    settings: dict[str, Any] = {
        **target.options,
        "host": target.host,
        "port": target.port,
        "dbname": target.dbname,
        "user": target.user,
        "application_name": APPLICATION_NAME,
        "connect_timeout": CONNECT_TIMEOUT_S,
    }
    if password is not None:
        settings["password"] = password
    return psycopg.connect(autocommit=autocommit, **settings)


def connection_error(target: PostgresTarget, exc: Exception) -> DatabaseError:
    reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    if "password" in reason and ("no password" in reason or "authentication failed" in reason):
        return DatabaseError(
            _(
                "The server at {url} did not accept the login of {user}: {reason}. Store the "
                "password with “appealdesk team login --db {url}”, or in PGPASSWORD or the "
                ".pgpass file."
            ).format(url=target.url, user=target.user, reason=reason)
        )
    return DatabaseError(
        _("Cannot connect to the team database at {url}: {reason}").format(
            url=target.url, reason=reason
        )
    )
