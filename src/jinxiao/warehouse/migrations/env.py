"""Alembic's entry: run the revisions on the connection jinxiao.warehouse.ddl passes in.

There is no alembic.ini and no offline (--sql) mode: the warehouse is always upgraded by
`open_warehouse`, inside one transaction with the views and the reference tables.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
