"""Which city sent a message: the sender registry (CONTRACT §3) and cross-checks."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from jinxiao.config import Campaign


@dataclass(frozen=True)
class SenderRegistry:
    by_address: dict[str, str]  # lower-cased address -> city name

    def city_of(self, sender: str) -> str | None:
        return self.by_address.get(sender.strip().lower())

    def addresses_of(self, city_name: str) -> list[str]:
        return sorted(a for a, c in self.by_address.items() if c == city_name)


def load_sender_registry(path: Path, campaign: Campaign) -> SenderRegistry:
    """Read `city_name,email`; a city name must be one of the campaign's (short form accepted)."""
    text = path.read_bytes().decode("utf-8-sig")
    mapping: dict[str, str] = {}
    for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        name, email = (row.get("city_name") or "").strip(), (row.get("email") or "").strip()
        if not name or not email:
            continue
        try:
            city = campaign.city(name)
        except KeyError:
            raise ValueError(f"{path}: line {n}: {name!r} is not a city of the campaign") from None
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
