"""Shared fixtures. Qt runs offscreen; every test gets its own real database under tmp_path."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything can create a QApplication
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import datetime as dt
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from appealdesk.i18n import set_language
from appealdesk.services.demo import create_demo_database
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.postgres import PostgresServer, running_server, server_binaries

pytest_plugins = ["tests.stuck_watch"]

TODAY = dt.date.today()

# Property tests: "dev" for the quick loop, "ci" for the full run (make test), "default" in
# between for a plain pytest. HYPOTHESIS_PROFILE chooses one. Examples run on real databases
# and images, so no example has a deadline, and function-scoped fixtures (a database per test,
# shared by its examples) are intended.
_PROPERTY_TESTS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("dev", _PROPERTY_TESTS, max_examples=10)
settings.register_profile("default", _PROPERTY_TESTS, max_examples=25)
settings.register_profile("ci", _PROPERTY_TESTS, max_examples=100, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings, logs and caches of the code under test stay out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    # Nor do keys go into the developer's keyring; the keyring tests start one of their own.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    for variable in ("APPEALDESK_PASSPHRASE", "APPEALDESK_RECOVERY_KEY", "APPEALDESK_KEYRING"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(autouse=True)
def no_unanswered_dialog(request: pytest.FixtureRequest) -> Iterator[None]:
    """A Qt test whose dialog nobody answers fails after a while instead of hanging."""
    if "qapp" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qapp")
    from tests.modal_watch import unanswered_dialogs_closed

    with unanswered_dialogs_closed() as closed:
        yield
    assert not closed, f"a dialog waited for an answer that never came: {closed}"


@pytest.fixture(scope="session")
def new_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database, as open_workspace makes it; copied for each test (its migrations
    take a quarter of a second, a copy a few milliseconds)."""
    path = tmp_path_factory.mktemp("new") / "cases.db"
    open_workspace(path).close()
    return path


def new_database(new_database_file: Path, path: Path) -> Database:
    shutil.copyfile(new_database_file, path)
    return open_workspace(path)


@pytest.fixture
def db(tmp_path: Path, new_database_file: Path) -> Iterator[Database]:
    database = new_database(new_database_file, tmp_path / "cases.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Path:
    """The demo draws its screenshots, which needs the (one) QApplication of the tests."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo_database(path, language="nl", today=TODAY)
    return path


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    evidence = evidence_dir_for(demo_template)
    shutil.copytree(evidence, evidence_dir_for(path))
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    database = open_workspace(demo_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One PostgreSQL server per test process; skipped where PostgreSQL is not installed,
    unless APPEALDESK_REQUIRE_POSTGRES is set (as CI does), where that is a failure."""
    if server_binaries() is None:
        if os.environ.get("APPEALDESK_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's initdb and pg_ctl are not installed")
        pytest.skip("PostgreSQL is not installed")
    passfile = tmp_path_factory.mktemp("pgpass") / "pgpass"
    with running_server(passfile) as server:
        yield server


@pytest.fixture
def pg_url(postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of a new, empty database on the test server, as its administrator; libpq
    finds the password in the server's .pgpass file, in this process and its children."""
    monkeypatch.setenv("PGPASSFILE", str(postgres_server.passfile))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    name = f"t_{uuid.uuid4().hex[:16]}"
    postgres_server.create_database(name)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_template(postgres_server: PostgresServer) -> str:
    """A database with AppealDesk's schema and reference data, copied for each test."""
    name = "appealdesk_template"
    postgres_server.create_database(name)
    os.environ["PGPASSFILE"] = str(postgres_server.passfile)
    open_workspace(postgres_server.url(name)).close()
    return name


@pytest.fixture
def team_url(
    postgres_server: PostgresServer, pg_template: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The URL of a new team database with AppealDesk's schema, as its administrator."""
    monkeypatch.setenv("PGPASSFILE", str(postgres_server.passfile))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    name = f"t_{uuid.uuid4().hex[:16]}"
    postgres_server.create_database(name, template=pg_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def engine_db(
    request: pytest.FixtureRequest, tmp_path: Path, new_database_file: Path
) -> Iterator[Database]:
    """A new database on each engine in turn: a file, then a team database on PostgreSQL.
    Tests marked ``sqlite_only`` (a database file's own features) run on the file only."""
    if request.param == "sqlite":
        database = new_database(new_database_file, tmp_path / "cases.db")
    else:
        if request.node.get_closest_marker("sqlite_only"):
            pytest.skip("about a database file")
        database = open_workspace(request.getfixturevalue("team_url"))
    yield database
    database.close()
