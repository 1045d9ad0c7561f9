"""Held rows: a row the pipeline cannot read is kept with its raw text, not the whole file
rejected (held_row, held_cell).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("040_held_rows.sql",)


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
