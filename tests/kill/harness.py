"""Kill `python -m jinxiao.cli intake` with a real SIGKILL at a step boundary, rerun it, and
read back everything the run leaves behind, to compare with a run nobody killed.

The boundaries are the intake's own progress lines on stderr (`step=archived`, `step=triaged
key=...`, `step=decided`, `step=committed key=...`, `step=processed`, `step=moved ref=...`,
`step=sending key=...`, `step=sent key=...`: jinxiao.cli.log_progress). The harness reads them
from a pipe and SIGKILLs the child's process group on the chosen one: no mock, no hook in the
code under test. The pipe is one packet deep and kept full, so every line waits inside
write(2) while the harness reads it out of the writer's memory: the kill lands inside the
write of the chosen line, after everything before it and before anything after it (`Landing`
says where the run stopped, and the tests check it is the window they meant).

What is compared (`State`): every warehouse table's rows (surrogate ids replaced by the
natural key they point at; run ids and wall-clock stamps left out; received_at, arrival times
and outcomes kept), the mail that reached the SMTP server (recipients, subject, headers and
body of each, counted: one sent twice shows), the archive's files and the Maildir's.
"""

from __future__ import annotations

import contextlib
import email
import fcntl
import functools
import hashlib
import json
import os
import platform
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

from smtp_server import SmtpServer
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from jinxiao.intake.mailbox import write_maildir_message
from jinxiao.jobs.demo import delivered_name, demo_mails

REPO = Path(__file__).resolve().parents[2]
PROCESSED = "Processed"
FROM_ADDR = "swj-tj@commerce.sx.example"
OPS_ADDR = "ops@commerce.sx.example"

# 19 messages of the demo season: clean registries in several formats, a file with held rows
# and its correction, a second version that supersedes the first, the same message delivered twice
# (Message-ID), the same file sent again (bytes), a scan, a zip, a forward, a plan, an unknown
# sender's table (quarantined), a question and an auto-reply (ignored), results of May.
PICK = (
    "01-taiyuan-registry",
    "02-datong-registry-xls",
    "03-datong-wrong-table",
    "05-changzhi-registry-csv",
    "07-shuozhou-held",
    "08-shuozhou-corrected",
    "09-jinzhong-first",
    "10-jinzhong-update",
    "11-yuncheng-registry",
    "12-yuncheng-redelivered",
    "13-yuncheng-resend",
    "14-xinzhou-pdf",
    "15-xinzhou-zip",
    "16-linfen-forwarded",
    "17-linfen-plan",
    "20-unknown-sender",
    "21-taiyuan-question",
    "22-datong-autoreply",
    "23-taiyuan-results-may",
)


def write_maildir(root: Path) -> dict[str, str]:
    """The picked demo mails delivered into root (new/); returns name -> message_key."""
    keys = {}
    for mail in demo_mails():
        if mail.name in PICK:
            raw = mail.build()
            write_maildir_message(root, raw, name=delivered_name(mail, raw))
            keys[mail.name] = hashlib.sha256(raw).hexdigest()
    assert sorted(keys) == sorted(PICK), "a picked demo mail is gone"
    return keys


# --------------------------------------------------------------------------- where a run works


@dataclass(frozen=True)
class Warehouse:
    conn: dict[str, object]  # AIRFLOW_CONN_WAREHOUSE, as the intake reads it
    url: URL  # to read it back

    @classmethod
    def sqlite(cls, path: Path) -> Warehouse:
        return cls(
            {"conn_type": "sqlite", "host": str(path)}, URL.create("sqlite", database=str(path))
        )

    @classmethod
    def postgresql(cls, database: str, host: str, port: int, login: str) -> Warehouse:
        conn = {"conn_type": "postgres", "host": host, "port": port, "login": login,
                "schema": database}  # fmt: skip
        url = URL.create("postgresql+psycopg", username=login, host=host, port=port,
                         database=database)  # fmt: skip
        return cls(conn, url)

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()


@dataclass(frozen=True)
class Workspace:
    """One run's world: its Maildir, archive and output folders under `root`."""

    root: Path

    @property
    def maildir(self) -> Path:
        return self.root / "Maildir"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    def copy_maildir_from(self, other: Path) -> None:
        shutil.copytree(other, self.maildir, copy_function=shutil.copy2)


