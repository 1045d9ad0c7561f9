"""Sender authentication (issue 9 item 4): Authentication-Results, strict From, policy.

The messages are real .eml bytes as a city's client writes them (samples.mail), with the
trace headers the province's server prepends on delivery, topmost last added.
"""

from __future__ import annotations

import base64
import email
from email.policy import compat32
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinxiao.config import load_campaign
from jinxiao.intake.auth import (
    AuthPolicy,
    authenticate,
    header_block,
    organisational_domain,
    relaxed_aligned,
)
from jinxiao.intake.mailbox import MailboxConfig, MailboxError, mailbox_config_from_conn
from jinxiao.intake.mime import extract, parse_from
from jinxiao.intake.senders import SenderRegistry, load_sender_registry, sender_verdict
from jinxiao.samples.mail import CRLF, build_email, make_xlsx

REPO = Path(__file__).resolve().parents[1]
OURS = "mx.sxswt.example"  # the province mailbox server's authserv-id
TAIYUAN = "swj@taiyuan.sx.example"
SUBJECT = "太原市关于报送2021年全国消费促进月重点活动名录的函"
XLSX = make_xlsx(
    [["参加县区", "重点活动名称", "举办时间"], ["小店区", "汽车消费节", "5月1日-5月5日"]]
)
REQUIRE = AuthPolicy(mode="require", authserv_id=OURS)
WARN = AuthPolicy(mode="warn", authserv_id=OURS)
OFF = AuthPolicy(mode="off", authserv_id=OURS)


def submission(sender: str = TAIYUAN, sender_name: str = "太原市商务局") -> bytes:
    return build_email(
        sender, SUBJECT, [("附件2：太原市活动名录.xlsx", XLSX)], sender_name=sender_name
    )


def with_from(raw: bytes, value: bytes) -> bytes:
    """The same message with its From field replaced by raw bytes, as a forger writes it."""
    head, sep, body = raw.partition(CRLF + CRLF)
    lines = [b"From: " + value if ln.startswith(b"From: ") else ln for ln in head.split(CRLF)]
    return CRLF.join(lines) + sep + body


def city_hops(domain: str = "taiyuan.sx.example") -> list[str]:
    """What the message carries when it reaches our server: the city's own trace."""
    return [
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=s2021;\r\n"
        "\th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
        "\tb=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR",
        f"Received: from [10.14.2.37] (unknown [10.14.2.37])\r\n"
        f"\tby mail.{domain} (Coremail) with SMTP id AQAAfwDnyGRZ3oBgQ4UAAA--.1905S2;\r\n"
        "\tThu, 22 Apr 2021 16:35:13 +0800 (CST)",
    ]


def delivered(raw: bytes, ours: list[str], below: list[str] | None = None) -> bytes:
    """raw as our server stores it: our A-R header(s) and Received on top, then whatever the
    message already carried (`below`, which the sender controls), then the message."""
    trace = [
        "Return-Path: <swj@taiyuan.sx.example>",
        "Delivered-To: sxswt_xfc@sxswt.example",
        *ours,
        "Received: from mail.taiyuan.sx.example (mail.taiyuan.sx.example [58.56.14.22])\r\n"
        f"\tby {OURS} (Postfix) with ESMTPS id 4FQxLk3Fzvz9sWd\r\n"
        "\tfor <sxswt_xfc@sxswt.example>; Thu, 22 Apr 2021 16:35:14 +0800 (CST)",
        *(below if below is not None else city_hops()),
    ]
    return "\r\n".join(trace).encode() + CRLF + raw


def ar(value: str) -> str:
    return "Authentication-Results: " + value


GOOD = ar(
    f"{OURS};\r\n\tdkim=pass (2048-bit key; unprotected) header.d=taiyuan.sx.example "
    "header.i=@taiyuan.sx.example header.b=dzdVyOfA;\r\n"
    "\tdmarc=pass (p=quarantine dis=none) header.from=taiyuan.sx.example;\r\n"
    "\tspf=pass (mx.sxswt.example: domain of swj@taiyuan.sx.example designates 58.56.14.22 "
    "as permitted sender) smtp.mailfrom=swj@taiyuan.sx.example"
)
FAIL = ar(
    f"{OURS}; dkim=none; dmarc=fail (p=none dis=none) header.from=taiyuan.sx.example; "
    "spf=softfail smtp.mailfrom=attacker@evil.example"
)


