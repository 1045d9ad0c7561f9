"""Cross-column plausibility warnings on a normalised table: what the reply adds to a verdict.

`row_warnings` returns warnings as `Problem`s (severity "warning", the row's sheet, Excel row
and column), which the processor adds to the submission's findings; the reply names each by
sheet, Excel row and column and the tracker lists it. The checks themselves and their limits
(campaign data, `checks:` in campaign.yaml) are in `validate.crosscheck`, shared with the
reports. The off-estimate check needs the registry link, made only when the rows are loaded,
so it runs in the reports and not here.
"""

from __future__ import annotations

from jinxiao.config import PlausibilityLimits
from jinxiao.domain.forms import RESULTS_FORMS
from jinxiao.domain.models import NormalisedTable, Problem
from jinxiao.validate.crosscheck import table_warnings


def row_warnings(
    table: NormalisedTable, form: str, limits: PlausibilityLimits | None
) -> list[Problem]:
    """Warnings about results rows whose figures disagree with each other."""
    return table_warnings(table, limits) if form in RESULTS_FORMS else []
