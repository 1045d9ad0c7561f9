"""An index for a city's current files (submission_current), which every reply reads.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("060_submission_current_index.sql",)


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
