"""`make -s inspect EML=...`: what intake would make of one email, as JSON, touching nothing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from jinxiao.demo import demo_mails

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


def test_inspect_a_rejected_table_names_row_and_column(tmp_path):
    got = _inspect(tmp_path, "07-shuozhou-rejected")
    assert got["outcome"] == "rejected" and got["reason_class"] == "validation_failed"
    errors = got["submissions"][0]["errors"]
    assert any("第5行" in e and "参加县区" in e and "开发区" in e for e in errors)
    assert any("第6行" in e and "举办时间" in e for e in errors)