# --- authenticate ----------------------------------------------------------------------


def test_aligned_dmarc_pass_from_our_server_passes() -> None:
    verdict = authenticate(delivered(submission(), [GOOD]), "taiyuan.sx.example", REQUIRE)
    assert (verdict.passed, verdict.method) == (True, "dmarc")
    assert "taiyuan.sx.example" in verdict.detail and "DMARC" in verdict.detail_zh


def test_forged_header_below_ours_does_not_decide() -> None:
    # The forger wrote a pass with our id into the message; our server's fail is on top.
    forged = ar(
        f"{OURS}; dmarc=pass header.from=taiyuan.sx.example; dkim=pass header.d=taiyuan.sx.example"
    )
    raw = delivered(submission(), [FAIL], below=[forged, *city_hops("evil.example")])
    verdict = authenticate(raw, "taiyuan.sx.example", REQUIRE)
    assert not verdict.passed
    assert "dmarc=fail" in verdict.detail and "fail" in verdict.detail_zh
    # ... and the same forged pass on top (where only our server writes) would pass.
    assert authenticate(delivered(submission(), [forged]), "taiyuan.sx.example", REQUIRE).passed


def test_topmost_of_several_of_ours_decides() -> None:
    # A later filter of ours re-stamps above the first; the top one is the latest view.
    raw = delivered(submission(), [FAIL, GOOD])
    assert not authenticate(raw, "taiyuan.sx.example", REQUIRE).passed
    assert authenticate(delivered(submission(), [GOOD, FAIL]), "taiyuan.sx.example", REQUIRE).passed


def test_another_authserv_id_is_not_believed() -> None:
    other = GOOD.replace(OURS, "mx.relay.example", 1)
    verdict = authenticate(delivered(submission(), [other]), "taiyuan.sx.example", REQUIRE)
    assert not verdict.passed and OURS in verdict.detail
    # Ours below another server's header still decides.
    raw = delivered(submission(), [other, GOOD])
    assert authenticate(raw, "taiyuan.sx.example", REQUIRE).method == "dmarc"


def test_authserv_id_and_domains_compare_case_insensitively() -> None:
    shouting = GOOD.replace(OURS, OURS.upper(), 1).replace(
        "header.from=taiyuan.sx.example", "header.from=TaiYuan.SX.example."
    )
    policy = AuthPolicy(mode="require", authserv_id=" MX.SXSWT.example ")
    assert authenticate(delivered(submission(), [shouting]), "TAIYUAN.sx.example", policy).passed


def test_dmarc_fail_fails() -> None:
    verdict = authenticate(delivered(submission(), [FAIL]), "taiyuan.sx.example", REQUIRE)
    assert (verdict.passed, verdict.method) == (False, None)
    assert verdict.detail == "dmarc=fail for taiyuan.sx.example"


def test_dmarc_pass_for_another_domain_is_not_aligned() -> None:
    # The forger's own domain passes DMARC; that says nothing about the From the registry sees.
    other = ar(f"{OURS}; dmarc=pass header.from=evil.example; dkim=pass header.d=evil.example")
    verdict = authenticate(delivered(submission(), [other]), "taiyuan.sx.example", REQUIRE)
    assert not verdict.passed
    assert "not for the From domain" in verdict.detail and "evil.example" in verdict.detail


def test_dmarc_pass_without_header_from_is_not_aligned() -> None:
    bare = ar(f"{OURS}; dmarc=pass")
    assert not authenticate(delivered(submission(), [bare]), "taiyuan.sx.example", REQUIRE).passed


DKIM_ONLY = ar(
    f"{OURS}; dkim=pass header.d=mail.taiyuan.sx.example header.s=s2021; "
    "spf=neutral smtp.mailfrom=taiyuan.sx.example; dmarc=none header.from=taiyuan.sx.example"
)


