"""Great Expectations Data Docs, rebuilt nightly from what the warehouse holds now.

The suites in expectations/ are run over every current (accepted) row, so the docs show the
rules and how today's data stands against them, warnings included, in the output folder.

The site must be safe and work offline: city text is escaped by the views in docs_views.py (and
every page is checked for it after the build), and the CSS/JS GX loads from CDNs is served from
the site's static/vendor/ (copied from assets/, see assets/README.md).
"""

from __future__ import annotations

import logging
import re
import shutil
from importlib import resources
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, text

from jinxiao.config import Campaign
from jinxiao.validate.suites import SUITE_OF_FORM, gx_suite, load_suite

log = logging.getLogger(__name__)

_ROWS = text(
    "SELECT a.submission_id AS submission_key, a.excel_row, a.activity_name, a.county_raw, "
    "NULL AS county_unknown, a.period_raw, a.start_date, a.end_date, a.enterprise_count, "
    "a.enterprise_count_raw, a.est_turnover_wan, a.est_turnover_raw, a.actual_turnover_wan, "
    "a.actual_turnover_raw, a.footfall_wan, a.footfall_raw, a.voucher_issued_wan, "
    "a.voucher_redeemed_wan, a.voucher_redeemed_raw, a.form "
    "FROM activity a JOIN submission s ON s.submission_id = a.submission_id "
    "WHERE s.outcome = 'accepted' ORDER BY a.activity_id"
)

# Every page through views that escape the values GX would put out raw (docs_views.py).
_VIEW = {"module_name": "jinxiao.validate.docs_views", "class_name": "EscapingPageView"}


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
            # SiteBuilder takes this key; GX 1.24's TypedDict of the config does not list it.
            "site_section_builders": {  # type: ignore[typeddict-unknown-key]
                section: {"view": _VIEW} for section in ("expectations", "validations", "profiling")
            },
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "view": {**_VIEW, "class_name": "EscapingIndexPageView"},
            },
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
    install_assets(out_dir)
    markup = markup_values(rows)
    for page in sorted(out_dir.rglob("*.html")):
        html = localise_assets(page.read_text(encoding="utf-8"), page.relative_to(out_dir))
        try:
            check_escaped(html, page, markup)
        except UnescapedText:
            page.unlink()  # GX already wrote it: no one may open it
            raise
        page.write_text(html, encoding="utf-8")
    return out_dir / "index.html"


# --- offline: CDN references -> the site's static/vendor ----------------------------------

VENDOR_DIR = "static/vendor"

# The CDN files GX 1.24's page.j2 and js_script_imports.j2 load -> our copy under assets/.
_LOCAL_COPY = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery-3.7.1/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js":
        "popper.js-1.12.9/popper.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css":
        "bootstrap-4.3.1/css/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js":
        "bootstrap-4.3.1/js/bootstrap.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table-1.19.1/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table-1.19.1/bootstrap-table.min.js",
    # GX names 1.19.0 for this one stylesheet (.css or .min.css by page); 1.19.1's is the same.
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css":
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css":
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js":
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css": "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "fontawesome-free-6.6.0/css/all.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "bootstrap-dark-1.1.0/bootstrap-prefers-dark.min.css",
}  # fmt: skip
# Only profiling charts use vega; none of our pages draws one.
_DROPPED = re.compile(r'<script src="https://cdn\.jsdelivr\.net/npm/vega[-a-z]*@\d+"></script>\n?')
# The logo GX hot-links from its S3 bucket is also in its own static/images.
_LOGO = re.compile(r"https://great-expectations-web-assets\.s3\.[-a-z0-9]+\.amazonaws\.com/"
                   r"(?:logo-long|full_logo_dark)\.png(?:\?[^\"')]*)?")  # fmt: skip
# SRI needs a CORS fetch, which a page opened from disk (file://) cannot make.
_SRI = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin="[^"]*")')
_REMOTE_ASSET = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?://[^"]+)"')


def install_assets(out_dir: Path) -> None:
    target = out_dir / VENDOR_DIR
    with resources.as_file(resources.files("jinxiao.validate") / "assets") as src:
        shutil.copytree(src, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))


def localise_assets(html: str, page: Path) -> str:
    """The page with every CDN asset pointed at the site's own copy (`page` relative to site)."""
    up = "../" * (len(page.parts) - 1)
    for url, local in _LOCAL_COPY.items():
        html = html.replace(f'"{url}"', f'"{up}{VENDOR_DIR}/{local}"')
    html = _DROPPED.sub("", html)
    html = _LOGO.sub(f"{up}static/images/logo-long.png", html)
    html = _SRI.sub("", html)
    for url in sorted(set(_REMOTE_ASSET.findall(html))):
        # A GX upgrade that loads something new: the page would break offline.
        log.warning("Data Docs page %s still loads %s from the network", page, url)
    return html


# --- city text stays text -------------------------------------------------------------------


class UnescapedText(RuntimeError):
    """A warehouse value reached a Data Docs page as markup."""


def markup_values(rows: pd.DataFrame) -> set[str]:
    """The text values that would open a tag if a page carried them verbatim."""
    return {
        value
        for col in rows.columns
        for value in rows[col]
        if isinstance(value, str) and "<" in value
    }


def check_escaped(html: str, page: Path, values: set[str]) -> None:
    """Refuse a page that carries any of `values` verbatim, whatever path GX took to put it
    there: the views escape them, this checks that they did on every page. (A value that is
    itself a piece of GX's markup, "<div>" say, fails too: better no page than a guess.)"""
    for value in values:
        if value in html:
            raise UnescapedText(f"{page}: unescaped warehouse text {value[:80]!r}")
