"""A throwaway Dovecot IMAP server for tests (pytest fixtures `dovecot` and `imap_account`).

Written for Dovecot 2.3 (`dovecot --version`); 2.4 renamed several settings. The server runs
from its own config file in a temp dir, plaintext on a free 127.0.0.1 port, with users in
passwd-files. Dovecot refuses mail access as UID 0, so when the tests run as root the mail
files belong to `nobody` and the temp dir is made world-traversable for it.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
_FLAGS_RE = re.compile(rb"UID (\d+) FLAGS \(([^)]*)\)|FLAGS \(([^)]*)\) UID (\d+)")

_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = {mail_uid}
first_valid_gid = {mail_gid}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.recv(100).startswith(b"* OK"):
                    return True
        except OSError:
            time.sleep(0.05)
    return False


@dataclass
class ImapAccount:
    """One mailbox user on the test server, with helpers that go around the code under test."""

    host: str
    port: int
    user: str
    password: str
    home: Path
    server: DovecotServer | None = None

    def _connect(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(self.user, self.password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX", date: dt.datetime | None = None) -> None:
        """APPEND raw bytes (imaplib makes line ends CRLF; build messages with CRLF)."""
        client = self._connect()
        try:
            if folder.upper() != "INBOX":
                client.create(folder)  # fails harmlessly when it exists
            when = imaplib.Time2Internaldate(date) if date else None
            typ, data = client.append(folder, None, when, raw)
            assert typ == "OK", data
        finally:
            client.logout()

    def flags(self, folder: str = "INBOX") -> dict[int, set[str]]:
        """{uid: flags} of a folder, read with EXAMINE so looking changes nothing."""
        client = self._connect()
        try:
            typ, data = client.select(folder, readonly=True)
            assert typ == "OK", data
            if int(data[0] or 0) == 0:
                return {}
            typ, data = client.uid("FETCH", "1:*", "(UID FLAGS)")
            assert typ == "OK", data
            result: dict[int, set[str]] = {}
            for line in data:
                m = _FLAGS_RE.search(line if isinstance(line, bytes) else line[0])
                if m:
                    uid = m.group(1) or m.group(4)
                    flags = m.group(2) if m.group(1) else m.group(3)
                    result[int(uid)] = set(flags.decode().split())
            return result
        finally:
            client.logout()

    def folders(self) -> list[str]:
        client = self._connect()
        try:
            typ, data = client.list()
            assert typ == "OK", data
            return [line.decode().rsplit(" ", 1)[-1].strip('"') for line in data]
        finally:
            client.logout()


class DovecotServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.config = root / "dovecot.conf"
        self._counter = itertools.count(1)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self.mail_uid, self.mail_gid = nobody.pw_uid, nobody.pw_gid
            login_user, internal_user = "dovenull", "dovecot"
            try:
                pwd.getpwnam("dovenull")
                pwd.getpwnam("dovecot")
            except KeyError:
                login_user = internal_user = "nobody"
        else:
            self.mail_uid, self.mail_gid = os.getuid(), os.getgid()
            login_user = internal_user = pwd.getpwuid(os.getuid()).pw_name
        self.config.write_text(
            _CONFIG.format(
                root=root,
                port=self.port,
                login_user=login_user,
                internal_user=internal_user,
                mail_uid=min(self.mail_uid, 500),
                mail_gid=min(self.mail_gid, 500),
            )
        )
        self.users = root / "users"
        self.users.mkdir(mode=0o755)

    def start(self) -> None:
        # -F keeps the master in the foreground as our child, so stop() can wait() for it.
        self._log = (self.root / "start.err").open("wb")
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        if not _wait_for_port(self.port, 10) or self.process.poll() is not None:
            self.stop()
            text = (self.root / "start.err").read_text(errors="replace")
            log = self.root / "dovecot.log"
            if log.exists():
                text += log.read_text(errors="replace")[-3000:]
            pytest.fail(f"dovecot did not start on port {self.port}:\n{text}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: the master stops its children and exits
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def new_account(self) -> ImapAccount:
        """A fresh user with an empty mailbox.

        One passwd-file per user (the path has %u): Dovecot may not notice a change to a
        shared file made within the same second, but it always reads a file it has not seen.
        """
        n = next(self._counter)
        user, password = f"user{n}", f"secret-{n}"
        home = self.root / "home" / user
        home.mkdir(parents=True)
        os.chown(home, self.mail_uid, self.mail_gid)
        entry = self.users / user
        entry.write_text(f"{user}:{{PLAIN}}{password}:{self.mail_uid}:{self.mail_gid}::{home}::\n")
        entry.chmod(0o644)
        return ImapAccount(self.host, self.port, user, password, home)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[ImapAccount]:
    """A running Dovecot; yields its first account (host, port, user, password, append, flags).

    The server itself is `dovecot.server` for fixtures that need more accounts.
    """
    if not os.path.exists(DOVECOT):
        message = "dovecot is not installed (apt-get install dovecot-imapd)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's tmp dir: that one is 0700 and the mail user must traverse it.
    root = Path(tempfile.mkdtemp(prefix="jinxiao-dovecot-"))
    root.chmod(0o755)
    (root / "home").mkdir(mode=0o755)
    server = DovecotServer(root)
    server.start()
    try:
        account = server.new_account()
        account.server = server
        yield account
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_account(dovecot: ImapAccount) -> ImapAccount:
    """A fresh user per test, so every test starts from an empty INBOX."""
    assert dovecot.server is not None
    return dovecot.server.new_account()
