"""One resource budget per message: hostile files are refused with a reason, cheaply.

Every hostile file is built here, for real: openpyxl workbooks whose sheet XML is edited to
plant a far cell or a lying <dimension>, BIFF8 .xls from the samples writer, zips nested in
zips, HTML tables of huge spans, and readers that abort or allocate 4 GiB in the sandbox.
"""

from __future__ import annotations

import io
import os
import random
import re
import resource
import time
import zipfile

import openpyxl
import pytest
from xls_files import xls_bytes

import jinxiao.samples.files as ff
from jinxiao.domain.budget import MAX_EXPANDED_BYTES, Budget, BudgetExceeded
from jinxiao.domain.models import Attachment, FileProblem
from jinxiao.intake.mime import expand_zip, extract
from jinxiao.reading.formats import read_workbook
from jinxiao.reading.sandbox import Failure, SandboxPool, read_in_child
from jinxiao.samples.mail import build_email

SENDER = "sxs@taiyuan.gov.cn"
MB = 1024 * 1024


def att(payload: bytes, filename: str) -> Attachment:
    return Attachment(filename, "application/octet-stream", payload, "2")


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def refused(payload: bytes, filename: str) -> tuple[FileProblem, float, int]:
    """The FileProblem a read gives, the seconds it took and the growth of peak RSS."""
    before, start = peak_rss(), time.perf_counter()
    with pytest.raises(FileProblem) as info:
        read_workbook(att(payload, filename))
    return info.value, time.perf_counter() - start, peak_rss() - before