def test_dkim_fallback_only_for_listed_domains() -> None:
    raw = delivered(submission(), [DKIM_ONLY])
    assert not authenticate(raw, "taiyuan.sx.example", REQUIRE).passed
    fallback = AuthPolicy("require", OURS, dkim_ok_domains=frozenset({"taiyuan.sx.example"}))
    verdict = authenticate(raw, "taiyuan.sx.example", fallback)
    assert (verdict.passed, verdict.method) == (True, "dkim")
    assert "mail.taiyuan.sx.example" in verdict.detail
    # An spf fallback for the domain does not accept a dkim pass (and spf is neutral here).
    spf_only = AuthPolicy("require", OURS, spf_ok_domains=frozenset({"taiyuan.sx.example"}))
    assert not authenticate(raw, "taiyuan.sx.example", spf_only).passed


def test_dkim_fallback_needs_an_aligned_signature() -> None:
    evil = ar(f"{OURS}; dkim=pass header.d=evil.example; dmarc=none header.from=taiyuan.gov.cn")
    fallback = AuthPolicy("require", OURS, dkim_ok_domains=frozenset({"taiyuan.gov.cn"}))
    raw = delivered(submission("swj@taiyuan.gov.cn"), [evil])
    assert not authenticate(raw, "taiyuan.gov.cn", fallback).passed
    # A sibling under gov.cn is another organisation, not an aligned signer.
    sibling = evil.replace("header.d=evil.example", "header.d=yangquan.gov.cn")
    raw = delivered(submission("swj@taiyuan.gov.cn"), [sibling])
    assert not authenticate(raw, "taiyuan.gov.cn", fallback).passed
    signed = evil.replace("header.d=evil.example", "header.d=mail.taiyuan.gov.cn")
    raw = delivered(submission("swj@taiyuan.gov.cn"), [signed])
    assert authenticate(raw, "swj.taiyuan.gov.cn", fallback).method == "dkim"


def test_spf_fallback_uses_the_aligned_mailfrom() -> None:
    spf = ar(f"{OURS}; spf=pass smtp.mailfrom=bounce@mail.taiyuan.sx.example; dkim=none")
    fallback = AuthPolicy("require", OURS, spf_ok_domains=frozenset({"taiyuan.sx.example"}))
    raw = delivered(submission(), [spf])
    assert authenticate(raw, "taiyuan.sx.example", fallback).method == "spf"
    helo_only = ar(f"{OURS}; spf=pass smtp.helo=mail.taiyuan.sx.example")
    assert not authenticate(
        delivered(submission(), [helo_only]), "taiyuan.sx.example", fallback
    ).passed


def test_missing_header_fails() -> None:
    verdict = authenticate(delivered(submission(), []), "taiyuan.sx.example", REQUIRE)
    assert not verdict.passed and "no Authentication-Results" in verdict.detail
    assert "Authentication-Results" in verdict.detail_zh


def test_malformed_header_of_ours_counts_as_absent_and_shields_the_ones_below() -> None:
    garbled = ar(f"{OURS}; dmarc=pass header.from=taiyuan.sx.example; ;;= (unclosed")
    forged = ar(f"{OURS}; dmarc=pass header.from=taiyuan.sx.example")
    raw = delivered(submission(), [garbled], below=[forged, *city_hops()])
    verdict = authenticate(raw, "taiyuan.sx.example", REQUIRE)
    assert not verdict.passed and "unparseable" in verdict.detail


def test_malformed_header_of_another_server_is_skipped() -> None:
    junk = ar("spamfilter.example;;; score=\x01\x02 ((")
    raw = delivered(submission(), [junk, GOOD])
    assert authenticate(raw, "taiyuan.sx.example", REQUIRE).method == "dmarc"


def test_arc_results_are_not_authentication_results() -> None:
    arc = "ARC-Authentication-Results: i=1; " + GOOD.split(": ", 1)[1]
    raw = delivered(submission(), [arc])
    assert not authenticate(raw, "taiyuan.sx.example", REQUIRE).passed


def test_no_authserv_id_means_nothing_passes() -> None:
    raw = delivered(submission(), [GOOD])
    for mode in ("require", "warn"):
        verdict = authenticate(raw, "taiyuan.sx.example", AuthPolicy(mode=mode))  # type: ignore[arg-type]
        assert not verdict.passed and "no authserv_id" in verdict.detail
        assert "authserv_id" in verdict.detail_zh


def test_off_checks_nothing() -> None:
    verdict = authenticate(delivered(submission(), [FAIL]), "taiyuan.sx.example", OFF)
    assert (verdict.passed, verdict.method) == (True, None) and "off" in verdict.detail


