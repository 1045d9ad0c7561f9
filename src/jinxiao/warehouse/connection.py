"""The warehouse connection: one SQLAlchemy engine for SQLite or PostgreSQL, kept migrated."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from jinxiao.config import Campaign
from jinxiao.domain.errors import ConfigError, Unfixable
from jinxiao.domain.times import to_db_time
from jinxiao.warehouse.ddl import migration_sources, upgrade


@dataclass(frozen=True)
class WarehouseConfig:
    kind: str  # "sqlite" or "postgresql"
    path: str | None = None
    host: str | None = None
    port: int | None = None
    login: str | None = None
    password: str | None = None
    database: str | None = None

    def url(self) -> URL:
        if self.kind == "sqlite":
            return URL.create("sqlite", database=self.path)
        return URL.create(
            "postgresql+psycopg",
            username=self.login,
            password=self.password or None,
            host=self.host or "127.0.0.1",
            port=self.port or 5432,
            database=self.database or "postgres",
        )

    def describe(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:{self.path}"
        return f"postgresql://{self.login}@{self.host}:{self.port or 5432}/{self.database}"


def warehouse_config_from_conn(
    conn_type: str,
    host: str | None,
    port: int | None,
    login: str | None,
    password: str | None,
    schema: str | None,
) -> WarehouseConfig:
    """Map an Airflow connection (CONTRACT §3 formats) to a WarehouseConfig."""
    kind = (conn_type or "").lower()
    if kind == "sqlite":
        if not host:
            raise ConfigError("warehouse connection of type sqlite needs host = /abs/path.db")
        return WarehouseConfig("sqlite", path=host)
    if kind in ("postgres", "postgresql"):
        return WarehouseConfig(
            "postgresql", host=host, port=port, login=login, password=password, database=schema
        )
    raise ConfigError(f"warehouse connection type {conn_type!r} is not sqlite or postgres")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets analysts read while a run writes; the timeout rides out a concurrent writer.
    cur.execute("PRAGMA journal_mode=WAL")
    # synchronous stays FULL: every commit durable. NORMAL saves ~1 ms a message but a power
    # cut could then roll back outcomes of mail already moved out of the inbox, and the
    # outbox's 'sent' marks (replies would go out twice).
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def connect(cfg: WarehouseConfig) -> Engine:
    if cfg.kind == "sqlite":
        if cfg.path is None:
            # Path(None) failed here before; an in-memory warehouse would lose every run.
            raise ConfigError("a sqlite warehouse needs a path")
        Path(cfg.path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(cfg.url())
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A bounded connect: an unroutable host fails (and is retried) instead of hanging the task.
    return create_engine(cfg.url(), pool_pre_ping=True, connect_args={"connect_timeout": 20})


def _schema_digest(campaign: Campaign, divisions: list[tuple[str, str, str, str]]) -> str:
    h = hashlib.sha256()
    for path in migration_sources():
        h.update(path.name.encode() + path.read_bytes())
    h.update(repr((campaign, divisions)).encode())
    return h.hexdigest()


def migrate(engine: Engine, campaign: Campaign, divisions: list[tuple[str, str, str, str]]) -> None:
    """Upgrade the tables (Alembic), recreate the views and refresh the reference tables.

    Every task calls this; the digest of the revisions, the SQL and the config keeps it to
    one cheap query when nothing changed, so concurrent tasks do not rebuild views under
    each other.
    """
    digest = _schema_digest(campaign, divisions)
    if _current_digest(engine) == digest:
        return
    # One migrator at a time, the digest read again once it is ours. Two intakes started
    # together on a new warehouse both found no digest and rebuilt the views at once: on
    # SQLite the driver runs DDL outside the transaction, so one failed with "view ...
    # already exists" (on PostgreSQL two CREATE TABLE IF NOT EXISTS can collide likewise).
    with _exclusive(engine, _MIGRATE_LOCK_KEY, "migrate-lock", MIGRATE_WAIT_SECONDS, _no_migrate):
        with engine.begin() as conn:
            conn.execute(
                text("CREATE TABLE IF NOT EXISTS warehouse_meta (key TEXT PRIMARY KEY, value TEXT)")
            )
        if _current_digest(engine) == digest:
            return
        with engine.begin() as conn:
            _run_migration(conn, engine, campaign, divisions, digest)


def _current_digest(engine: Engine) -> str | None:
    if not inspect(engine).has_table("warehouse_meta"):
        return None
    with engine.connect() as conn:
        value = conn.execute(
            text("SELECT value FROM warehouse_meta WHERE key = 'schema_digest'")
        ).scalar()
    return None if value is None else str(value)


def _no_migrate() -> Exception:
    return RuntimeError(
        f"another run has been migrating the warehouse for {MIGRATE_WAIT_SECONDS} s"
    )


def _run_migration(
    conn,
    engine: Engine,
    campaign: Campaign,
    divisions: list[tuple[str, str, str, str]],
    digest: str,
) -> None:
    upgrade(conn)
    _seed_reference(conn, campaign, divisions)
    conn.execute(
        text(
            "INSERT INTO warehouse_meta (key, value) VALUES ('schema_digest', :d) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"d": digest},
    )


# Columns added to a table after warehouses with that table were created: CREATE TABLE IF NOT
# EXISTS leaves an existing table as it was, so each is added here when it is missing.
def _seed_reference(conn, campaign: Campaign, divisions: list[tuple[str, str, str, str]]) -> None:
    for city in campaign.cities:
        conn.execute(
            text(
                "INSERT INTO city (city_code, city_name) VALUES (:c, :n) "
                "ON CONFLICT (city_code) DO UPDATE SET city_name = excluded.city_name"
            ),
            {"c": city.code, "n": city.name},
        )
    for code, name, city_code, city_name in divisions:
        conn.execute(
            text(
                "INSERT INTO county (county_code, county_name, city_code, city_name) "
                "VALUES (:a, :b, :c, :d) ON CONFLICT (county_code) DO UPDATE SET "
                "county_name = excluded.county_name, city_code = excluded.city_code, "
                "city_name = excluded.city_name"
            ),
            {"a": code, "b": name, "c": city_code, "d": city_name},
        )
    for form in campaign.forms.values():
        conn.execute(
            text(
                "INSERT INTO form_deadline (form, title, deadline, deadline_at, deadline_note) "
                "VALUES (:f, :t, :d, :at, :n) ON CONFLICT (form) DO UPDATE SET "
                "title = excluded.title, deadline = excluded.deadline, "
                "deadline_at = excluded.deadline_at, deadline_note = excluded.deadline_note"
            ),
            {
                "f": form.code,
                "t": form.title,
                "d": form.deadline.isoformat(),
                "at": to_db_time(form.deadline_end(campaign.tz)),
                "n": form.deadline_note,
            },
        )


def open_warehouse(cfg: WarehouseConfig, campaign: Campaign) -> Engine:
    """Connect and bring tables, views and the county list up to date: every entry point's way in."""
    from jinxiao.normalise.values import county_table

    engine = connect(cfg)
    deadline = time.monotonic() + REFUSED_GRACE_SECONDS
    while True:
        try:
            migrate(engine, campaign, county_table())
            return engine
        except SQLAlchemyError as exc:
            fix = unfixable_reason(exc)
            if fix == _REFUSED and time.monotonic() < deadline:
                # A restarting PostgreSQL refuses for a few seconds; a wrong port for ever.
                time.sleep(1.0)
                continue
            # The driver's message rarely says which warehouse: ops need dialect, host and db.
            if fix is not None:
                raise WarehouseUnfixable(f"warehouse {cfg.describe()}: {fix}: {exc}") from exc
            raise WarehouseUnavailable(f"warehouse {cfg.describe()}: {exc}") from exc


