"""Checks across rows and columns with Great Expectations suites (expectations/*.json),
batched per form, and the Data Docs over them. Takes `NormalisedTable`s; gives `Problem`s.
"""
