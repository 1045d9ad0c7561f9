"""Read files in disposable processes, so a file that kills its reader kills nothing else.

Readers in native code (python-calamine in Rust, expat, zlib) can abort the whole process or
ask for more memory than the machine has; no try/except catches that. So a read runs in a
forked process with an address-space ceiling and a wall-clock limit. A reader that dies, runs
out of memory or overruns gives a Failure, and the caller rejects the file: it is never read
again in the parent, which would only die in its place.

`SandboxPool` keeps a few such readers alive across calls (a batch of 500 files paid ~50 ms
per file forking one child each); each call gets the ceiling and the clock afresh, and a
reader that fails is replaced. `read_in_child` forks one child for one call.
"""

from __future__ import annotations

import faulthandler
import logging
import multiprocessing as mp
import os
import pickle
import resource
import signal
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, Literal, TypeVar

from jinxiao.domain.models import FileProblem

T = TypeVar("T")
A = TypeVar("A")

FailureKind = Literal["died", "memory", "timeout", "unpicklable"]
log = logging.getLogger(__name__)


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


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _limit_call(address_space_bytes: int, seconds: float) -> None:
    """This process's ceilings for the one call about to run (soft limits: raised again later).

    The address-space ceiling is on top of what the process maps now: an Airflow worker maps
    gigabytes of libraries and thread stacks before reading anything, and a long-lived reader
    keeps what its earlier calls left mapped. CPU time never exceeds wall time here, so the
    CPU limit only fires for a reader left orphaned (its parent killed before it could kill
    the reader)."""
    _lower_limit(resource.RLIMIT_AS, _address_space_now() + address_space_bytes)
    _lower_limit(resource.RLIMIT_CPU, int(_cpu_seconds() + seconds) + 2)


def _outcome_bytes(fn: Callable[[A], T], arg: A) -> bytes:
    """fn(arg) as pickled ("ok", result) / ("raise", exc) / (failure kind, detail)."""
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
    return data


def _child(
    fn: Callable[[A], T], arg: A, address_space_bytes: int, seconds: float, conn: Connection
) -> None:
    faulthandler.disable()  # an abort here is reported by the parent as a Failure
    _limit_call(address_space_bytes, seconds)
    conn.send_bytes(_outcome_bytes(fn, arg))
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


def _serve(
    conn: Connection, others: list[Connection], address_space_bytes: int, seconds: float
) -> None:
    """A pool reader: (fn, arg) after (fn, arg) from the parent, each under fresh ceilings."""
    for other in others:
        other.close()  # the parent's ends of the other readers' pipes: theirs to see EOF on
    faulthandler.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _lower_limit(resource.RLIMIT_CORE, 0)  # a reader killed for its file leaves no core
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return  # the parent closed the pool or died
        try:
            fn, arg = pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - told to the parent, the reader goes on
            conn.send_bytes(pickle.dumps(("unpicklable", f"{type(exc).__name__}: {exc}")))
            continue
        del data
        _limit_call(address_space_bytes, seconds)
        reply = _outcome_bytes(fn, arg)
        del fn, arg
        conn.send_bytes(reply)


class Call(Generic[T]):
    """The result a SandboxPool call will give: fn's value, fn's exception, or a Failure."""

    def __init__(self, pool: SandboxPool | None, fn: Callable[[Any], T], arg: object) -> None:
        self._pool = pool
        self.fn: Callable[[Any], T] | None = fn
        self.arg: object = arg
        self._done = False
        self._value: T | Failure | None = None
        self._error: BaseException | None = None
        self._data: bytes | None = None

    def done(self) -> bool:
        return self._done

    def pickled(self) -> bytes:
        """(fn, arg) as the reader receives them; made once, however often it is sent."""
        if self._data is None:
            self._data = pickle.dumps((self.fn, self.arg), protocol=pickle.HIGHEST_PROTOCOL)
        return self._data

    def settle(self, value: T | Failure | None = None, error: BaseException | None = None) -> None:
        self._value, self._error, self._done = value, error, True
        self.fn = self.arg = self._data = None  # what it held may be big (a file's bytes)

    def result(self) -> T | Failure:
        """fn(arg), waiting for it; re-raises an exception fn raised (a FileProblem...)."""
        while not self._done:
            assert self._pool is not None, "an unsettled call belongs to a pool"
            self._pool.pump(block=True)
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


@dataclass
class _Reader:
    proc: BaseProcess
    conn: Connection
    # Calls sent, in the order the reader runs them: the first is running, the others wait
    # in the pipe (so the reader never idles waiting for this process to hand it work).
    calls: deque[Call] = field(default_factory=deque)
    deadline: float = 0.0  # of the running call


