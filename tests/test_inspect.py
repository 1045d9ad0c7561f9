"""`make -s inspect EML=...`: what intake would make of one email, as JSON, touching nothing."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from jinxiao.jobs.demo import demo_mails
from jinxiao.jobs.inspect import inspect_email
from jinxiao.samples import files, mail

REPO = Path(__file__).resolve().parents[1]


def _inspect(tmp_path: Path, name: str) -> dict:
    mail = next(m for m in demo_mails() if m.name == name)
    eml = tmp_path / f"{name}.eml"
    eml.write_bytes(mail.build())
    before = sorted(p.name for p in tmp_path.iterdir())
    out = subprocess.run(
        ["make", "-s", "inspect", f"EML={eml}"], cwd=REPO, capture_output=True, text=True,
        timeout=300, check=True,
    )  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside it
    return json.loads(out.stdout)


def test_inspect_a_forwarded_registry(tmp_path):
    got = _inspect(tmp_path, "16-linfen-forwarded")
    assert got["city"] == "临汾市" and got["outcome"] == "accepted"
    (att,) = got["attachments"]
    assert att["filename"].startswith("附件2：临汾市") and att["size"] > 1000
    assert att["path"].startswith("2/fwd/")  # found inside the forwarded message/rfc822
    (sub,) = got["submissions"]
    assert sub["form"] == "registry" and len(sub["rows"]) == 7
    assert all(r["county_raw"] for r in sub["rows"]) and sub["rows"][0]["excel_row"] == 4


def test_inspect_a_partly_accepted_table_names_held_rows_and_columns(tmp_path):
    got = _inspect(tmp_path, "07-shuozhou-held")
    assert got["outcome"] == "accepted" and got["reason_class"] == "rows_held"
    (sub,) = got["submissions"]
    assert any("第5行" in e and "参加县区" in e and "开发区" in e for e in sub["errors"])
    assert any("第6行" in e and "举办时间" in e for e in sub["errors"])
    held = [(h["excel_row"], c["column"], c["raw_value"]) for h in sub["held"] for c in h["cells"]]
    assert held == [(5, "参加县区", "开发区"), (6, "举办时间", "另行通知")]
    assert [r["excel_row"] for r in sub["rows"]] == [4, 7, 8]


def test_periods_typed_as_mm_dd_text_are_read(tmp_path):
    # A clerk who formatted 举办时间 as mm-dd and pasted the column back as text.
    table = files.registry_rows("太原市", 3, seed=7)
    header_at = next(i for i, row in enumerate(table) if row[:2] == files.header()[:2])
    periods = ["05-01至05-05", "04-30至05-05", "10-01"]
    for row, period in zip(table[header_at + 1 : header_at + 4], periods, strict=True):
        row[2] = period
    raw = mail.build_email(
        "swj@taiyuan.sx.example", "太原市活动名录", [("附件2.xlsx", files.xlsx_bytes(table))]
    )
    got = inspect_email(raw)
    assert got["outcome"] == "accepted", got
    rows = got["submissions"][0]["rows"]
    assert [(r["period_raw"], r["start_date"], r["end_date"]) for r in rows] == [
        ("05-01至05-05", "2021-05-01", "2021-05-05"),
        ("04-30至05-05", "2021-04-30", "2021-05-05"),
        ("10-01", "2021-10-01", "2021-10-01"),
    ]


def test_a_unit_line_under_the_table_scales_bare_amounts(tmp_path):
    # 预估成效 typed as bare numbers, the unit given once in a line below the table.
    table = files.registry_rows("阳泉市", 2, seed=3)
    header_at = next(i for i, row in enumerate(table) if row[:2] == files.header()[:2])
    table[header_at + 1][6], table[header_at + 2][6] = 0.6, 1.25
    table.insert(header_at + 3, ["单位：亿元"])
    raw = mail.build_email(
        "swj@yangquan.sx.example", "阳泉市活动名录", [("附件2.xlsx", files.xlsx_bytes(table))]
    )
    got = inspect_email(raw)
    assert got["outcome"] == "accepted", got
    rows = got["submissions"][0]["rows"]
    assert [r["est_turnover_wan"] for r in rows] == [6000.0, 12500.0]
    assert not any("未写单位" in w for w in got["submissions"][0]["warnings"])


def test_the_demo_mails_are_the_same_bytes_on_every_build():
    first = {m.name: m.build() for m in demo_mails()}
    time.sleep(2.1)  # past the 2-second resolution of a zip entry's time
    again = {m.name: m.build() for m in demo_mails()}
    changed = sorted(name for name in first if first[name] != again[name])
    assert changed == ["18-lvliang-encrypted"]  # a random salt, by design of the encryption
