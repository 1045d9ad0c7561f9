"""Intake benchmark: messages per second of the intake core against a naive baseline.

    python bench/intake_bench.py [--messages 500] [--rows 8] [--workdir DIR]

Generates N realistic submissions (one 附件2 .xlsx each, from the 11 cities' registered
senders, some with messy cells), writes them to a Maildir, then times

* the intake core, without Airflow start-up: `intake.collect` + `intake.process` into a fresh
  SQLite warehouse (archive, extract, identify, read, locate, normalise, one GX validation
  per batch, load, supersede);
* the naive baseline on the same files: per file `pandas.read_excel` (openpyxl), a Great
  Expectations validation, and `DataFrame.to_sql`.

Both include their Great Expectations import in the timing; figures go to stdout as JSON.
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
    from jinxiao.identify import load_sender_registry
    from jinxiao.mailbox import write_maildir_message
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


def run_core(maildir: Path, work: Path) -> dict:
    from jinxiao import intake
    from jinxiao.archive import Archive
    from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
    from jinxiao.identify import load_sender_registry
    from jinxiao.mailbox import MailboxConfig, open_mailbox
    from jinxiao.normalise_values import county_table
    from jinxiao.warehouse import WarehouseConfig, connect, migrate

    campaign = load_campaign()
    start = time.perf_counter()
    engine = connect(WarehouseConfig("sqlite", path=str(work / "core.db")))
    migrate(engine, campaign, county_table())
    archive = Archive(work / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(maildir))) as mb:
        collected = intake.collect(mb, engine, archive, "bench")
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    stats = intake.process(engine, archive, registry, campaign, "bench")
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "messages": collected.new,
        "messages_per_second": round(collected.new / seconds, 1),
        "outcomes": dict(stats.outcomes),
    }


def run_baseline(maildir: Path, work: Path) -> dict:
    import pandas as pd
    from sqlalchemy import create_engine

    start = time.perf_counter()
    import great_expectations as gx
    import great_expectations.expectations as gxe

    context = gx.get_context(mode="ephemeral")
    batch_def = (
        context.data_sources.add_pandas("p")
        .add_dataframe_asset("a")
        .add_batch_definition_whole_dataframe("b")
    )
    suite = gx.ExpectationSuite(
        name="naive",
        expectations=[
            gxe.ExpectColumnValuesToNotBeNull(column="重点活动名称"),
            gxe.ExpectColumnValuesToNotBeNull(column="参加县区"),
        ],
    )
    engine = create_engine(f"sqlite:///{work / 'baseline.db'}")
    n = 0
    for path in sorted((maildir / "new").iterdir()):
        msg = email.message_from_bytes(path.read_bytes())
        for part in msg.walk():
            if part.get_filename() is None:
                continue
            frame = pd.read_excel(
                __import__("io").BytesIO(part.get_payload(decode=True)), engine="openpyxl", header=2
            )
            frame = frame[frame["重点活动名称"].notna()].astype(str)
            batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
            batch.validate(suite)
            frame.to_sql("activity", engine, if_exists="append", index=False)
        n += 1
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "messages": n,
        "messages_per_second": round(n / seconds, 1),
    }


def _child(side: str, maildir: str, work: str) -> None:
    run = run_core if side == "core" else run_baseline
    result = run(Path(maildir), Path(work))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result, ensure_ascii=False))


def run_side(side: str, maildir: Path, work: Path) -> dict:
    import subprocess

    out = subprocess.run(
        [sys.executable, __file__, "--child", side, str(maildir), str(work)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(*sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--only", choices=["core", "baseline"], default=None)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="jx-bench-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    maildir = work / "Maildir"
    t0 = time.perf_counter()
    generate(maildir, args.messages, args.rows)
    out = {"messages": args.messages, "rows_per_table": args.rows,
           "generate_seconds": round(time.perf_counter() - t0, 1)}  # fmt: skip
    # Each side runs in its own process, so neither inherits the other's imports or caches.
    for side in ("core", "baseline"):
        if args.only in (None, side):
            out[side] = run_side(side, maildir, work)
    if "core" in out and "baseline" in out:
        out["speedup"] = round(
            out["core"]["messages_per_second"] / out["baseline"]["messages_per_second"], 1
        )
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