class SandboxPool:
    """A few forked, long-lived readers: what read_in_child guarantees, without a fork per call.

    Each call gets its own address-space ceiling (`address_space_bytes` beyond what the reader
    maps when the call starts) and its own clock (`seconds`, then the reader is killed). A
    call whose reader dies, runs out of memory or overruns settles to a Failure and its reader
    is replaced; calls sent to that reader but not started go to the others, and the other
    readers' calls go on untouched: only the file that did it is lost. Never retries a call
    that failed.

    Single-threaded: the pool moves forward whenever `submit` or a `Call.result` is called, so
    readers work while the caller does its own (triage). fn and arg are pickled to the reader
    (readers are forked once, so fn must be importable), the result pickled back.
    """

    def __init__(
        self, readers: int, *, address_space_bytes: int, seconds: float, depth: int = 2
    ) -> None:
        self.address_space_bytes, self.seconds = address_space_bytes, seconds
        self.depth = depth  # calls in flight per reader
        self._ctx = mp.get_context("fork")
        self._queue: deque[Call] = deque()
        self._readers: list[_Reader] = []
        for _ in range(max(readers, 1)):
            self._readers.append(self._start())
        self._ahead_bytes = _send_buffer(self._readers[0].conn) // 4
        self.replaced = 0  # readers lost to a call (for the log and the tests)

    def __enter__(self) -> SandboxPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Reader:
        mine, theirs = self._ctx.Pipe(duplex=True)
        others = [r.conn for r in self._readers if not r.conn.closed]
        proc = self._ctx.Process(
            target=_serve,
            args=(theirs, others, self.address_space_bytes, self.seconds),
            daemon=True,
        )
        proc.start()
        theirs.close()  # only the reader holds its end: its death then reads as EOF here
        return _Reader(proc, mine)

    def submit(self, fn: Callable[[A], T], arg: A) -> Call[T]:
        call: Call[T] = Call(self, fn, arg)
        self._queue.append(call)
        self.pump(block=False)
        return call

    def pump(self, block: bool) -> None:
        """Hand queued calls to readers and take in what readers have finished; with
        `block`, wait until at least one busy reader finishes or overruns."""
        self._dispatch()
        busy = [r for r in self._readers if r.calls]
        if not busy:
            return
        timeout = max(min(r.deadline for r in busy) - time.monotonic(), 0) if block else 0
        ready = set(wait([r.conn for r in busy], timeout))
        for reader in busy:
            if reader.conn in ready:
                self._take(reader)
            elif time.monotonic() >= reader.deadline:
                self._lose(reader, Failure("timeout", f"over {self.seconds:g} s"))
        self._dispatch()

    def _dispatch(self) -> None:
        for i in range(len(self._readers)):
            while len(self._readers[i].calls) < self.depth and self._queue:
                reader, call = self._readers[i], self._queue.popleft()
                try:
                    data = call.pickled()
                except Exception as exc:  # noqa: BLE001 - this call alone cannot be sent
                    call.settle(Failure("unpicklable", f"{type(exc).__name__}: {exc}"))
                    continue
                if reader.calls and len(data) > self._ahead_bytes:
                    # A busy reader reads nothing until its call ends: sending more than
                    # the socket holds would block here, and if the reader then blocks
                    # sending its result, both wait for ever. Big calls go to idle readers.
                    self._queue.appendleft(call)
                    break
                try:
                    reader.conn.send_bytes(data)
                except OSError:
                    # It died (killed from outside, or by the call it is running, which
                    # the next pump reports): this call never started, so it waits again.
                    self._queue.appendleft(call)
                    if not reader.calls:
                        self._readers[i] = self._replace(reader)
                        continue
                    break
                if not reader.calls:
                    reader.deadline = time.monotonic() + self.seconds
                reader.calls.append(call)

    def _take(self, reader: _Reader) -> None:
        """The running call's result; the reader goes on to the next call it was sent."""
        try:
            kind, value = pickle.loads(reader.conn.recv_bytes())
        except (EOFError, OSError):
            reader.proc.join(5)
            self._lose(reader, Failure("died", _death(reader.proc.exitcode)))
            return
        except Exception as exc:  # noqa: BLE001 - a result that pickled but will not load
            kind, value = "unpicklable", f"{type(exc).__name__}: {exc}"
        call = reader.calls.popleft()
        reader.deadline = time.monotonic() + self.seconds
        if kind == "ok":
            call.settle(value)
        elif kind == "raise":
            call.settle(error=value)
        else:
            call.settle(Failure(kind, str(value)))

    def _lose(self, reader: _Reader, failure: Failure) -> None:
        """The reader's running call failed: settle it, requeue the ones it never started."""
        call = reader.calls.popleft()
        log.warning("a reader process failed (%s); a fresh one takes its place", failure.detail)
        self._queue.extendleft(reversed(reader.calls))
        reader.calls.clear()
        self._readers[self._readers.index(reader)] = self._replace(reader)
        self.replaced += 1
        call.settle(failure)

    def _replace(self, reader: _Reader) -> _Reader:
        _stop(reader)
        return self._start()

    def close(self) -> None:
        """Stop every reader; calls not yet settled settle to a Failure."""
        for call in self._queue:
            call.settle(Failure("died", "the pool was closed before the call ran"))
        self._queue.clear()
        for reader in self._readers:
            for call in reader.calls:
                call.settle(Failure("died", "the pool was closed during the call"))
            reader.calls.clear()
            reader.conn.close()  # an idle reader reads EOF and exits
        for reader in self._readers:
            reader.proc.join(1)
            _stop(reader)
        self._readers = []


def _send_buffer(conn: Connection) -> int:
    """Bytes the kernel buffers on this end of a pipe before a send blocks (at least 64 KiB)."""
    sock = socket.socket(fileno=os.dup(conn.fileno()))
    try:
        return max(int(sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)), 65536)
    except OSError:
        return 65536
    finally:
        sock.close()


def _stop(reader: _Reader) -> None:
    if reader.proc.is_alive():
        reader.proc.kill()
    reader.proc.join()
    if not reader.conn.closed:
        reader.conn.close()
    reader.proc.close()


def call_in_child(
    fn: Callable[[A], T], arg: A, *, address_space_bytes: int, seconds: float
) -> Call[T]:
    """read_in_child as a settled Call, for callers that take either (no pool running)."""
    call: Call[T] = Call(None, fn, arg)
    try:
        call.settle(
            read_in_child(fn, arg, address_space_bytes=address_space_bytes, seconds=seconds)
        )
    except Exception as exc:  # noqa: BLE001 - handed to the caller via the call
        call.settle(error=exc)
    return call