def intake_env(
    ws: Workspace, wh: Warehouse, smtp_port: int | None, pycache: Path | None = None
) -> dict[str, str]:
    # Nothing of the caller's Airflow setup may leak in: the run sees only this workspace.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW_CONN_", "AIRFLOW_VAR_"))
    }
    mailbox = {"conn_type": "fs", "extra": {"path": str(ws.maildir), "processed_folder": PROCESSED}}
    env.update(
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p),
        AIRFLOW_CONN_SUBMISSION_MAILBOX=json.dumps(mailbox),
        AIRFLOW_CONN_WAREHOUSE=json.dumps(wh.conn),
        AIRFLOW_VAR_SENDER_REGISTRY=str(REPO / "config" / "senders.csv"),
        ARCHIVE_DIR=str(ws.archive),
        OUTPUT_DIR=str(ws.root / "output"),
        GX_ANALYTICS_ENABLED="False",
    )
    if smtp_port is not None:
        env["AIRFLOW_CONN_SMTP_DEFAULT"] = json.dumps(
            {"conn_type": "smtp", "host": "127.0.0.1", "port": smtp_port,
             "extra": {"from_email": FROM_ADDR, "ops_email": OPS_ADDR, "disable_ssl": True,
                       "disable_tls": True, "timeout": 10}}
        )  # fmt: skip
    if pycache is not None and env.get("PYTHONDONTWRITEBYTECODE"):
        # Dozens of intakes each import Great Expectations: with PYTHONDONTWRITEBYTECODE set
        # (as on the dev machines) each would compile it again, ~5 s a run. The bytecode goes
        # to a folder of the test session's, never into the virtualenv.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


# --------------------------------------------------------------------------- the SMTP server


# --------------------------------------------------------------------------- running, killing


@dataclass(frozen=True)
class Boundary:
    """Kill when the nth progress line of `step` appears (or the one naming `key`)."""

    name: str
    step: str
    nth: int = 1
    key: str | None = None  # a message_key (step=committed / step=triaged)

    def matches(self, fields: dict[str, str], count: int) -> bool:
        if fields.get("step") != self.step:
            return False
        if self.key is not None:
            return fields.get("key") == self.key
        return count == self.nth


_FIELD = re.compile(r"(\w+)=(\S+)")


def progress_fields(line: str) -> dict[str, str]:
    """The key=value fields of a `step=` progress line; {} for any other line."""
    if "step=" not in line:
        return {}
    return dict(_FIELD.findall(line[line.index("step=") :]))


@dataclass(frozen=True)
class Run:
    rc: int | None  # exit status; negative: killed by that signal; None: timed out
    seconds: float
    lines: tuple[str, ...]  # stderr
    stdout: str
    killed_at: str | None  # the progress line the kill followed

    def steps(self, step: str) -> list[dict[str, str]]:
        return [f for f in map(progress_fields, self.lines) if f.get("step") == step]

    def tail(self, n: int = 30) -> str:
        return "\n".join(self.lines[-n:])


# The write(2) system call's number, to see in /proc/<tid>/syscall that a task waits in one.
WRITE_SYSCALL = {"x86_64": 1, "aarch64": 64}.get(platform.machine())
_FILLER = b"\0"
_POLL_MIN, _POLL_MAX = 0.0005, 0.01  # seconds between looks for a waiting writer


@functools.cache
def gate_available() -> str | None:
    """Why the line gate cannot work here, or None when it can: a child blocked writing
    into a full one-packet pipe must be seen, and its text read, from /proc."""
    if WRITE_SYSCALL is None or not hasattr(os, "O_DIRECT") or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return f"needs Linux on x86_64 or aarch64, not {platform.system()} {platform.machine()}"
    r, w = os.pipe2(os.O_DIRECT | os.O_CLOEXEC)
    try:
        fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)
        os.write(w, _FILLER)
        probe = subprocess.Popen(
            [sys.executable, "-c", "import os; os.write(2, b'step=probe')"], stderr=w
        )
        pipe = f"pipe:[{os.fstat(r).st_ino}]"
        deadline, seen = time.monotonic() + 10, None
        while seen is None and time.monotonic() < deadline and probe.poll() is None:
            seen = _waiting_write(f"/proc/{probe.pid}/task/{probe.pid}", pipe)
            time.sleep(0.01)
        probe.kill()
        probe.wait()
    finally:
        os.close(r)
        os.close(w)
    if seen is None or seen[2] != "step=probe":
        return "cannot read a blocked writer's system call and memory from /proc"
    return None


@dataclass
class Intake:
    """A started `jinxiao intake`: its process and the read end of its stderr."""

    proc: subprocess.Popen[bytes]
    stderr: int  # file descriptor
    gated: bool
    cwd: Path
    tag: str


