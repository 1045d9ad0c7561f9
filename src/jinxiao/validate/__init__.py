"""Checks across rows and columns with Great Expectations suites (expectations/*.json),
batched per form, and the Data Docs over them. Takes `NormalisedTable`s; gives `Problem`s.
"""

import logging

# GX logs dozens of INFO lines about its own doc decorators at import; a task log at INFO
# (what ops read in the UI) would open with them. Its warnings and errors still come through.
logging.getLogger("great_expectations._docs_decorators").setLevel(logging.WARNING)
