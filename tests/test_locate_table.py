"""Finding the form's table: real .xlsx bytes (openpyxl) read back with python-calamine."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import python_calamine

from jinxiao.domain.models import Attachment, FileProblem, Sheet, Workbook
from jinxiao.reading.formats import read_workbook
from jinxiao.reading.locate import Contact, detect_form, extract_contacts, locate, unit_of
from jinxiao.samples import files

OFFICIAL_HEADER = [
    "参加县区",
    "重点活动名称",
    "举办时间",
    "活动内容\n（简要概述）",
    "参与企业数量",
    "支持政策及优惠举措",
    "预估成效\n（成交额等）",
]
TITLE = "山西省2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录"
SENTENCE = (
    "参加2021年全国消费促进月活动的县区（市）3个，重点活动4场，参与企业230家，预估成交4.1亿元。"
)
NOTE = "注：此表由各市商务局填写，请于2021年4月23日前报送。如表格相应空间不够，可自行添加行数。"
TAIYUAN_ROWS = [
    ["小店区", "2021太原汽车博览会", "5月1日-5月5日", "汽车展销、以旧换新", "约80家",
     "购车送加油卡", "预计成交额3亿元"],
    ["迎泽区", "柳巷商圈夜经济消费季", "5月1日-5月31日", "延时营业、深夜食堂", "120家",
     "满200减50", "8000万元"],
    ["晋源区", "晋祠美食文化节", dt.datetime(2021, 5, 15), "山西面食展示", "30余家", "/", "—"],
]  # fmt: skip


def _fill_merged(rows: list[list[object]], ranges) -> None:
    """What the project's reader does: every cell of a merged range gets its top-left value."""
    for (r0, c0), (r1, c1) in ranges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                rows[r][c] = rows[r0][c0]


