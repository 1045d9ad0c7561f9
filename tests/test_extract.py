"""extract(): headers, body and attachments of real-world-shaped messages, never raising."""

from __future__ import annotations

import base64
import datetime as dt
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinxiao.intake.mime import decode_header_value, extract, forwarded_messages, is_automatic
from jinxiao.samples.mail import (
    CRLF,
    LONG_NAME,
    XLSX_TYPE,
    attachment_part,
    build_email,
    forward,
    headers,
    make_xlsx,
    make_zip,
    multipart,
)

XLSX = make_xlsx(
    [["参加县区", "重点活动名称", "举办时间"], ["小店区", "汽车消费节", "5月1日-5月5日"]]
)
SENDER = "tysswj_scyxk@163.com"
SUBJECT = "太原市关于报送2021年全国消费促进月活动名录的函"
DOCX_NAME = "太原市消费促进月工作方案（2021年4月20日修改稿，含活动安排计划表及联系人名单）.docx"


def _submission(style: str, charset: str = "gbk", name: str = LONG_NAME) -> bytes:
    return build_email(
        SENDER.upper(),
        SUBJECT,
        [(name, XLSX), ("联系人名单.docx", b"PK-not-really-a-docx")],
        sender_name="太原市商务局",
        filename_style=style,  # type: ignore[arg-type]
        charset=charset,
    )


@pytest.mark.parametrize(
    ("style", "charset"),
    [
        ("rfc2231", "gbk"),
        ("rfc2231", "utf-8"),
        ("rfc2231_continuations", "gbk"),
        ("rfc2231_continuations", "utf-8"),
        ("rfc2047_gbk", "gbk"),
        ("raw_utf8", "utf-8"),
        ("raw_gbk", "gbk"),
    ],
)
def test_every_filename_style_decodes_the_chinese_name(style: str, charset: str) -> None:
    parsed = extract(_submission(style, charset))

    assert [a.filename for a in parsed.attachments] == [LONG_NAME, "联系人名单.docx"]
    first = parsed.attachments[0]
    assert first.payload == XLSX  # base64 decoded, byte for byte
    assert first.content_type == XLSX_TYPE
    assert first.path == "2"  # leaf 1 is the text body
    assert parsed.attachments[1].path == "3"


def test_continuations_really_are_split_in_the_header() -> None:
    raw = _submission("rfc2231_continuations", "gbk")
    assert b"filename*0*=gbk''" in raw and b"filename*2*=" in raw
    assert extract(raw).attachments[0].filename == LONG_NAME


def test_raw_gbk_header_bytes_are_not_garbled() -> None:
    raw = _submission("raw_gbk", "gbk", name=DOCX_NAME)
    assert DOCX_NAME.encode("gbk") in raw  # really 8-bit GBK in the header
    assert extract(raw).attachments[0].filename == DOCX_NAME


def test_plain_ascii_name_and_name_only_in_content_type() -> None:
    part = attachment_part("huizong.xls", b"\xd0\xcf\x11\xe0xls", "plain", disposition=False)
    ctype, body = multipart([part])
    raw = headers(SENDER, "report") + b"Content-Type: " + ctype + CRLF + CRLF + body

    (att,) = extract(raw).attachments
    assert att.filename == "huizong.xls"
    assert att.payload == b"\xd0\xcf\x11\xe0xls"
    assert att.content_type == "application/vnd.ms-excel"
    assert att.path == "1"


