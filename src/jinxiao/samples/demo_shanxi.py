"""The hand-made demo season of the Shanxi 2021 campaign: mail from its 11 cities.

Every message is built the way a city's mail client and Excel would build it, and each one
stands for a case the pipeline must get right: several file formats, a correction, a resend,
a quarantined sender, rejections with their Chinese reasons, a forward, a plan with contacts,
filled-in results forms, and tables partly accepted with bad cells' rows held. The same call always writes the same bytes under the same names
(save times are pinned), except the password-protected file, whose encryption salt is random.
"""

from __future__ import annotations

import datetime as dt

from jinxiao.config import load_campaign
from jinxiao.samples import files as f
from jinxiao.samples import mail as m
from jinxiao.samples.demo_season import CST, DemoMail, registry_xlsx, send, sender_of


def _at(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2021, month, day, hour, minute, tzinfo=CST)


def _sender(city: str, n: int = 0) -> str:
    return sender_of(load_campaign(), city, n)


_registry_xlsx = registry_xlsx
_send = send


def _blank_template() -> bytes:
    rows = f.registry_rows("吕梁市", 0)
    return f.xlsx_bytes(rows)


def _bad_shuozhou() -> bytes:
    rows = f.registry_rows("朔州市", 5, seed=3)
    rows[4][0] = "开发区"  # not a county-level division of 朔州
    rows[5][2] = "另行通知"  # a date nobody can pin down
    return f.xlsx_bytes(rows)


def _sales_table() -> bytes:
    rows: list[list[object]] = [
        ["大同市2021年4月重点商贸企业销售情况统计表"],
        ["序号", "企业名称", "4月销售额（万元）", "同比增长（%）"],
        [1, "大同华林购物中心", 3200, 12.5],
        [2, "大同百盛购物中心", 2800, 9.1],
        [3, "大同美美购物中心", 1500, 6.3],
    ]
    return f.xlsx_bytes(rows)


def _plan_docx(city: str) -> bytes:
    paragraphs = [
        f"{city}2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动工作方案",
        "一、活动时间：2021年5月1日至12月31日。",
        "二、重点活动：汽车展销、美食节、夜经济消费季、老字号嘉年华、电商直播带货节。",
        "三、工作要求：加强组织领导，落实防疫安全，大力宣传推广。",
        "联系人：王晓燕，电话：0357-2021888",
    ]
    contacts = [
        ["姓名", "单位", "职务", "联系电话", "邮箱"],
        ["王晓燕", f"{city}商务局", "市场运行科科长", "0357-2021888", "wangxy@linfen.sx.example"],
        ["赵磊", f"{city}商务局", "科员", "13903571234", "zhaolei@linfen.sx.example"],
    ]
    return f.docx_bytes(paragraphs, [contacts])


def _results_may_taiyuan() -> bytes:
    """太原's results of May, filled in the project's own template the way a clerk would."""
    import io

    from jinxiao.normalise.values import counties_of
    from jinxiao.reports.templates import FIRST_DATA_ROW, build_template

    campaign = load_campaign()
    rows = f.registry_rows("太原市", 8)[3:11]
    prefilled = [(str(r[0]), str(r[1]), None) for r in rows]  # county, activity: text
    wb = build_template(campaign, "results_may", "太原市", counties_of("太原市"), prefilled)
    ws = wb.worksheets[0]
    figures = [
        ("5月1日-5月31日", 56, 8200, 35.5, 300, 240),
        ("5月1日-5月5日", 40, 3100, "约12", None, None),
        ("5月15日-5月20日", "30余家", "2600万元", 8, None, None),
        ("5月", 85, 0.9, 20, None, None),  # 0.9 under 万元: a clerk's slip, kept as written
        ("5月1日-5月31日", 22, "/", "/", None, None),
        ("5月1日-5月31日", 60, 4800, 15, 200, 160),
        ("5月8日-5月9日", 18, 950, 3.2, None, None),
        ("5月20日-5月31日", 35, 2100, 6, None, None),
    ]
    for i, (period, ent, turnover, footfall, issued, redeemed) in enumerate(figures):
        r = FIRST_DATA_ROW + i
        for col, value in zip(
            range(3, 9), (period, ent, turnover, footfall, issued, redeemed), strict=True
        ):
            ws.cell(row=r, column=col, value=value)
    sheet = wb["全市汇总"]
    sheet["B3"], sheet["B4"] = 5000, 4120.5
    buf = io.BytesIO()
    wb.save(buf)
    return f.pinned(buf.getvalue())


