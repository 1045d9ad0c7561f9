"""Does the province's own mail server vouch for the From domain? (CONTRACT §3)

A registry address proves nothing by itself: anyone can write `From: swj@taiyuan...`. What the
sender cannot forge is the Authentication-Results header our receiving server prepends
(RFC 8601), so only that header is read, and only an *aligned* pass (RFC 7489 §3.1) counts:

- Only headers whose authserv-id is the configured one are considered; another id is some
  other server's claim (or the sender's), whatever it says.
- Of those, the topmost decides. Our server adds its header above everything it received, so
  any header below it, even with our id, may have been written by the sender.
- dmarc=pass counts only with header.from equal to the From domain. For domains listed as a
  fallback (cities whose mail system publishes no DMARC record), dkim=pass or spf=pass with a
  relaxed-aligned domain (header.d, smtp.mailfrom) counts instead.
- A header that does not parse is treated as absent: it vouches for nothing.
"""

from __future__ import annotations

import email.message
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import compat32
from typing import Literal

import authres
import authres.core

AuthMode = Literal["require", "warn", "off"]
AuthMethod = Literal["dmarc", "dkim", "spf"]
AUTH_MODES: tuple[AuthMode, ...] = ("require", "warn", "off")

# A receiving server writes one header of a few hundred bytes; anything far larger is not
# ours, and the parser's cost grows with the length, so it is not parsed at all.
MAX_HEADER_CHARS = 8 * 1024
# Headers above ours come only from our own filters; beyond this many, stop looking.
MAX_HEADERS = 50

# Second-level labels under .cn that are registry-run, so the registrable domain has three
# labels (taiyuan.gov.cn). No public-suffix list: the cities write from .cn or a few
# generic domains, and this rule errs towards the longer (stricter) organisational domain.
_CN_SECOND_LEVEL = frozenset({"gov", "com", "edu", "org", "net"})


@dataclass(frozen=True)
class AuthPolicy:
    mode: AuthMode = "require"
    authserv_id: str | None = None
    # From domains (or their organisational domain) for which an aligned dkim=pass /
    # spf=pass is accepted in place of dmarc=pass.
    dkim_ok_domains: frozenset[str] = field(default_factory=frozenset)
    spf_ok_domains: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class AuthVerdict:
    passed: bool
    method: AuthMethod | None  # what vouched; None when nothing did or checks are off
    detail: str  # one English line for the ops log
    detail_zh: str  # one Chinese line for the tracker and the reason_detail


def normalise_domain(domain: str) -> str:
    """Lower-case A-label form, no trailing dot; "" when it is no domain at all."""
    text = domain.strip().rstrip(".").lower()
    if not text or any(c.isspace() or c in "@<>()[]\\\"';,:" for c in text):
        return ""
    try:
        return text.encode("idna").decode("ascii")
    except UnicodeError:
        return text if text.isascii() else ""


def organisational_domain(domain: str) -> str:
    """The registrable domain, by the rule above: a.b.taiyuan.gov.cn -> taiyuan.gov.cn."""
    labels = normalise_domain(domain).split(".")
    if len(labels) >= 3 and labels[-1] == "cn" and labels[-2] in _CN_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def relaxed_aligned(identifier: str, from_domain: str) -> bool:
    a, b = normalise_domain(identifier), normalise_domain(from_domain)
    return bool(a and b) and organisational_domain(a) == organisational_domain(b)


def _domain_of(value: str | None) -> str:
    """The domain of a property value: "user@d", "@d" or a bare "d"."""
    if not value:
        return ""
    return normalise_domain(value.rpartition("@")[2])


