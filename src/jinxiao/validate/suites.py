"""Validate normalised tables with Great Expectations, one batch per form and run.

A GX validation call against a suite costs 150 ms here whatever the frame's size, and
`import great_expectations` 5-9 s, so every submission of a run is validated in one frame
(with a row id to map failures back) and GX is imported only when there is something to
validate.

Each expectation's meta carries the clerk's message: `{place}` (第5行, or 工作表“X”第5行 when a
table spans sheets), `{row}`, `{header}` (the column as the city named it), `{value}`, and
the campaign's `{campaign_start}` / `{campaign_end}`, and the sending `{city}` with its own
`{city_counties}` (from the divisions data), so an example is one the clerk recognises.

`meta.scope` splits the errors: `row` (a cell or a row the city can fix) holds back that
row and takes the rest of the table; `file` (the default, so a rule added without thought
rejects rather than takes) rejects the whole file. Warnings take the row either way.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jinxiao.config import EXPECTATIONS_DIR, Campaign
from jinxiao.domain.errors import ConfigError
from jinxiao.domain.models import FRAME_COLUMNS, NormalisedTable, Problem
from jinxiao.normalise.values import NormaliseError, counties_of

log = logging.getLogger(__name__)

SUITE_OF_FORM = {"registry": "registry", "results_may": "results", "results_year": "results"}


@dataclass(frozen=True)
class SuiteRule:
    type: str
    kwargs: dict
    meta: dict


def load_suite(name: str, campaign: Campaign, folder: Path = EXPECTATIONS_DIR) -> list[SuiteRule]:
    """The suite's rules; ConfigError (no retry) when the file is missing or malformed."""
    path = folder / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"expectation suite {path} cannot be read: {exc}") from exc
    except ValueError as exc:
        raise ConfigError(f"expectation suite {path} is not valid JSON: {exc}") from exc
    params = {
        "campaign_start": campaign.start.isoformat(),
        "campaign_end": campaign.end.isoformat(),
    }
    rules: list[SuiteRule] = []
    try:
        for exp in data["expectations"]:
            kwargs = {
                k: (v.format(**params) if isinstance(v, str) and "{" in v else v)
                for k, v in exp["kwargs"].items()
            }
            rules.append(SuiteRule(exp["type"], kwargs, exp["meta"]))
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        # The rules read so far say which expectation broke (1-based).
        where = f"expectation {len(rules) + 1}" if isinstance(data, dict) else "the top level"
        raise ConfigError(
            f"expectation suite {path}: {where} is malformed ({type(exc).__name__}: {exc}): "
            "each needs type, kwargs and meta"
        ) from exc
    return rules


def check_suites(campaign: Campaign, folder: Path = EXPECTATIONS_DIR) -> None:
    """Load every form's suite before any message is touched: a broken suite file then fails
    the run at once (ConfigError) instead of turning each message into an internal error."""
    for name in sorted(set(SUITE_OF_FORM.values())):
        load_suite(name, campaign, folder)


def validation_frame(tables: list[NormalisedTable]) -> pd.DataFrame:
    """All tables' rows in one frame; row_id = position, submission_key = table index."""
    columns = [c for c in FRAME_COLUMNS if c != "county_codes"]
    rows = [
        [i, *(_cell(rec.get(c)) for c in columns)]
        for i, nt in enumerate(tables)
        for rec in nt.records
    ]
    frame = pd.DataFrame(rows, columns=["submission_key", *columns], dtype=object)
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def _cell(value: object) -> object:
    # Dates stay dates: GX reads the suite's ISO bounds ("2021-05-01") as dates and raises
    # on an ISO string beside one (which left the campaign-period rules unchecked).
    # NaN is a missing value.
    if isinstance(value, float) and value != value:
        return None
    return value


def _raised(exception_info: dict | None) -> str | None:
    """The message of an exception GX caught while running an expectation, if any.

    GX reports it either flat or keyed by metric (the shape a failed metric has)."""
    if not exception_info:
        return None
    found = [exception_info, *(v for v in exception_info.values() if isinstance(v, dict))]
    for info in found:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "exception")
    return None


