"""Baseline: the tables as warehouses had them before Alembic (create-if-missing).

Revision ID: 0001
Revises:
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("010_schema.sql", "020_outbox.sql", "030_run_metrics.sql")


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