def header_block(raw: bytes) -> bytes:
    """The header section of a raw message (up to the first empty line): all authenticate
    needs, small enough to carry from a worker process instead of the whole message."""
    ends = [(i + len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (i := raw.find(sep)) >= 0]
    return raw[: min(ends)] if ends else raw


def _header_values(raw_headers: bytes | email.message.Message) -> Iterator[str]:
    """The Authentication-Results values, topmost first, unfolded, as text."""
    if isinstance(raw_headers, email.message.Message):
        msg = raw_headers
    else:
        msg = BytesParser(policy=compat32).parsebytes(bytes(raw_headers), headersonly=True)
    for name, value in msg.raw_items():
        if name.strip().lower() != "authentication-results":
            continue
        text = value if isinstance(value, str) else str(value)
        # compat32 keeps undecodable bytes as surrogates; they can only make it unparseable.
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        yield " ".join(text.split())


def _leading_id(value: str) -> str:
    """The authserv-id an unparseable header seems to start with (its first word)."""
    head = value.partition(";")[0].partition("(")[0].split()
    return head[0].lower() if head else ""


def _parse(value: str) -> authres.core.AuthenticationResultsHeader | None:
    if len(value) > MAX_HEADER_CHARS:
        return None
    try:
        return authres.parse_value(value)
    except Exception:  # noqa: BLE001 - authres raises its own errors, ValueError and more
        return None


@dataclass(frozen=True)
class _Result:
    method: str
    result: str
    props: dict[str, str]  # "header.from" -> value; the first of each name


def _results(header: authres.core.AuthenticationResultsHeader) -> list[_Result]:
    out = []
    for res in header.results:
        props: dict[str, str] = {}
        for p in getattr(res, "properties", None) or []:
            key = f"{str(p.type).lower()}.{str(p.name).lower()}"
            props.setdefault(key, str(p.value or ""))
        out.append(_Result(str(res.method).lower(), str(res.result).lower(), props))
    return out


def _ours(
    raw_headers: bytes | email.message.Message, authserv_id: str
) -> tuple[str, list[_Result] | None] | None:
    """(raw text, results or None when unparseable) of the topmost header stamped with our
    authserv-id; None when there is none."""
    wanted = authserv_id.strip().lower()
    for n, value in enumerate(_header_values(raw_headers)):
        if n >= MAX_HEADERS:
            return None
        header = _parse(value)
        if header is None:
            # It may be ours, garbled: then it is still the topmost of ours, and the ones
            # below it (which the sender could have written) must not get to decide.
            if _leading_id(value) == wanted:
                return value, None
            continue
        if (header.authserv_id or "").lower() == wanted:
            return value, _results(header)
    return None


def _fallback_listed(domains: frozenset[str], from_domain: str) -> bool:
    listed = {normalise_domain(d) for d in domains}
    return from_domain in listed or organisational_domain(from_domain) in listed


def _judge(results: list[_Result], from_domain: str, policy: AuthPolicy) -> AuthVerdict:
    dmarc = [r for r in results if r.method == "dmarc"]
    for r in dmarc:
        if r.result == "pass" and _domain_of(r.props.get("header.from")) == from_domain:
            return AuthVerdict(
                True,
                "dmarc",
                f"dmarc=pass for {from_domain}",
                f"邮件服务器验证通过（DMARC，{from_domain}）",
            )
    if _fallback_listed(policy.dkim_ok_domains, from_domain):
        for r in results:
            signer = r.props.get("header.d") or r.props.get("header.i")
            if (
                r.method == "dkim"
                and r.result == "pass"
                and relaxed_aligned(_domain_of(signer), from_domain)
            ):
                return AuthVerdict(
                    True,
                    "dkim",
                    f"dkim=pass d={_domain_of(signer)} aligned with {from_domain} (fallback)",
                    f"邮件服务器验证通过（DKIM签名{_domain_of(signer)}，按该域名的备用规则）",
                )
    if _fallback_listed(policy.spf_ok_domains, from_domain):
        for r in results:
            mailfrom = _domain_of(r.props.get("smtp.mailfrom"))
            if r.method == "spf" and r.result == "pass" and relaxed_aligned(mailfrom, from_domain):
                return AuthVerdict(
                    True,
                    "spf",
                    f"spf=pass mailfrom={mailfrom} aligned with {from_domain} (fallback)",
                    f"邮件服务器验证通过（SPF，{mailfrom}，按该域名的备用规则）",
                )
    if not dmarc:
        return AuthVerdict(
            False,
            None,
            f"no dmarc result for {from_domain} in our Authentication-Results",
            "邮件服务器未给出DMARC验证结果",
        )
    aligned = [r for r in dmarc if _domain_of(r.props.get("header.from")) == from_domain]
    if not aligned:
        shown = ", ".join(
            f"{r.result} header.from={r.props.get('header.from', '?')}" for r in dmarc
        )
        return AuthVerdict(
            False,
            None,
            f"dmarc result is not for the From domain {from_domain}: {shown}",
            f"DMARC验证结果针对的不是发件人域名{from_domain}",
        )
    result = aligned[0].result
    return AuthVerdict(
        False,
        None,
        f"dmarc={result} for {from_domain}",
        f"DMARC未通过（结果：{result}）",
    )


def authenticate(
    raw_headers: bytes | email.message.Message, from_domain: str, policy: AuthPolicy
) -> AuthVerdict:
    """Whether our mail server vouches for `from_domain` in this message. Never raises."""
    if policy.mode == "off":
        return AuthVerdict(
            True, None, "sender_auth is off: not checked", "未检查发件人身份（已关闭）"
        )
    if not policy.authserv_id or not policy.authserv_id.strip():
        return AuthVerdict(
            False,
            None,
            "no authserv_id configured for the mailbox: no message can be authenticated",
            "报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份",
        )
    domain = normalise_domain(from_domain)
    if not domain:
        return AuthVerdict(False, None, "no From domain to authenticate", "发件人地址没有域名")
    try:
        found = _ours(raw_headers, policy.authserv_id)
    except Exception:  # noqa: BLE001 - headers that cannot even be split vouch for nothing
        found = None
    if found is None:
        return AuthVerdict(
            False,
            None,
            f"no Authentication-Results from {policy.authserv_id.strip().lower()}",
            "邮件没有本邮箱服务器的验证结果（Authentication-Results）",
        )
    _value, results = found
    if results is None:
        return AuthVerdict(
            False,
            None,
            f"Authentication-Results from {policy.authserv_id.strip().lower()} is unparseable",
            "本邮箱服务器的验证结果无法解读",
        )
    return _judge(results, domain, policy)