def start_intake(env: dict[str, str], cwd: Path, tag: str, gated: bool = False) -> Intake:
    """Start the intake in a session of its own (one SIGKILL takes it and all it forked).

    gated: its stderr is a packet pipe (O_DIRECT) one packet deep, holding a filler packet
    from the start, so each line the child writes waits inside write(2) until the harness has
    taken the packet before it (see finish_intake).
    """
    if gated:
        r, w = os.pipe2(os.O_DIRECT | os.O_CLOEXEC)
        fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)  # one page: room for one packet
        os.write(w, _FILLER)
    else:
        r, w = os.pipe2(os.O_CLOEXEC)
    try:
        with open(cwd / f"{tag}.stdout", "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "jinxiao.cli", "intake"],
                env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=w,
                start_new_session=True,
            )  # fmt: skip
    finally:
        os.close(w)
    return Intake(proc, r, gated, cwd, tag)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _task_dirs(pid: int) -> list[str]:
    """/proc/<pid>/task/<tid> of the intake and every process it forked (sandboxed readers,
    pool workers): all of them write to the same stderr."""
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            tids = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in tids:
            task = f"/proc/{p}/task/{tid}"
            out.append(task)
            with contextlib.suppress(OSError, ValueError):
                stack += [int(c) for c in Path(f"{task}/children").read_text().split()]
    return out


def _waiting_write(task: str, pipe: str) -> tuple[int, int, str] | None:
    """(buffer, length, text) of a write into our pipe the task is blocked in, else None."""
    try:
        fields = Path(f"{task}/syscall").read_text().split()
        if len(fields) < 4 or not fields[0].isdigit() or int(fields[0]) != WRITE_SYSCALL:
            return None
        fd, buf, count = int(fields[1], 16), int(fields[2], 16), int(fields[3], 16)
        if os.readlink(f"{task}/fd/{fd}") != pipe:
            return None
        with open(f"{task}/mem", "rb") as mem:
            mem.seek(buf)
            return buf, count, mem.read(count).decode("utf-8", "replace")
    except (OSError, ValueError):
        return None  # the task moved on, or is gone


def _wait_readable(fd: int, proc: subprocess.Popen[bytes], deadline: float) -> None:
    while not select.select([fd], [], [], 0.05)[0]:
        if proc.poll() is not None or time.monotonic() > deadline:
            return


def _gated(intake: Intake, stop_at, deadline: float) -> tuple[bytes, str | None]:
    """(what the child wrote, the line it was killed in), stopping the child inside the write
    of the first line `stop_at` is true of.

    The pipe holds one packet and is never empty while the child runs, so whoever writes
    waits. The harness reads the waiting text out of the writer's memory (/proc/<tid>/syscall
    gives fd, buffer and length; /proc/<tid>/mem the bytes). On the line to stop at it
    SIGKILLs the group there and then: the child did nothing after it. Otherwise it takes the
    packet before, the waiting write goes in, and it waits for that to land before looking
    again, so no line gets past unseen.
    """
    proc, fd = intake.proc, intake.stderr
    pipe = f"pipe:[{os.fstat(fd).st_ino}]"
    landed = b""
    seen: dict[str, tuple[int, int, str]] = {}
    idle = _POLL_MIN
    while time.monotonic() < deadline:
        waiting = [(t, w) for t in _task_dirs(proc.pid) if (w := _waiting_write(t, pipe))]
        if not waiting:
            if proc.poll() is not None:
                return landed, None
            # Lines come in bursts (one per message) between long quiet spells (validation):
            # look often right after a line, less and less while nothing comes.
            time.sleep(idle)
            idle = min(idle * 2, _POLL_MAX)
            continue
        idle = _POLL_MIN
        for task, write in waiting:
            if seen.get(task) == write:
                continue  # the same write still going in (one longer than a packet)
            seen[task] = write
            for line in write[2].splitlines():
                if stop_at(line):
                    _kill_group(proc.pid)
                    return landed, line
        landed += os.read(fd, 1 << 16)
        _wait_readable(fd, proc, deadline)
    _kill_group(proc.pid)
    return landed, None


def _drain(fd: int) -> bytes:
    out = b""
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        out += chunk
    return out


