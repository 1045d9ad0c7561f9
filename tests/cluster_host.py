"""[core] hostname_callable for the distributed test's workers: each says which "host" it
stands for (JINXIAO_TEST_HOST), so task instances show where they ran."""

from __future__ import annotations

import os


def hostname() -> str:
    return os.environ["JINXIAO_TEST_HOST"]