def test_rfc2231_wins_over_the_ascii_fallback_outlook_sends() -> None:
    encoded = "%E9%99%84%E4%BB%B62.xlsx"  # 附件2.xlsx in UTF-8
    part = (
        (
            f'Content-Type: {XLSX_TYPE}; name="=?utf-8?B?6ZmE5Lu2Mi54bHN4?="\r\n'
            f"Content-Disposition: attachment; filename=\"__2.xlsx\"; filename*=utf-8''{encoded}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode()
        + base64.b64encode(XLSX)
        + CRLF
    )
    ctype, body = multipart([part])
    raw = headers(SENDER, "x") + b"Content-Type: " + ctype + CRLF + CRLF + body
    assert extract(raw).attachments[0].filename == "附件2.xlsx"


def test_headers_of_a_typical_submission() -> None:
    parsed = extract(_submission("rfc2231"))

    assert parsed.sender == SENDER  # lower-cased
    assert parsed.sender_name == "太原市商务局"
    assert parsed.subject == SUBJECT
    assert parsed.date == dt.datetime(2021, 4, 22, 8, 35, 12, tzinfo=dt.UTC)
    assert parsed.date.utcoffset() == dt.timedelta(hours=8)
    assert parsed.message_id and "<" not in parsed.message_id
    assert parsed.message_id.lower().endswith("@163.com")  # kept as written
    assert "附件为我市报送材料" in parsed.body_text


def test_gb2312_subject_and_body_with_gbk_only_characters() -> None:
    # 镕 and 喆 are GBK but not GB2312: clients still label such text gb2312.
    raw = build_email(
        SENDER, "晋中市报送活动名录（朱镕基路商圈·喆）", [], charset="gb2312", body="喆镕：请查收"
    )
    assert b"=?gb2312?B?" in raw
    parsed = extract(raw)
    assert parsed.subject == "晋中市报送活动名录（朱镕基路商圈·喆）"
    assert parsed.body_text.startswith("喆镕：请查收")


@pytest.mark.parametrize("charset", ["gbk", "utf-8"])
def test_raw_8bit_subject(charset: str) -> None:
    raw = build_email(SENDER, "阳泉市消费促进月量化成效", [], charset=charset, subject_style="raw")
    assert "阳泉市".encode(charset) in raw
    assert extract(raw).subject == "阳泉市消费促进月量化成效"


def test_missing_date_and_message_id() -> None:
    parsed = extract(build_email(SENDER, "无日期", [("a.xlsx", XLSX)], date=None, message_id=None))
    assert parsed.date is None
    assert parsed.message_id is None
    assert parsed.attachments[0].filename == "a.xlsx"


@pytest.mark.parametrize("bad", ["星期四, 22 四月 2021", "2021-04-22 16:35", "Thu, 99 Foo 2021"])
def test_unparseable_date_is_none(bad: str) -> None:
    assert extract(build_email(SENDER, "x", [], date=bad)).date is None


def test_references_and_in_reply_to() -> None:
    raw = build_email(
        SENDER,
        "Re: 退回",
        [],
        extra_headers={
            "In-Reply-To": "<reject-1@sxswt.gov.cn>",
            "References": "<orig-1@163.com>\r\n <reject-1@sxswt.gov.cn>",
        },
    )
    assert extract(raw).references == ("reject-1@sxswt.gov.cn", "orig-1@163.com")


def test_forwarded_message_attachments_are_found() -> None:
    inner = _submission("raw_gbk")
    outer = forward(inner, "zhangsan@sxswt.gov.cn", "转发：太原市活动名录")

    parsed = extract(outer)
    assert parsed.sender == "zhangsan@sxswt.gov.cn"
    assert parsed.subject == "转发：太原市活动名录"
    assert [a.path for a in parsed.attachments] == ["2/fwd/2", "2/fwd/3"]
    assert parsed.attachments[0].filename == LONG_NAME
    assert parsed.attachments[0].payload == XLSX

    (fwd,) = forwarded_messages(outer)
    assert fwd.sender == SENDER and fwd.sender_name == "太原市商务局"
    assert fwd.attachments[0].path == "2/fwd/2"


def test_nested_forward_and_eml_attached_as_file() -> None:
    inner = _submission("rfc2231_continuations")
    once = forward(inner, "clerk@163.com", "Fw: 名录")
    twice = forward(once, "boss@sxswt.gov.cn", "Fw: Fw: 名录", as_file=True)

    parsed = extract(twice)
    assert parsed.attachments[0].filename == LONG_NAME
    assert parsed.attachments[0].path == "2/fwd/2/fwd/2"
    assert parsed.attachments[0].payload == XLSX
    assert [m.sender for m in forwarded_messages(twice)] == ["clerk@163.com", SENDER]


def test_base64_encoded_message_rfc822_part() -> None:
    inner = _submission("rfc2231")
    part = (
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(inner)
    )
    ctype, body = multipart([part])
    raw = headers("fwd@163.com", "fw") + b"Content-Type: " + ctype + CRLF + CRLF + body
    assert [a.filename for a in extract(raw).attachments] == [LONG_NAME, "联系人名单.docx"]


def test_zip_with_gbk_names_without_utf8_flag() -> None:
    names = ["大同市/附件2：大同市活动名录.xlsx", "大同市/工作方案.docx"]
    data = make_zip(
        [
            ("大同市/", b""),
            (names[0], XLSX),
            (names[1], b"docx"),
            ("__MACOSX/大同市/._工作方案.docx", b"junk"),
        ],
        name_encoding="gbk",
    )
    assert not any(i.flag_bits & 0x800 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    raw = build_email(SENDER, "大同", [("大同市材料.zip", data)], filename_style="raw_gbk")

    atts = extract(raw).attachments
    assert [a.filename for a in atts] == ["附件2：大同市活动名录.xlsx", "工作方案.docx"]
    assert [a.path for a in atts] == [f"2/大同市材料.zip!{n}" for n in names]
    assert atts[0].payload == XLSX
    assert atts[0].content_type == XLSX_TYPE
    assert atts[1].content_type.endswith("wordprocessingml.document")


def test_zip_with_utf8_flag() -> None:
    data = make_zip([("运城市活动名录.xlsx", XLSX), ("说明.csv", b"a,b\n")], "utf-8")
    assert all(i.flag_bits & 0x800 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    atts = extract(build_email(SENDER, "运城", [("材料.zip", data)])).attachments
    assert [(a.filename, a.content_type) for a in atts] == [
        ("运城市活动名录.xlsx", XLSX_TYPE),
        ("说明.csv", "text/csv"),
    ]


def test_corrupt_zip_is_kept_whole() -> None:
    broken = make_zip([("a.xlsx", XLSX)], "utf-8")[:-30]
    (att,) = extract(build_email(SENDER, "x", [("临汾.zip", broken)])).attachments
    assert att.filename == "临汾.zip"
    assert att.payload == broken
    assert att.path == "2"


def test_zip_bomb_is_not_expanded() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.csv", b"0" * (60 * 1024 * 1024))
    data = buf.getvalue()
    (att,) = extract(build_email(SENDER, "x", [("b.zip", data)])).attachments
    assert att.filename == "b.zip" and att.payload == data


def test_attachment_without_filename_gets_a_name_from_its_type() -> None:
    part = (
        b"Content-Type: application/vnd.ms-excel\r\nContent-Disposition: attachment\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(b"xls") + CRLF
    )
    ctype, body = multipart([part])
    raw = headers(SENDER, "x") + b"Content-Type: " + ctype + CRLF + CRLF + body
    (att,) = extract(raw).attachments
    assert att.filename.endswith(".xls") and att.payload == b"xls"


def test_html_only_body_is_stripped() -> None:
    raw = headers(SENDER, "x") + (
        b'Content-Type: text/html; charset="gb2312"\r\n\r\n'
        + "<html><head><style>p{}</style></head><body><p>省厅：</p>请查收&amp;回复</body></html>".encode(
            "gbk"
        )
    )
    assert extract(raw).body_text == "省厅：\n请查收&回复"


def test_encoded_word_split_inside_a_character() -> None:
    data = "吕梁市".encode("gbk")
    value = (
        b"=?gbk?B?"
        + base64.b64encode(data[:3])
        + b"?= =?gbk?B?"
        + base64.b64encode(data[3:])
        + b"?="
    )
    assert decode_header_value(value.decode("ascii")) == "吕梁市"


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b"From: \xff\xfe\r\nSubject: =?gbk?B?####?=\r\nDate: yesterday\r\n\r\n",
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: message/rfc822"
        b"\r\n\r\n--x--",
        b"Content-Type: multipart/mixed\r\n\r\nno boundary",
        b"Content-Disposition: attachment; filename*0*=bogus''%ZZ; filename*1=\xb8\r\n\r\nx",
        b"Content-Type: text/plain; charset=klingon\r\n\r\n\xd6\xd0\xce\xc4",
    ],
)
def test_garbage_never_raises(raw: bytes) -> None:
    parsed = extract(raw)
    assert isinstance(parsed.subject, str) and isinstance(parsed.attachments, tuple)


def test_unknown_charset_falls_back_to_utf8_then_gb18030() -> None:
    raw = b"Content-Type: text/plain; charset=klingon\r\n\r\n" + "中文".encode("gbk")
    assert extract(raw).body_text == "中文"


_REAL = _submission("rfc2231_continuations") + forward(_submission("raw_gbk"), "a@b.cn", "fw")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    parsed = extract(raw)
    assert parsed.date is None or parsed.date.tzinfo is not None
    is_automatic(raw)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(_REAL)), st.integers(0, len(_REAL)), st.binary(max_size=40))
def test_truncated_and_corrupted_real_mail_never_raises(cut: int, at: int, junk: bytes) -> None:
    raw = _REAL[:at] + junk + _REAL[at:cut] if at < cut else _REAL[:cut]
    parsed = extract(raw)
    assert all(isinstance(a.payload, bytes) for a in parsed.attachments)


@pytest.mark.parametrize(
    "extra",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
    ],
)
def test_automatic_mail_by_header(extra: dict[str, str]) -> None:
    assert is_automatic(build_email(SENDER, "Re: 名录", [], extra_headers=extra))


@pytest.mark.parametrize(
    "subject", ["自动回复：您的邮件已收到", "Auto Reply: out of office", "Undeliverable: 名录"]
)
def test_automatic_mail_by_subject(subject: str) -> None:
    assert is_automatic(build_email(SENDER, subject, []))


def test_bounce_from_mailer_daemon() -> None:
    assert is_automatic(build_email("MAILER-DAEMON@163.com", "系统退信", []))


def test_a_real_submission_is_not_automatic() -> None:
    raw = build_email(SENDER, SUBJECT, [(LONG_NAME, XLSX)], extra_headers={"Auto-Submitted": "no"})
    assert not is_automatic(raw)