def test_message_object_and_header_block_read_like_the_bytes() -> None:
    raw = delivered(submission(), [GOOD])
    msg = email.message_from_bytes(raw, policy=compat32)
    assert authenticate(msg, "taiyuan.sx.example", REQUIRE).method == "dmarc"
    block = header_block(raw)
    assert block.endswith(CRLF + CRLF) and b"Content-Transfer-Encoding: base64" not in block
    assert authenticate(block, "taiyuan.sx.example", REQUIRE).method == "dmarc"


def test_organisational_domain_rule() -> None:
    assert organisational_domain("swj.taiyuan.gov.cn") == "taiyuan.gov.cn"
    assert organisational_domain("a.b.shop.com.cn") == "shop.com.cn"
    assert organisational_domain("mail.taiyuan.sx.example") == "sx.example"
    assert organisational_domain("sxswt.cn") == "sxswt.cn"
    assert relaxed_aligned("MAIL.Taiyuan.gov.cn.", "taiyuan.gov.cn")
    assert not relaxed_aligned("yangquan.gov.cn", "taiyuan.gov.cn")
    assert not relaxed_aligned("", "taiyuan.gov.cn")


# --- strict From -----------------------------------------------------------------------


def test_forged_display_name_is_never_the_sender() -> None:
    # issue 9: this was attributed to 阳泉.
    raw = with_from(submission(), b"swj@yangquan.sx.example <attacker@evil.example>")
    parsed = extract(raw)
    assert parsed.sender == "attacker@evil.example"
    assert parsed.sender_problem and "swj@yangquan.sx.example" in parsed.sender_problem
    quoted = extract(with_from(submission(), b'"swj@yangquan.sx.example" <attacker@evil.example>'))
    assert quoted.sender == "attacker@evil.example" and quoted.sender_problem


def test_encoded_or_full_width_address_in_the_name_is_caught() -> None:
    # "swj＠yangquan．sx．example" in GBK encoded words, as a Chinese IME types it.
    name = "swj＠yangquan．sx．example".encode("gb18030")
    value = b"=?gbk?B?" + base64.b64encode(name) + b"?= <attacker@evil.example>"
    parsed = extract(with_from(submission(), value))
    assert parsed.sender == "attacker@evil.example" and parsed.sender_problem


def test_several_addresses_or_from_fields_are_a_problem() -> None:
    two = extract(with_from(submission(), b"swj@yangquan.sx.example, attacker@evil.example"))
    assert two.sender == "swj@yangquan.sx.example" and "2个地址" in (two.sender_problem or "")
    angles = extract(with_from(submission(), b"x <swj@yangquan.sx.example> <a@evil.example>"))
    assert angles.sender_problem and "2个地址" in angles.sender_problem
    raw = submission()
    doubled = raw.replace(b"From: ", b"From: attacker@evil.example\r\nFrom: ", 1)
    parsed = extract(doubled)
    assert parsed.sender == "attacker@evil.example" and "2个发件人" in (parsed.sender_problem or "")


@pytest.mark.parametrize(
    "value",
    [b"undisclosed-recipients:;", b"<>", b"not an address", b"Team: swj@taiyuan.sx.example;"],
)
def test_unparseable_from_is_a_problem(value: bytes) -> None:
    parsed = extract(with_from(submission(), value))
    assert parsed.sender == "" and "无法解析" in (parsed.sender_problem or "")


def test_unbalanced_from_keeps_the_address_and_says_so() -> None:
    parsed = extract(with_from(submission(), b"Taiyuan <swj@taiyuan.sx.example"))
    assert parsed.sender == TAIYUAN
    assert parsed.sender_problem and "不成对" in parsed.sender_problem
    # An unclosed quote swallows the address: nothing is left to take.
    quote = extract(with_from(submission(), b'"Taiyuan <swj@taiyuan.sx.example>'))
    assert quote.sender == "" and "无法解析" in (quote.sender_problem or "")


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (None, "太原市商务局"),  # GBK encoded words, as build_email writes
        ("太原市商务局 <SWJ@taiyuan.sx.example>".encode("gb18030"), "太原市商务局"),  # raw 8-bit
        ("太原市商务局 <SWJ@taiyuan.sx.example>".encode(), "太原市商务局"),  # raw UTF-8
        (b"swj@taiyuan.sx.example <swj@taiyuan.sx.example>", "swj@taiyuan.sx.example"),
        (b'"Shi, Wuju" <swj@taiyuan.sx.example>', "Shi, Wuju"),
        (b"swj@taiyuan.sx.example (Taiyuan)", "Taiyuan"),
    ],
)
def test_ordinary_from_has_no_problem(value: bytes | None, name: str) -> None:
    raw = submission() if value is None else with_from(submission(), value)
    parsed = extract(raw)
    assert (parsed.sender, parsed.sender_name, parsed.sender_problem) == (TAIYUAN, name, None)


