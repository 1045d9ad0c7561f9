"""Questions from cities (question) and the form reminders each daily mail carried
(reminder_item).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

from jinxiao.warehouse.ddl import forward_only, run_revision_files

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The SQL files (in sql/) this revision runs, in order. Never edit a released revision.
SQL_FILES = ("071_questions_and_reminder_items.sql",)


def upgrade() -> None:
    run_revision_files(op.get_bind(), SQL_FILES)


downgrade = forward_only
