"""Write the reports' files: workbook, Word narrative, PDF where LibreOffice exists, sidecar.

The numbers come from reports.figures; this module only decides what goes where on disk.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from jinxiao.config import Campaign, load_campaign
from jinxiao.reports.docx import convert_to_pdf, write_report_docx
from jinxiao.reports.figures import default_as_of, gather, report_stem
from jinxiao.reports.rollup import write_rollup
from jinxiao.reports.templates import write_results_templates
from jinxiao.reports.xlsx import write_report_xlsx
from jinxiao.warehouse.connection import WarehouseConfig, open_warehouse


@dataclass(frozen=True)
class ReportFiles:
    xlsx: Path
    docx: Path
    pdf: Path | None
    manifest: Path
    draft: bool


def generate_report(
    engine: Engine,
    output_dir: Path,
    report: str,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    campaign: Campaign | None = None,
) -> ReportFiles:
    """Write `<campaign>_<report>_<as_of>`.xlsx/.docx (+.pdf when soffice exists, + .json)."""
    data = gather(engine, report, as_of, now, campaign)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(data.campaign, report, data.as_of)
    xlsx = write_report_xlsx(data, output_dir / f"{stem}.xlsx")
    docx = write_report_docx(data, output_dir / f"{stem}.docx")
    pdf = convert_to_pdf(docx)
    manifest = output_dir / f"{stem}.json"
    # The sidecar says whether these files are a draft; the file names never change, so a
    # final run overwrites the draft in place.
    manifest.write_text(
        json.dumps(
            {
                "campaign": data.campaign.code,
                "report": report,
                "as_of": data.as_of.isoformat(),
                "form": data.results_form,
                "deadline": data.campaign.forms[data.results_form].deadline.isoformat(),
                "draft": data.draft,
                "files": [p.name for p in (xlsx, docx, pdf) if p is not None],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return ReportFiles(xlsx, docx, pdf, manifest, data.draft)


# --- entry points for the DAG tasks and the command line ----------------------------------


def parse_as_of(value: object, campaign: Campaign, report: str) -> dt.date:
    """A DAG param or CLI argument (“2021-06-01”, a date, or empty for the campaign default)."""
    if value in (None, ""):
        return default_as_of(campaign, report)
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def run_report(
    warehouse: WarehouseConfig, output_dir: Path, report: str, as_of: object = None
) -> dict:
    """One report's files for a DAG task; returns what it wrote (names, draft flag)."""
    campaign = load_campaign()
    day = parse_as_of(as_of, campaign, report)
    engine = open_warehouse(warehouse, campaign)
    try:
        files = generate_report(engine, Path(output_dir), report, day, campaign=campaign)
    finally:
        engine.dispose()
    written = [files.xlsx, files.docx, files.pdf, files.manifest]
    return {"as_of": day.isoformat(), "draft": files.draft,
            "files": [str(p) for p in written if p is not None]}  # fmt: skip


def run_rollup(
    warehouse: WarehouseConfig, output_dir: Path, report: str, as_of: object = None
) -> str:
    campaign = load_campaign()
    day = parse_as_of(as_of, campaign, report)
    engine = open_warehouse(warehouse, campaign)
    try:
        return str(write_rollup(engine, Path(output_dir), day, campaign=campaign))
    finally:
        engine.dispose()


def run_results_templates(warehouse: WarehouseConfig, output_dir: Path, form: str) -> list[str]:
    """The cities' blank results workbooks (for a CLI command or a DAG task)."""
    campaign = load_campaign()
    engine = open_warehouse(warehouse, campaign)
    try:
        return [str(p) for p in write_results_templates(engine, Path(output_dir), form, campaign)]
    finally:
        engine.dispose()
