"""Moved to jinxiao.samples.files; kept so older test modules keep importing."""

from jinxiao.samples.files import *  # noqa: F403
