"""The deterministic demo mailbox of `make run`: the configured campaign's season.

Which season is the campaign's `demo:` setting: the hand-made Shanxi 2021 one
(samples/demo_shanxi.py, `demo: demo_shanxi`), or the one any campaign gets from its cities and dates
(samples/demo_season.py). Delivery writes each message under a fixed Maildir name.
"""

from __future__ import annotations

from pathlib import Path

from jinxiao.config import Campaign, load_campaign
from jinxiao.intake.mailbox import write_maildir_message
from jinxiao.samples import mail as m
from jinxiao.samples.demo_season import DemoMail, generic_mails

__all__ = ["DemoMail", "deliver", "delivered_name", "demo_mails", "write_demo_maildir"]


def demo_mails(campaign: Campaign | None = None) -> list[DemoMail]:
    """The demo season of `campaign` (default: the configured one), in arrival order."""
    import importlib

    campaign = campaign or load_campaign()
    if campaign.demo == "generic":
        return generic_mails(campaign)
    # A hand-made season: the module of that name in jinxiao.samples.
    return importlib.import_module(f"jinxiao.samples.{campaign.demo}").demo_mails()


def delivered_name(mail: DemoMail, raw: bytes) -> str:
    """`<delivery Unix seconds>.M0P0.<name>`: the Maildir name an MDA gives, whose seconds
    are the arrival time the intake uses (CONTRACT §2)."""
    return f"{int(m.delivery_time(raw).timestamp())}.M0P0.{mail.name}"


def deliver(root: Path, mail: DemoMail) -> str:
    """One demo mail into a Maildir under its delivery name, unless it is there already."""
    raw = mail.build()
    name = delivered_name(mail, raw)
    if not any((Path(root) / sub / name).exists() for sub in ("new", "cur")):
        write_maildir_message(Path(root), raw, name=name)
    return name


def write_demo_maildir(root: Path) -> int:
    """Write the demo mailbox; files already there are left alone (a rerun writes nothing)."""
    root = Path(root)
    mails = demo_mails()
    for mail in mails:
        deliver(root, mail)
    for sub in ("tmp", "new", "cur"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return len(mails)