def finish_intake(intake: Intake, kill_at: Boundary | None = None, timeout: float = 240.0) -> Run:
    """Wait for the intake, reading its stderr; SIGKILL its process group at `kill_at`."""
    proc, started = intake.proc, time.monotonic()
    deadline = started + timeout
    counts: Counter[str] = Counter()

    def stop_at(line: str) -> bool:
        fields = progress_fields(line)
        if not fields or kill_at is None:
            return False
        counts[fields["step"]] += 1
        return kill_at.matches(fields, counts[fields["step"]])

    landed, killed_at = b"", None
    try:
        if intake.gated:
            landed, killed_at = _gated(intake, stop_at, deadline)
        else:
            timer = threading.Timer(timeout, _kill_group, (proc.pid,))
            timer.start()
            try:
                with open(intake.stderr, "rb", closefd=False) as err:
                    landed = err.read()
            finally:
                timer.cancel()
        rc = proc.wait()
    finally:
        _kill_group(proc.pid)  # workers a finished or killed run may have left
        landed += _drain(intake.stderr)
        os.close(intake.stderr)
    lines = landed.replace(_FILLER, b"").decode("utf-8", "replace").splitlines()
    if killed_at is not None:
        lines.append(f"{killed_at}  <- SIGKILL while writing this line")
    (intake.cwd / f"{intake.tag}.stderr").write_text("\n".join(lines), encoding="utf-8")
    return Run(
        rc=None if time.monotonic() >= deadline else rc,
        seconds=time.monotonic() - started,
        lines=tuple(lines),
        stdout=(intake.cwd / f"{intake.tag}.stdout").read_text(encoding="utf-8", errors="replace"),
        killed_at=killed_at,
    )


def run_intake(env: dict[str, str], cwd: Path, tag: str, kill_at: Boundary | None = None) -> Run:
    """One intake to its end, or SIGKILLed inside the write of the `kill_at` line."""
    return finish_intake(start_intake(env, cwd, tag, gated=kill_at is not None), kill_at)


# --------------------------------------------------------------------------- reading it back

# Tables a killed run legitimately leaves different. run_metrics: one row per run and step,
# with that run's timings and counts; a killed run writes none and its rerun counts only what
# it did itself.
NOT_COMPARED = {"run_metrics"}
# Surrogate ids (replaced by the natural key where another row points at them), run ids,
# wall-clock stamps of when this machine did something. attempts / last_error: a send the
# crash cut off is attempted again, and says so.
IGNORED = {
    "submission_id", "problem_id", "activity_id", "contact_id", "outbox_id", "run_id",
    "first_seen_at", "processed_at", "recorded_at", "created_at", "claimed_at", "sent_at",
    "taken_at", "attempts", "last_error",
}  # fmt: skip
OWN_ID = {"submission": "submission_id", "activity": "activity_id"}


@dataclass(frozen=True)
class WireMail:
    """A sent mail as the recipient sees it, without what differs per send by design (its
    Date, the random MIME boundaries)."""

    mail_from: str
    rcpt_to: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    parts: tuple[tuple[str, str | None, str], ...]  # content type, filename, content


def _mail_content(raw: bytes) -> tuple[tuple[tuple[str, str], ...], tuple]:
    msg = email.message_from_bytes(raw, policy=policy.default)
    headers = tuple(
        (k, str(v)) for k, v in msg.items() if k.lower() not in ("date", "content-type")
    )
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_content_maintype() == "text":
            content = payload.decode(part.get_content_charset() or "utf-8", "replace")
        else:
            content = hashlib.sha256(payload).hexdigest()
        parts.append((part.get_content_type(), part.get_filename(), content))
    return headers, tuple(parts)


def wire_mail(mail_from: str, rcpt_to: tuple[str, ...], raw: bytes) -> WireMail:
    headers, parts = _mail_content(raw)
    return WireMail(mail_from, tuple(sorted(rcpt_to)), headers, parts)


@dataclass
class State:
    tables: dict[str, Counter[tuple]] = field(default_factory=dict)
    archive: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    maildir: list[str] = field(default_factory=list)  # relative paths
    wire: Counter[WireMail] = field(default_factory=Counter)


def _scrub(value: object, roots: tuple[str, ...]) -> object:
    if isinstance(value, dict | list):  # PostgreSQL's JSONB
        value = json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str):
        for root in roots:
            value = value.replace(root, "<workspace>")
    return value


