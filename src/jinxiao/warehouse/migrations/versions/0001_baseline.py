"""Baseline: the tables as warehouses had them before Alembic (create-if-missing).

Revision ID: 0001
Revises:
"""

from alembic import op

from jinxiao.warehouse.ddl import run_sql_file

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("010_schema.sql", "020_outbox.sql", "030_run_metrics.sql")


def upgrade() -> None:
    for name in SQL_FILES:
        run_sql_file(op.get_bind(), name)


def downgrade() -> None:
    # Warehouses move forward only: restore a backup to go back (docs/architecture.md).
    raise NotImplementedError("the warehouse is not downgraded")
