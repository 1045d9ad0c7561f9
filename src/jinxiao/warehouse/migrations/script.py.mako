"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES: tuple[str, ...] = ()


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
