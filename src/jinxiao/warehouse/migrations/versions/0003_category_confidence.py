"""The category classifier's confidence on each activity (activity.category_confidence).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from jinxiao.warehouse.ddl import run_sql_file

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("050_category_confidence.sql",)


def upgrade() -> None:
    for name in SQL_FILES:
        run_sql_file(op.get_bind(), name)


def downgrade() -> None:
    # Warehouses move forward only: restore a backup to go back (docs/architecture.md).
    raise NotImplementedError("the warehouse is not downgraded")
