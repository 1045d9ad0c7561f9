"""Shared fixtures: a fresh PostgreSQL database per test, a SQLite warehouse, settings."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from dovecot import dovecot, imap_account  # noqa: F401  (fixtures for the IMAP tests)
from sqlalchemy import create_engine, text

from jinxiao.config import load_campaign
from jinxiao.warehouse.connection import WarehouseConfig

REPO = Path(__file__).resolve().parents[1]
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="jx-airflow-"))


# Tests that need a real server or a whole run (PostgreSQL, Dovecot, the Airflow scheduler, a
# Great Expectations validation of a season) are `integration`; Chromium ones are `browser`.
# `make test-fast` leaves both out; CI runs everything.
_INTEGRATION_FIXTURES = {"pg_warehouse", "any_warehouse", "dovecot", "imap_account", "airflow_db"}
_INTEGRATION_MODULES = {
    "test_scheduler_integration", "test_intake_integration", "test_intake_parallel",
    "test_demo_end_to_end", "test_dag_integrity", "test_data_docs", "test_inspect",
    "test_pipeline_properties", "test_held_rows", "test_make_run", "test_wheel",
    # Whole intake runs, reader processes and subprocesses, a second or more each:
    "test_isolation", "test_budgets", "test_fail_fast", "test_unknown_senders",
    "test_mail_clients", "test_demo_files",
}  # fmt: skip
_BROWSER_MODULES = {"test_tracker_browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.path.stem
        if module in _BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
        elif (
            module in _INTEGRATION_MODULES
            or _INTEGRATION_FIXTURES & set(item.fixturenames)
            # A test that asks for PostgreSQL by parameter (request.getfixturevalue) too.
            or "postgresql" in getattr(getattr(item, "callspec", None), "params", {}).values()
        ):
            item.add_marker(pytest.mark.integration)


def pytest_configure(config):
    # Before anything imports airflow: its config is read once, at first import.
    os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
    os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(REPO / "plugins")
    os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
    os.environ["GX_ANALYTICS_ENABLED"] = "False"
    # Reports skip LibreOffice's PDF (seconds each); tests/test_gongwen.py converts one itself.
    os.environ.setdefault("JINXIAO_REPORT_PDF", "off")


@pytest.fixture(scope="session")
def airflow_db():
    """A migrated Airflow metadata database (SQLite) for dag.test()."""
    out = subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return _AIRFLOW_HOME


PG = dict(
    host=os.environ.get("PGHOST_TEST", "127.0.0.1"),
    port=int(os.environ.get("PGPORT_TEST", "5432")),
    login=os.environ.get("PGUSER_TEST", "postgres"),
)


@pytest.fixture(scope="session")
def campaign():
    return load_campaign()


def _pg_admin():
    cfg = WarehouseConfig("postgresql", database="postgres", **PG)
    return create_engine(cfg.url(), isolation_level="AUTOCOMMIT")


@contextlib.contextmanager
def fresh_pg_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on 127.0.0.1:5432 (its name), dropped afterwards.

    Unreachable PostgreSQL fails the test in CI and skips it elsewhere.
    """
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - reported as the reason the test cannot run
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL on {PG['host']}:{PG['port']} is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_warehouse():
    """A new, empty PostgreSQL warehouse database, dropped afterwards."""
    with fresh_pg_database("jx_test") as name:
        yield WarehouseConfig("postgresql", database=name, **PG)


@pytest.fixture
def sqlite_warehouse(tmp_path: Path) -> WarehouseConfig:
    return WarehouseConfig("sqlite", path=str(tmp_path / "warehouse.db"))


@pytest.fixture(params=["sqlite", "postgresql"])
def any_warehouse(request):
    """Runs a test once on each warehouse dialect."""
    return request.getfixturevalue(
        "sqlite_warehouse" if request.param == "sqlite" else "pg_warehouse"
    )
