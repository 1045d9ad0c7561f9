"""Issue 9 item 10: an intake SIGKILLed at any step boundary loses and doubles nothing.

A season of 19 demo mails goes through one clean `jinxiao intake` per warehouse (SQLite file,
PostgreSQL). Then, for each boundary, a fresh copy of the Maildir and a fresh warehouse get an
intake that is SIGKILLed (its whole process group) when its own progress line for that
boundary appears, and a second intake that runs to the end. Afterwards the warehouse, the mail
the SMTP server took, the archive and the Maildir must be those of the clean run
(tests/kill/harness.py says what is compared and what is left out).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import PG, fresh_pg_database
from kill.harness import (
    PICK,
    Boundary,
    Landing,
    Run,
    State,
    Warehouse,
    Workspace,
    differences,
    finish_intake,
    gate_available,
    intake_env,
    landing,
    read_state,
    run_intake,
    start_intake,
    write_maildir,
)
from smtp_server import smtp_capture

pytestmark = pytest.mark.integration
DIALECTS = ("sqlite", "postgresql")
TOTAL = len(PICK)
T = TypeVar("T")


@dataclass(frozen=True)
class Season:
    maildir: Path
    keys: dict[str, str]  # demo mail name -> message_key
    pycache: Path


@pytest.fixture(scope="module")
def season(tmp_path_factory) -> Season:
    root = tmp_path_factory.mktemp("season")
    keys = write_maildir(root / "Maildir")
    return Season(root / "Maildir", keys, tmp_path_factory.mktemp("pycache"))


@contextlib.contextmanager
def warehouse(dialect: str, root: Path) -> Iterator[Warehouse]:
    if dialect == "sqlite":
        yield Warehouse.sqlite(root / "warehouse.db")
        return
    with fresh_pg_database("jx_kill") as name:
        yield Warehouse.postgresql(name, PG["host"], PG["port"], PG["login"])


@dataclass(frozen=True)
class Clean:
    state: State
    run: Run

    def commit_index(self, key: str) -> int:
        """1-based place of a message among the clean run's commits."""
        keys = [f["key"] for f in self.run.steps("committed")]
        return keys.index(key) + 1


def _both(fn: Callable[[str], T]) -> dict[str, T]:
    """fn once per warehouse, the two at the same time (each is mostly a child process)."""
    with ThreadPoolExecutor(len(DIALECTS)) as pool:
        return dict(zip(DIALECTS, pool.map(fn, DIALECTS), strict=True))


@pytest.fixture(scope="module")
def clean_runs(season, tmp_path_factory) -> dict[str, Clean]:
    """One intake nobody kills, per warehouse: what every crashed run must end up as."""

    def clean(dialect: str) -> Clean:
        root = tmp_path_factory.mktemp(f"clean-{dialect}")
        ws = Workspace(root)
        ws.copy_maildir_from(season.maildir)
        with smtp_capture() as smtp, warehouse(dialect, root) as wh:
            run = run_intake(intake_env(ws, wh, smtp.port, season.pycache), root, "clean")
            assert run.rc == 0, f"clean intake on {dialect} exited {run.rc}:\n{run.tail()}"
            return Clean(read_state(ws, wh, smtp), run)

    # The bytecode cache is written by the first run: one alone, then the other.
    first = clean(DIALECTS[0])
    return {DIALECTS[0]: first, **{d: clean(d) for d in DIALECTS[1:]}}


@dataclass(frozen=True)
class Case:
    boundary: Boundary
    # Where the killed run must have stopped (given n, the boundary line's place in the
    # clean run): the kill landed in the window the case is about, not somewhere after it.
    stopped: Callable[[Landing, int], bool]
    why: str