def xlsx(sheets: dict[str, tuple[list[list[object]], list[str]]], filename="附件2.xlsx"):
    """A real .xlsx built with openpyxl, read back cell by cell with python-calamine."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (rows, merges) in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for rng in merges:
            ws.merge_cells(rng)
    buf = io.BytesIO()
    book.save(buf)
    buf.seek(0)
    cal = python_calamine.CalamineWorkbook.from_filelike(buf)
    out = []
    for name in cal.sheet_names:
        sheet = cal.get_sheet_by_name(name)
        rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
        _fill_merged(rows, sheet.merged_cell_ranges or [])
        out.append(Sheet(name, rows))
    return Workbook(filename, "xlsx", out)


def official(data_rows, unit="填报单位：太原市商务局（盖章）"):
    rows = [["附件2"], [TITLE], [unit], OFFICIAL_HEADER, *data_rows, [SENTENCE], [NOTE]]
    n = len(rows)
    merges = ["A2:G2", "A3:G3", f"A{n - 1}:G{n - 1}", f"A{n}:G{n}"]
    return xlsx({"Sheet1": (rows, merges)})


def book(*sheets: Sheet, filename: str = "名录.xlsx") -> Workbook:
    """A workbook of the sheets given, as a reader would hand it over."""
    return Workbook(filename, "xlsx", list(sheets))


def grid(*rows, name="Sheet1", filename="太原市活动名录.xlsx", kind="xlsx", text=""):
    return Workbook(filename, kind, [Sheet(name, [list(r) for r in rows])], text)


# ---------------------------------------------------------------- the registry


def test_official_template_layout():
    wb = official(TAIYUAN_ROWS)
    assert detect_form(wb) == "registry"
    t = locate(wb, "registry")
    assert (t.form, t.sheet, t.header_row) == ("registry", "Sheet1", 4)
    assert t.columns["content"] == "活动内容（简要概述）"  # line break dropped for messages
    assert t.columns["est_turnover"] == "预估成效（成交额等）"
    assert [r.excel_row for r in t.rows] == [5, 6, 7]
    first = t.rows[0]
    assert first.cells == dict(zip(
        ["county", "activity_name", "period", "content", "enterprise_count", "support_policy",
         "est_turnover"], TAIYUAN_ROWS[0]))  # fmt: skip
    assert t.rows[2].cells["period"] == dt.date(2021, 5, 15)  # as the reader gave it
    assert t.unit_name == "太原市商务局"
    assert t.summary_sentence == SENTENCE
    assert any(NOTE in n for n in t.notes)
    assert t.units == {}  # 成交额等 names no unit


def test_header_variants_shuffled_with_extras_and_units():
    header = [
        "序号", "重点  活动\n名称", "参加县(市、区)", "预估成交额(亿元)", "活动时间",
        "参与企业数量（家）", "优惠政策及措施", "主要内容", "活动地点", "联系人", "备 注",
    ]  # fmt: skip
    row = [1, "2021太原汽车博览会", "小店区", 3, "5月1日-5月5日", 80, "购车补贴", "车展",
           "太原国际会展中心", "王敏 13903510001", "首日开幕"]  # fmt: skip
    t = locate(grid(["太原市重点活动安排表"], header, row), "registry")
    assert t.header_row == 2
    assert t.columns == {
        "seq": "序号",
        "activity_name": "重点活动名称",
        "county": "参加县(市、区)",
        "est_turnover": "预估成交额(亿元)",
        "period": "活动时间",
        "enterprise_count": "参与企业数量（家）",
        "support_policy": "优惠政策及措施",
        "content": "主要内容",
        "contact": "联系人",
        "remark": "备注",
    }
    assert t.units == {"est_turnover": "亿元", "enterprise_count": "家"}
    cells = t.rows[0].cells
    assert (cells["county"], cells["est_turnover"], cells["seq"]) == ("小店区", 3, 1)
    assert t.rows[0].extra == {"活动地点": "太原国际会展中心"}
    assert t.notes == []


def test_synonym_headers_and_missing_optional_template_column_noted():
    header = ["县区", "活动项目", "起止时间", "内容简介", "参与商家数", "预期效果（万元）"]
    row = ["平城区", "大同古城美食节", "5.1-5.31", "特色小吃展销", "60", "500"]
    t = locate(grid(header, row), "registry")
    assert set(t.columns) == {"county", "activity_name", "period", "content",
                              "enterprise_count", "est_turnover"}  # fmt: skip
    assert t.units == {"est_turnover": "万元"}
    assert any("“支持政策及优惠举措”" in n for n in t.notes)


def test_two_row_header_with_group_over_sub_columns():
    top = ["参加县区", "重点活动名称", "举办时间", "活动内容", "参与企业数量", "支持政策",
           "预估成效", None]  # fmt: skip
    bottom = ["参加县区", "重点活动名称", "举办时间", "活动内容", "参与企业数量", "支持政策",
              "成交额（万元）", "客流（万人次）"]  # fmt: skip
    data = ["盐湖区", "运城家电以旧换新月", "5月1日至31日", "家电补贴", 45, "以旧换新补贴10%",
            2000, 5]  # fmt: skip
    rows = [[TITLE], top, bottom, data]
    merges = ["A1:H1", "G2:H2", *(f"{c}2:{c}3" for c in "ABCDEF")]
    wb = xlsx({"活动名录": (rows, merges)})
    t = locate(wb, "registry")
    assert t.header_row == 2
    assert t.columns["est_turnover"] == "预估成效/成交额（万元）"
    assert t.columns["county"] == "参加县区"
    assert t.units["est_turnover"] == "万元"
    assert [r.excel_row for r in t.rows] == [4]
    assert t.rows[0].cells["est_turnover"] == 2000
    assert t.rows[0].extra == {"预估成效/客流（万人次）": 5}


def test_data_on_second_sheet_after_empty_first_sheet():
    wb = xlsx(
        {
            "Sheet1": ([], []),
            "太原": ([["附件2"], OFFICIAL_HEADER, TAIYUAN_ROWS[0]], []),
        }
    )
    assert detect_form(wb) == "registry"
    t = locate(wb, "registry")
    assert (t.sheet, t.header_row, len(t.rows)) == ("太原", 2, 1)
    assert t.rows[0].sheet == "太原"


def test_merged_county_filled_down_blank_rows_and_trailing_merged_cells():
    rows = [
        OFFICIAL_HEADER,
        ["小店区", "2021太原汽车博览会", "5月1日-5月5日", "车展", "约80家", "补贴", "3亿元"],
        [None, "小店区家居家装节", "5月8日-5月9日", "家装", "40家", "满减", "2000万元"],
        [None] * 7,
        [None, "亲贤商圈消费季", "5月", "商圈促销", "50家", "消费券", "5000万元"],
        [None, None, None, None, None, None, None],  # inside the county's merged range
        ["迎泽区", "柳巷夜市", "5月1日-5月31日", "夜经济", "100家", "/", "1亿元"],
    ]
    wb = xlsx({"Sheet1": (rows, ["A2:A6"])})
    t = locate(wb, "registry")
    assert [r.excel_row for r in t.rows] == [2, 3, 5, 7]
    assert [r.cells["county"] for r in t.rows] == ["小店区", "小店区", "小店区", "迎泽区"]


_YQ_ROW = ["城区", "阳泉五一车展", "5月1日-5月3日", "车展", "35家", "补贴", 0.6]


@pytest.mark.parametrize(
    "below",
    [["单位：亿元"], ["（单位：亿元）"], ["注：金额单位：亿元。此表由各市商务局填写。"],
     ["注：预估成效单位为亿元"], ["注：单位：亿元"], ["注：1.单位：亿元；2.时间为公历"],
     ["单位：亿元、家"], ["注：消费券金额单位为元，成交额单位为亿元"], ["注：本表金额单位为亿元"],
     ["备注：单位：亿元"], ["注：预估成效（成交额等）单位为亿元"], ["单位：亿元 填表人：王五"],
     ["单位：亿元人民币"], ["注:①单位：亿元"], ["报送单位：阳泉市商务局", "单位：亿元"]],
)  # fmt: skip
def test_a_unit_line_below_the_table_applies_to_money_columns_naming_none(below):
    t = locate(grid(OFFICIAL_HEADER, _YQ_ROW, _YQ_ROW[:1] + ["矿区美食节"] + _YQ_ROW[2:], below),
               "registry")  # fmt: skip
    assert [r.cells["activity_name"] for r in t.rows] == ["阳泉五一车展", "矿区美食节"]
    assert t.units["est_turnover"] == "亿元"


@pytest.mark.parametrize(
    "below",
    [
        ["注：支持政策中补贴金额单位：元/辆"],  # a rate in another column
        ["注：补贴金额单位为元"],  # another column's money
        ["主办单位：万元商贸公司"],  # 万元 starts a name
        ["承办单位：元丰商贸有限公司"],  # 元 starts a name
        ["各县区汇总表（单位：亿元）"],  # a second table's title
    ],
)
def test_lines_below_the_table_that_only_mention_a_unit_change_nothing(below):
    t = locate(grid(OFFICIAL_HEADER, _YQ_ROW, below), "registry")
    assert "est_turnover" not in t.units


def test_a_registry_sheet_in_a_results_workbook_is_not_merged_as_results():
    registry = ["参加县区", "重点活动名称", "举办时间", "活动内容", "参与企业数量", "支持政策",
                "预计成交额（万元）"]  # fmt: skip
    wb = Workbook(
        "5月成效.xlsx",
        "xlsx",
        [
            Sheet("5月成效", [RESULTS_HEADER, RESULTS_ROW]),
            Sheet(
                "活动名录",
                [registry, ["迎泽区", "柳巷夜经济", "5月1日-5月31日", "夜市", 120, "满减", 800]],
            ),  # fmt: skip
        ],
    )
    t = locate(wb, "results_may")
    assert [r.sheet for r in t.rows] == ["5月成效"]
    assert "工作表“活动名录”是另一种表格，未读取。" in t.notes


def test_a_unit_inside_the_one_cell_line_above_the_header_applies():
    line = "填报单位：阳泉市商务局（盖章）      单位：亿元      填报时间：2021年4月20日"
    t = locate(grid([line], OFFICIAL_HEADER, _YQ_ROW), "registry")
    assert t.units["est_turnover"] == "亿元"
    assert t.unit_name == "阳泉市商务局"


def test_summary_sentence_note_footer_total_and_date_lines_are_not_rows():
    rows = [
        ["填报单位：", "阳泉市商务局（盖章）", None, None, None, None, "单位：万元"],
        OFFICIAL_HEADER,
        ["城区", "阳泉五一车展", "5月1日-5月3日", "车展", "35家", "购车补贴", 6000],
        ["矿区", "矿区美食节", "5月20日", "美食", "20家", "/", 300],
        ["合  计", None, None, None, "55家", None, 6300],
        ["参加2021年全国消费促进月活动的县区（市）", "2", "个，重点活动", "2", "场，参与企业",
         "55", "家，预估成交0.63亿元。"],
        ["注：此表由各市商务局填写"],
        ["填报人：赵丽", None, None, "联系电话：0353-2023456"],
        ["2021年4月22日"],
    ]  # fmt: skip
    t = locate(grid(*rows), "registry")
    assert [r.cells["activity_name"] for r in t.rows] == ["阳泉五一车展", "矿区美食节"]
    assert t.unit_name == "阳泉市商务局"
    assert t.units["est_turnover"] == "万元"  # from the 单位：万元 line above the header
    assert t.summary_sentence.startswith("参加2021年全国消费促进月活动的县区（市）2个，重点活动2场")
    assert any("第5行" in n and "合" in n for n in t.notes)
    assert any("注：此表由各市商务局填写" in n for n in t.notes)
    assert any("填报人：赵丽" in n and "0353-2023456" in n for n in t.notes)


def test_summary_sentence_above_the_table_and_repeated_header_of_pasted_table():
    rows = [
        [SENTENCE] * 7,
        OFFICIAL_HEADER,
        TAIYUAN_ROWS[0],
        [None] * 7,
        [TITLE] * 7,
        OFFICIAL_HEADER,
        TAIYUAN_ROWS[1],
    ]
    t = locate(grid(*rows), "registry")
    assert t.summary_sentence == SENTENCE
    assert [r.excel_row for r in t.rows] == [3, 7]
    assert any("第6行是重复的表头" in n for n in t.notes)


def test_word_table_with_summary_sentence_in_paragraphs():
    wb = Workbook(
        "长治市附件2.docx",
        "docx",
        [Sheet("表格1", [OFFICIAL_HEADER, ["潞州区", "上党美食节", "5月1日-5月7日", "美食展销",
                                          "约60家", "发放餐饮券", "预计成交额0.5亿元"]])],
        f"附件2\n{TITLE}\n{SENTENCE}\n{NOTE}",
    )  # fmt: skip
    assert detect_form(wb) == "registry"
    t = locate(wb, "registry")
    assert (t.sheet, t.header_row, len(t.rows)) == ("表格1", 1, 1)
    assert t.summary_sentence == SENTENCE


def test_activity_whose_content_mentions_the_summary_words_is_kept():
    content = "组织全市10个县区参加重点活动，开展汽车展销"
    row = ["全市", "晋城汽车下乡巡展", "5月", content, "40家", "补贴", "1亿元"]
    t = locate(grid(OFFICIAL_HEADER, row), "registry")
    assert [r.cells["content"] for r in t.rows] == [content]
    assert t.summary_sentence is None


def test_blank_template_sent_back_is_validation_failed():
    wb = official([[None] * 7, [None] * 7])
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert err.value.reason_class == "validation_failed"
    assert "没有活动数据（只有表头）" in err.value.detail_zh
    assert "第4行" in err.value.detail_zh


def test_prenumbered_template_with_only_seq_is_validation_failed():
    rows = [["序号", *OFFICIAL_HEADER], [1], [2], [3]]
    with pytest.raises(FileProblem) as err:
        locate(grid(*rows), "registry")
    assert err.value.reason_class == "validation_failed"


def test_contact_list_sent_as_registry_is_wrong_template_naming_missing_columns():
    wb = grid(
        ["晋中市消费促进月活动联系人名单"],
        ["单位", "姓名", "职务", "联系电话", "邮箱"],
        ["晋中市商务局", "李强", "市场运行科科长", "0354-3012345", "jzsw@163.com"],
        filename="联系人名单.xlsx",
    )
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert err.value.reason_class == "wrong_template"
    d = err.value.detail_zh
    assert d.startswith("未找到附件2模板的表头：缺少“参加县区”“重点活动名称”“举办时间”列")
    assert "第2行为：单位、姓名、职务、联系电话、邮箱" in d
    assert d.endswith("请使用附件2模板填写。")


def test_sales_statistics_table_is_wrong_template_showing_best_candidate():
    wb = grid(
        ["2021年5月重点商贸企业销售统计表"],
        ["序号", "县区", "企业名称", "5月销售额（万元）", "同比增长（%）", "备注"],
        [1, "榆次区", "晋中王府井百货", 5600, 12.5, None],
        filename="销售统计.xlsx",
    )
    assert detect_form(wb) is None
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    d = err.value.detail_zh
    assert "缺少“重点活动名称”“举办时间”列" in d and "“参加县区”" not in d
    assert "第2行的表头为：序号、县区、企业名称" in d


def test_empty_workbook_is_wrong_template():
    with pytest.raises(FileProblem) as err:
        locate(Workbook("a.xlsx", "xlsx", [Sheet("Sheet1", [])]), "registry")
    assert err.value.reason_class == "wrong_template"
    assert "文件中没有内容" in err.value.detail_zh


def test_word_prose_year_summary_is_results_year_then_wrong_template():
    wb = Workbook("太原市全年消费促进工作总结.docx", "docx", [], "今年以来，我市组织开展…" * 5)
    assert detect_form(wb) == "results_year"
    with pytest.raises(FileProblem) as err:
        locate(wb, "results_year")
    assert err.value.reason_class == "wrong_template"
    assert "（文件中只有文字，没有表格）" in err.value.detail_zh


def test_a_table_given_one_sheet_per_county_is_merged_in_sheet_order():
    wb = book(
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0], ["报送单位：小店区商务局"]]),
        Sheet("说明", [["填表说明：每个县区一个工作表。"]]),
        Sheet("迎泽区", [["太原市迎泽区"], OFFICIAL_HEADER, TAIYUAN_ROWS[1], TAIYUAN_ROWS[2]]),
    )
    t = locate(wb, "registry")
    assert t.sheet == "小店区"
    assert [(r.sheet, r.excel_row) for r in t.rows] == [("小店区", 2), ("迎泽区", 3), ("迎泽区", 4)]
    assert [r.cells["activity_name"] for r in t.rows] == [r[1] for r in TAIYUAN_ROWS]
    # The signature line under the last row is no news to the city.
    assert t.notices == ["已合并工作表“迎泽区”第3行至第4行的2行数据。"]


def test_a_summary_sheet_beside_the_county_sheets_is_not_read_twice():
    wb = book(
        Sheet("汇总", [OFFICIAL_HEADER, *TAIYUAN_ROWS]),
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0]]),
        Sheet("迎泽区", [OFFICIAL_HEADER, TAIYUAN_ROWS[1], TAIYUAN_ROWS[2]]),
    )
    t = locate(wb, "registry")
    assert [(r.sheet, r.excel_row) for r in t.rows] == [("汇总", 2), ("汇总", 3), ("汇总", 4)]
    assert "工作表“迎泽区”的2行与前面工作表的数据相同，未重复读取。" in t.notes
    assert t.notices == []


def test_a_sheet_sharing_some_rows_and_not_others_is_a_question_for_the_city():
    edited = [TAIYUAN_ROWS[0], ["迎泽区", "柳巷夜经济消费季", *TAIYUAN_ROWS[1][2:]]]
    wb = book(
        Sheet("名录", [OFFICIAL_HEADER, TAIYUAN_ROWS[0], TAIYUAN_ROWS[1]]),
        Sheet("修改前", [OFFICIAL_HEADER, *edited]),
    )
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert err.value.reason_class == "validation_failed"
    assert err.value.detail_zh.startswith(
        "工作表“修改前”第2行与前面的工作表相同，同时又有前面工作表没有的数据，无法判断以哪个为准"
    )


def test_a_sheet_that_changes_a_row_it_repeats_is_a_question_for_the_city():
    moved = ["晋源区", "晋祠美食文化节", "5月20日", "山西面食展示", "30余家", "/", "—"]
    wb = book(
        Sheet("名录", [OFFICIAL_HEADER, *TAIYUAN_ROWS]),
        Sheet("修改", [OFFICIAL_HEADER, moved]),
    )
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert err.value.detail_zh.startswith(
        "工作表“修改”第2行与前面工作表中同一活动的内容不同，无法判断以哪个为准"
    )


def test_a_joint_activity_on_each_county_sheet_is_read_once():
    joint = ["小店区、迎泽区", "太原市汽车博览会", "5月1日-5月5日", "车展", "80家", "补贴", "3亿元"]
    citywide = ["全市", "电子消费券发放", "5月", "发券", "500家", "满减", "1亿元"]
    wb = book(
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0], joint, citywide]),
        Sheet("迎泽区", [OFFICIAL_HEADER, TAIYUAN_ROWS[1], joint, citywide]),
    )
    t = locate(wb, "registry")
    assert [(r.sheet, r.excel_row) for r in t.rows] == [
        ("小店区", 2), ("小店区", 3), ("小店区", 4), ("迎泽区", 2),
    ]  # fmt: skip
    assert "工作表“迎泽区”第3行、第4行是跨县区或全市的活动，前面工作表已有，只计一次。" in t.notices


def test_a_summary_sheet_that_spells_counties_short_is_still_the_same_rows():
    short = [["小店", *TAIYUAN_ROWS[0][1:]], ["迎泽", *TAIYUAN_ROWS[1][1:]]]
    wb = book(
        Sheet("汇总", [OFFICIAL_HEADER, *short]),
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0]]),
        Sheet("迎泽区", [OFFICIAL_HEADER, TAIYUAN_ROWS[1]]),
    )
    assert [r.sheet for r in locate(wb, "registry").rows] == ["汇总", "汇总"]


def test_a_county_sheet_whose_header_does_not_say_its_form_is_reported_not_merged():
    # 成交额/参与人数 may be a results sheet or a registry's estimates: ask, never guess.
    plain = [
        "参加县区",
        "活动名称",
        "举办时间",
        "参与企业数",
        "成交额（万元）",
        "参与人数（万人次）",
    ]
    wb = book(
        Sheet("小店区", [RESULTS_HEADER, RESULTS_ROW]),
        Sheet("迎泽区", [plain, ["迎泽区", "柳巷夜经济", "5月1日-5月31日", 120, 900, 3]]),
        filename="5月成效.xlsx",
    )
    t = locate(wb, "results_may")
    assert [r.sheet for r in t.rows] == ["小店区"]
    assert any(
        n.startswith("工作表“迎泽区”的表头看不出是否与工作表“小店区”为同一种表格")
        for n in t.notices
    )


def test_same_named_activities_of_different_counties_are_both_read():
    wb = book(
            Sheet("小店区", [OFFICIAL_HEADER, ["小店区", "电子消费券发放", "5月", "发券", "50家", "满减", "1000万元"]]),
            Sheet("迎泽区", [OFFICIAL_HEADER, ["迎泽区", "电子消费券发放", "5月", "发券", "40家", "满减", "800万元"]]),
        )  # fmt: skip
    t = locate(wb, "registry")
    assert [(r.sheet, r.cells["county"]) for r in t.rows] == [
        ("小店区", "小店区"),
        ("迎泽区", "迎泽区"),
    ]


def test_a_joint_activity_written_with_each_sheets_county_first_is_read_once():
    first = ["小店区、迎泽区", "太原市汽车博览会", "5月1日-5月5日", "车展", "80家", "补贴", "3亿元"]
    second = ["迎泽区 小店区", *first[1:]]
    hs = ["和顺县", "和顺牛肉节", "5月", "美食", "20家", "/", "100万元"]
    wb = book(
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0], first]),
        Sheet("迎泽区", [OFFICIAL_HEADER, TAIYUAN_ROWS[1], second]),
    )
    assert [r.excel_row for r in locate(wb, "registry").rows] == [2, 3, 2]
    # 和顺县 is one county (the 和 is no "and"): an old copy repeating it is still a question.
    old = Workbook("名录.xlsx", "xlsx", [Sheet("名录", [OFFICIAL_HEADER, hs]),
                   Sheet("旧", [OFFICIAL_HEADER, hs, TAIYUAN_ROWS[0]])])  # fmt: skip
    with pytest.raises(FileProblem):
        locate(old, "registry")


def test_our_results_template_copied_once_per_county_takes_each_countys_row():
    blank = [["小店区", "2021太原汽车博览会"] + [None] * 7, ["迎泽区", "柳巷夜经济"] + [None] * 7]
    xiaodian = [RESULTS_ROW, blank[1]]
    yingze = [blank[0], ["迎泽区", "柳巷夜经济", "5月1日-5月31日", 120, 900, 3, None, None, None]]
    wb = book(
        Sheet("小店区", [RESULTS_HEADER, *xiaodian]),
        Sheet("迎泽区", [RESULTS_HEADER, *yingze]),
        filename="5月成效.xlsx",
    )
    t = locate(wb, "results_may")
    assert [(r.sheet, r.excel_row, r.cells["activity_name"]) for r in t.rows] == [
        ("小店区", 2, "2021太原汽车博览会"), ("迎泽区", 3, "柳巷夜经济"),
    ]  # fmt: skip
    assert "已合并工作表“迎泽区”第3行的1行数据。" in t.notices


def test_a_hidden_template_does_not_stand_in_for_an_incomplete_visible_table():
    no_period = [c for c in OFFICIAL_HEADER if c != "举办时间"]
    example = ["XX区", "示例：XX区汽车展销会", "5月1日", "车展", "10家", "补贴", "100万元"]
    wb = book(
        Sheet("名录", [no_period, [c for i, c in enumerate(TAIYUAN_ROWS[0]) if i != 2]]),
        Sheet("模板(原)", [OFFICIAL_HEADER, example], hidden=True),
    )
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert err.value.reason_class == "wrong_template" and "“举办时间”" in err.value.detail_zh


def test_a_hidden_template_sheet_with_more_columns_is_not_the_table():
    example = ["XX区", "示例：XX区汽车展销会", "5月1日", "车展", "10家", "补贴", "100万元"]
    wb = Workbook(
        "名录.xlsx",
        "xlsx",
        [
            Sheet(
                "名录",
                [
                    OFFICIAL_HEADER[:5] + OFFICIAL_HEADER[6:],
                    TAIYUAN_ROWS[0][:5] + TAIYUAN_ROWS[0][6:],
                ],
            ),  # fmt: skip
            Sheet("模板(原)", [OFFICIAL_HEADER, example], hidden=True),
        ],
    )
    t = locate(wb, "registry")
    assert t.sheet == "名录" and [r.sheet for r in t.rows] == ["名录"]


def test_a_hidden_sheet_is_never_merged_and_the_city_is_told():
    old = ["晋源区", "晋祠美食文化节", "5月10日-5月20日", "山西面食展示", "30余家", "/", "—"]
    wb = book(
        Sheet("名录", [OFFICIAL_HEADER, *TAIYUAN_ROWS]),
        Sheet("名录(旧)", [OFFICIAL_HEADER, old], hidden=True),
    )
    t = locate(wb, "registry")
    assert [r.sheet for r in t.rows] == ["名录"] * 3
    assert t.notices == [
        "隐藏的工作表“名录(旧)”中有1行与报送表格不同的数据，未读取（如为旧版本，可不理会；"
        "如需报送，请取消隐藏并合并到报送的表格中后重新发送）。"
    ]


def test_a_hidden_sheet_is_known_as_hidden_from_a_real_xlsx():
    payload = files.xlsx_bytes(
        [OFFICIAL_HEADER, TAIYUAN_ROWS[0]],
        sheet="名录",
        more_sheets={"名录(旧)": [OFFICIAL_HEADER, TAIYUAN_ROWS[1]]},
        hidden_sheets=["名录(旧)"],
    )
    wb = read_workbook(Attachment("附件2.xlsx", "application/octet-stream", payload, "2"))
    assert [(s.name, s.hidden) for s in wb.sheets] == [("名录", False), ("名录(旧)", True)]
    assert [r.sheet for r in locate(wb, "registry").rows] == ["名录"]


def test_a_sheet_in_other_units_sends_the_file_back():
    in_yi = [*OFFICIAL_HEADER[:6], "预估成效（亿元）"]
    wb = book(
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0]]),
        Sheet("迎泽区", [in_yi, TAIYUAN_ROWS[1]]),
    )
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert "“预估成效（成交额等）”的单位不同（万元、亿元）" in err.value.detail_zh


def test_units_that_only_look_different_do_not_stop_a_merge():
    # No unit means 万元; the count column's 家 does not scale anything.
    with_units = [
        *OFFICIAL_HEADER[:4],
        "参与企业数量（家）",
        OFFICIAL_HEADER[5],
        "预估成效（万元）",
    ]
    wb = book(
        Sheet("小店区", [OFFICIAL_HEADER, TAIYUAN_ROWS[0]]),
        Sheet("迎泽区", [with_units, TAIYUAN_ROWS[1]]),
    )
    assert [r.sheet for r in locate(wb, "registry").rows] == ["小店区", "迎泽区"]


def test_registry_with_plan_words_in_subject_stays_registry():
    assert detect_form(official(TAIYUAN_ROWS), subject="太原市活动方案及附件2") == "registry"


# ---------------------------------------------------------------- the results forms

RESULTS_HEADER = [
    "参加县区", "重点活动名称", "实际举办时间", "参与企业数量（家）", "实际成交额（万元）",
    "客流量（万人次）", "发放消费券（万元）", "核销消费券（万元）", "备注",
]  # fmt: skip
RESULTS_ROW = ["小店区", "2021太原汽车博览会", "5月1日-5月5日", 86, 32000, 12.5, 500, 420, None]


def results_wb(title: str, marker: str | None = None, filename="成效统计.xlsx"):
    rows = [[TITLE.replace("名录", title)], RESULTS_HEADER, RESULTS_ROW]
    if marker:
        rows.insert(0, [marker])
    return grid(*rows, filename=filename)


def test_results_may_and_year_by_title_row():
    may = results_wb("消费促进月（5月）活动成效统计表")
    year = results_wb("全年活动成效统计表")
    assert detect_form(may) == "results_may"
    assert detect_form(year) == "results_year"
    t = locate(year, "results_year")
    assert t.header_row == 2
    assert t.units == {
        "enterprise_count": "家",
        "actual_turnover": "万元",
        "footfall": "万人次",
        "voucher_issued": "万元",
        "voucher_redeemed": "万元",
    }
    assert t.rows[0].cells["actual_period"] == "5月1日-5月5日"
    assert t.rows[0].cells["voucher_redeemed"] == 420
    assert t.notes == []


def test_results_marker_cell_is_decisive():
    wb = results_wb("全年活动成效统计表", marker="表单代码：results_may")
    assert detect_form(wb, subject="全年总结") == "results_may"
    assert locate(wb, "results_may").header_row == 3


def test_results_without_title_by_filename_subject_or_date():
    def bare(filename):
        return grid(RESULTS_HEADER, RESULTS_ROW, filename=filename)

    assert detect_form(bare("太原市5月成效.xlsx")) == "results_may"
    assert detect_form(bare("成效.xlsx"), subject="太原市全年促消费工作总结") == "results_year"
    assert detect_form(bare("a.xlsx"), received_at=dt.date(2021, 12, 28)) == "results_year"
    assert detect_form(bare("a.xlsx"), received_at=dt.date(2021, 5, 30)) == "results_may"


def test_registry_given_as_results_is_wrong_template_naming_results_columns():
    with pytest.raises(FileProblem) as err:
        locate(official(TAIYUAN_ROWS), "results_year")
    assert err.value.reason_class == "wrong_template"
    assert err.value.detail_zh.startswith(
        "未找到全年活动成效统计表模板的表头：缺少“实际成交额（万元）”列（工作表“Sheet1”第4行"
    )


# ---------------------------------------------------------------- plan files and contacts


def test_plan_detected_from_word_prose_contact_table_and_file_name():
    doc = Workbook(
        "忻州市消费促进月工作方案.docx",
        "docx",
        [],
        "忻州市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动工作方案\n"
        "一、活动时间 2021年5月1日-12月31日\n联系人：刘洋，电话：0350-3036789",
    )
    assert detect_form(doc) == "plan"
    contacts = grid(["姓名", "职务", "手机"], ["刘洋", "科长", 13903501234], filename="x.xlsx")
    assert detect_form(contacts) == "plan"
    schedule = grid(
        ["序号", "活动名称", "时间", "地点"],
        [1, "忻州古城美食节", "5月1日", "忻州古城"],
        filename="忻州市活动安排计划表.xlsx",
    )
    assert detect_form(schedule) == "plan"
    assert detect_form(grid(["随便写的"], filename="新建文本.xlsx")) is None


def test_contacts_from_a_table_with_two_phone_columns():
    wb = grid(
        ["临汾市消费促进月活动联系人名单"],
        ["单位", "姓名", "职务", "办公电话", "手机", "电子邮箱"],
        ["临汾市商务局", "陈静", "市场运行科科长", "0357-2091234", 13903571234.0, "lfsw@163.com"],
        ["尧都区商务局", "郭伟", "副局长", None, 13803570001, None],
        [None, None, None, None, None, None],
        ["注：请保持电话畅通"],
        name="联系人",
    )
    got = extract_contacts(wb)
    assert got == [
        Contact("陈静", "市场运行科科长", "0357-2091234、13903571234", "lfsw@163.com",
                "临汾市商务局", "联系人", 3),
        Contact("郭伟", "副局长", "13803570001", None, "尧都区商务局", "联系人", 4),
    ]  # fmt: skip


def test_contacts_from_prose_lines():
    wb = Workbook(
        "吕梁市工作方案.docx",
        "docx",
        [],
        "五、联系方式\n"
        "联系人：王芳（市场运行科科长），电话：0358-8221234，邮箱：llsw@163.com\n"
        "联系人：张三 手机13935800001；联系人：李四，电话：0358-8225678\n",
    )
    got = extract_contacts(wb)
    assert [(c.name, c.title, c.phone, c.email) for c in got] == [
        ("王芳", "市场运行科科长", "0358-8221234", "llsw@163.com"),
        ("张三", None, "13935800001", None),
        ("李四", None, "0358-8225678", None),
    ]
    assert all(c.sheet is None and c.excel_row is None for c in got)


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("header", "field", "unit"),
    [
        ("预估成效（万元）", "est_turnover", "万元"),
        ("预估成交额(亿元)", "est_turnover", "亿元"),
        ("参与企业数量（家）", "enterprise_count", "家"),
        ("客流量\n（万人次）", "footfall", "万人次"),
        ("参与人次（人次）", "footfall", "人次"),
        ("成交额（元）", "actual_turnover", "元"),
        ("预估成交额（亿）", "est_turnover", "亿元"),
        ("参与商家数", "enterprise_count", None),
        ("预估成效（成交额等）", "est_turnover", None),
        ("预估成效/成交额（万元）", "est_turnover", "万元"),
    ],
)
def test_unit_of_header(header, field, unit):
    assert unit_of(header, field) == unit
