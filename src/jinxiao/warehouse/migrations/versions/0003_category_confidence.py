"""The category classifier's confidence on each activity (activity.category_confidence).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("050_category_confidence.sql",)


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