# How long a refused connection is tried again before it counts as a wrong host or port.
REFUSED_GRACE_SECONDS = 10.0
_REFUSED = "nothing accepts connections there (check host and port, or start the server)"
# Driver messages that no retry changes -> what to fix. Everything else (timeouts, resets,
# "the database system is starting up", a resolver's temporary failure) is retried.
_UNFIXABLE = (
    ("password authentication failed", "the login or password is wrong"),
    ("no pg_hba.conf entry", "the server does not let this host or user in (pg_hba.conf)"),
    ('database "', "the database does not exist: check the schema (create the database)"),
    ('role "', "the role does not exist: check the login"),
    ("name or service not known", "the host name does not resolve: check the host"),
    ("nodename nor servname", "the host name does not resolve: check the host"),
    ("connection refused", _REFUSED),
    ("unable to open database file", "the SQLite file cannot be opened: check the path"),
    ("attempt to write a readonly database", "the SQLite file is read-only: fix permissions"),
    ("file is not a database", "the SQLite file is not a database: check the path"),
)


def unfixable_reason(exc: BaseException) -> str | None:
    """What to fix when `exc` is a warehouse failure no retry heals; None when it may heal."""
    said = str(getattr(exc, "orig", None) or exc).lower()
    for needle, fix in _UNFIXABLE:
        # 'database "x" does not exist' / 'role "x" does not exist', not any missing relation.
        if needle in said and (not needle.endswith('"') or "does not exist" in said):
            return fix
    return None


