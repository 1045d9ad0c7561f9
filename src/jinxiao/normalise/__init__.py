"""Raw cells to warehouse values (CONTRACT §2): money in 万元, counts, dates, counties and
categories, each value kept beside its raw text. Takes a `ParsedTable`; gives a
`NormalisedTable` and the per-cell `Problem`s a city can act on.
"""