def gx_suite(rules: list[SuiteRule], name: str):
    """The JSON suite in expectations/ as a GX ExpectationSuite."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    return gx.ExpectationSuite(
        name=name,
        expectations=[
            ExpectationConfiguration(type=r.type, kwargs=r.kwargs, meta=r.meta).to_domain_obj()
            for r in rules
        ],
    )


def _gx_validate(frame: pd.DataFrame, rules: list[SuiteRule], suite_name: str):
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("intake").add_dataframe_asset(suite_name)
    batch = asset.add_batch_definition_whole_dataframe("run").get_batch(
        batch_parameters={"dataframe": frame}
    )
    suite = gx_suite(rules, suite_name)
    return batch.validate(
        suite,
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["row_id"]},
    )


def _failed_row_ids(result) -> list[int]:
    ids = []
    for item in result.result.get("unexpected_index_list") or []:
        rid = item.get("row_id") if isinstance(item, dict) else item
        if rid is not None:
            ids.append(int(rid))
    return sorted(set(ids))


def city_params(city_name: str) -> dict[str, str]:
    """{city} and {city_counties} for a table's messages: the sender's own county names."""
    try:
        counties = "、".join(counties_of(city_name))
    except NormaliseError:  # a city outside the divisions data: name no example at all
        counties = "（见行政区划）"
    return {"city": city_name, "city_counties": counties}


def _table_problem(meta: dict, nt: NormalisedTable, params: dict[str, str]) -> Problem:
    header = nt.header(meta.get("field", ""))
    text = meta["message_zh"].format(
        place="", row="", header=header, value="", **params, **city_params(nt.city_name)
    )
    return Problem(meta["severity"], meta["code"], text, column=header, scope="file")


def drop_shadowed_blanks(problems: list[Problem]) -> list[Problem]:
    """Without a "blank" warning on a cell another finding already explains: an unreadable
    number or prose is also NULL, and the clerk should read one line about it, not two."""
    cells = {
        (p.sheet, p.excel_row, p.field)
        for p in problems
        if p.field and p.excel_row and not p.code.endswith("_blank")
    }
    return [
        p
        for p in problems
        if not (p.code.endswith("_blank") and (p.sheet, p.excel_row, p.field) in cells)
    ]


def validate_tables(
    tables: list[NormalisedTable], form_suite: str, campaign: Campaign
) -> dict[int, list[Problem]]:
    """Problems per table index (position in `tables`) from one GX run over all of them."""
    problems: dict[int, list[Problem]] = {i: [] for i in range(len(tables))}
    frame = validation_frame(tables)
    if frame.empty:
        return problems
    rules = load_suite(form_suite, campaign)
    params = {
        "campaign_start": campaign.start.isoformat(),
        "campaign_end": campaign.end.isoformat(),
    }
    result = _gx_validate(frame, rules, form_suite)
    for res in result.results:
        meta = res.expectation_config.meta or {}
        if res.success:
            continue
        if raised := _raised(res.exception_info):
            # A broken suite must fail the run loudly, not pass submissions silently.
            raise RuntimeError(f"expectation {res.expectation_config.type} failed to run: {raised}")
        scope = meta.get("scope", "file")
        failed = _failed_row_ids(res)
        if not failed:
            # A rule about the whole batch names no row: it can only speak for every table.
            for i in problems:
                problems[i].append(_table_problem(meta, tables[i], params))
            continue
        for rid in failed:
            row = frame.iloc[rid]
            nt = tables[int(row["submission_key"])]
            header = nt.header(meta.get("field", ""))
            value = row.get(meta.get("value_column", ""), None)
            excel_row = int(row["excel_row"])
            place = nt.place(row["sheet"], excel_row)
            problems[int(row["submission_key"])].append(
                Problem(
                    severity=meta["severity"],
                    code=meta["code"],
                    message_zh=meta["message_zh"].format(
                        place=place,
                        row=excel_row,
                        header=header,
                        value=value,
                        **params,
                        **city_params(nt.city_name),
                    ),
                    excel_row=excel_row,
                    column=header,
                    sheet=row["sheet"],
                    field=meta.get("field"),
                    scope=scope,
                )
            )
    for i, plist in problems.items():
        sheets: dict[str | None, int] = {name: k for k, name in enumerate(tables[i].sheets)}
        plist.sort(key=lambda p: (sheets.get(p.sheet, 0), p.excel_row or 0, p.severity))
    return problems
