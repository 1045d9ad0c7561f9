"""Push the hostile corpus through the whole intake in a child process and report what became of
every message (issue 9).

The intake runs as `python -m jinxiao.cli intake`, configured only through the environment
(CONTRACT §3 connections), under RLIMIT_AS 2 GiB and a wall-clock timeout, so a message that
eats memory or hangs shows up as exactly that instead of taking the test run down with it.

    cd tests && PYTHONPATH=../src python -m hostile.run_corpus --twice
    cd tests && PYTHONPATH=../src python -m hostile.run_corpus \\
        --warehouse postgresql://postgres@127.0.0.1:5432/jx_hostile
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from .corpus import (
    AUTHSERV_ID,
    ESCAPE_NAME,
    LEAK_MARKERS,
    Case,
    Mail,
    Outcome,
    load_cases,
    write_corpus,
)

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 2 << 30  # RLIMIT_AS of the intake process
RSS_BUDGET = 1 << 30  # what the intake may really use for this corpus
TIMEOUT = 1800.0  # seconds; the corpus takes a few minutes when all goes well
# Exit statuses of `jinxiao.cli intake` meaning "every message decided": 0, and 3, "decided,
# but some ended in internal_error" (cmd_intake's docstring).
CLEAN_EXITS = frozenset({0, 3})
# Which file outcome speaks for a message with several files (as the pipeline settles it).
_PRECEDENCE = ("accepted", "superseded", "rejected", "duplicate", "ignored", "quarantined")
_COUNTED = (
    "message",
    "mailbox_ref",
    "submission",
    "activity",
    "activity_county",
    "problem",
    "contact",
    "city_figure",
    "outbox",
)
# Tables whose text reaches people (replies, the tracker, reports): scanned for leaks.
_SCANNED = ("message", "submission", "problem", "activity", "held_row", "held_cell", "contact",
            "outbox")  # fmt: skip


# --------------------------------------------------------------------------- the child


@dataclass(frozen=True)
class Child:
    rc: int | None  # exit status (negative: killed by that signal); None: killed at the timeout
    seconds: float
    peak_rss: int  # bytes: the largest of the child and every process it waited for
    stdout: str  # the last lines
    stderr: str

    @property
    def clean(self) -> bool:
        return self.rc in CLEAN_EXITS


def warehouse_target(warehouse: str | Path) -> tuple[URL, dict[str, object]]:
    """(SQLAlchemy URL to read it, the AIRFLOW_CONN_WAREHOUSE JSON to give the intake).

    A path is a SQLite file; postgresql://user@host:port/db is a PostgreSQL database, which
    the connection names in `schema` (CONTRACT §3, warehouse_config_from_conn)."""
    value = str(warehouse)
    if "://" not in value:
        path = Path(value).resolve()
        return URL.create("sqlite", database=str(path)), {"conn_type": "sqlite", "host": str(path)}
    url = make_url(value)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"not a PostgreSQL URL or a SQLite path: {value}")
    conn: dict[str, object] = {
        "conn_type": "postgres",
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "login": url.username or "postgres",
        "schema": url.database,
    }
    if url.password:
        conn["password"] = url.password
    return url.set(drivername="postgresql+psycopg"), conn


def child_env(
    maildir: Path, workdir: Path, warehouse_conn: dict[str, object], auth: str
) -> dict[str, str]:
    # Nothing of the caller's Airflow setup may leak in: the run sees only this corpus.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW_CONN_", "AIRFLOW_VAR_"))
    }
    mailbox = {
        "conn_type": "fs",
        "extra": {"path": str(maildir), "sender_auth": auth, "authserv_id": AUTHSERV_ID},
    }
    env.update(
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p),
        AIRFLOW_CONN_SUBMISSION_MAILBOX=json.dumps(mailbox),
        AIRFLOW_CONN_WAREHOUSE=json.dumps(warehouse_conn),
        ARCHIVE_DIR=str(workdir / "archive"),
        OUTPUT_DIR=str(workdir / "output"),
        AIRFLOW_VAR_SENDER_REGISTRY=str(REPO / "config" / "senders.csv"),
        GX_ANALYTICS_ENABLED="False",
    )
    return env


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash of a 2 GiB process: no core


def _tail(path: Path, lines: int = 40) -> str:
    data = path.read_bytes()[-20000:].decode("utf-8", "replace")
    return "\n".join(data.splitlines()[-lines:])


def run_intake(env: dict[str, str], workdir: Path, timeout: float, tag: str) -> Child:
    """One `jinxiao.cli intake` in its own session; wait4 gives the peak RSS of its tree."""
    out, err = workdir / f"intake-{tag}.stdout", workdir / f"intake-{tag}.stderr"
    started = time.monotonic()
    with open(out, "wb") as so, open(err, "wb") as se:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jinxiao.cli", "intake"],
            env=env, cwd=workdir, stdin=subprocess.DEVNULL, stdout=so, stderr=se,
            preexec_fn=_limit_memory, start_new_session=True,
        )  # fmt: skip
    expired = threading.Event()

    def kill_group() -> None:
        expired.set()
        _kill_group(proc.pid)

    timer = threading.Timer(timeout, kill_group)
    timer.start()
    try:
        # wait4, not RUSAGE_CHILDREN of this process: that one keeps the maximum over every
        # child this process ever had, so a second run could not be measured on its own. The
        # child's usage includes the workers it reaped (ru_maxrss = the largest of them).
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    _kill_group(proc.pid)  # workers an aborted intake left behind
    return Child(
        rc=None if expired.is_set() else proc.returncode,
        seconds=time.monotonic() - started,
        peak_rss=usage.ru_maxrss * 1024,
        stdout=_tail(out),
        stderr=_tail(err),
    )


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# --------------------------------------------------------------------------- the warehouse


@dataclass(frozen=True)
class _Message:
    key: str
    outcome: str | None
    reason_class: str | None
    received_at: dt.datetime | None
    sender: str | None


@dataclass(frozen=True)
class Snapshot:
    by_ref: dict[str, list[_Message]]  # maildir file name -> message rows it maps to
    files: dict[str, list[Outcome]]  # message_key -> its submission rows' outcomes
    counts: dict[str, int]  # rows per table
    view_rows: int  # rows of v_submission
    view_expected: int  # what v_submission must hold given message and submission
    leaks: tuple[str, ...]
    error: str | None  # why the warehouse could not be read (a crash before migrating, say)


def _as_time(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        try:
            value = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def read_warehouse(url: URL) -> Snapshot:
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return Snapshot({}, {}, {}, 0, 0, (), "no warehouse file was written")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return _snapshot(conn)
    except Exception as exc:  # noqa: BLE001 - reported: the run left no readable warehouse
        return Snapshot({}, {}, {}, 0, 0, (), f"{type(exc).__name__}: {exc}"[:500])
    finally:
        engine.dispose()


def _snapshot(conn) -> Snapshot:
    insp = inspect(conn)
    present = set(insp.get_table_names()) | set(insp.get_view_names())
    missing = {"message", "mailbox_ref", "submission", "v_submission"} - present
    if missing:
        return Snapshot({}, {}, {}, 0, 0, (), f"no {', '.join(sorted(missing))} in the warehouse")
    by_ref: dict[str, list[_Message]] = {}
    rows = conn.execute(
        text(
            "SELECT r.source_ref, m.message_key, m.outcome, m.reason_class, m.received_at, "
            "m.sender FROM mailbox_ref r JOIN message m ON m.message_key = r.message_key"
        )
    )
    for ref, key, outcome, reason, received, sender in rows:
        by_ref.setdefault(ref, []).append(
            _Message(key, outcome, reason, _as_time(received), sender)
        )
    files: dict[str, list[Outcome]] = {}
    for key, outcome, reason in conn.execute(
        text("SELECT message_key, outcome, reason_class FROM submission")
    ):
        files.setdefault(key, []).append((outcome, reason))
    counts = {
        table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
        for table in _COUNTED
        if table in present
    }
    view_rows = conn.execute(text("SELECT COUNT(*) FROM v_submission")).scalar_one()
    undecided_alone = conn.execute(
        text(
            "SELECT COUNT(*) FROM message m WHERE m.outcome IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM submission s WHERE s.message_key = m.message_key)"
        )
    ).scalar_one()
    return Snapshot(
        by_ref, files, counts, view_rows, counts["submission"] + undecided_alone,
        _leaks(conn, present), None,
    )  # fmt: skip


def _leaks(conn, present: set[str]) -> tuple[str, ...]:
    found = set()
    for table in _SCANNED:
        if table not in present:
            continue
        for row in conn.execute(text(f"SELECT * FROM {table}")):
            blob = " ".join(str(v) for v in row if v is not None)
            found |= {f"{table}: {mk!r}" for mk in LEAK_MARKERS if mk in blob}
    return tuple(sorted(found))


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class MailResult:
    case: str
    mail: Mail
    messages: int  # message rows recorded for the file: exactly one is right
    outcome: Outcome | None  # settled over the message's rows of v_submission; None = none
    rows: tuple[Outcome, ...]  # every v_submission row of the message
    received_at: dt.datetime | None
    sender: str | None

    @property
    def one_outcome(self) -> bool:
        return self.messages == 1 and self.outcome is not None

    @property
    def outcome_ok(self) -> bool:
        return self.outcome in self.mail.expect

    @property
    def received_ok(self) -> bool:
        return self.received_at is not None and self.received_at.replace(
            microsecond=0
        ) == self.mail.delivered.astimezone(dt.UTC)

    @property
    def sender_ok(self) -> bool:
        return self.mail.sender is None or self.sender == self.mail.sender

    def problems(self) -> list[str]:
        out = []
        if not self.one_outcome:
            out.append("no outcome" if self.messages <= 1 else f"{self.messages} messages")
        elif not self.outcome_ok:
            out.append("outcome")
        if self.one_outcome and not self.received_ok:
            out.append("received_at")
        if self.one_outcome and not self.sender_ok:
            out.append("sender")
        return out


def settle(rows: list[Outcome], message_outcome: Outcome | None) -> Outcome | None:
    """The message's outcome as v_submission shows it: its files' best, else its own."""
    for wanted in _PRECEDENCE:
        for row in rows:
            if row[0] == wanted:
                return row
    return message_outcome if message_outcome and message_outcome[0] else None


def mail_result(case: Case, mail: Mail, snap: Snapshot) -> MailResult:
    found = snap.by_ref.get(mail.file, [])
    keys = {msg.key for msg in found}
    if len(keys) != 1:
        return MailResult(case.name, mail, len(keys), None, (), None, None)
    msg = found[0]
    rows = snap.files.get(msg.key, [])
    own = (msg.outcome, msg.reason_class) if msg.outcome else None
    outcome = settle(rows, own) if msg.outcome else None
    shown = tuple(rows) if rows else ((own,) if own else ())
    return MailResult(case.name, mail, 1, outcome, shown, msg.received_at, msg.sender)


@dataclass(frozen=True)
class Report:
    child: Child
    results: tuple[MailResult, ...]
    snapshot: Snapshot
    escaped: tuple[str, ...]  # files a zip member's path put outside the archive

    @property
    def outcomes(self) -> dict[str, tuple[int, Outcome | None]]:
        return {r.mail.file: (r.messages, r.outcome) for r in self.results}

    def failures(self) -> list[str]:
        """Every way this run falls short of issue 9, one line each."""
        out = self.run_failures()
        for r in self.results:
            if problems := r.problems():
                out.append(f"{r.case} {r.mail.file}: {', '.join(problems)} "
                           f"(expected {_show_set(r.mail.expect)}, got {_show(r)})")  # fmt: skip
        return out

    def run_failures(self) -> list[str]:
        """What is wrong with the run as a whole (exit, memory, warehouse, leaks)."""
        out = []
        c = self.child
        if not c.clean:
            why = "timed out" if c.rc is None else f"exit status {c.rc}"
            out.append(f"intake {why} after {c.seconds:.0f} s")
        if c.peak_rss >= RSS_BUDGET:
            out.append(f"peak RSS {c.peak_rss / 2**20:.0f} MiB (budget {RSS_BUDGET >> 20} MiB)")
        if self.snapshot.error:
            out.append(f"warehouse unreadable: {self.snapshot.error}")
        if self.snapshot.view_rows != self.snapshot.view_expected:
            out.append(f"v_submission has {self.snapshot.view_rows} rows, message and "
                       f"submission imply {self.snapshot.view_expected}")  # fmt: skip
        out += [f"leak in {leak}" for leak in self.snapshot.leaks]
        out += [f"zip member escaped the archive: {path}" for path in self.escaped]
        return out

    def table(self) -> str:
        head = ["case", "file", "expected", "actual", "check"]
        lines = [head]
        for r in self.results:
            lines.append([
                r.case, r.mail.file.split(".P")[0], _show_set(r.mail.expect), _show(r),
                ", ".join(r.problems()) or "ok",
            ])  # fmt: skip
        widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
        body = ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in lines]
        body.insert(1, "  ".join("-" * w for w in widths))
        c = self.child
        rc = "timeout" if c.rc is None else str(c.rc)
        body.append("")
        body.append(f"rc={rc}  seconds={c.seconds:.0f}  peak_rss={c.peak_rss / 2**20:.0f} MiB  "
                    f"rows={self.snapshot.counts}")  # fmt: skip
        failing = sum(1 for r in self.results if r.problems())
        body.append(f"{len(self.results) - failing}/{len(self.results)} messages as expected")
        body += [f"! {line}" for line in self.run_failures()]
        return "\n".join(body)


def _show(r: MailResult) -> str:
    if r.messages != 1:
        return "no message recorded" if r.messages == 0 else f"{r.messages} messages"
    if r.outcome is None:
        return "no outcome"
    text_ = _outcome(r.outcome)
    if len(r.rows) > 1:
        text_ += " [" + ", ".join(_outcome(o) for o in r.rows) + "]"
    return text_


def _outcome(o: Outcome) -> str:
    return o[0] if o[1] is None else f"{o[0]}/{o[1]}"


def _show_set(outcomes: frozenset[Outcome]) -> str:
    return "|".join(sorted(_outcome(o) for o in outcomes))


def _escaped(workdir: Path) -> tuple[str, ...]:
    archive = workdir / "archive"
    found = [p for p in workdir.rglob(ESCAPE_NAME) if archive not in p.parents]
    # A traversal from the archive's fan-out folders, or from the working folder itself.
    for base in (workdir.parent, workdir.parent.parent, Path("/")):
        candidate = base / "etc" / ESCAPE_NAME
        if candidate.exists():
            found.append(candidate)
    return tuple(sorted(str(p) for p in found))


def run(
    maildir: Path,
    workdir: Path,
    warehouse: str | Path,
    auth: str = "require",
    *,
    timeout: float = TIMEOUT,
    cases: list[Case] | None = None,
    tag: str = "run",
) -> Report:
    """One intake of `maildir` into `warehouse` (a SQLite path or a postgresql:// URL), with
    its archive and outputs under `workdir`; then what the warehouse says of every case."""
    maildir, workdir = Path(maildir).resolve(), Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    cases = cases if cases is not None else load_cases(maildir)
    url, conn = warehouse_target(warehouse)
    child = run_intake(child_env(maildir, workdir, conn, auth), workdir, timeout, tag)
    snap = read_warehouse(url)
    results = tuple(mail_result(case, mail, snap) for case in cases for mail in case.mails)
    return Report(child, results, snap, _escaped(workdir))


def rerun_changes(first: Report, second: Report) -> list[str]:
    """What a second run over the same mailbox changed (it must change nothing)."""
    out = []
    if not second.child.clean:
        out.append(f"second run: exit status {second.child.rc}")
    for table, n in first.snapshot.counts.items():
        if second.snapshot.counts.get(table) != n:
            out.append(f"{table}: {n} rows, then {second.snapshot.counts.get(table)}")
    before, after = first.outcomes, second.outcomes
    for file, outcome in before.items():
        if after.get(file) != outcome:
            out.append(f"{file}: {outcome} then {after.get(file)}")
    return out


def run_isolated(
    maildir: Path, workdir: Path, cases: list[Case], *, timeout: float = TIMEOUT
) -> list[Report]:
    """Each case on its own (with the genuine baseline beside it) in a fresh SQLite warehouse:
    which message crashes or bloats the intake, when one crash hides all the others.

    Alone, a hostile file no genuine mail of its city follows stays `accepted` where the whole
    corpus would show `superseded`; that is taken as the same verdict here."""
    maildir, workdir = Path(maildir).resolve(), Path(workdir).resolve()
    baseline = next(c for c in cases if c.name == "baseline")
    reports = []
    for case in cases:
        if case is baseline:
            continue
        here = workdir / "isolated" / case.name
        box = here / "maildir"
        for sub in ("tmp", "new", "cur"):
            (box / sub).mkdir(parents=True, exist_ok=True)
        for mail in (*baseline.mails, *case.mails):
            target = box / "new" / mail.file
            if not target.exists():
                os.link(maildir / "new" / mail.file, target)  # same inode: same mtime
        alone = Case(case.name, case.attack, tuple(_alone(mail) for mail in case.mails))
        reports.append(
            run(box, here, here / "warehouse.db", timeout=timeout, cases=[baseline, alone])
        )
    return reports


def _alone(mail: Mail) -> Mail:
    if ("superseded", None) not in mail.expect:
        return mail
    return Mail(mail.file, mail.delivered, mail.expect | {("accepted", None)}, mail.legitimate,
                mail.sender)  # fmt: skip


def isolated_table(reports: list[Report]) -> str:
    lines = [["case", "rc", "s", "RSS MiB", "baseline", "case's messages (expected -> actual)"]]
    for rep in reports:
        base = [r for r in rep.results if r.case == "baseline"]
        mine = [r for r in rep.results if r.case != "baseline"]
        c = rep.child
        lines.append([
            mine[0].case if mine else "?",
            "timeout" if c.rc is None else str(c.rc),
            f"{c.seconds:.0f}",
            f"{c.peak_rss / 2**20:.0f}",
            "+".join(sorted({p for r in base for p in r.problems()})) or "ok",
            "; ".join(
                f"{_show_set(r.mail.expect)} -> {_show(r)}"
                + (f" ({', '.join(r.problems())})" if r.problems() else "")
                for r in mine
            ),
        ])  # fmt: skip
    widths = [max(len(row[i]) for row in lines) for i in range(5)]
    return "\n".join(
        "  ".join(v.ljust(w) for v, w in zip(row[:5], widths)) + "  " + row[5] for row in lines
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hostile.run_corpus", description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="default: a new temporary folder")
    parser.add_argument("--warehouse", help="SQLite path or postgresql:// URL (default: "
                        "workdir/warehouse.db)")  # fmt: skip
    parser.add_argument("--auth", default="require", choices=["require", "warn", "off"])
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("--twice", action="store_true", help="run again and diff the warehouse")
    parser.add_argument("--isolate", action="store_true",
                        help="then run every case alone (SQLite), one intake each")  # fmt: skip
    args = parser.parse_args(argv)
    workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="jx-hostile-"))).resolve()
    maildir = workdir / "maildir"
    started = time.monotonic()
    cases = write_corpus(maildir, args.seed)
    print(f"corpus: {sum(len(c.mails) for c in cases)} messages in {len(cases)} cases, "
          f"{time.monotonic() - started:.1f} s, {maildir}")  # fmt: skip
    warehouse = args.warehouse or workdir / "warehouse.db"
    report = run(maildir, workdir, warehouse, args.auth, timeout=args.timeout, cases=cases)
    print(report.table())
    if report.child.stderr and not report.child.clean:
        print("\n-- intake stderr (tail)\n" + report.child.stderr)
    failed = bool(report.failures())
    if args.twice:
        again = run(maildir, workdir, warehouse, args.auth, timeout=args.timeout, cases=cases,
                    tag="rerun")  # fmt: skip
        changes = rerun_changes(report, again)
        print(f"\nsecond run: rc={again.child.rc} {again.child.seconds:.0f} s, "
              f"{len(changes)} changes")  # fmt: skip
        for line in changes:
            print(f"  {line}")
        failed = failed or bool(changes)
    if args.isolate:
        print("\n== every case alone, beside the baseline\n")
        print(isolated_table(run_isolated(maildir, workdir, cases, timeout=args.timeout)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