# --- sender_verdict --------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> SenderRegistry:
    return load_sender_registry(REPO / "config" / "senders.csv", load_campaign())


def verdict_of(raw: bytes, registry: SenderRegistry, policy: AuthPolicy):
    return sender_verdict(extract(raw), raw, registry, policy)


def test_authenticated_city_goes_on(registry: SenderRegistry) -> None:
    v = verdict_of(delivered(submission(), [GOOD]), registry, REQUIRE)
    assert (v.city_name, v.outcome, v.flag, v.reason_detail) == ("太原市", None, None, None)
    assert v.auth is not None and v.auth.method == "dmarc"


def test_require_quarantines_the_forged_taiyuan(registry: SenderRegistry) -> None:
    # issue 9: dmarc=fail from a forged swj@taiyuan was loaded.
    raw = delivered(submission(), [FAIL], below=city_hops("evil.example"))
    v = verdict_of(raw, registry, REQUIRE)
    assert v.outcome == ("quarantined", "unauthenticated_sender")
    assert v.city_name is None and v.claimed_city == "太原市"
    assert v.reason_detail and "DMARC未通过" in v.reason_detail and "未入库" in v.reason_detail


def test_warn_goes_on_with_a_flag(registry: SenderRegistry) -> None:
    v = verdict_of(delivered(submission(), [FAIL]), registry, WARN)
    assert (v.city_name, v.outcome) == ("太原市", None)
    assert v.flag == (
        "发件人身份未经邮件服务器验证（DMARC未通过（结果：fail）），已按“警告”策略入库，请核实。"
    )


def test_warn_without_authserv_id_flags_everything(registry: SenderRegistry) -> None:
    v = verdict_of(delivered(submission(), [GOOD]), registry, AuthPolicy(mode="warn"))
    assert v.city_name == "太原市" and v.flag and "authserv_id" in v.flag


def test_off_goes_on_silently(registry: SenderRegistry) -> None:
    v = verdict_of(delivered(submission(), []), registry, OFF)
    assert (v.city_name, v.outcome, v.flag) == ("太原市", None, None)


@pytest.mark.parametrize("policy", [REQUIRE, WARN], ids=["require", "warn"])
def test_from_problem_is_quarantined_even_when_dmarc_passes(
    registry: SenderRegistry, policy: AuthPolicy
) -> None:
    value = b"swj@taiyuan.sx.example, swj@yangquan.sx.example"
    v = verdict_of(delivered(with_from(submission(), value), [GOOD]), registry, policy)
    assert v.outcome == ("quarantined", "unauthenticated_sender") and v.city_name is None
    assert v.reason_detail and "2个地址" in v.reason_detail


def test_from_problem_in_off_mode_is_flagged(registry: SenderRegistry) -> None:
    value = b"swj@taiyuan.sx.example, swj@yangquan.sx.example"
    v = verdict_of(delivered(with_from(submission(), value), []), registry, OFF)
    assert (v.city_name, v.outcome) == ("太原市", None) and v.flag and "2个地址" in v.flag


@pytest.mark.parametrize("policy", [REQUIRE, WARN, OFF], ids=["require", "warn", "off"])
def test_forged_display_name_is_an_unknown_sender(
    registry: SenderRegistry, policy: AuthPolicy
) -> None:
    forged = ar(f"{OURS}; dmarc=pass header.from=evil.example")
    raw = delivered(
        with_from(submission(), b"swj@yangquan.sx.example <attacker@evil.example>"), [forged]
    )
    v = verdict_of(raw, registry, policy)
    assert v.outcome == ("quarantined", "unknown_sender") and v.city_name is None
    assert v.claimed_city is None
    assert v.reason_detail and "attacker@evil.example" in v.reason_detail
    assert "swj@yangquan.sx.example" in v.reason_detail  # the forged name is shown to ops


