"""The run summary prints figures the same from either warehouse."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jinxiao.cli import _plain


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("21.390000"), "21.39"), (Decimal("100.000000"), "100"), (Decimal("0E-6"), "0"),
     (21.39, 21.39), (60, 60), (None, None)],
)  # fmt: skip
def test_postgresql_numerics_print_as_sqlite_ones(value, shown):
    assert _plain(value) == shown
