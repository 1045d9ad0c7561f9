"""What one reply's city totals cost as the warehouse grows (issue 9 item 9).

    python bench/reply_bench.py [--activities 8000 32000] [--postgresql URL]

Fills a fresh warehouse (SQLite; PostgreSQL too with --postgresql) with registry submissions
of 8 rows each for the 11 cities, every city's older versions superseded and its latest
accepted, each row in one or two counties, as a season of resends leaves it. Then times, per
call, the reply's totals the old way (the city's row of v_city_summary, which aggregates every
city's rows first) and the new one (`replies.city_totals`, sql/reports/city_totals.sql), and
checks both give the same figures for every city. Prints JSON (milliseconds per reply, the
best of 5 rounds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

ROWS = 8
OLD = text(
    "SELECT counties, activities, enterprises, est_turnover_yi FROM v_city_summary "
    "WHERE city_name = :c"
)


def fill(engine: Engine, activities: int) -> None:
    with engine.begin() as conn:
        cities = [r[0] for r in conn.execute(text("SELECT city_name FROM city ORDER BY city_code"))]
        counties = {
            c: [tuple(r) for r in conn.execute(
                text("SELECT county_code, county_name FROM county WHERE city_name = :c"), {"c": c}
            )]
            for c in cities
        }  # fmt: skip
    subs = activities // ROWS
    now = dt.datetime(2021, 5, 1, tzinfo=dt.UTC)
    latest = {cities[i % len(cities)]: i for i in range(subs)}
    messages, submissions = [], []
    for i in range(subs):
        city, key = cities[i % len(cities)], f"{i:064x}"
        messages.append({"k": key, "p": f"/a/{key}", "t": now, "c": city})
        outcome = "accepted" if latest[city] == i else "superseded"
        submissions.append({"id": i + 1, "k": key, "c": city, "o": outcome, "t": now})
    rows, links = [], []
    for i in range(subs):
        city = cities[i % len(cities)]
        for r in range(ROWS):
            aid = i * ROWS + r + 1
            rows.append({"id": aid, "s": i + 1, "k": f"{i:064x}", "c": city, "row": r + 4,
                         "e": 10 + (i + r) % 50, "w": 100.0 + (i * r) % 997})  # fmt: skip
            own = counties[city]
            for code, name in {own[(i + r) % len(own)], own[(i + 2 * r) % len(own)]}:
                links.append({"a": aid, "code": code, "n": name, "c": city})
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO message (message_key, archive_path, size_bytes, source, source_ref, "
                "first_seen_at, city_name, outcome) VALUES (:k, :p, 1, 'bench', :k, :t, :c, 'accepted')"
            ),
            messages,
        )
        conn.execute(
            text(
                "INSERT INTO submission (submission_id, message_key, attachment_path, filename, "
                "size_bytes, sha256, archive_path, city_name, form, outcome, recorded_at, rows_loaded) "
                "VALUES (:id, :k, '1', 'a.xlsx', 1, :k, '/a', :c, 'registry', :o, :t, 8)"
            ),
            submissions,
        )
        conn.execute(
            text(
                "INSERT INTO activity (activity_id, submission_id, message_key, city_name, form, "
                "sheet, excel_row, activity_name, enterprise_count, est_turnover_wan) "
                "VALUES (:id, :s, :k, :c, 'registry', 'Sheet1', :row, '活动', :e, :w)"
            ),
            rows,
        )
        conn.execute(text(
            "INSERT INTO activity_county (activity_id, county_code, county_name, city_name) "
            "VALUES (:a, :code, :n, :c)"
        ), links)  # fmt: skip
        conn.execute(text("ANALYZE"))  # as a warehouse in use would have its statistics


def per_call_ms(engine: Engine, fn, cities: list[str], calls: int, rounds: int = 5) -> float:
    """Milliseconds per call, the best of `rounds` (the machine is shared: the least
    disturbed round is the cost of the query)."""
    best = float("inf")
    with engine.connect() as conn:
        for c in cities:
            fn(conn, c)  # warm the cache and the statement cache
        for _ in range(rounds):
            start = time.perf_counter()
            for i in range(calls):
                fn(conn, cities[i % len(cities)])
            best = min(best, (time.perf_counter() - start) / calls)
    return round(best * 1000, 3)


def measure(engine: Engine, activities: int, calls: int) -> dict:
    from jinxiao.config import load_campaign
    from jinxiao.mail.replies import city_totals
    from jinxiao.normalise.values import county_table
    from jinxiao.warehouse.connection import migrate

    migrate(engine, load_campaign(), county_table())
    t0 = time.perf_counter()
    fill(engine, activities)
    filled = time.perf_counter() - t0
    with engine.connect() as conn:
        cities = [r[0] for r in conn.execute(text("SELECT city_name FROM city ORDER BY city_code"))]
        n = conn.execute(text("SELECT COUNT(*) FROM activity_county")).scalar_one()
        for c in cities:  # the new query answers exactly what the view did
            old = conn.execute(OLD, {"c": c}).one()
            new = city_totals(conn, c)
            assert new is not None
            assert (new.counties, new.activities, new.enterprises) == tuple(map(int, old[:3])), c
            assert abs(new.est_turnover_yi - float(old[3])) < 1e-9, c

    def old_way(conn, c):
        return conn.execute(OLD, {"c": c}).one()

    return {
        "activities": activities,
        "activity_county_rows": n,
        "fill_seconds": round(filled, 1),
        "view_ms_per_reply": per_call_ms(engine, old_way, cities, calls),
        "city_totals_ms_per_reply": per_call_ms(engine, city_totals, cities, calls),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, nargs="+", default=[8000, 32000])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--postgresql", default=None, help="postgresql+psycopg://user@host:port")
    args = parser.parse_args()
    from jinxiao.warehouse.connection import WarehouseConfig, connect

    out: dict[str, list[dict]] = {"sqlite": []}
    work = Path(tempfile.mkdtemp(prefix="jx-reply-bench-"))
    for n in args.activities:
        engine = connect(WarehouseConfig("sqlite", path=str(work / f"w{n}.db")))
        out["sqlite"].append(measure(engine, n, args.calls))
        engine.dispose()
    if args.postgresql:
        out["postgresql"] = []
        admin = create_engine(f"{args.postgresql}/postgres", isolation_level="AUTOCOMMIT")
        for n in args.activities:
            name = f"jx_reply_bench_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            engine = create_engine(f"{args.postgresql}/{name}")
            try:
                out["postgresql"].append(measure(engine, n, args.calls))
            finally:
                engine.dispose()
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
