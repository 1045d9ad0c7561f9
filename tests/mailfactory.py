"""Moved to jinxiao.samples.mail; kept so older test modules keep importing."""

from jinxiao.samples.mail import *  # noqa: F403
