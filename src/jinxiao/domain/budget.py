"""What one message may cost to open: bytes unpacked, nesting, cells, seconds, memory.

A city's submission is a few tables of a few hundred rows. Every limit below is far above
that and far below what a hostile or broken file can make a reader allocate, so reaching one
means "send the table again, smaller", never "the intake stops".

One Budget per message: unpacked bytes are charged across every zip and every zip inside
a zip, so nesting cannot multiply a per-zip cap.
"""

from __future__ import annotations

from dataclasses import dataclass

# Unpacked bytes per message, all zips and nested zips together. A zip of the 11 cities'
# tables is a few MB; 200 MB keeps what one zip was allowed before, now for the whole mail
# (a 54 KB mail of nested zips used to reach 1.38 GB of memory).
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
# Forwards of forwards and zips in zips. Real mail nests two or three deep.
MAX_NESTING = 8
# Cells of one sheet's rectangle from A1 to its last value, as the readers allocate it
# (densely: python-calamine aborts the whole process asking for 549 GB for A1 + XFD1048576).
# 100,000 rows of 20 columns is fifty times the biggest registry a city has sent.
MAX_SHEET_CELLS = 2_000_000
# Cells of one HTML file's tables with rowspan/colspan laid out, as a browser shows them.
MAX_HTML_CELLS = 2_000_000
# Wall time for reading one file in the sandbox; a normal table reads in well under a second.
MAX_READ_SECONDS = 60.0
# Address space one file's read may add to the forked child; reading a 2-million-cell
# sheet takes a few hundred MB, and four workers at this ceiling stay within 6 GB.
MAX_READ_ADDRESS_SPACE = 1536 * 1024 * 1024


class BudgetExceeded(Exception):
    """Raised where a budget runs out; the caller turns it into a file the city is told of."""


@dataclass
class Budget:
    """The limits for one message and what has been spent of them so far."""

    expanded_bytes: int = MAX_EXPANDED_BYTES
    nesting: int = MAX_NESTING
    sheet_cells: int = MAX_SHEET_CELLS
    html_cells: int = MAX_HTML_CELLS
    spent_bytes: int = 0

    @property
    def bytes_left(self) -> int:
        return max(self.expanded_bytes - self.spent_bytes, 0)

    def charge_bytes(self, n: int) -> None:
        """Count n more unpacked bytes; raises BudgetExceeded once the total is over."""
        self.spent_bytes += n
        if self.spent_bytes > self.expanded_bytes:
            raise BudgetExceeded(f"{self.spent_bytes} bytes unpacked > {self.expanded_bytes}")

    def may_nest(self, depth: int) -> bool:
        """Whether something found at `depth` (0 = the message itself) may be opened."""
        return depth < self.nesting
