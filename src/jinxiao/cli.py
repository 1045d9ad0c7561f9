"""Command line for ops: `summary` after a run, `inspect` one email, `demo` mailbox, `intake`,
`report` (a report and the roll-up without Airflow) and `dictionary` (the analysts' data dictionary page).

Connections come from the same AIRFLOW_CONN_* / AIRFLOW_VAR_* variables Airflow reads, so
the command line and the DAGs always look at the same mailbox and warehouse.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from sqlalchemy import text

from jinxiao.domain.labels import outcome_label
from jinxiao.jobs.settings import Settings, settings_from_connections


def conn_from_env(conn_id: str) -> SimpleNamespace:
    """An Airflow connection from AIRFLOW_CONN_<ID> (JSON or URI form), as plain attributes."""
    value = os.environ.get(f"AIRFLOW_CONN_{conn_id.upper()}")
    if not value:
        raise SystemExit(f"AIRFLOW_CONN_{conn_id.upper()} is not set")
    if value.lstrip().startswith("{"):
        data = json.loads(value)
        extra = data.get("extra") or {}
        return SimpleNamespace(
            conn_type=data.get("conn_type"),
            host=data.get("host"),
            port=data.get("port"),
            login=data.get("login"),
            password=data.get("password"),
            schema=data.get("schema"),
            extra_dejson=json.loads(extra) if isinstance(extra, str) else extra,
        )
    url = urlsplit(value)
    return SimpleNamespace(
        conn_type=url.scheme.replace("-", "_"),
        host=unquote(url.hostname or "") or None,
        port=url.port,
        login=unquote(url.username) if url.username else None,
        password=unquote(url.password) if url.password else None,
        schema=url.path.lstrip("/") or None,
        extra_dejson={},
    )


def env_settings() -> Settings:
    return settings_from_connections(
        conn_from_env("submission_mailbox"),
        conn_from_env("warehouse"),
        os.environ.get("AIRFLOW_VAR_SENDER_REGISTRY"),
        conn_from_env("smtp_default") if os.environ.get("AIRFLOW_CONN_SMTP_DEFAULT") else None,
    )


def _table(headers: list[str], rows: list[list[object]]) -> str:
    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)

    grid: list[Sequence[object]] = [headers, *rows]
    cells = [[("" if v is None else str(v)) for v in row] for row in grid]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(v + " " * (widths[i] - width(v)) for i, v in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _short(text_: str | None, limit: int = 60) -> str:
    if not text_:
        return ""
    return text_ if len(text_) <= limit else text_[: limit - 1] + "…"


def cmd_summary(_args: argparse.Namespace) -> int:
    from jinxiao.jobs.tasks import open_warehouse

    settings = env_settings()
    engine = open_warehouse(settings)
    with engine.connect() as conn:
        subs = conn.execute(
            text(
                "SELECT city_name, sender, filename, form, outcome, reason_class, reason_detail "
                "FROM v_submission ORDER BY received_at, filename"
            )
        ).all()
        status = conn.execute(
            text("SELECT city_name, form, status FROM v_city_status ORDER BY city_name, form")
        ).all()
        province = conn.execute(text("SELECT * FROM v_province_summary")).mappings().first()
        mail = conn.execute(
            text("SELECT kind, status, COUNT(*) FROM outbox GROUP BY kind, status ORDER BY 1, 2")
        ).all()
        held = conn.execute(
            text(
                "SELECT city_name, form, filename, sheet, excel_row, column_name, raw_value "
                "FROM v_held_row ORDER BY city_name, form, sheet, excel_row"
            )
        ).all()
    print("\n== Messages and files (v_submission)")
    print(
        _table(
            ["city", "sender", "file", "form", "outcome", "reason"],
            [
                [
                    r[0] or "-",
                    r[1],
                    _short(r[2], 34),
                    r[3] or "",
                    f"{r[4]} {outcome_label(r[4], r[5])}",
                    _short(" ".join(x for x in (r[5], r[6]) if x), 70),
                ]
                for r in subs
            ],
        )
    )
    forms = sorted({r[1] for r in status})
    grid: dict[str, dict[str, str]] = {}
    for city, form, st in status:
        grid.setdefault(city, {})[form] = st
    print("\n== City status per form (v_city_status)")
    print(_table(["city", *forms], [[c, *(grid[c].get(f, "") for f in forms)] for c in grid]))
    if province:
        print("\n== Province (v_province_summary)")
        # PostgreSQL hands NUMERIC back as Decimal('21.390000'); print it as SQLite does.
        print(", ".join(f"{k}={_plain(v)}" for k, v in province.items()))
    if held:
        # Partly accepted files: these rows are in no total until the city corrects them.
        print("\n== Rows held until the city corrects them (v_held_row)")
        print(
            _table(
                ["city", "form", "file", "sheet", "row", "column", "raw value"],
                [[r[0], r[1], _short(r[2], 34), r[3], str(r[4]), r[5], r[6] or ""] for r in held],
            )
        )
    print("\n== Mail to cities and ops (outbox)")
    print(", ".join(f"{k} {st}: {n}" for k, st, n in mail) or "none")
    if any(st == "pending" for _k, st, _n in mail):
        print("(pending mail is sent by the next run once an smtp_default connection is set)")
    print("\n== Where things are")
    print(f"warehouse: {settings.warehouse.describe()}")
    print(f"archive:   {settings.archive_dir}")
    print(f"outputs:   {settings.output_dir}")
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    from jinxiao.jobs.inspect import inspect_email

    path = Path(args.eml)
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    print(json.dumps(inspect_email(path.read_bytes()), ensure_ascii=False, indent=2, default=str))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from jinxiao.jobs.demo import write_demo_maildir

    n = write_demo_maildir(Path(args.maildir))
    print(f"demo mailbox: {args.maildir} ({n} messages)")
    return 0


def log_progress() -> None:
    """The run's progress on stderr, one `step=... key=...` line per stage and message (the
    lines an Airflow task log shows): a run that was killed tells how far it got."""
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )  # fmt: skip
    logging.getLogger("jinxiao").setLevel(logging.INFO)
    # Its INFO lines ("Created temporary directory ...") say nothing to ops.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)


def cmd_intake(_args: argparse.Namespace) -> int:
    """The intake without Airflow (collect + process), for debugging and the benchmark.

    Exit 0: every message decided; 3: decided, but some ended in internal_error (ops must
    look); 4: another intake holds the warehouse's lock.
    """
    from jinxiao.jobs.tasks import InternalErrors, collect_mail, process_messages
    from jinxiao.warehouse.connection import IntakeBusy

    log_progress()
    settings = env_settings()
    try:
        print(collect_mail(settings, "cli"))
        print(process_messages(settings, "cli"))
    except InternalErrors as exc:
        print(exc, file=sys.stderr)
        return 3
    except IntakeBusy as exc:
        print(exc, file=sys.stderr)
        return 4
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """A report and the province roll-up without Airflow, as the report DAGs write them."""
    from jinxiao.jobs.tasks import run_report, run_rollup, write_templates

    settings = env_settings()
    print(json.dumps(write_templates(settings), ensure_ascii=False))
    written = run_report(settings.warehouse, settings.output_dir, args.report, args.as_of)
    print(json.dumps(written, ensure_ascii=False))
    print(run_rollup(settings.warehouse, settings.output_dir, args.report, args.as_of))
    return 0


def cmd_requeue(args: argparse.Namespace) -> int:
    """Process again a message the pipeline failed on, once the fault is fixed."""
    from jinxiao.jobs.tasks import InternalErrors, open_warehouse, process_messages
    from jinxiao.warehouse.load import requeue

    log_progress()
    settings = env_settings()
    keys = requeue(open_warehouse(settings), args.message)
    if not keys:
        print(f"no internal_error message matches {args.message!r}", file=sys.stderr)
        return 2
    print(f"requeued {len(keys)}: {', '.join(keys)}")
    try:
        print(process_messages(settings, "requeue"))
    except InternalErrors as exc:
        print(exc, file=sys.stderr)
        return 3
    return 0


def cmd_answered(args: argparse.Namespace) -> int:
    """Take a city's question off the tracker's 待回复 once staff have answered it."""
    from jinxiao.jobs.tasks import open_warehouse
    from jinxiao.tracker.questions import mark_answered

    keys = mark_answered(open_warehouse(env_settings()), args.message, args.by)
    if not keys:
        print(f"no single open question matches {args.message!r}", file=sys.stderr)
        return 2
    print(f"answered: {keys[0]}")
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    """Write docs/data-dictionary.md from sql/dictionary.yaml (or check it is current)."""
    from jinxiao.warehouse import dictionary

    return dictionary.main(["--out", str(args.out), *(["--check"] if args.check else [])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jinxiao")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("summary", help="print outcomes and city status").set_defaults(fn=cmd_summary)
    p = sub.add_parser("inspect", help="what intake would make of one .eml (touches nothing)")
    p.add_argument("eml")
    p.set_defaults(fn=cmd_inspect)
    p = sub.add_parser("demo", help="write the deterministic demo Maildir")
    p.add_argument("--maildir", required=True)
    p.set_defaults(fn=cmd_demo)
    sub.add_parser("intake", help="collect and process once, without Airflow").set_defaults(
        fn=cmd_intake
    )
    p = sub.add_parser("report", help="templates, one report and the roll-up, without Airflow")
    p.add_argument("report", choices=("june1", "year_end"))
    p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: the campaign's day)")
    p.set_defaults(fn=cmd_report)
    p = sub.add_parser("requeue", help="process again a message that ended in internal_error")
    p.add_argument("message", help="message_key (or a unique prefix of it) or Message-ID")
    p.set_defaults(fn=cmd_requeue)
    p = sub.add_parser("answered", help="mark a city's question answered (off 待回复)")
    p.add_argument("message", help="message_key (or a unique prefix of it)")
    p.add_argument("--by", help="who answered it")
    p.set_defaults(fn=cmd_answered)
    p = sub.add_parser("dictionary", help="write docs/data-dictionary.md from sql/dictionary.yaml")
    p.add_argument("--out", default="docs/data-dictionary.md")
    p.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    p.set_defaults(fn=cmd_dictionary)
    args = parser.parse_args(argv)
    return args.fn(args)


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


if __name__ == "__main__":
    sys.exit(main())
