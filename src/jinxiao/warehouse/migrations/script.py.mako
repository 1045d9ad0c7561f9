"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""

from alembic import op

from jinxiao.warehouse.ddl import run_sql_file

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES: tuple[str, ...] = ()


def upgrade() -> None:
    for name in SQL_FILES:
        run_sql_file(op.get_bind(), name)


def downgrade() -> None:
    # Warehouses move forward only: restore a backup to go back (docs/architecture.md).
    raise NotImplementedError("the warehouse is not downgraded")