class WarehouseUnavailable(RuntimeError):
    """The warehouse could not be opened or migrated; the message names which one."""


class WarehouseUnfixable(WarehouseUnavailable, Unfixable):
    """The warehouse refuses this configuration (login, database, host, path): no retry."""


class IntakeBusy(RuntimeError):
    """Another intake holds the warehouse's lock; this one did not start."""


class OutboxBusy(RuntimeError):
    """Another run is sending the outbox; this one left the sending to it."""


# pg_advisory_lock keys: any fixed bigints; the first spells "jinxiao" in ASCII, the second
# "jxoutbox".
_INTAKE_LOCK_KEY = 0x6A696E7869616F
_OUTBOX_LOCK_KEY = 0x6A786F7574626F78
_MIGRATE_LOCK_KEY = 20210423
MIGRATE_WAIT_SECONDS = 300.0


@contextlib.contextmanager
def intake_lock(engine: Engine, wait_seconds: float = 300.0) -> Iterator[None]:
    """One intake at a time per warehouse, so two runs never decide the same message.

    PostgreSQL: a session advisory lock. SQLite: an flock on a file beside the database
    (a lock row would outlive a SIGKILLed run; the kernel drops an flock with the process).
    Waits up to `wait_seconds`, then raises IntakeBusy.
    """

    def busy() -> Exception:
        return IntakeBusy(
            f"intake already running on {describe_engine(engine)}; this run did not start"
        )

    with _exclusive(engine, _INTAKE_LOCK_KEY, "intake-lock", wait_seconds, busy):
        yield


@contextlib.contextmanager
def outbox_lock(engine: Engine, wait_seconds: float) -> Iterator[None]:
    """One sender of the outbox at a time per warehouse (the same kinds of lock as
    intake_lock): whoever holds it knows a row still 'sending' was claimed by a run that
    died. Waits up to `wait_seconds`, then raises OutboxBusy."""

    def busy() -> Exception:
        return OutboxBusy(f"another run is sending the outbox of {describe_engine(engine)}")

    with _exclusive(engine, _OUTBOX_LOCK_KEY, "outbox-lock", wait_seconds, busy):
        yield


@contextlib.contextmanager
def _exclusive(
    engine: Engine, key: int, suffix: str, wait_seconds: float, busy: Callable[[], Exception]
) -> Iterator[None]:
    deadline = time.monotonic() + wait_seconds
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            lock = text("SELECT pg_try_advisory_lock(:k)")
            while not conn.execute(lock, {"k": key}).scalar():
                _wait_or_give_up(deadline, busy)
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.{suffix}", "a+b") as fh:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _wait_or_give_up(deadline, busy)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _wait_or_give_up(deadline: float, busy: Callable[[], Exception]) -> None:
    if time.monotonic() >= deadline:
        raise busy()
    time.sleep(0.5)


def describe_engine(engine: Engine) -> str:
    """dialect://host:port/database, never the password: what every warehouse error names."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite:{url.database}"
    return f"{url.get_backend_name()}://{url.host or 'localhost'}:{url.port or ''}/{url.database}"
