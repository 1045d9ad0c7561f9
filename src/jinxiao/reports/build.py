"""Write the reports' files: workbook, Word narrative, PDF where LibreOffice exists, sidecar.

The numbers come from reports.figures; this module only decides what goes where on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.reports.docx import convert_to_pdf, write_report_docx
from jinxiao.reports.figures import gather, report_stem
from jinxiao.reports.xlsx import write_report_xlsx


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
    *,
    campaign: Campaign,
) -> ReportFiles:
    """Write `<campaign>_<report>_<as_of>`.xlsx/.docx (+.pdf when soffice exists, + .json)."""
    data = gather(engine, report, as_of, now, campaign=campaign)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(data.campaign, report, data.as_of)
    xlsx = write_report_xlsx(data, output_dir / f"{stem}.xlsx")
    docx = write_report_docx(data, output_dir / f"{stem}.docx")
    # JINXIAO_REPORT_PDF=off skips LibreOffice (seconds per report) where no PDF is wanted.
    pdf = None if os.environ.get("JINXIAO_REPORT_PDF", "on") == "off" else convert_to_pdf(docx)
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
