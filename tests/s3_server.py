"""An S3 endpoint on loopback for tests (fixture `s3_server`): moto's server, a real HTTP
S3 API, in its own process so Airflow's workers reach it like any S3.

Import the fixture: `from s3_server import s3_endpoint_fixture, s3_server_fixture  # noqa: F401`. It yields an `S3`
with the endpoint, a fresh bucket and the environment that points fsspec/botocore at it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class S3:
    endpoint: str
    bucket: str

    @property
    def env(self) -> dict[str, str]:
        """What a process needs to use the endpoint (botocore reads AWS_ENDPOINT_URL)."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }

    def url(self, prefix: str) -> str:
        return f"s3://{self.bucket}/{prefix}"

    def fs(self):
        import s3fs

        return s3fs.S3FileSystem(
            key="testing", secret="testing", endpoint_url=self.endpoint, skip_instance_cache=True
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session", name="s3_endpoint")
def s3_endpoint_fixture() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("moto server did not start") from None
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(name="s3_server")
def s3_server_fixture(s3_endpoint, monkeypatch) -> Iterator[S3]:
    s3 = S3(s3_endpoint, f"jinxiao-{uuid.uuid4().hex[:12]}")
    for key, value in s3.env.items():
        monkeypatch.setenv(key, value)
    s3.fs().mkdir(s3.bucket)
    yield s3
