"""Intake benchmark: messages per second of the intake core against a naive baseline.

    python bench/intake_bench.py [--messages 500] [--rows 8] [--workdir DIR] [--only SIDE]
    python bench/intake_bench.py --scaling 500 2000 10000 [--postgresql URL]

Generates N realistic submissions (one 附件2 .xlsx each, from the 11 cities' registered
senders, some with messy cells), writes them to a Maildir, then times

* core: the intake without Airflow start-up, `intake.collect` + `intake.process` into a
  fresh SQLite warehouse (archive, extract, identify, read, locate, normalise, one GX
  validation per batch, load, supersede);
* baseline_project: per file `pandas.read_excel` (openpyxl), a Great Expectations validation
  against the project's registry suite, and `DataFrame.to_sql`;
* baseline_toy: the same with a two-expectation suite (this benchmark's first baseline).

Each side reports its time with and without its `import great_expectations`; figures go to
stdout as JSON. bench/README.md has the latest figures.

`--scaling N...` runs the core alone at each size, each in a fresh process, Maildir and
warehouse (SQLite, and PostgreSQL with --postgresql), as the intake task runs it: replies
enqueued in each message's transaction. It reports time per message after the GX import,
per batch of 500 as the warehouse fills (first and last batch), and peak RSS of the intake
process and of its reader processes, then prints a table: flat rows are what issue 9 asks.
"""

from __future__ import annotations

import argparse
import email
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def generate(maildir: Path, n: int, rows: int) -> list[bytes]:
    from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
    from jinxiao.intake.mailbox import write_maildir_message
    from jinxiao.intake.senders import load_sender_registry
    from jinxiao.samples import files, mail

    campaign = load_campaign()
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    senders = [(c.name, registry.addresses_of(c.name)[0]) for c in campaign.cities]
    attachments = []
    for i in range(n):
        city, sender = senders[i % len(senders)]
        table = files.registry_rows(city, rows, messy=i % 3 == 0, seed=i)
        payload = files.xlsx_bytes(table)
        raw = mail.build_email(
            sender, f"{city}活动名录（第{i}版）", [(f"附件2 {city}活动名录.xlsx", payload)],
            message_id=f"bench-{i}@{sender.split('@')[1]}",
        )  # fmt: skip
        write_maildir_message(maildir, raw, name=f"bench-{i:05d}")
        attachments.append(payload)
    return attachments


def run_core(maildir: Path, work: Path, warehouse: str = "", replies: bool = False) -> dict:
    from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
    from jinxiao.intake.archive import Archive
    from jinxiao.intake.mailbox import MailboxConfig, open_mailbox
    from jinxiao.intake.senders import load_sender_registry
    from jinxiao.jobs import processor as intake
    from jinxiao.mail import replies as mail_replies
    from jinxiao.normalise.values import county_table
    from jinxiao.warehouse.connection import WarehouseConfig, connect, migrate

    campaign = load_campaign()
    start = time.perf_counter()
    import great_expectations  # noqa: F401 - timed on its own, as on the baseline's side

    imported = time.perf_counter()
    if warehouse:
        from sqlalchemy import create_engine

        engine = create_engine(warehouse)
    else:
        engine = connect(WarehouseConfig("sqlite", path=str(work / "core.db")))
    migrate(engine, campaign, county_table())
    archive = Archive(work / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(maildir))) as mb:
        collected = intake.collect(mb, engine, archive, "bench")
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    collected_at = time.perf_counter()

    def on_commit(conn, result) -> None:
        mail_replies.enqueue_for_result(conn, result, campaign, "bench@swt.sx.example", None)

    # Seconds per batch (Processor.run: 500 messages while the warehouse fills).
    batches: list[tuple[int, float]] = []
    real_run = intake.Processor.run

    def timed_run(self, pending, run_id, on_commit=None):
        t = time.perf_counter()
        out = real_run(self, pending, run_id, on_commit)
        batches.append((len(pending), time.perf_counter() - t))
        return out

    intake.Processor.run = timed_run  # type: ignore[method-assign]
    stats = intake.process(
        engine, archive, registry, campaign, "bench", on_commit=on_commit if replies else None
    )
    end = time.perf_counter()
    engine.dispose()
    return _figures(collected.new, start, imported, end) | {
        "collect_seconds": round(collected_at - imported, 2),
        "process_seconds": round(end - collected_at, 2),
        "batch_ms_per_message": [round(t / n * 1000, 1) for n, t in batches],
        "outcomes": dict(stats.outcomes),
    }


