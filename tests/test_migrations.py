"""Versioned migrations: a warehouse made before Alembic reaches the newest revision and keeps
every row; every table file belongs to exactly one revision; upgrading twice changes nothing."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from jinxiao.normalise.values import county_table
from jinxiao.warehouse import ddl
from jinxiao.warehouse.connection import connect, migrate

FIXTURE = Path(__file__).parent / "migrations" / "warehouse_0001.sql"
# The view files of commit e4d82dc, the last before Alembic (later ones use later tables).
# The views as warehouses had them before Alembic (today's read tables added since).
PRE_ALEMBIC_VIEWS = sorted((Path(__file__).parent / "migrations" / "views_0001").glob("*.sql"))
CONTRACT_VIEWS = (
    "v_submission",
    "v_activity_current",
    "v_city_status",
    "v_city_summary",
    "v_province_summary",
)


def _revisions() -> dict[str, object]:
    out = {}
    for path in sorted((ddl.MIGRATIONS_DIR / "versions").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"rev_{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out[module.revision] = module
    return out


def _pre_alembic_warehouse(engine: Engine) -> None:
    """What `migrate` did before Alembic: the baseline's SQL, the views, a digest; then rows."""
    baseline = _revisions()[ddl.BASELINE_REVISION]
    statements = re.split(r";\n(?=INSERT INTO )", FIXTURE.read_text(encoding="utf-8"))
    with engine.begin() as conn:
        for name in baseline.SQL_FILES:
            ddl.run_sql_file(conn, name)
        for path in PRE_ALEMBIC_VIEWS:
            sql = path.read_text(encoding="utf-8")
            for token, spelled in ddl._DIALECT_TOKENS[engine.dialect.name].items():
                sql = sql.replace(token, spelled)
            for stmt in ddl.split_statements(sql):
                conn.exec_driver_sql(stmt)
        conn.exec_driver_sql("CREATE TABLE warehouse_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.exec_driver_sql("INSERT INTO warehouse_meta VALUES ('schema_digest', 'e4d82dc')")
        for stmt in statements:
            body = "\n".join(ln for ln in stmt.splitlines() if not ln.startswith("-- "))
            if body.strip():
                if engine.dialect.name == "postgresql":
                    body = body.replace("%", "%%")  # psycopg reads % as a placeholder
                conn.exec_driver_sql(body.rstrip().rstrip(";"))
        if engine.dialect.name == "postgresql":
            # Rows came with their ids; the sequences must continue after them.
            for table, column in _serial_columns(conn):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
                )


def _serial_columns(conn) -> list[tuple[str, str]]:
    rows = conn.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_default LIKE 'nextval%'"
        )
    )
    return [(t, c) for t, c in rows]


def _columns(engine: Engine, names: list[str]) -> dict[str, list[str]]:
    insp = inspect(engine)
    return {name: [c["name"] for c in insp.get_columns(name)] for name in names}


def _rows(engine: Engine, columns: dict[str, list[str]]) -> dict[str, list[tuple[str, ...]]]:
    """Every row of each table or view over the given columns, as text, in a stable order."""
    out = {}
    with engine.connect() as conn:
        for name, cols in columns.items():
            select = ", ".join(f'"{c}"' for c in cols)
            rows = conn.execute(text(f'SELECT {select} FROM "{name}"')).all()
            out[name] = sorted(tuple(str(v) for v in row) for row in rows)
    return out


@pytest.mark.integration
def test_a_pre_alembic_warehouse_is_upgraded_to_head_and_loses_nothing(any_warehouse, campaign):
    engine = connect(any_warehouse)
    _pre_alembic_warehouse(engine)
    tables = [t for t in inspect(engine).get_table_names() if t != "warehouse_meta"]
    old_columns = _columns(engine, [*tables, *CONTRACT_VIEWS])
    before = _rows(engine, old_columns)
    assert sum(len(before[t]) for t in tables) == 408  # the fixture's INSERTs
    assert len(before["v_activity_current"]) > 50

    migrate(engine, campaign, county_table())

    with engine.connect() as conn:
        assert ddl.current_revision(conn) == ddl.head_revision()
    # Every row over the columns it had; the reference tables are refreshed from the same
    # config, so they too must come out unchanged.
    after = _rows(engine, old_columns)
    for name in old_columns:
        assert after[name] == before[name], f"{name} changed in the upgrade"
    # Views keep their contract columns (new revisions may only add).
    new_columns = _columns(engine, list(CONTRACT_VIEWS))
    for view in CONTRACT_VIEWS:
        assert new_columns[view] == old_columns[view], view
    # And it still takes new rows: the outbox's id sequence continues after the kept ones.
    with engine.begin() as conn:
        top = conn.execute(text("SELECT MAX(outbox_id) FROM outbox")).scalar()
        new_id = conn.execute(
            text(
                "INSERT INTO outbox (dedupe_key, kind, mail_from, rcpt_to, subject, "
                "smtp_message_id, raw_message, created_at) VALUES ('after-upgrade', 'ops_notice', "
                "'a@b', 'c@d', 's', 'm', 'r', '2021-06-01T00:00:00+08:00') RETURNING outbox_id"
            )
        ).scalar()
    assert new_id is not None and top is not None and new_id > top
    engine.dispose()


def test_a_fresh_warehouse_is_at_head_and_a_second_migrate_changes_nothing(tmp_path, campaign):
    engine = connect(_sqlite(tmp_path))
    migrate(engine, campaign, county_table())
    with engine.connect() as conn:
        assert ddl.current_revision(conn) == ddl.head_revision()
        schema = conn.exec_driver_sql("SELECT sql FROM sqlite_master ORDER BY name").all()
    migrate(engine, campaign, county_table())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT sql FROM sqlite_master ORDER BY name").all() == schema
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM alembic_version").scalar() == 1


def test_revisions_form_one_line_and_every_table_file_belongs_to_exactly_one():
    revisions = _revisions()
    downs = {r.down_revision for r in revisions.values()}
    roots = [r for r in revisions.values() if r.down_revision is None]
    assert [r.revision for r in roots] == [ddl.BASELINE_REVISION]
    heads = [rev for rev in revisions if rev not in downs]
    assert heads == [ddl.head_revision()], "revisions must form one line (no branches)"
    claimed = [name for r in revisions.values() for name in r.SQL_FILES]
    assert len(claimed) == len(set(claimed)), "a SQL file run by two revisions"
    table_files = {p.name for p in ddl.migration_sources() if p.suffix == ".sql"} - {
        p.name for p in ddl.view_files()
    }
    assert set(claimed) == table_files, "every table file in sql/ needs its revision"


def _sqlite(tmp_path):
    from jinxiao.warehouse.connection import WarehouseConfig

    return WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
