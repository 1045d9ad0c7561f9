"""Which city sent a message: the sender registry (CONTRACT §3) and cross-checks."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Literal

from jinxiao.config import Campaign
from jinxiao.domain.errors import ConfigError
from jinxiao.domain.models import ParsedEmail, ReasonClass
from jinxiao.intake.auth import AuthPolicy, AuthVerdict, authenticate


@dataclass(frozen=True)
class SenderRegistry:
    by_address: dict[str, str]  # lower-cased address -> city name

    def city_of(self, sender: str) -> str | None:
        return self.by_address.get(sender.strip().lower())

    def addresses_of(self, city_name: str) -> list[str]:
        return sorted(a for a, c in self.by_address.items() if c == city_name)


def load_sender_registry(path: Path, campaign: Campaign) -> SenderRegistry:
    """Read `city_name,email`; a city name must be one of the campaign's (short form accepted)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"sender registry {path} cannot be read ({exc}): check the sender_registry "
            "variable, and save the file as UTF-8 CSV"
        ) from exc
    mapping: dict[str, str] = {}
    for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        name, email = (row.get("city_name") or "").strip(), (row.get("email") or "").strip()
        if not name or not email:
            continue
        try:
            city = campaign.city(name)
        except KeyError:
            raise ConfigError(
                f"{path}: line {n}: {name!r} is not a city of the campaign: fix the name"
            ) from None
        mapping[email.lower()] = city.name
    return SenderRegistry(mapping)


def cities_named(text: str | None, campaign: Campaign) -> list[str]:
    """Cities whose name appears in a free text (subject, 填报单位 line), in campaign order."""
    if not text:
        return []
    return [c.name for c in campaign.cities if c.short in text]


def other_city_warning(
    sender_city: str, subject: str, unit_name: str | None, campaign: Campaign
) -> str | None:
    """A Chinese warning when the subject or 填报单位 names another city than the sender's."""
    for where, text in (("填报单位", unit_name), ("邮件主题", subject)):
        named = cities_named(text, campaign)
        if named and sender_city not in named:
            return (
                f"{where}“{text}”写的是{'、'.join(named)}，但发件邮箱登记为{sender_city}；"
                f"已按发件邮箱计入{sender_city}，如有误请告知。"
            )
    return None


@dataclass(frozen=True)
class SenderVerdict:
    """Whom a message counts for, and whether it may go on (CONTRACT §3)."""

    city_name: str | None  # the city the message counts for; None when it must not go on
    outcome: tuple[Literal["quarantined"], ReasonClass] | None  # None: go on
    reason_detail: str | None  # Chinese, with a quarantine
    flag: str | None  # Chinese note for a message that goes on unverified
    claimed_city: str | None  # the registry's city for the From address, believed or not
    auth: AuthVerdict | None  # None when authentication was not consulted
    log_detail: str  # one English line for the ops log


def sender_verdict(
    email: ParsedEmail,
    raw_headers: bytes | Message,
    registry: SenderRegistry,
    policy: AuthPolicy,
) -> SenderVerdict:
    """The registry and the mailbox server's Authentication-Results, applied by policy.

    Unknown address: quarantined unknown_sender, whatever the mode. A From that cannot be
    taken at face value (email.sender_problem): quarantined unauthenticated_sender unless
    the mode is "off". Otherwise "require" quarantines what the server does not vouch for,
    "warn" lets it go on with a flag, "off" does not look.
    """
    sender = email.sender
    problem = email.sender_problem
    claimed = registry.city_of(sender) if sender else None
    if claimed is None:
        detail = f"发件人{sender or '（无地址）'}不在报送邮箱登记表中，邮件已隔离，未入库。"
        if problem:
            detail += f"（{problem}）"
        return SenderVerdict(
            None,
            ("quarantined", "unknown_sender"),
            detail,
            None,
            None,
            None,
            f"sender {sender or '(none)'} is not in the registry",
        )
    if problem and policy.mode != "off":
        return SenderVerdict(
            None,
            ("quarantined", "unauthenticated_sender"),
            f"{problem}。无法确认邮件确由{claimed}发出，邮件已隔离，未入库。",
            None,
            claimed,
            None,
            f"From header of {sender} is not trustworthy: {problem}",
        )
    verdict = authenticate(raw_headers, sender.rpartition("@")[2], policy)
    if problem:  # mode off: nothing is checked, but the clerk should know
        return SenderVerdict(
            claimed,
            None,
            None,
            f"{problem}；发件人验证已关闭，已按发件地址计入{claimed}，请核实。",
            claimed,
            verdict,
            f"From header of {sender} is not trustworthy (sender_auth off): {problem}",
        )
    if verdict.passed:
        return SenderVerdict(claimed, None, None, None, claimed, verdict, verdict.detail)
    if policy.mode == "require":
        return SenderVerdict(
            None,
            ("quarantined", "unauthenticated_sender"),
            f"发件地址{sender}登记为{claimed}，但发件人身份未经邮件服务器验证"
            f"（{verdict.detail_zh}），无法确认邮件确由{claimed}发出，邮件已隔离，未入库。",
            None,
            claimed,
            verdict,
            f"{sender}: not authenticated: {verdict.detail}",
        )
    return SenderVerdict(
        claimed,
        None,
        None,
        f"发件人身份未经邮件服务器验证（{verdict.detail_zh}），已按“警告”策略入库，请核实。",
        claimed,
        verdict,
        f"{sender}: not authenticated, loaded (sender_auth warn): {verdict.detail}",
    )
