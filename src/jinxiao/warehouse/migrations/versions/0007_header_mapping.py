"""What a city's header means, as the clerk confirmed it (header_mapping).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("076_header_mapping.sql",)


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
