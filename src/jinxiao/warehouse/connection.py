"""The warehouse connection: one SQLAlchemy engine for SQLite or PostgreSQL, DDL from sql/."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from jinxiao.config import SQL_DIR, Campaign
from jinxiao.domain.times import to_db_time

# Per-dialect spellings of the few types that differ; the rest of sql/ is shared.
_DIALECT_TOKENS = {
    "sqlite": {
        "{{id}}": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "{{ts}}": "TEXT",
        "{{num}}": "REAL",
        "{{json}}": "TEXT",
        "{{cascade}}": "",
    },
    "postgresql": {
        "{{id}}": "BIGSERIAL PRIMARY KEY",
        "{{ts}}": "TIMESTAMPTZ",
        "{{num}}": "NUMERIC",
        "{{json}}": "JSONB",
        "{{cascade}}": "CASCADE",
    },
}


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
            raise ValueError("warehouse connection of type sqlite needs host = /abs/path.db")
        return WarehouseConfig("sqlite", path=host)
    if kind in ("postgres", "postgresql"):
        return WarehouseConfig(
            "postgresql", host=host, port=port, login=login, password=password, database=schema
        )
    raise ValueError(f"warehouse connection type {conn_type!r} is not sqlite or postgres")


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
            raise ValueError("a sqlite warehouse needs a path")
        Path(cfg.path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(cfg.url())
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(cfg.url(), pool_pre_ping=True)


def render_sql(name: str, dialect: str) -> str:
    sql = (SQL_DIR / name).read_text(encoding="utf-8")
    for token, spelled in _DIALECT_TOKENS[dialect].items():
        sql = sql.replace(token, spelled)
    return sql


def split_statements(sql: str) -> list[str]:
    """Statements of a DDL file; our SQL files hold no "--" or ";" inside literals."""
    lines = [re.sub(r"--.*$", "", ln) for ln in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _schema_digest(campaign: Campaign, divisions: list[tuple[str, str, str, str]]) -> str:
    h = hashlib.sha256()
    for path in sql_files():
        h.update(path.name.encode() + path.read_bytes())
    h.update(repr((campaign, divisions)).encode())
    return h.hexdigest()


def sql_files() -> list[Path]:
    # Files run in name order: tables first (0xx), views last (09x).
    return sorted(SQL_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def migrate(engine: Engine, campaign: Campaign, divisions: list[tuple[str, str, str, str]]) -> None:
    """Create tables and views and refresh the reference tables when sql/ or config changed.

    Every task calls this; the digest check keeps it to one cheap query when nothing changed,
    so concurrent tasks do not rebuild views under each other.
    """
    digest = _schema_digest(campaign, divisions)
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE IF NOT EXISTS warehouse_meta (key TEXT PRIMARY KEY, value TEXT)")
        )
        current = conn.execute(
            text("SELECT value FROM warehouse_meta WHERE key = 'schema_digest'")
        ).scalar()
    if current == digest:
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # One migrator at a time; the lock ends with the transaction.
            conn.execute(text("SELECT pg_advisory_xact_lock(20210423)"))
        for path in sql_files():
            for stmt in split_statements(render_sql(path.name, engine.dialect.name)):
                conn.execute(text(stmt))
        _add_new_columns(conn)
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
_NEW_COLUMNS = (("activity", "category_confidence", "REAL"),)


def _add_new_columns(conn) -> None:
    from sqlalchemy import inspect

    inspector = inspect(conn)
    for table, column, sql_type in _NEW_COLUMNS:
        have = {c["name"] for c in inspector.get_columns(table)}
        if column not in have:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))


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
    try:
        migrate(engine, campaign, county_table())
    except SQLAlchemyError as exc:
        # The driver's message rarely says which warehouse: ops need dialect, host and db.
        raise WarehouseUnavailable(f"warehouse {cfg.describe()}: {exc}") from exc
    return engine


class WarehouseUnavailable(RuntimeError):
    """The warehouse could not be opened or migrated; the message names which one."""


class IntakeBusy(RuntimeError):
    """Another intake holds the warehouse's lock; this one did not start."""


# pg_advisory_lock key: any fixed bigint; this one spells "jinxiao" in ASCII.
_INTAKE_LOCK_KEY = 0x6A696E7869616F


@contextlib.contextmanager
def intake_lock(engine: Engine, wait_seconds: float = 300.0) -> Iterator[None]:
    """One intake at a time per warehouse, so two runs never decide the same message.

    PostgreSQL: a session advisory lock. SQLite: an flock on a file beside the database
    (a lock row would outlive a SIGKILLed run; the kernel drops an flock with the process).
    Waits up to `wait_seconds`, then raises IntakeBusy.
    """
    deadline = time.monotonic() + wait_seconds
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            lock = text("SELECT pg_try_advisory_lock(:k)")
            while not conn.execute(lock, {"k": _INTAKE_LOCK_KEY}).scalar():
                _wait_or_give_up(deadline, engine)
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _INTAKE_LOCK_KEY})
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.intake-lock", "a+b") as fh:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _wait_or_give_up(deadline, engine)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _wait_or_give_up(deadline: float, engine: Engine) -> None:
    if time.monotonic() >= deadline:
        raise IntakeBusy(
            f"intake already running on {describe_engine(engine)}; this run did not start"
        )
    time.sleep(0.5)


def describe_engine(engine: Engine) -> str:
    """dialect://host:port/database, never the password: what every warehouse error names."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite:{url.database}"
    return f"{url.get_backend_name()}://{url.host or 'localhost'}:{url.port or ''}/{url.database}"
