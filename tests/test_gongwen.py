"""The Word reports in 公文 layout (GB/T 9704-2012): page, margins, fonts, line pitch, page
numbers, addressee, signature and attachments, checked in the .docx files themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from test_reports import AFTER_ALL, seed

from jinxiao.normalise.values import county_table
from jinxiao.reports import gongwen
from jinxiao.reports.build import generate_report
from jinxiao.warehouse.connection import connect, migrate


@pytest.fixture(scope="module")
def reports(tmp_path_factory, campaign):
    from jinxiao.warehouse.connection import WarehouseConfig

    tmp = tmp_path_factory.mktemp("gongwen")
    engine = connect(WarehouseConfig("sqlite", path=str(tmp / "w.db")))
    migrate(engine, campaign, county_table())
    seed(engine)
    out = {
        kind: Document(generate_report(engine, tmp, kind, now=AFTER_ALL, campaign=campaign).docx)
        for kind in ("june1", "year_end")
    }
    engine.dispose()
    return out


def _east_asia(run) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts")) if run._element.rPr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _para(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text)


@pytest.mark.parametrize("kind", ["june1", "year_end"])
def test_page_is_a4_with_the_standard_margins_and_line_pitch(reports, kind):
    doc = reports[kind]
    for s in doc.sections:
        assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5)
        margins = (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
        for got, want in zip(margins, (Mm(37), Mm(35), Mm(28), Mm(26))):
            assert abs(got - want) < Mm(0.5)
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing is not None and Pt(28) <= normal.line_spacing <= Pt(29)


@pytest.mark.parametrize("kind", ["june1", "year_end"])
def test_title_body_and_headings_have_the_standards_fonts(reports, kind, campaign):
    doc = reports[kind]
    title = doc.paragraphs[0]
    assert title.text.startswith(campaign.organiser + "关于") and title.text.endswith("的报告")
    # Broken by hand where the words allow, each line within the 28-character text width.
    lines = title.text.split("\n")
    assert len(lines) == 2 and all(len(line) * 22 <= 156 / 25.4 * 72 for line in lines)
    if kind == "year_end":
        assert title.text == f"{campaign.organiser}关于{campaign.year}年\n消费促进工作情况的报告"
    (run,) = title.runs
    assert _east_asia(run) == "方正小标宋简体" and run.font.size == Pt(22)
    assert doc.paragraphs[1].text.startswith("（数据截至")
    assert doc.paragraphs[3].text == f"{campaign.report_addressee}："
    head = _para(doc, "一、总体情况")
    assert {(_east_asia(r), r.font.size) for r in head.runs} == {("黑体", Pt(16))}
    body = next(p for p in doc.paragraphs if p.text.startswith("按照《"))
    assert {(_east_asia(r), r.font.size) for r in body.runs} == {("仿宋_GB2312", Pt(16))}
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    second = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    assert _east_asia(second.runs[0]) == "楷体_GB2312" and second.runs[0].text.endswith("。")
    assert _east_asia(second.runs[1]) == "仿宋_GB2312"


def test_standard_fonts_fall_back_to_common_ones(reports):
    part = reports["june1"].part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in table.findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["方正小标宋简体"] == "宋体" and alt["仿宋_GB2312"] == "仿宋"
    assert alt["楷体_GB2312"] == "楷体"


def test_page_numbers_are_dashed_odd_right_even_left(reports):
    doc = reports["june1"]
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in ((section.footer, "RIGHT"), (section.even_page_footer, "LEFT")):
        (p,) = footer.paragraphs
        assert p.text == "—  —"  # the number itself is a PAGE field between the dashes
        assert p.alignment is not None and p.alignment.name == align
        instr = [e.text for e in p._element.iter(qn("w:instrText"))]
        assert instr == [" PAGE "]
        assert {(_east_asia(r), r.font.size) for r in p.runs} == {("宋体", Pt(14))}


def test_signature_date_and_attachments_each_on_their_own_page(reports, campaign):
    doc = reports["june1"]
    texts = [p.text for p in doc.paragraphs]
    date = "2021年6月1日"
    i = texts.index(date)
    assert texts[i - 1] == campaign.organiser
    assert doc.paragraphs[i].alignment.name == "RIGHT"
    assert doc.paragraphs[i].paragraph_format.right_indent == Pt(64)  # four characters
    note = [t for t in texts[:i] if t.startswith("附件：")]
    assert note == ["附件：1. 分市情况表"]
    heads = [j for j, t in enumerate(texts) if t.startswith("附件") and t[2:].isdigit()]
    assert [texts[j] for j in heads] == ["附件1", "附件2"] and heads[0] > i
    for j in heads:
        # The heading starts its page; no empty paragraph holds the break (a blank page when
        # the body fills the page before it).
        assert doc.paragraphs[j].paragraph_format.page_break_before, texts[j]
    assert not [b for b in doc.element.body.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    assert texts[heads[0] + 2] == "分市情况表" and texts[heads[1] + 2] == "分类别情况表"
    assert len(doc.tables) == 2 and doc.tables[0].rows[-1].cells[0].text == "全省合计"


def test_nested_quotes_alternate():
    assert (
        gongwen.alternate_quotes("开展“礼享生活·“晋情消费””活动") == "开展“礼享生活·‘晋情消费’”活动"
    )
    assert gongwen.alternate_quotes("“一”和“二”") == "“一”和“二”"
    assert gongwen.alternate_quotes("“甲“乙“丙”乙”甲”") == "“甲‘乙“丙”乙’甲”"
    assert gongwen.alternate_quotes("未闭合“引号") == "未闭合“引号"


def test_as_of_date_is_written_the_chinese_way():
    from jinxiao.reports.xlsx import zh_date

    assert zh_date(dt.date(2021, 12, 31)) == "2021年12月31日"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory, campaign):
    from openpyxl import load_workbook

    from jinxiao.reports.rollup import write_rollup
    from jinxiao.reports.templates import write_results_templates
    from jinxiao.warehouse.connection import WarehouseConfig

    tmp = tmp_path_factory.mktemp("print")
    engine = connect(WarehouseConfig("sqlite", path=str(tmp / "w.db")))
    migrate(engine, campaign, county_table())
    seed(engine)
    paths = [
        generate_report(engine, tmp, "june1", now=AFTER_ALL, campaign=campaign).xlsx,
        generate_report(engine, tmp, "year_end", now=AFTER_ALL, campaign=campaign).xlsx,
        write_rollup(engine, tmp, dt.date(2021, 6, 1), now=AFTER_ALL, campaign=campaign),
        write_results_templates(engine, tmp / "t", "results_may", campaign)[0],
    ]
    engine.dispose()
    return {p.name: load_workbook(p) for p in paths}


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_repeated(workbooks):
    from openpyxl.utils import get_column_letter

    from jinxiao.reports.xlsx import HEADER_FILL

    header_rgb = HEADER_FILL.fgColor.rgb
    seen = 0
    for name, wb in workbooks.items():
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            seen += 1
            where = f"{name}/{ws.title}"
            assert int(ws.page_setup.paperSize) == 9, where  # A4
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), where
            assert ws.oddFooter.center.text == "第 &P 页，共 &N 页", where
            assert ws.page_margins.top == ws.page_margins.bottom == 0.75, where
            widths = sum(
                ws.column_dimensions[get_column_letter(c)].width or 8.43
                for c in range(1, ws.max_column + 1)
            )
            want = "landscape" if widths > 95 else "portrait"
            assert ws.page_setup.orientation == want, (where, widths)
            headers = [r[0].row for r in ws.iter_rows() if r[0].fill.fgColor.rgb == header_rgb]
            if ws.title in ("附件2", "分市汇总", "分市情况") or "成效" in ws.title:
                assert headers, where
            if headers:
                # The header repeats on every printed page and shows its wrapped text whole.
                assert ws.print_title_rows == f"${headers[0]}:${headers[0]}", where
                # A Chinese character is two width units; a header wraps within its column.
                lines = max(
                    -(-2 * len(str(c.value)) // max(1, int(ws.column_dimensions[
                        get_column_letter(c.column)].width or 8.43) - 1))
                    for c in ws[headers[0]] if c.value
                    and not ws.column_dimensions[get_column_letter(c.column)].hidden
                )  # fmt: skip
                assert (ws.row_dimensions[headers[0]].height or 15) >= 15 * lines, where
    assert seen >= 14


@pytest.mark.integration  # LibreOffice
def test_the_pdf_has_a4_pages(tmp_path, campaign):
    """Through LibreOffice, as a clerk's office would print it (CI installs LibreOffice)."""
    import os
    import re
    import shutil

    from jinxiao.reports.docx import convert_to_pdf
    from jinxiao.warehouse.connection import WarehouseConfig

    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs it")
        pytest.skip("LibreOffice is not installed")
    engine = connect(WarehouseConfig("sqlite", path=str(tmp_path / "w.db")))
    migrate(engine, campaign, county_table())
    seed(engine)
    files = generate_report(engine, tmp_path, "june1", now=AFTER_ALL, campaign=campaign)
    engine.dispose()
    pdf = files.pdf or convert_to_pdf(files.docx)
    assert pdf is not None and pdf.exists()
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data)
    assert len(boxes) >= 3  # body pages and the attachments' own pages
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        # A4 is 595.3 × 841.9 pt.
        assert abs((x1 - x0) - 595.3) < 1 and abs((y1 - y0) - 841.9) < 1, box