def test_unknown_sender_stays_unknown_even_when_authenticated(registry: SenderRegistry) -> None:
    good = GOOD.replace("taiyuan.sx.example", "163.com")
    v = verdict_of(delivered(submission("clerk@163.com"), [good]), registry, REQUIRE)
    assert v.outcome == ("quarantined", "unknown_sender") and v.auth is None


# --- mailbox connection ----------------------------------------------------------------


def test_default_modes_by_mailbox_kind() -> None:
    imap = mailbox_config_from_conn("imaps", "mail.sxswt.example", 993, "u", "p", None)
    assert imap.policy() == AuthPolicy(mode="require", authserv_id=None)
    maildir = mailbox_config_from_conn("fs", None, None, None, None, {"path": "/srv/mail"})
    assert maildir.policy().mode == "warn"
    assert MailboxConfig("maildir", path="/srv/mail").policy().mode == "warn"


def test_extra_sets_the_policy() -> None:
    extra = (
        '{"sender_auth": "Warn", "authserv_id": " mx.sxswt.example ", '
        '"auth_fallback": {"Taiyuan.gov.cn.": "dkim", "datong.gov.cn": "SPF"}}'
    )
    cfg = mailbox_config_from_conn("imap", "mail.sxswt.example", "143", "u", "p", extra)
    assert cfg.policy() == AuthPolicy(
        mode="warn",
        authserv_id="mx.sxswt.example",
        dkim_ok_domains=frozenset({"taiyuan.gov.cn"}),
        spf_ok_domains=frozenset({"datong.gov.cn"}),
    )
    off = mailbox_config_from_conn(
        "fs", None, None, None, None, {"path": "/m", "sender_auth": "off"}
    )
    assert off.policy().mode == "off"


@pytest.mark.parametrize(
    "extra",
    [
        {"sender_auth": "strict"},
        {"auth_fallback": {"taiyuan.gov.cn": "arc"}},
        {"auth_fallback": ["taiyuan.gov.cn"]},
        {"auth_fallback": "{not json"},
    ],
)
def test_bad_auth_settings_are_refused(extra: dict) -> None:
    with pytest.raises(MailboxError, match="sender_auth|auth_fallback"):
        mailbox_config_from_conn("imap", "mail.sxswt.example", 143, "u", "p", extra)


# --- never raising ---------------------------------------------------------------------

HEADER_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        f"{OURS}; dmarc=pass header.from=" + "a." * 5000 + "cn",
        f"{OURS}; " + "dkim=pass header.d=x.cn; " * 2000,
        f"{OURS}; dmarc=pass (" * 500,
        "\x00\x01\x7f" * 4000,
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(HEADER_TEXT, max_size=4), sender=HEADER_TEXT)
def test_authenticate_and_parse_from_never_raise(values: list[str], sender: str) -> None:
    block = b"".join(
        b"Authentication-Results: " + v.encode("utf-8", "surrogatepass") + CRLF for v in values
    )
    raw = block + b"From: " + sender.encode("utf-8", "surrogatepass") + CRLF + CRLF + b"body"
    for policy in (
        REQUIRE,
        WARN,
        AuthPolicy("require", OURS, frozenset({"x.cn"}), frozenset({"x.cn"})),
    ):
        verdict = authenticate(raw, sender, policy)
        assert isinstance(verdict.passed, bool) and verdict.detail and verdict.detail_zh
    field = parse_from([sender])
    assert field.address == field.address.lower()
    assert field.address or field.problem  # no address is always said
    assert not field.address or "@" in field.address
    parsed = extract(raw)
    if email.message_from_bytes(raw, policy=compat32).get_all("From"):
        assert parsed.sender or parsed.sender_problem


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_authenticate_never_raises_on_bytes(raw: bytes) -> None:
    verdict = authenticate(b"Authentication-Results: " + raw, "taiyuan.sx.example", REQUIRE)
    assert verdict.method in (None, "dmarc", "dkim", "spf")
