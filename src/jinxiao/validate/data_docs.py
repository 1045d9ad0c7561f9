"""Great Expectations Data Docs, rebuilt nightly from what the warehouse holds now.

The suites in expectations/ are run over every current (accepted) row, so the docs show the
rules and how today's data stands against them, warnings included, in the output folder.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, text

from jinxiao.config import Campaign
from jinxiao.validate.suites import SUITE_OF_FORM, gx_suite, load_suite

_ROWS = text(
    "SELECT a.submission_id AS submission_key, a.excel_row, a.activity_name, a.county_raw, "
    "NULL AS county_unknown, a.period_raw, a.start_date, a.end_date, a.enterprise_count, "
    "a.enterprise_count_raw, a.est_turnover_wan, a.est_turnover_raw, a.actual_turnover_wan, "
    "a.actual_turnover_raw, a.footfall_wan, a.footfall_raw, a.voucher_issued_wan, "
    "a.voucher_redeemed_wan, a.voucher_redeemed_raw, a.form "
    "FROM activity a JOIN submission s ON s.submission_id = a.submission_id "
    "WHERE s.outcome = 'accepted' ORDER BY a.activity_id"
)


def current_rows(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(_ROWS).mappings().all())
    for col in ("start_date", "end_date"):
        if col in frame:
            frame[col] = frame[col].map(lambda d: None if d is None else str(d)[:10])
    for col in frame.columns:
        if col.endswith(("_wan", "_count")):
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    return frame.astype(object).where(frame.notna(), None)


def build_data_docs(engine: Engine, campaign: Campaign, out_dir: Path) -> Path:
    """Validate current rows per suite with a checkpoint that updates the docs; the index path."""
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.data_context.types.base import ProgressBarsConfig

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.add_data_docs_site(
        site_name="jinxiao",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(out_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    rows = current_rows(engine)
    source = context.data_sources.add_pandas("warehouse")
    for suite_name in sorted(set(SUITE_OF_FORM.values())):
        forms = [f for f, s in SUITE_OF_FORM.items() if s == suite_name]
        frame = rows[rows["form"].isin(forms)] if len(rows) else rows
        if frame.empty:
            continue
        batch = source.add_dataframe_asset(suite_name).add_batch_definition_whole_dataframe(
            "current"
        )
        suite = context.suites.add(gx_suite(load_suite(suite_name, campaign), suite_name))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(data=batch, suite=suite, name=f"{suite_name}_current")
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"nightly_{suite_name}",
                validation_definitions=[definition],
                actions=[UpdateDataDocsAction(name="docs", site_names=["jinxiao"])],
            )
        )
        checkpoint.run(batch_parameters={"dataframe": frame.reset_index(drop=True)})
    context.build_data_docs(site_names=["jinxiao"])
    return out_dir / "index.html"