def small_book() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "太原市"
    ws.append(["序号", "县区", "活动名称"])
    ws.append([1, "小店区", "五一购物节"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def edit_sheet(payload: bytes, edit) -> bytes:
    """The workbook with its first sheet's XML passed through edit(bytes) -> bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(payload)) as zin:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = edit(data)
                zout.writestr(info, data)
    return out.getvalue()


def far_cell(data: bytes) -> bytes:
    """A value in the sheet's last cell; the <dimension> keeps saying A1:C2 (it lies)."""
    return data.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )


# --------------------------------------------------------------------------- xlsx / xls


def test_xlsx_with_values_in_a1_and_xfd1048576_is_refused_before_any_allocation():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "填报单位"
    wb.active["XFD1048576"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    assert len(buf.getvalue()) < 10_000  # 9 KB that asked python-calamine for 549 GB
    problem, seconds, grown = refused(buf.getvalue(), "太原.xlsx")
    assert problem.reason_class == "corrupt_file"
    assert "表格范围过大" in problem.detail_zh and "A1:XFD1048576" in problem.detail_zh
    assert "另存为.xlsx重新发送" in problem.detail_zh
    assert seconds < 1 and grown < 20 * MB


def test_far_cell_behind_a_lying_dimension_is_found_in_the_cells():
    payload = edit_sheet(small_book(), far_cell)
    assert b'<dimension ref="A1:C2"/>' in zipfile.ZipFile(io.BytesIO(payload)).read(
        "xl/worksheets/sheet1.xml"
    )
    problem, seconds, grown = refused(payload, "晋中.xlsx")
    assert "工作表“太原市”" in problem.detail_zh and "XFD1048576" in problem.detail_zh
    assert seconds < 1 and grown < 20 * MB


def test_cells_without_r_attributes_are_counted_by_position():
    # Writers may omit r=: the position is the previous cell's plus one, so a long row of
    # r-less cells is as wide as it looks.
    wide = b"".join(b"<c><v>1</v></c>" for _ in range(100))
    rows = b"".join(b"<row>" + wide + b"</row>" for _ in range(30))
    payload = edit_sheet(small_book(), lambda d: re.sub(rb"<sheetData>.*</sheetData>",
                                                        b"<sheetData>" + rows + b"</sheetData>",
                                                        d, flags=re.S))  # fmt: skip
    with pytest.raises(FileProblem, match="数据延伸到单元格CV2"):
        read_workbook(att(payload, "r.xlsx"), Budget(sheet_cells=150))
    assert len(read_workbook(att(payload, "r.xlsx"), Budget(sheet_cells=3000)).sheets[0].rows) == 30


def test_a_big_declared_dimension_alone_still_reads():
    # WPS states whole-sheet dimensions for formatted columns; no reader allocates by it.
    payload = edit_sheet(
        small_book(),
        lambda d: d.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'),
    )
    sheet = read_workbook(att(payload, "a.xlsx")).sheets[0]
    assert sheet.rows == [["序号", "县区", "活动名称"], [1, "小店区", "五一购物节"]]


def test_sheet_xml_with_an_entity_declaration_is_corrupt_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    payload = edit_sheet(small_book(), lambda d: bomb + d.replace("五一购物节".encode(), b"&b;"))
    problem, _seconds, _grown = refused(payload, "e.xlsx")
    assert problem.reason_class == "corrupt_file"


def test_xls_with_a_value_in_the_last_biff8_cell_is_refused():
    rows: list[list[object]] = [["序号", "县区"]] + [[] for _ in range(65534)]
    rows.append([None] * 255 + [1])  # IV65536: 16.7 million cells from A1
    payload = xls_bytes(rows, sheet="大同市")
    assert len(payload) < 100_000
    problem, seconds, grown = refused(payload, "大同.xls")
    assert problem.reason_class == "corrupt_file"
    assert "工作表“大同市”" in problem.detail_zh and "IV65536" in problem.detail_zh
    assert seconds < 2 and grown < 20 * MB


def test_a_sheet_just_inside_the_budget_reads():
    budget = Budget(sheet_cells=200)
    rows = [[f"r{r}c{c}" for c in range(10)] for r in range(20)]  # exactly 200 cells
    for payload, name in ((ff.xlsx_bytes(rows), "a.xlsx"), (xls_bytes(rows), "a.xls")):
        assert read_workbook(att(payload, name), budget).sheets[0].rows[19][9] == "r19c9"
    rows[19].append("one more")
    for payload, name in ((ff.xlsx_bytes(rows), "a.xlsx"), (xls_bytes(rows), "a.xls")):
        with pytest.raises(FileProblem, match="200个单元格"):
            read_workbook(att(payload, name), budget)


# --------------------------------------------------------------------------- HTML


def span_table(rows: int) -> bytes:
    cell = '<td colspan="1000" rowspan="1000">活动</td>'
    return ("<html><body><table>" + f"<tr>{cell}</tr>" * rows + "</table>").encode()


def test_html_table_of_huge_spans_stops_at_the_cell_budget():
    payload = span_table(2000)  # 90 KB of markup; a browser would lay out 2 billion cells
    problem, seconds, grown = refused(payload, "导出.xls")
    assert problem.reason_class == "corrupt_file"
    assert "合并单元格展开后超过" in problem.detail_zh and "另存为.xlsx" in problem.detail_zh
    assert seconds < 10 and grown < 200 * MB


def test_html_spans_inside_the_budget_still_lay_out():
    html = (
        "<table><tr><td rowspan=2>太原</td><td colspan=2>活动</td></tr>"
        "<tr><td>一</td><td>二</td></tr></table>"
    ).encode()
    assert read_workbook(att(html, "a.html"), Budget(html_cells=6)).sheets[0].rows == [
        ["太原", "活动", "活动"],
        ["太原", "一", "二"],
    ]
    with pytest.raises(FileProblem, match="5个单元格"):
        read_workbook(att(html, "a.html"), Budget(html_cells=5))


# --------------------------------------------------------------------------- zips


def _block(seed: int) -> bytes:
    # Random letters repeated within deflate's 32 KB window: about 80:1, under the ratio
    # check, so only a budget across levels can stop the nesting.
    rnd = random.Random(seed)
    return bytes(rnd.choice(b"abcdefghijklmnop") for _ in range(20_000))


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _leaf_zip(seed: int, mib: int) -> bytes:
    buf = io.BytesIO()
    block = _block(seed)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("名录.xlsx", "w") as fh:
            for _ in range(mib * MB // len(block)):
                fh.write(block)
    return buf.getvalue()


def nested_zips(fanout: int, mib: int) -> bytes:
    """outer.zip of `fanout` mid zips, each of `fanout` leaf zips of one `mib` MiB file."""
    leaf = _leaf_zip(0, mib)
    mid = _zip({f"县{i}.zip": leaf for i in range(fanout)})
    return _zip({f"市{i}.zip": mid for i in range(fanout)})


def test_nested_zips_share_one_budget_per_message():
    data = nested_zips(4, 8)  # 16 files of 8 MiB: 128 MiB, each zip under the old caps
    assert len(data) < 3 * MB
    before, start = peak_rss(), time.perf_counter()
    found = extract(build_email(SENDER, "太原", [("材料.zip", data)])).attachments
    seconds, grown = time.perf_counter() - start, peak_rss() - before
    read = [a for a in found if not a.refused]
    refused_zips = [a for a in found if a.refused]
    assert sum(a.size for a in read) <= MAX_EXPANDED_BYTES < 16 * 8 * MB
    assert read and all(a.filename == "名录.xlsx" for a in read)
    # What did not fit is named, zip by zip, with what to send instead.
    assert refused_zips and all(a.filename.endswith(".zip") for a in refused_zips)
    assert "解压后过大" in refused_zips[0].refused and "直接将Excel表格" in refused_zips[0].refused
    assert len(read) * 2 + len(refused_zips) >= 16  # every leaf accounted for
    assert seconds < 10 and grown < MAX_EXPANDED_BYTES + 64 * MB
    problem = pytest.raises(FileProblem, read_workbook, refused_zips[0]).value
    assert (problem.reason_class, problem.detail_zh) == ("corrupt_file", refused_zips[0].refused)


def test_a_zip_over_what_is_left_is_refused_without_inflating_it():
    budget = Budget(expanded_bytes=5 * MB)
    before = peak_rss()
    (found,) = expand_zip(att(_leaf_zip(1, 8), "a.zip"), 0, budget)
    assert found.refused and "5MB" in found.refused
    assert budget.spent_bytes == 0 and peak_rss() - before < 32 * MB


def test_the_budget_counts_every_level_and_says_when_it_is_spent():
    budget = Budget(expanded_bytes=10)
    budget.charge_bytes(6)
    assert budget.bytes_left == 4
    with pytest.raises(BudgetExceeded):
        budget.charge_bytes(5)
    assert budget.bytes_left == 0 and budget.may_nest(7) and not budget.may_nest(8)


def test_zips_inside_the_budget_expand_as_before():
    data = nested_zips(2, 1)
    names = [a.path for a in expand_zip(att(data, "a.zip"), 0, Budget())]
    assert names == [f"2/a.zip!市{i}.zip/市{i}.zip!县{j}.zip/县{j}.zip!名录.xlsx"
                     for i in range(2) for j in range(2)]  # fmt: skip


def test_zips_nested_past_the_depth_limit_are_refused():
    data = _zip({"a.csv": b"x,y\n"})
    for level in range(3):
        data = _zip({f"{level}.zip": data})
    (found,) = expand_zip(att(data, "深.zip"), 0, Budget(nesting=3))
    assert found.refused and "嵌套" in found.refused
    assert [a.filename for a in expand_zip(att(data, "深.zip"), 0, Budget(nesting=4))] == ["a.csv"]


# --------------------------------------------------------------------------- sandbox


def _abort(_: object) -> object:
    os.abort()


def _allocate_4_gib(_: object) -> object:
    return bytearray(4 * 1024 * MB)


def _sleep(_: object) -> object:
    time.sleep(30)


def _raise_problem(name: str) -> object:
    raise FileProblem("encrypted", f"附件“{name}”设置了密码")


def test_a_reader_that_aborts_gives_a_failure_and_the_parent_lives():
    result = read_in_child(_abort, None, address_space_bytes=256 * MB, seconds=10)
    assert result == Failure("died", "killed by SIGABRT")
    problem = result.problem("太原.xlsx")
    assert problem.reason_class == "corrupt_file" and "另存为.xlsx重新发送" in problem.detail_zh


def test_a_reader_allocating_4_gib_is_stopped_by_the_address_space_limit():
    before = peak_rss()
    result = read_in_child(_allocate_4_gib, None, address_space_bytes=512 * MB, seconds=10)
    assert isinstance(result, Failure) and result.kind == "memory"
    assert "内存" in result.problem("a.xlsx").detail_zh
    assert peak_rss() - before < 20 * MB  # the child's memory is not ours


def test_a_reader_over_its_time_is_killed():
    start = time.perf_counter()
    result = read_in_child(_sleep, None, address_space_bytes=256 * MB, seconds=0.5)
    assert result == Failure("timeout", "over 0.5 s")
    assert time.perf_counter() - start < 5


def test_a_file_problem_raised_in_the_child_comes_back_whole():
    with pytest.raises(FileProblem) as info:
        read_in_child(_raise_problem, "a.xlsx", address_space_bytes=256 * MB, seconds=10)
    assert info.value.reason_class == "encrypted" and "a.xlsx" in info.value.detail_zh


def test_the_hostile_xlsx_read_unguarded_in_the_child_dies_there_not_here():
    # The reader as it was: calamine on the far-cell workbook, with no extent check first.
    from python_calamine import CalamineWorkbook

    payload = edit_sheet(small_book(), far_cell)

    def unguarded(data: bytes) -> object:
        return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).end

    result = read_in_child(unguarded, payload, address_space_bytes=1024 * MB, seconds=30)
    assert isinstance(result, Failure) and result.kind in ("died", "memory")


def test_a_normal_workbook_reads_the_same_in_the_child():
    rows = ff.registry_rows("太原市", 8, seed=1)
    attachment = att(ff.xlsx_bytes(rows), "太原.xlsx")
    inside = read_in_child(read_workbook, attachment, address_space_bytes=1024 * MB, seconds=30)
    assert inside == read_workbook(attachment)


# --------------------------------------------------------------------------- reader pool
# The same guarantees from long-lived readers, call after call, without a fork per call.


def _echo(value: object) -> object:
    return value


def _pid(_: object) -> int:
    return os.getpid()


def _big_echo(n: int) -> bytes:
    return os.urandom(n)


def _dies_on(value: object) -> object:
    if value == "abort":
        os.abort()
    if value == "sleep":
        time.sleep(30)
    if value == "4gib":
        return len(_allocate_4_gib(None))
    return value


def test_a_pool_reader_that_aborts_fails_that_call_alone_and_is_replaced():
    with SandboxPool(2, address_space_bytes=256 * MB, seconds=10) as pool:
        calls = [pool.submit(_dies_on, v) for v in ["a", "abort", "b", "c", "d", "e"]]
        got = [c.result() for c in calls]
        assert got == ["a", Failure("died", "killed by SIGABRT"), "b", "c", "d", "e"]
        assert pool.replaced == 1
        assert pool.submit(_echo, "after").result() == "after"


def test_a_pool_reader_allocating_4_gib_is_stopped_each_call_afresh():
    before = peak_rss()
    with SandboxPool(1, address_space_bytes=512 * MB, seconds=10) as pool:
        first = pool.submit(_dies_on, "4gib").result()
        # The same reader again: its ceiling is per call, not spent by the first one.
        second = pool.submit(_dies_on, "4gib").result()
        small = pool.submit(_big_echo, 100 * MB).result()
    assert isinstance(first, Failure) and first.kind == "memory"
    assert isinstance(second, Failure) and second.kind == "memory"
    assert isinstance(small, bytes) and len(small) == 100 * MB
    assert peak_rss() - before < 300 * MB  # the reader's 4 GiB attempts are not ours


def test_a_pool_reader_over_its_time_is_killed_and_the_others_go_on():
    start = time.perf_counter()
    with SandboxPool(2, address_space_bytes=256 * MB, seconds=1.0) as pool:
        calls = [pool.submit(_dies_on, v) for v in ["sleep", *"abcdefgh"]]
        got = [c.result() for c in calls]
    assert got == [Failure("timeout", "over 1 s"), *"abcdefgh"]
    assert time.perf_counter() - start < 8


def test_a_file_problem_raised_in_a_pool_reader_comes_back_whole():
    with SandboxPool(1, address_space_bytes=256 * MB, seconds=10) as pool:
        call = pool.submit(_raise_problem, "a.xlsx")
        with pytest.raises(FileProblem) as info:
            call.result()
        assert pool.submit(_echo, 1).result() == 1
    assert info.value.reason_class == "encrypted" and "a.xlsx" in info.value.detail_zh


def test_pool_readers_are_reused_not_forked_per_call():
    with SandboxPool(2, address_space_bytes=256 * MB, seconds=10) as pool:
        pids = {c.result() for c in [pool.submit(_pid, i) for i in range(40)]}
    assert len(pids) <= 2 and os.getpid() not in pids


def test_big_calls_and_big_results_cross_without_blocking():
    # Bigger than any socket buffer both ways, many in a row: a pool that sent a busy reader
    # more than the socket holds would hang here (the reader blocked on its result).
    with SandboxPool(2, address_space_bytes=512 * MB, seconds=20) as pool:
        calls = [pool.submit(_echo, os.urandom(3 * MB)) for _ in range(8)]
        calls += [pool.submit(_big_echo, 3 * MB) for _ in range(8)]
        got = [c.result() for c in calls]
    assert all(isinstance(g, bytes) and len(g) == 3 * MB for g in got)


def test_the_hostile_xlsx_read_unguarded_in_a_pool_reader_dies_there():
    payload = edit_sheet(small_book(), far_cell)
    with SandboxPool(1, address_space_bytes=1024 * MB, seconds=30) as pool:
        result = pool.submit(_calamine_end, payload).result()
        normal = att(ff.xlsx_bytes(ff.registry_rows("太原市", 8, seed=1)), "太原.xlsx")
        assert pool.submit(read_workbook, normal).result() == read_workbook(normal)
    assert isinstance(result, Failure) and result.kind in ("died", "memory")


def _calamine_end(data: bytes) -> object:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).end