def _figures(messages: int, start: float, imported: float, end: float) -> dict:
    """Throughput with and without the one-off Great Expectations import."""
    return {
        "seconds": round(end - start, 2),
        "gx_import_seconds": round(imported - start, 2),
        "messages": messages,
        "messages_per_second": round(messages / (end - start), 1),
        "messages_per_second_after_import": round(messages / (end - imported), 1),
    }


# The naive reader's column names for the template's own headers (it knows no synonyms).
_BASELINE_COLUMNS = {
    "参加县区": "county_raw",
    "重点活动名称": "activity_name",
    "举办时间": "period_raw",
    "参与企业数量": "enterprise_count_raw",
    "预估成效（成交额等）": "est_turnover_raw",
}


def run_baseline(maildir: Path, work: Path, suite_kind: str = "project") -> dict:
    """Per file: read_excel (openpyxl), one GX validation, to_sql.

    `project` validates each file against the same suite the core runs once per batch
    (expectations/registry.json, 11 expectations); `toy` against two not-null checks only,
    the baseline the first version of this benchmark used.
    """
    import io

    import pandas as pd
    from sqlalchemy import create_engine

    start = time.perf_counter()
    import great_expectations as gx
    import great_expectations.expectations as gxe

    imported = time.perf_counter()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from jinxiao.config import load_campaign
    from jinxiao.validate.suites import gx_suite, load_suite

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_def = (
        context.data_sources.add_pandas("p")
        .add_dataframe_asset("a")
        .add_batch_definition_whole_dataframe("b")
    )
    if suite_kind == "project":
        suite = gx_suite(load_suite("registry", load_campaign()), "registry")
        result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": ["row_id"]}
    else:
        suite = gx.ExpectationSuite(
            name="naive",
            expectations=[
                gxe.ExpectColumnValuesToNotBeNull(column="activity_name"),
                gxe.ExpectColumnValuesToNotBeNull(column="county_raw"),
            ],
        )
        result_format = {"result_format": "SUMMARY"}
    engine = create_engine(f"sqlite:///{work / f'baseline-{suite_kind}.db'}")
    n = 0
    for path in sorted((maildir / "new").iterdir()):
        msg = email.message_from_bytes(path.read_bytes())
        for part in msg.walk():
            if part.get_filename() is None:
                continue
            payload = io.BytesIO(part.get_payload(decode=True))
            frame = pd.read_excel(payload, engine="openpyxl", header=2)
            frame = frame.rename(columns=_BASELINE_COLUMNS)
            frame = frame[frame["activity_name"].notna()].astype(str)
            frame["enterprise_count"] = pd.to_numeric(frame["enterprise_count_raw"], "coerce")
            frame["est_turnover_wan"] = pd.to_numeric(frame["est_turnover_raw"], "coerce")
            for col in ("start_date", "end_date", "county_unknown"):
                frame[col] = None
            frame["submission_key"] = 0
            frame["row_id"] = range(len(frame))
            batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
            batch.validate(suite, result_format=result_format)
            frame.to_sql("activity", engine, if_exists="append", index=False)
        n += 1
    return _figures(n, start, imported, time.perf_counter())


def _child(side: str, maildir: str, work: str, warehouse: str = "") -> None:
    if side in ("core", "scaling"):
        result = run_core(Path(maildir), Path(work), warehouse, replies=side == "scaling")
    else:
        result = run_baseline(Path(maildir), Path(work), side.removeprefix("baseline_"))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    # The largest of the processes this one waited for: the reader processes.
    readers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["reader_peak_rss_mb"] = round(readers / 1024)
    print(json.dumps(result, ensure_ascii=False))


