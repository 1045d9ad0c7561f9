"""Whatever a city attaches, every file and message ends in an outcome; nothing escapes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.archive import Archive
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs.processor import Front, Processor
from jinxiao.normalise.values import county_table
from jinxiao.samples import files, mail
from jinxiao.warehouse.connection import connect, migrate
from jinxiao.warehouse.load import PendingMessage

OUTCOMES = {"accepted", "rejected", "ignored", "duplicate", "quarantined", "superseded"}
CELLS = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),  # what Excel can hold
    st.integers(min_value=-(10**9), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["约50家", "/", "—", "不详", "5月1日-5月31日", "小店", "全市", "3亿", "=1+1"]),
)


@pytest.fixture(scope="module")
def processor(tmp_path_factory, campaign):
    root = tmp_path_factory.mktemp("props")
    engine = connect(__import__("jinxiao.warehouse.connection", fromlist=["x"]).WarehouseConfig(
        "sqlite", path=str(root / "w.db")))  # fmt: skip
    migrate(engine, campaign, county_table())
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    return Processor(engine, Archive(root / "archive"), registry, campaign)


def _outcome(processor: Processor, raw: bytes) -> set[str]:
    pending = PendingMessage("k" * 64, "/nonexistent", "test", "1", None)
    result = processor.triage(pending, Front.of(raw))
    processor.validate([result])
    processor.batch_files.clear()
    processor.batch_ids.clear()
    if result.outcome:
        return {result.outcome}
    return {s.outcome for s in result.submissions}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(CELLS, min_size=7, max_size=7), min_size=0, max_size=6))
def test_any_cells_under_the_template_header_end_in_an_outcome(processor, rows):
    table = [files.header(), *rows]
    raw = mail.build_email(
        "swj@taiyuan.sx.example", "活动名录", [("附件2.xlsx", files.xlsx_bytes(table))]
    )
    assert _outcome(processor, raw) <= OUTCOMES


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=4000), name=st.sampled_from(
    ["a.xlsx", "a.xls", "a.csv", "a.docx", "a.zip", "a.pdf", "a.et", "无名"]))  # fmt: skip
def test_truncated_files_end_in_an_outcome(processor, cut, name):
    payload = files.xlsx_bytes(files.registry_rows("太原市", 3))[:cut]
    raw = mail.build_email("swj@taiyuan.sx.example", "活动名录", [(name, payload)])
    assert _outcome(processor, raw) <= OUTCOMES


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(blob=st.binary(max_size=3000))
def test_random_bytes_as_a_whole_message_end_in_an_outcome(processor, blob):
    assert _outcome(processor, blob) <= OUTCOMES
