"""The warehouse's DDL: versioned table migrations (Alembic) and the views, both SQL in sql/.

Tables change only through a revision in `migrations/versions/`, each of which runs SQL files
from sql/ in order; a revision, once released, is never edited (a warehouse that ran it would
not run it again). Views are not versioned: every upgrade drops and recreates them from the
09x files, so a view always matches the code that reads it. On PostgreSQL the upgrade ends by
commenting every table, view and column from sql/dictionary.yaml (recreated views lose theirs).
"""

from __future__ import annotations

import re
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, inspect, text

from jinxiao.config import PACKAGE_DIR, SQL_DIR
from jinxiao.warehouse.dictionary import DICTIONARY_PATH, apply_comments

MIGRATIONS_DIR = PACKAGE_DIR / "warehouse" / "migrations"
# The revision equal to the schema warehouses had before Alembic (create-if-missing).
BASELINE_REVISION = "0001"

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


def render_sql(name: str, dialect: str) -> str:
    sql = (SQL_DIR / name).read_text(encoding="utf-8")
    for token, spelled in _DIALECT_TOKENS[dialect].items():
        sql = sql.replace(token, spelled)
    return sql


def split_statements(sql: str) -> list[str]:
    """Statements of a DDL file; our SQL files hold no "--" or ";" inside literals."""
    lines = [re.sub(r"--.*$", "", ln) for ln in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def run_sql_file(conn: Connection, name: str) -> None:
    for stmt in split_statements(render_sql(name, conn.dialect.name)):
        conn.execute(text(stmt))


def run_revision_files(conn: Connection, names: tuple[str, ...]) -> None:
    """What every revision's upgrade() does: its SQL files, in order."""
    for name in names:
        run_sql_file(conn, name)


def forward_only() -> None:
    """Every revision's downgrade(): warehouses move forward only; restore a backup to go back."""
    raise NotImplementedError("the warehouse is not downgraded")


def view_files() -> list[Path]:
    # 09x: views, recreated after every upgrade, in name order (later views use earlier ones).
    return sorted(SQL_DIR.glob("09[0-9]_*.sql"))


def migration_sources() -> list[Path]:
    """Everything whose change must re-run the upgrade: revisions, their SQL, the views, and
    the dictionary the comments come from."""
    revisions = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    tables = sorted(p for p in SQL_DIR.glob("[0-9][0-9][0-9]_*.sql") if p not in view_files())
    return [*revisions, *tables, *view_files(), DICTIONARY_PATH]


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # env.py runs the revisions on this connection, inside the caller's transaction.
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(conn: Connection) -> None:
    """Bring the tables to the newest revision, recreate the views, then comment them all."""
    cfg = _alembic_config(conn)
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables and "message" in tables:
        # Made before Alembic, by the baseline's own SQL: record it rather than re-run it.
        command.stamp(cfg, BASELINE_REVISION)
    command.upgrade(cfg, "head")
    for path in view_files():
        run_sql_file(conn, path.name)
    apply_comments(conn)  # PostgreSQL only; same transaction, so never a view without them


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None, "no revisions in migrations/versions"
    return head
