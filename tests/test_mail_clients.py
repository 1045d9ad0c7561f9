"""What mail clients really send (issue 11, item 5), through the whole intake.

Outlook's winmail.dat, an attached Outlook .msg, a table pasted into an Outlook or Foxmail
body with no file, and an .xlsb: each mail of tests/clients ends in the right outcome with its
rows in the warehouse views, and the reply says where the table was read from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import sys
import zipfile
from email import message_from_string, policy
from pathlib import Path

import pytest
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.domain.budget import Budget
from jinxiao.domain.models import Attachment, FileProblem
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.intake.mime import expand_container, extract
from jinxiao.intake.outlook import MAX_TNEF_ATTRIBUTES, tnef_members
from jinxiao.jobs.processor import files_to_read
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.reading.formats import read_workbook
from jinxiao.samples import files, mail
from jinxiao.warehouse.connection import WarehouseConfig

HERE = Path(__file__).resolve().parent / "clients"
sys.path.insert(0, str(HERE))

import make_files  # noqa: E402

XLSB_NAME = "附件2：晋中市2021年消费促进月活动名录.xlsb"


def _names(rows: list[list[object]]) -> list[str]:
    # registry_rows: title, 填报单位, header, the activities, a summary sentence, the 注.
    return [str(r[1]) for r in rows[3:-2]]


def _mails() -> dict[str, bytes]:
    out = {p.stem: p.read_bytes() for p in sorted(HERE.glob("*.eml"))}
    out["foxmail-xlsb"] = mail.build_email(
        "swj@jinzhong.sx.example",
        "晋中市消费促进月活动名录",
        [(XLSB_NAME, (HERE / "jinzhong-registry.xlsb").read_bytes())],
    )
    return out


def _run(tmp: Path, warehouse: WarehouseConfig):
    maildir = tmp / "Maildir"
    for raw in _mails().values():
        # Delivered at its Date, as the province's server would have that day.
        write_maildir_message(maildir, raw, delivered_at=mail.delivery_time(raw))
    settings = Settings(MailboxConfig("maildir", path=str(maildir)), warehouse,
                        DEFAULT_SENDER_REGISTRY, tmp / "out", tmp / "archive")  # fmt: skip
    collect_mail(settings, "t")
    process_messages(settings, "t")
    engine = open_warehouse(settings)
    with engine.connect() as conn:
        subs = conn.execute(
            text("SELECT city_name, filename, form, outcome, reason_class FROM v_submission")
        ).all()
        messages = dict(conn.execute(text("SELECT city_name, outcome FROM message")).all())
        rows = conn.execute(
            text(
                "SELECT city_name, activity_name, county_names, start_date "
                "FROM v_activity_current ORDER BY activity_name"
            )
        ).all()
        replies = {}
        for (raw,) in conn.execute(text("SELECT raw_message FROM outbox")).all():
            reply = message_from_string(raw, policy=policy.default)
            to = reply["To"].addresses[0].addr_spec
            if to.startswith("swj@"):
                replies[to.split("@")[1].split(".")[0]] = reply.get_body(("plain",)).get_content()
    engine.dispose()
    return subs, messages, rows, replies


@pytest.fixture(scope="module")
def sqlite_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clients")
    return _run(tmp, WarehouseConfig("sqlite", path=str(tmp / "warehouse.db")))


EXPECTED_ROWS = {
    "临汾市": _names(make_files.LINFEN_ROWS),
    "运城市": _names(make_files.YUNCHENG_ROWS),
    "长治市": _names(make_files.CHANGZHI_ROWS),
    "阳泉市": _names(make_files.YANGQUAN_ROWS),
    "晋中市": _names(make_files.JINZHONG_ROWS),
}


def _check(subs, messages, rows, replies) -> None:
    assert messages == {city: "accepted" for city in EXPECTED_ROWS}
    accepted = {(s.city_name, s.filename) for s in subs if s.outcome == "accepted"}
    assert accepted == {
        ("临汾市", make_files.LINFEN_XLSX),
        ("运城市", make_files.YUNCHENG_XLSX),
        ("长治市", "邮件正文中的表格.html"),
        ("阳泉市", "邮件正文中的表格.html"),
        ("晋中市", XLSB_NAME),
    }
    assert all(s.form == "registry" for s in subs if s.outcome == "accepted")
    # The logo inside winmail.dat and the inline one beside the pasted table are kept, not read.
    others = {(s.city_name, s.filename, s.outcome) for s in subs if s.outcome != "accepted"}
    assert others == {("临汾市", "image001.png", "ignored"), ("长治市", "image001.png", "ignored")}
    loaded: dict[str, list[str]] = {}
    for r in rows:
        loaded.setdefault(r.city_name, []).append(r.activity_name)
    assert {c: sorted(n) for c, n in loaded.items()} == {
        c: sorted(n) for c, n in EXPECTED_ROWS.items()
    }


def test_every_client_mail_is_accepted_with_its_rows(sqlite_run):
    _check(*sqlite_run)


def test_a_county_merged_over_two_rows_of_the_body_table_is_each_rows_county(sqlite_run):
    _subs, _messages, rows, _replies = sqlite_run
    by_name = {r.activity_name: r for r in rows if r.city_name == "长治市"}
    source, _spans = make_files.changzhi_rows_and_spans()
    first, second = source[3], source[4]
    assert by_name[str(first[1])].county_names == by_name[str(second[1])].county_names
    assert by_name[str(second[1])].county_names  # rowspan gave the second row its county


def test_the_xlsb_date_cell_is_a_date(sqlite_run):
    _subs, _messages, rows, _replies = sqlite_run
    by_name = {r.activity_name: r for r in rows if r.city_name == "晋中市"}
    first = str(make_files.JINZHONG_ROWS[3][1])
    assert str(by_name[first].start_date)[:10] == "2021-05-01"


def test_the_reply_says_the_table_was_read_from_the_body(sqlite_run):
    *_, replies = sqlite_run
    for city in ("changzhi", "yangquan"):
        assert "邮件正文中粘贴的表格" in replies[city]
        assert "系统读取了邮件正文中粘贴的表格" in replies[city]
        assert "今后请将Excel表格（.xlsx）作为邮件附件发送" in replies[city]
        assert "附件“邮件正文中的表格.html”" not in replies[city]
    assert "正文" not in replies["linfen"]
    assert f"附件“{make_files.LINFEN_XLSX}”" in replies["linfen"]


def test_postgresql_run_gives_the_same_outcomes_and_rows(tmp_path, pg_warehouse):
    _check(*_run(tmp_path, pg_warehouse))


# --- the containers, one at a time ----------------------------------------------------------


def test_winmail_names_come_from_the_unicode_long_name_not_the_8_3_title():
    members = tnef_members((HERE / "winmail.dat").read_bytes())
    assert [m.name for m in members] == [make_files.LINFEN_XLSX, "image001.png"]
    assert members[0].data == make_files.registry_xlsx(make_files.LINFEN_ROWS)


def _att(name: str, payload: bytes) -> Attachment:
    return Attachment(name, "application/octet-stream", payload, "2")


def test_container_members_count_against_the_message_budget():
    payload = (HERE / "winmail.dat").read_bytes()
    tight = Budget(expanded_bytes=1000)  # less than the xlsx inside
    (refused,) = expand_container(_att("winmail.dat", payload), 0, tight)
    assert refused.refused and "winmail.dat" in refused.refused and "上限" in refused.refused
    (refused,) = expand_container(
        _att("a.msg", (HERE / "yanhu-forward.msg").read_bytes()), 0, tight
    )
    assert refused.refused and ".msg" in refused.refused
    with pytest.raises(FileProblem) as exc:
        read_workbook(refused)
    assert exc.value.reason_class == "corrupt_file"


def test_nesting_depth_applies_to_a_msg_inside_a_zip():
    msg = (HERE / "yanhu-forward.msg").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("盐湖区.msg", msg)
    zipped = _att("材料.zip", buf.getvalue())
    (inner,) = expand_container(zipped, 0, Budget())
    assert inner.filename == make_files.YUNCHENG_XLSX
    assert inner.path == f"2/材料.zip!盐湖区.msg/盐湖区.msg!{make_files.YUNCHENG_XLSX}"
    (refused,) = expand_container(zipped, 0, Budget(nesting=1))
    assert refused.filename == "盐湖区.msg" and "嵌套" in (refused.refused or "")


def test_a_truncated_winmail_is_refused_as_damaged():
    payload = (HERE / "winmail.dat").read_bytes()
    for cut in (300, len(payload) - 1):
        (att,) = expand_container(_att("winmail.dat", payload[:cut]), 0, Budget())
        assert att.filename == "winmail.dat"
        assert "已损坏或不完整" in (att.refused or "")


def test_a_member_name_with_a_path_and_controls_is_cleaned():
    name = "C:\\Users\\clerk\\Desktop\\附件2\x07：临汾市.xlsx"
    data = make_files.tnef_bytes("s", "b", [(name, "A.XLS", b"x", "text/plain")])
    (att,) = expand_container(_att("winmail.dat", data), 0, Budget())
    assert att.filename == "附件2 ：临汾市.xlsx"  # hygiene: a control character is a space
    assert att.path == "2/winmail.dat!附件2 ：临汾市.xlsx"


def test_a_layout_table_in_the_body_is_not_a_form_table():
    raw = mail.build_email("swj@taiyuan.sx.example", "问题咨询", [])
    assert extract(raw).body_table is None
    html_only = (
        b"From: swj@taiyuan.sx.example\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        + "<table><tr><td>太原市商务局</td><td>电话：0351-1234567</td></tr></table>".encode()
    )
    assert extract(html_only).body_table is None


def test_the_foxmail_body_table_reads_like_a_sheet():
    rows = make_files.YANGQUAN_ROWS
    parsed = extract((HERE / "foxmail-body-table.eml").read_bytes())
    assert parsed.body_table is not None and parsed.body_table.in_body
    wb = read_workbook(parsed.body_table)
    assert wb.kind == "html"
    # The form's table first, the signature's layout table after it.
    assert [c for c in wb.sheets[0].rows[3] if c] == [str(c) for c in rows[3] if c]
    assert wb.sheets[1].rows[0] == ["阳泉市商务局 市场运行科"]


def test_the_body_table_is_read_only_when_no_file_is_a_table():
    parsed = extract((HERE / "outlook-body-table.eml").read_bytes())
    body, (logo,) = parsed.body_table, parsed.attachments
    assert body is not None and logo.filename == "image001.png"
    assert files_to_read(parsed) == (body, logo)
    xlsx = Attachment(
        make_files.LINFEN_XLSX, "application/octet-stream",
        make_files.registry_xlsx(make_files.LINFEN_ROWS), "3",
    )  # fmt: skip
    with_file = dataclasses.replace(parsed, attachments=(logo, xlsx))
    assert files_to_read(with_file) == (logo, xlsx)


def test_the_html_cell_budget_applies_to_the_body_table():
    header = "".join(f"<td>{h}</td>" for h in files.header())
    spans = "<tr><td colspan=1000>x</td></tr>" * 1100  # 1.1 million cells laid out
    markup = f"<html><body><table><tr>{header}</tr>{spans}</table></body></html>"
    raw = (
        b"From: swj@taiyuan.sx.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=gbk\r\n\r\n" + markup.encode("gbk")
    )
    body = extract(raw).body_table
    assert body is not None
    with pytest.raises(FileProblem) as exc:
        read_workbook(body, Budget(html_cells=1_000_000))
    assert exc.value.reason_class == "corrupt_file"
    assert "合并单元格展开后超过1000000个单元格" in exc.value.detail_zh
    assert "“邮件正文中粘贴的表格”" in exc.value.detail_zh and ".html" not in exc.value.detail_zh


def test_xlsb_that_calamine_refuses_is_read_by_pyxlsb():
    """A styles part without cell formats (as some converters write) stops calamine; the
    values still come out, the date cell as its serial number."""
    src = (HERE / "jinzhong-registry.xlsb").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/styles.bin":
                data = make_files._rec(0x116) + make_files._rec(0x117)
            zout.writestr(info, data)
    wb = read_workbook(_att("附件2.xlsb", out.getvalue()))
    grid = wb.sheets[0].rows
    assert grid[2][:2] == ["参加县区", "重点活动名称"]
    assert grid[3][1] == make_files.JINZHONG_ROWS[3][1]
    assert grid[3][2] == (dt.date(2021, 5, 1) - dt.date(1899, 12, 30)).days


def test_a_winmail_of_thousands_of_attributes_is_refused_before_parsing():
    head = (HERE / "winmail.dat").read_bytes()[:6]
    flood = head + make_files._attr(0x02, 0x00069002, b"") * (MAX_TNEF_ATTRIBUTES + 1)
    (att,) = expand_container(_att("winmail.dat", flood), 0, Budget())
    assert "已损坏或不完整" in (att.refused or "")