def read_tables(wh: Warehouse, roots: tuple[str, ...]) -> dict[str, Counter[tuple]]:
    engine = create_engine(wh.url)
    try:
        names = sorted(set(inspect(engine).get_table_names()) - NOT_COMPARED)
        with engine.connect() as conn:
            subs = {
                r[0]: (r[1], r[2])
                for r in conn.execute(
                    text("SELECT submission_id, message_key, attachment_path FROM submission")
                )
            }
            acts = {
                r[0]: (r[1], r[2], r[3])
                for r in conn.execute(
                    text("SELECT activity_id, message_key, sheet, excel_row FROM activity")
                )
            }
            natural = {"submission_id": subs, "superseded_by": subs, "activity_id": acts,
                       "registry_activity_id": acts}  # fmt: skip
            tables = {}
            for name in names:
                result = conn.execute(text(f"SELECT * FROM {name}"))  # noqa: S608 - our names
                columns = list(result.keys())
                rows: Counter[tuple] = Counter()
                for row in result:
                    values = []
                    for col, value in zip(columns, row, strict=True):
                        if col == OWN_ID.get(name):
                            continue
                        if col in natural and value is not None:
                            values.append((col, natural[col][value]))
                        elif col == "raw_message":
                            values.append((col, _mail_content(value.encode("ascii"))))
                        elif col not in IGNORED:
                            values.append((col, _scrub(value, roots)))
                    rows[tuple(values)] += 1
                tables[name] = rows
    finally:
        engine.dispose()
    return tables


def _files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def read_state(ws: Workspace, wh: Warehouse, smtp: SmtpServer | None) -> State:
    roots = tuple(dict.fromkeys((str(ws.root.resolve()), str(ws.root))))
    return State(
        tables=read_tables(wh, roots),
        archive=_files(ws.archive),
        maildir=sorted(_files(ws.maildir)),
        wire=Counter(wire_mail(m.mail_from, m.rcpt_tos, m.raw) for m in smtp.messages)
        if smtp
        else Counter(),
    )


def _counter_diff(label: str, a: Counter, b: Counter, limit: int = 4) -> list[str]:
    """Rows of one side missing on the other; a row that changed shows only what changed."""
    missing, extra = list((a - b).elements()), list((b - a).elements())
    out = []
    for row in missing[:]:
        twin = next((x for x in extra if _same_row(row, x)), None)
        if twin is not None:
            missing.remove(row)
            extra.remove(twin)
            changed = [f"{k}: clean {v!r} / after the crash {w!r}"
                       for (k, v), (_k, w) in zip(row, twin, strict=True) if v != w]  # fmt: skip
            out.append(f"{label}: {row[0]} changed: {'; '.join(changed)}"[:1500])
    out += [f"{label}: only in the clean run: {str(row)[:600]}" for row in missing]
    out += [f"{label}: only after the crash: {str(row)[:600]}" for row in extra]
    return out[:limit] + ([f"{label}: {len(out) - limit} more"] if len(out) > limit else [])


def _same_row(a: object, b: object) -> bool:
    """The same row, changed: a table row whose first column (its key) is the same."""
    return (
        isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) > 0
        and isinstance(a[0], tuple) and a[0] == b[0]
    )  # fmt: skip


def differences(clean: State, crashed: State) -> list[str]:
    """What the crashed-and-rerun state has that the clean one has not, and the reverse."""
    out = []
    for name in sorted(set(clean.tables) | set(crashed.tables)):
        out += _counter_diff(
            f"table {name}", clean.tables.get(name, Counter()), crashed.tables.get(name, Counter())
        )
    out += _counter_diff(
        "archive", Counter(clean.archive.items()), Counter(crashed.archive.items())
    )
    out += _counter_diff("maildir", Counter(clean.maildir), Counter(crashed.maildir))
    out += _counter_diff("smtp", clean.wire, crashed.wire)
    return out


@dataclass(frozen=True)
class Landing:
    """Where a killed run stopped, read from what it left."""

    recorded: int  # message rows
    decided: int  # messages with an outcome
    moved: int  # Maildir files moved to the processed folder
    sending: int  # outbox rows claimed and not marked sent
    sent: int  # mails the SMTP server accepted


def landing(ws: Workspace, wh: Warehouse, smtp: SmtpServer | None) -> Landing:
    engine = create_engine(wh.url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "message" not in tables:
                return Landing(0, 0, 0, 0, 0)
            recorded, decided = conn.execute(
                text("SELECT COUNT(*), COUNT(outcome) FROM message")
            ).one()
            sending = conn.execute(
                text("SELECT COUNT(*) FROM outbox WHERE status = 'sending'")
            ).scalar_one()
    finally:
        engine.dispose()
    processed = ws.maildir / f".{PROCESSED}"
    moved = sum(1 for p in processed.rglob("*") if p.is_file()) if processed.exists() else 0
    return Landing(
        int(recorded), int(decided), moved, int(sending), len(smtp.messages) if smtp else 0
    )