CASES = {
    "collect-archived-not-recorded": Case(
        Boundary("collect", "archived"),
        lambda at, _c: at.recorded == 0,
        "the batch's raw mail is in the archive, the warehouse knows none of it",
    ),
    "triage-midway": Case(
        Boundary("triage", "triaged", nth=8),
        lambda at, _c: at.recorded == TOTAL and at.decided == 0,
        "recorded; half the batch triaged, some attachments archived",
    ),
    "decided-before-commit": Case(
        Boundary("decided", "decided"),
        lambda at, _c: at.recorded == TOTAL and at.decided == 0,
        "every file read, validated and archived; nothing committed",
    ),
    "between-commits": Case(
        # After 运城's registry commits and before its resend (same bytes) does: the resend's
        # duplicate reason must read as in a clean run.
        Boundary("commit", "committed", key="<11-yuncheng-registry>"),
        lambda at, n: at.decided == n,
        "some messages committed (with their replies enqueued), the rest not",
    ),
    "committed-before-move": Case(
        Boundary("processed", "processed"),
        lambda at, _c: at.decided == TOTAL and at.moved == 0,
        "every outcome committed, nothing moved out of the inbox, nothing sent",
    ),
    "moving": Case(
        Boundary("move", "moved", nth=5),
        lambda at, n: at.moved == n and at.sent == 0,
        "some mail moved to the processed folder, the rest still in the inbox",
    ),
    "claimed-not-sent": Case(
        Boundary("sending", "sending", nth=3),
        lambda at, _c: at.sent == 2 and at.sending == 1,
        "two replies sent; the third claimed, not yet handed to the SMTP server",
    ),
    "between-sends": Case(
        Boundary("sent", "sent", nth=3),
        lambda at, _c: at.sent == 3 and at.sending == 0,
        "three replies sent and marked sent, the rest waiting",
    ),
}


def _boundary(case: Case, season: Season) -> Boundary:
    b = case.boundary
    if b.key and b.key.startswith("<"):
        return Boundary(b.name, b.step, b.nth, season.keys[b.key.strip("<>")])
    return b


@pytest.fixture(autouse=True)
def _line_gate():
    if why := gate_available():
        pytest.skip(f"the SIGKILL harness {why}")


@pytest.mark.parametrize("case_name", list(CASES))
def test_killed_intake_reruns_to_the_clean_result(case_name, season, clean_runs, tmp_path):
    """On each warehouse (the two at once): killed at the boundary, rerun, as if never killed."""
    case = CASES[case_name]
    boundary = _boundary(case, season)

    def crash_and_rerun(dialect: str) -> list[str]:
        clean, root = clean_runs[dialect], tmp_path / dialect
        ws = Workspace(root)
        ws.copy_maildir_from(season.maildir)
        with smtp_capture() as smtp, warehouse(dialect, root) as wh:
            env = intake_env(ws, wh, smtp.port, season.pycache)
            killed = run_intake(env, root, "killed", kill_at=boundary)
            if killed.killed_at is None or killed.rc != -signal.SIGKILL:
                return [f"never killed at {boundary}: exit {killed.rc}\n{killed.tail()}"]
            at = landing(ws, wh, smtp)
            n = clean.commit_index(boundary.key) if boundary.key else boundary.nth
            if not case.stopped(at, n):
                return [f"the kill at {killed.killed_at!r} landed at {at}, not where "
                        f"{case_name} means ({case.why})"]  # fmt: skip
            rerun = run_intake(env, root, "rerun")
            if rerun.rc != 0:
                return [f"rerun exited {rerun.rc}:\n{rerun.tail()}"]
            return [f"killed at {killed.killed_at!r} ({at}): {d}"
                    for d in differences(clean.state, read_state(ws, wh, smtp))]  # fmt: skip

    found = _both(crash_and_rerun)
    assert not any(found.values()), "\n".join(
        f"[{dialect}] {line}" for dialect, lines in found.items() for line in lines
    )


@pytest.mark.parametrize("dialect", DIALECTS)
def test_two_intakes_at_once_end_as_one_clean_run(dialect, season, clean_runs, tmp_path):
    """Started together on the same Maildir and a fresh warehouse: one waits for the other's
    lock (or, given up waiting, exits 4 "intake already running"); neither fails, nothing is
    decided, moved or sent twice."""
    ws = Workspace(tmp_path)
    ws.copy_maildir_from(season.maildir)
    with smtp_capture() as smtp, warehouse(dialect, tmp_path) as wh:
        env = intake_env(ws, wh, smtp.port, season.pycache)
        started = [start_intake(env, tmp_path, f"run{i}") for i in (1, 2)]
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(finish_intake, started))
        state = read_state(ws, wh, smtp)
    for run in runs:
        text_ = "\n".join(run.lines)
        assert run.rc in (0, 4), f"exit {run.rc}:\n{run.tail(60)}"
        assert "Traceback" not in text_ and "IntegrityError" not in text_, text_[-4000:]
        if run.rc == 4:
            assert "intake already running" in text_, text_[-2000:]
    assert [r.rc for r in runs].count(0) >= 1
    decided = [len(r.steps("committed")) for r in runs]
    assert sorted(decided) == [0, TOTAL], f"messages committed by each run: {decided}"
    found = differences(clean_runs[dialect].state, state)
    assert not found, "\n".join(found)
