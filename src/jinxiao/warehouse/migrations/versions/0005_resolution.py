"""The province clerk's resolutions (resolution) and the held rows they make whole.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("070_resolution.sql",)


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
