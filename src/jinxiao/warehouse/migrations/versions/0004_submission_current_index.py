"""An index for a city's current files (submission_current), which every reply reads.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from jinxiao.warehouse.ddl import run_sql_file

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("060_submission_current_index.sql",)


def upgrade() -> None:
    for name in SQL_FILES:
        run_sql_file(op.get_bind(), name)


def downgrade() -> None:
    # Warehouses move forward only: restore a backup to go back (docs/architecture.md).
    raise NotImplementedError("the warehouse is not downgraded")