def _results_may_jinzhong_held() -> bytes:
    """晋中's results of May with two cells nobody can read: those two rows are held, the
    other four are taken, and the reply asks for the corrected table (issue 11)."""
    import io

    from jinxiao.normalise.values import counties_of
    from jinxiao.reports.templates import FIRST_DATA_ROW, build_template

    campaign = load_campaign()
    rows = f.registry_rows("晋中市", 9, seed=8)[3:9]  # the registry 晋中 has current
    prefilled = [(str(r[0]), str(r[1]), None) for r in rows]
    wb = build_template(campaign, "results_may", "晋中市", counties_of("晋中市"), prefilled)
    ws = wb.worksheets[0]
    figures = [
        ("5月1日-5月31日", 45, 3600, 12, None, None),
        ("5月1日-5月5日", 28, 1900, 6.5, None, None),
        ("6月31日", 30, 1200, 4, None, None),  # a day June does not have: held
        ("5月15日-5月20日", 52, 2750, 9, None, None),
        ("5月1日-5月31日", 33, "见附件", 5, None, None),  # not a number: held
        ("5月8日-5月9日", 16, 640, 2.1, None, None),
    ]
    for i, values in enumerate(figures):
        for col, value in zip(range(3, 9), values, strict=True):
            ws.cell(row=FIRST_DATA_ROW + i, column=col, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return f.pinned(buf.getvalue())


def demo_mails() -> list[DemoMail]:
    """The Shanxi 2021 season, in the order the messages arrived."""
    ty, dt_, yq = _sender("太原市"), _sender("大同市"), _sender("阳泉市")
    cz2, jc, sz = _sender("长治市", 0), _sender("晋城市"), _sender("朔州市")
    jz, yc, xz = _sender("晋中市"), _sender("运城市"), _sender("忻州市")
    lf, ll = _sender("临汾市"), _sender("吕梁市")
    subject = "关于报送2021年全国消费促进月活动情况的函"
    att2 = "附件2：{}2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.{}"
    yc_file = _registry_xlsx("运城市", 6, seed=5)
    yc_mail = _send(yc, f"运城市{subject}", [(att2.format("运城市", "xlsx"), yc_file)], _at(4, 22))

    def yc_redelivered() -> bytes:
        # The same message delivered twice: identical but for a relay's Received line.
        return (
            b"Received: from relay2.sx.example by mx.sx.example; Thu, 22 Apr 2021 10:01:07 +0800\r\n"
            + yc_mail
        )

    mails = [
        DemoMail("01-taiyuan-registry", lambda: _send(
            ty, f"太原市{subject}", [(att2.format("太原市", "xlsx"), _registry_xlsx("太原市", 8))],
            _at(4, 21, 9, 30), sender_name="太原市商务局"), "clean registry, RFC 2231 name"),
        DemoMail("02-datong-registry-xls", lambda: _send(
            dt_, f"大同市{subject}",
            [(att2.format("大同市", "xls"), f.demo_xls_bytes())],
            _at(4, 22, 16), filename_style="rfc2047_gbk"), "legacy .xls, messy cells"),
        DemoMail("03-datong-wrong-table", lambda: _send(
            dt_, "大同市4月销售情况", [("大同市4月重点企业销售统计.xlsx", _sales_table())],
            _at(4, 22, 17)), "another kind of table: wrong_template"),
        DemoMail("04-yangquan-registry", lambda: _send(
            yq, f"阳泉市{subject}",
            [(att2.format("阳泉市", "xlsx"), _registry_xlsx("阳泉市", 7, messy=True, seed=1,
                                                          extra_sheets_before=["Sheet1"], sheet="活动名录"))],
            _at(4, 23, 18), filename_style="raw_gbk"), "data on the second sheet, raw GBK name"),
        DemoMail("05-changzhi-registry-csv", lambda: _send(
            cz2, f"长治市{subject}",
            [("长治市活动名录.csv", f.csv_bytes(f.registry_rows("长治市", 6, seed=4), encoding="gbk"))],
            _at(4, 23, 11)), "CSV in GBK"),
        DemoMail("06-jincheng-registry-docx", lambda: _send(
            jc, f"晋城市{subject}",
            [("晋城市活动名录.docx", f.docx_bytes(["附件2"], [[[("" if c is None else str(c)) for c in r]
                                                          for r in f.registry_rows("晋城市", 5, seed=6)[2:-2]]]))],
            _at(4, 20, 15), filename_style="raw_utf8"), "a table inside Word"),
        DemoMail("07-shuozhou-held", lambda: _send(
            sz, f"朔州市{subject}", [(att2.format("朔州市", "xlsx"), _bad_shuozhou())],
            _at(4, 22, 9)), "unknown county and unreadable date: those 2 rows held, 3 taken"),
        DemoMail("08-shuozhou-corrected", lambda: _send(
            sz, f"回复：朔州市{subject}（修改后）",
            [(att2.format("朔州市", "xlsx"), _registry_xlsx("朔州市", 5, seed=3))],
            _at(4, 25, 10)), "the correction, two days late"),
        DemoMail("09-jinzhong-first", lambda: _send(
            jz, f"晋中市{subject}", [(att2.format("晋中市", "xlsx"), _registry_xlsx("晋中市", 6, seed=7))],
            _at(4, 21, 10)), "first version"),
        DemoMail("10-jinzhong-update", lambda: _send(
            jz, f"晋中市{subject}（更新版）",
            [(att2.format("晋中市", "xlsx"), _registry_xlsx("晋中市", 9, seed=8))],
            _at(4, 23, 20)), "updated version supersedes the first"),
        DemoMail("11-yuncheng-registry", lambda: yc_mail, "registry"),
        DemoMail("12-yuncheng-redelivered", yc_redelivered, "same Message-ID again: duplicate"),
        DemoMail("13-yuncheng-resend", lambda: _send(
            yc, f"运城市{subject}（重发）", [(att2.format("运城市", "xlsx"), yc_file)], _at(4, 23, 9)),
            "same file bytes again: duplicate"),
        DemoMail("14-xinzhou-pdf", lambda: _send(
            xz, f"忻州市{subject}", [("忻州市活动名录（盖章）.pdf", f.PDF_BYTES)], _at(4, 23, 15)),
            "a scan only: unsupported_format"),
        DemoMail("15-xinzhou-zip", lambda: _send(
            xz, f"忻州市{subject}（表格）",
            [("忻州市报送材料.zip", f.zip_bytes({"附件2 忻州市活动名录.xlsx": _registry_xlsx("忻州市", 6, seed=9)}))],
            _at(4, 24, 10)), "zip with GBK member names, late"),
        DemoMail("16-linfen-forwarded", lambda: m.forward(
            _send("director.lf@gmail.example", f"临汾市{subject}",
                  [(att2.format("临汾市", "xlsx"), _registry_xlsx("临汾市", 7, messy=True, seed=10))],
                  _at(4, 22, 8)),
            lf, f"转发：临汾市{subject}", date=_at(4, 22, 9)), "forwarded message/rfc822"),
        DemoMail("17-linfen-plan", lambda: _send(
            lf, "临汾市消费促进月工作方案及联系人名单",
            [("临汾市2021年消费促进月工作方案.docx", _plan_docx("临汾市"))], _at(4, 29, 16)),
            "plan with contacts"),
        DemoMail("18-lvliang-encrypted", lambda: _send(
            ll, f"吕梁市{subject}",
            [(att2.format("吕梁市", "xlsx"), f.encrypted_xlsx_bytes(f.registry_rows("吕梁市", 4)))],
            _at(4, 23, 10)), "password-protected: encrypted"),
        DemoMail("19-lvliang-blank", lambda: _send(
            ll, f"吕梁市{subject}（无密码）", [(att2.format("吕梁市", "xlsx"), _blank_template())],
            _at(4, 23, 14)), "the blank template sent back"),
        DemoMail("20-unknown-sender", lambda: _send(
            "market@huarun-wanjia.example", "华润万家五一促销活动报名表",
            [("活动名录.xlsx", _registry_xlsx("太原市", 3, seed=11))], _at(4, 22, 13)),
            "perfect table, unknown sender: quarantined"),
        DemoMail("21-taiyuan-question", lambda: _send(
            ty, "请问结果统计模板什么时候下发？", [], _at(4, 26, 10),
            body="省厅：\n    请问5月成效统计模板什么时候下发？谢谢。"), "no attachment: ignored"),
        DemoMail("22-datong-autoreply", lambda: _send(
            dt_, "自动回复：关于报送活动情况的通知", [], _at(4, 19, 8),
            extra_headers={"Auto-Submitted": "auto-replied"}, body="您好，我已收到您的邮件，近期休假。"),
            "out-of-office reply: ignored"),
        DemoMail("23-taiyuan-results-may", lambda: _send(
            ty, "太原市消费促进月（5月）活动成效统计表",
            [("jx2021_results_may_template_太原市（已填）.xlsx", _results_may_taiyuan())], _at(5, 31, 17)),
            "results of May in the project's template"),
        DemoMail("24-jinzhong-results-may-held", lambda: _send(
            jz, "晋中市消费促进月（5月）活动成效统计表",
            [("jx2021_results_may_template_晋中市（已填）.xlsx", _results_may_jinzhong_held())],
            _at(5, 31, 18)), "results of May partly accepted: 2 rows held until corrected"),
    ]  # fmt: skip
    return mails