def run_side(side: str, maildir: Path, work: Path, warehouse: str = "") -> dict:
    import subprocess

    out = subprocess.run(
        [sys.executable, __file__, "--child", side, str(maildir), str(work), warehouse],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_pg(url: str, name: str) -> str:
    """A new, empty database on the server of `url` (postgresql+psycopg://user@host:port)."""
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{url}/{name}"


def drop_pg(url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def scaling(
    sizes: list[int], rows: int, work: Path, pg: str | None, kinds: list[str] | None = None
) -> dict:
    """The core at each size, fresh each time; a table of per-message time and peak RSS."""
    out: dict[str, list[dict]] = {}
    for n in sizes:
        maildir = work / f"Maildir-{n}"
        t0 = time.perf_counter()
        generate(maildir, n, rows)
        generated = round(time.perf_counter() - t0, 1)
        for kind in kinds or ["sqlite"] + (["postgresql"] if pg else []):
            run_dir = work / f"run-{kind}-{n}"
            run_dir.mkdir()
            name = f"jx_bench_{n}"
            url = fresh_pg(pg, name) if kind == "postgresql" and pg else ""
            try:
                fig = run_side("scaling", maildir, run_dir, url)
            finally:
                if url and pg:
                    drop_pg(pg, name)
            fig["generate_seconds"] = generated
            out.setdefault(kind, []).append(fig)
            print(json.dumps({kind: fig}, ensure_ascii=False), file=sys.stderr, flush=True)
            shutil.rmtree(run_dir / "archive", ignore_errors=True)
        shutil.rmtree(maildir, ignore_errors=True)
    return out


def scaling_table(out: dict[str, list[dict]]) -> str:
    head = (
        "| warehouse | messages | ms/msg (after GX import) | collect ms/msg | process ms/msg "
        "| first batch ms/msg | last batch ms/msg | peak RSS intake | peak RSS reader |"
    )
    lines = [head, "|" + "---|" * 9]
    for kind, figs in out.items():
        for f in figs:
            n = f["messages"]
            after = f["seconds"] - f["gx_import_seconds"]
            b = f["batch_ms_per_message"]
            lines.append(
                f"| {kind} | {n:,} | {after / n * 1000:.1f} | "
                f"{f['collect_seconds'] / n * 1000:.1f} | {f['process_seconds'] / n * 1000:.1f} | "
                f"{b[0]:.1f} | {b[-1]:.1f} | {f['peak_rss_mb']} MB | {f['reader_peak_rss_mb']} MB |"
            )
    return "\n".join(lines)


SIDES = ["core", "baseline_project", "baseline_toy"]


def _speedups(core: dict, base: dict) -> dict:
    return {
        key: round(core[key] / base[key], 1)
        for key in ("messages_per_second", "messages_per_second_after_import")
    }


def main() -> int:
    if len(sys.argv) in (5, 6) and sys.argv[1] == "--child":
        _child(*sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--only", choices=SIDES, default=None)
    parser.add_argument("--scaling", type=int, nargs="+", default=None, metavar="N")
    parser.add_argument(
        "--postgresql", default=None, help="with --scaling: postgresql+psycopg://user@host:port"
    )
    parser.add_argument(
        "--warehouses",
        nargs="+",
        choices=["sqlite", "postgresql"],
        default=None,
        help="with --scaling: which to run (default: SQLite, and PostgreSQL if given)",
    )
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="jx-bench-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if args.scaling:
        out = scaling(args.scaling, args.rows, work, args.postgresql, args.warehouses)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        print(scaling_table(out))
        return 0
    maildir = work / "Maildir"
    t0 = time.perf_counter()
    generate(maildir, args.messages, args.rows)
    out = {"messages": args.messages, "rows_per_table": args.rows,
           "generate_seconds": round(time.perf_counter() - t0, 1)}  # fmt: skip
    # Each side runs in its own process, so neither inherits the other's imports or caches.
    for side in SIDES:
        if args.only in (None, side):
            out[side] = run_side(side, maildir, work)
    for side in SIDES[1:]:
        if "core" in out and side in out:
            out[f"speedup_vs_{side}"] = _speedups(out["core"], out[side])
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
