"""The warehouse: connection and migrations (sql/), loading each message's outcome and
rows in one transaction, linking results to the registry, and the queries every output shares.
Takes `MessageResult`s; gives rows and the views of CONTRACT §3.
"""
