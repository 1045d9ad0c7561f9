"""Read one file in a disposable child process, so a file that kills its reader kills nothing else.

Readers in native code (python-calamine in Rust, expat, zlib) can abort the whole process or
ask for more memory than the machine has; no try/except catches that. So one read runs in a
forked child with an address-space ceiling and a wall-clock limit. A child that dies, runs
out of memory or overruns gives a Failure, and the caller rejects the file: it is never read
again in the parent, which would only die in its place.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Literal, TypeVar

from jinxiao.domain.models import FileProblem

T = TypeVar("T")
A = TypeVar("A")

FailureKind = Literal["died", "memory", "timeout", "unpicklable"]


@dataclass(frozen=True)
class Failure:
    """Why a read in the child gave no result (for the log; `problem` is for the city)."""

    kind: FailureKind
    detail: str  # e.g. "killed by SIGABRT", "MemoryError", "over 60 s"

    def problem(self, filename: str) -> FileProblem:
        """The rejection the city is told about: what went wrong and what to send instead."""
        what = {
            "timeout": "读取时间超过系统上限",
            "memory": "读取所需内存超过系统上限",
        }.get(self.kind, "读取时导致读取程序异常退出")
        return FileProblem(
            "corrupt_file",
            f"附件“{filename}”{what}，系统无法读取，可能已损坏或含有大量空白行列、图片或格式。"
            "请在Excel中打开，只保留报送表格（删除空白行列和图片）后另存为.xlsx重新发送。",
        )


def _address_space_now() -> int:
    """This process's mapped address space in bytes (what RLIMIT_AS counts)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _lower_limit(which: int, soft: int) -> None:
    hard = resource.getrlimit(which)[1]
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(which, (soft, hard))


def _child(
    fn: Callable[[A], T], arg: A, address_space_bytes: int, seconds: float, conn: Connection
) -> None:
    # The ceiling is on top of what the fork inherited: an Airflow worker maps gigabytes of
    # libraries and thread stacks before reading anything.
    faulthandler.disable()  # an abort here is reported by the parent as a Failure
    _lower_limit(resource.RLIMIT_AS, _address_space_now() + address_space_bytes)
    # CPU time never exceeds wall time here, so this only fires for a child left orphaned
    # (its parent killed before it could kill the child).
    _lower_limit(resource.RLIMIT_CPU, int(seconds) + 2)
    try:
        outcome: tuple[str, object] = ("ok", fn(arg))
    except MemoryError:
        outcome = ("memory", "MemoryError")
    except Exception as exc:  # noqa: BLE001 - the parent re-raises it (FileProblem...)
        outcome = ("raise", exc)
    except BaseException as exc:  # noqa: BLE001 - a Rust panic (pyo3) is no Exception
        outcome = ("died", repr(exc))
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memory", "MemoryError while pickling the result"))
    except Exception as exc:  # noqa: BLE001 - a result or exception that cannot cross
        data = pickle.dumps(("unpicklable", f"{type(exc).__name__}: {exc}"))
    conn.send_bytes(data)
    conn.close()


def read_in_child(
    fn: Callable[[A], T], arg: A, *, address_space_bytes: int, seconds: float
) -> T | Failure:
    """fn(arg) run in a forked child, or a Failure when the child could not give a result.

    `address_space_bytes` is what the read may map beyond the address space the child starts
    with; `seconds` is wall time, after which the child is killed. An exception fn raises
    (a FileProblem, say) is raised here again; MemoryError becomes Failure("memory"). fn,
    arg and the result need no pickling to go in (fork), but the result must pickle to come
    back. Never retries: whatever killed the child would kill the caller next.
    """
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, arg, address_space_bytes, seconds, send))
    deadline = time.monotonic() + seconds
    proc.start()
    send.close()  # only the child writes: its death then reads as EOF here
    try:
        if not recv.poll(max(deadline - time.monotonic(), 0)):
            return Failure("timeout", f"over {seconds:g} s")
        try:
            kind, value = pickle.loads(recv.recv_bytes())
        except (EOFError, OSError):
            proc.join(5)
            return Failure("died", _death(proc.exitcode))
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()
        proc.close()
    if kind == "ok":
        return value
    if kind == "raise":
        raise value
    return Failure(kind, str(value))


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with status {exitcode} without a result"
