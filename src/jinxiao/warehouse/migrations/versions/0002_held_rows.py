"""Held rows: a row the pipeline cannot read is kept with its raw text, not the whole file
rejected (held_row, held_cell).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from jinxiao.warehouse.ddl import run_sql_file

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("040_held_rows.sql",)


def upgrade() -> None:
    for name in SQL_FILES:
        run_sql_file(op.get_bind(), name)


def downgrade() -> None:
    # Warehouses move forward only: restore a backup to go back (docs/architecture.md).
    raise NotImplementedError("the warehouse is not downgraded")
