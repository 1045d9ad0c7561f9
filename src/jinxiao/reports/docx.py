"""The Word narrative of a report, a 报告 in 公文 layout (reports/gongwen.py), and its PDF.

Every figure in the text comes from ReportData (the sql/reports queries); the sentences only
arrange them. Sections: 一、总体情况 二、主要做法和成效 三、存在的问题 四、下一步工作, then
the 附件 tables (per city, per category), each on its own page.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt

from jinxiao.domain.labels import FORM_LABELS, held_rows_label
from jinxiao.reports import gongwen
from jinxiao.reports.figures import PeriodRow, ReportData, Standout
from jinxiao.reports.xlsx import (
    PERIOD_LABELS,
    known,
    month_label,
    province_note,
    province_values,
    registry_values,
    results_values,
    zh_date,
)

_CN_NUMS = "一二三四五六七八九十"
log = logging.getLogger(__name__)


def fmt_num(value: float, digits: int = 2) -> str:
    """1.50 -> “1.5”, 5000.00 -> “5000”: figures as an official text writes them."""
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(yi: float) -> str:
    """An amount in 亿元, or in 万元 when 亿元 would round it to 0 (“0.9万元”, not “0亿元”)."""
    if yi and abs(yi) < 0.01:
        return f"{fmt_num(yi * 10000)}万元"
    return f"{fmt_num(yi)}亿元"


def _cn_index(i: int) -> str:
    if i <= 10:
        return _CN_NUMS[i - 1]
    return f"十{_CN_NUMS[i - 11]}" if i < 20 else str(i)


def _join(names: list[str]) -> str:
    return "、".join(names)


def report_heading_lines(data: ReportData) -> list[str]:
    """The title in the lines it is set in: GB/T 9704 wants a long title broken where the
    words allow (not “…促进月活 / 动开展…”), so the break is chosen here, not by the renderer."""
    c = data.campaign
    if data.kind.code == "june1":
        lines = [f"{c.organiser}关于{c.year}年{c.event}", "活动开展情况的报告"]
    else:
        # A report upward is a 报告, whatever it sums up (GB/T 9704 and the 条例's 文种).
        lines = [f"{c.organiser}关于{c.year}年", "消费促进工作情况的报告"]
    if data.draft:
        lines[-1] += "（草稿）"
    return lines


def report_heading(data: ReportData) -> str:
    return "".join(report_heading_lines(data))


# --- the four sections --------------------------------------------------------------------


def overview_paragraphs(data: ReportData) -> list[str]:
    w = data.campaign.wording
    c, p, r = data.campaign, data.province, data.results
    label = FORM_LABELS[data.results_form]
    out = [
        f"按照《{c.organiser}关于组织开展{c.name}的通知》（{c.notice}）部署，{w.whole}{p.cities}个{w.unit}"
        f"报送的活动名录已审核采用，共有{p.counties}个县区（市）参加，安排重点活动{p.activities}场，"
        f"参与企业{p.enterprises}家，预估成交{amount(p.est_turnover_yi)}。"
    ]
    if r.cities_reported:
        parts = [f"共统计活动{r.activities}场"]
        if r.enterprises:
            parts.append(f"参与企业{r.enterprises}家")
        if r.actual_turnover_wan:
            parts.append(f"实际成交{amount(r.actual_turnover_yi)}")
        elif r.activities:
            parts.append("各活动均未填报实际成交额")
        if r.footfall_wan:
            parts.append(f"客流量{fmt_num(r.footfall_wan)}万人次")
        if r.voucher_issued_wan or r.voucher_redeemed_wan:
            voucher = (
                f"发放消费券{fmt_num(r.voucher_issued_wan)}万元、"
                f"核销{fmt_num(r.voucher_redeemed_wan)}万元"
            )
            if r.voucher_issued_wan > 0:
                rate = r.voucher_redeemed_wan / r.voucher_issued_wan * 100
                voucher += f"，核销率{fmt_num(rate, 1)}%"
            parts.append(voucher)
        unknown = _join(
            [f"{r.unknown_turnover}场活动未填报实际成交额"] * bool(r.unknown_turnover)
            + [f"{r.unknown_footfall}场未填报客流量"] * bool(r.unknown_footfall)
        )
        out.append(
            f"截至{zh_date(data.as_of)}，{r.cities_reported}个市报送了{label}，{'，'.join(parts)}"
            + (f"（{unknown}，未计入上述合计）。" if unknown else "。")
        )
        odd_wan = sum(f.actual_turnover_wan or 0 for f in data.flagged)
        if data.flagged:
            out.append(
                f"其中，{len(data.flagged)}场活动的数据明显不符（见“存在的问题”），涉及实际成交"
                f"{fmt_num(odd_wan)}万元，待核实后更正，以下排位不计这些活动。"
            )
        # A city ranks by what passed the checks: a 元 typed as 万元 earns no place.
        sound = {x.city_name: x.actual_turnover_wan for x in data.cities if x.reported}
        for f in data.flagged:
            sound[f.city_name] = sound.get(f.city_name, 0) - (f.actual_turnover_wan or 0)
        ranked = sorted(((w, c) for c, w in sound.items() if w > 0), key=lambda x: (-x[0], x[1]))
        if ranked[:3]:
            parts = [f"{city}（{fmt_num(wan / 10000)}亿元）" for wan, city in ranked[:3]]
            out.append(f"分市看，实际成交额居前的是{_join(parts)}。")
    else:
        out.append(f"截至{zh_date(data.as_of)}，尚无市报送{label}。")
    if data.kind.code == "year_end":
        out.extend(_year_paragraphs(data))
    return out


def _year_paragraphs(data: ReportData) -> list[str]:
    out = []
    by = {p.period: p for p in data.periods}
    month, after = by.get("month"), by.get("after")
    if month and after and (month.activities or after.activities):
        out.append(
            f"分阶段看，{PERIOD_LABELS['month']}开展活动{month.activities}场，"
            f"{_stage_turnover(month)}；{PERIOD_LABELS['after']}延续开展活动"
            f"{after.activities}场，{_stage_turnover(after)}。"
        )
    dated = [m for m in data.months if m.month is not None and m.actual_turnover_wan > 0]
    if dated:
        peak = max(dated, key=lambda m: (m.actual_turnover_wan, m.month))
        out.append(
            f"按活动开始月份看，{month_label(peak.month)}实际成交额最高，为"
            f"{fmt_num(peak.actual_turnover_wan)}万元（{peak.results_activities}场活动）。"
        )
    return out


def _stage_turnover(p: PeriodRow) -> str:
    """“实际成交6200万元（另有1场未填报）”; never a 0 for a sum of nothing known."""
    if not p.activities:
        return "无成效数据"
    if p.unknown_turnover == p.activities:
        return "实际成交额均未填报"
    text = f"实际成交{fmt_num(p.actual_turnover_wan)}万元"
    return text + (f"（另有{p.unknown_turnover}场未填报成交额）" if p.unknown_turnover else "")


def practice_paragraphs(data: ReportData) -> list[str]:
    """One paragraph per category with activities, naming its largest activity."""
    w = data.campaign.wording
    standout: dict[str, Standout] = {}
    for cand in data.standouts:  # results (actual) first, registry (estimate) as the fallback
        key = cand.category
        if key not in standout or (standout[key].source == "registry" and cand.source == "results"):
            standout[key] = cand
    out = []
    n = 0
    for cat in data.categories:
        if not (cat.registry_activities or cat.results_activities):
            continue
        n += 1
        parts = []
        if cat.registry_activities:
            part = f"{w.whole}安排重点活动{cat.registry_activities}场"
            if cat.est_turnover_yi:
                part += f"，预估成交{amount(cat.est_turnover_yi)}"
            parts.append(part)
        if cat.results_activities:
            part = f"成效统计活动{cat.results_activities}场"
            if cat.actual_turnover_yi:
                part += f"，实际成交{amount(cat.actual_turnover_yi)}"
            parts.append(part)
        text = f"（{_cn_index(n)}）{cat.category}。{'；'.join(parts)}。"
        s = standout.get(cat.category)
        if s is not None and s.activity_name:
            where = s.city_name + (
                s.county_names if s.county_names and s.county_names != "全市" else ""
            )
            what = "实际成交额" if s.source == "results" else "预估成交额"
            text += f"其中，{where}“{s.activity_name}”{what}{fmt_num(s.turnover_wan)}万元，居该类活动首位。"
        out.append(text)
    if out and (note := category_rule_note(data)):
        out.append(note)
    return out or ["暂无已采用的活动数据。"]


def category_rule_note(data: ReportData) -> str | None:
    """Which categories the city did not give: the reader is told they were assigned by rule."""
    w = data.campaign.wording
    by_rule, total = data.categories_by_rule
    if not by_rule:
        return None
    return (
        f"注：{w.whole}{total}场重点活动中，{by_rule}场{w.each}未填写类别，由系统根据活动名称、活动内容和"
        "支持政策按规则归类，仅供参考。"
    )


def _due_forms(data: ReportData) -> list[str]:
    return [f for f in data.forms if f in data.campaign.forms
            and data.campaign.forms[f].deadline <= data.as_of]  # fmt: skip


def _cities_with(data: ReportData, form: str, status: str) -> list[str]:
    return [s.city_name for s in data.statuses if s.form == form and s.status == status]


def problem_paragraphs(data: ReportData) -> list[str]:
    w = data.campaign.wording
    out = []
    n = 0
    for form in _due_forms(data):
        late = _cities_with(data, form, "late")
        missing = _cities_with(data, form, "missing")
        rejected = _cities_with(data, form, "rejected_pending")
        parts = []
        if late:
            parts.append(f"{_join(late)}逾期报送")
        if missing:
            parts.append(f"{_join(missing)}未报送")
        if rejected:
            parts.append(f"{_join(rejected)}报送的表格被退回后尚未重新报送")
        if parts:
            n += 1
            deadline = zh_date(data.campaign.forms[form].deadline)
            out.append(
                f"（{_cn_index(n)}）{FORM_LABELS[form]}报送不及时。截止日期为{deadline}，"
                f"{'；'.join(parts)}。"
            )
    held = _held_text(data)
    if held:
        n += 1
        out.append(f"（{_cn_index(n)}）部分数据待核实。{held}")
    gaps = _gap_text(data)
    if gaps:
        n += 1
        out.append(f"（{_cn_index(n)}）部分数据不完整。{gaps}")
    if odd := flagged_text(data):
        n += 1
        out.append(f"（{_cn_index(n)}）部分数据明显不符。{odd}")
    return out or [f"{w.each}均按时报送，数据完整。"]


def _held_text(data: ReportData) -> str:
    w = data.campaign.wording
    forms = ("registry", data.results_form)
    cities = [(c.city_name, data.held_rows(c.city_name, forms)) for c in data.cities]
    named = [f"{city}{held_rows_label(n)}" for city, n in cities if n]
    if not named:
        return ""
    return (
        f"{_join(named)}（单元格无法识别或所填县区不属于本{w.unit}），"
        "这些行未计入本报告的任何数据，已请相关市更正后重新报送。"
    )


def flagged_text(data: ReportData, named: int = 3) -> str:
    """The rows whose figures disagree, the first few by name; none of them is praised."""
    if not data.flagged:
        return ""
    parts = [
        f"{f.city_name}“{f.activity_name or '（未填活动名称）'}”{f.problems[0].split('，请')[0]}"
        for f in data.flagged[:named]
    ]
    more = f"等{len(data.flagged)}场活动" if len(data.flagged) > named else ""
    return f"{'；'.join(parts)}{more}。上述活动的数据未列入重点活动排名，已请相关市核实后更正。"


def _gap_text(data: ReportData) -> str:
    r = data.results
    label = FORM_LABELS[data.results_form]
    parts = []
    if r.unknown_turnover or r.unknown_footfall:
        worst = sorted(
            (c for c in data.cities if c.unknown_turnover),
            key=lambda c: (-c.unknown_turnover, c.city_name),
        )[:3]
        detail = _join([f"{c.city_name}{c.unknown_turnover}场" for c in worst])
        parts.append(
            f"{label}中有{r.unknown_turnover}场活动未填报实际成交额、{r.unknown_footfall}场"
            f"未填报客流量" + (f"（未填成交额的主要是{detail}）" if detail else "")
        )
    est = sum(g.unknown_est_turnover for g in data.registry_gaps)
    ent = sum(g.unknown_enterprises for g in data.registry_gaps)
    if est or ent:
        parts.append(f"活动名录中有{est}场活动未填报预估成交额、{ent}场未填报参与企业数量")
    if r.unlinked:
        parts.append(f"{label}中有{r.unlinked}场活动未能与活动名录对应")
    return "；".join(parts) + "。" if parts else ""


def next_step_paragraphs(data: ReportData) -> list[str]:
    w = data.campaign.wording
    out = []
    n = 0
    chase = []
    for form in _due_forms(data):
        cities = _cities_with(data, form, "missing") + _cities_with(data, form, "rejected_pending")
        if cities:
            chase.append(f"{_join(cities)}的{FORM_LABELS[form]}")
    if chase:
        n += 1
        out.append(
            f"（{_cn_index(n)}）督促补报。督促{'；'.join(chase)}尽快报送或修改后重新报送，"
            f"确保{w.whole}数据完整。"
        )
    r = data.results
    if r.unknown_turnover or r.unknown_footfall or r.unlinked or data.flagged:
        n += 1
        what = "未填报成交额、客流量和未能与名录对应的活动" + (
            "以及各项数据明显不符的活动" if data.flagged else ""
        )
        out.append(f"（{_cn_index(n)}）核实数据。对{what}逐项与{w.each}核实，统一数据口径。")
    n += 1
    c = data.campaign
    if data.kind.code == "june1":
        year = c.forms["results_year"].deadline
        out.append(
            f"（{_cn_index(n)}）持续推进。{c.month_end.month + 1}月1日至{c.end.month}月{c.end.day}日"
            f"继续开展“{c.slogan}”促消费系列活动，指导{w.each}做好全年活动与消费促进月的衔接，"
            f"于{zh_date(year)}前报送全年消费促进工作情况总结。"
        )
    else:
        out.append(
            f"（{_cn_index(n)}）总结提升。总结全年活动经验，推广成效突出的活动做法，"
            f"谋划{c.year + 1}年促消费工作。"
        )
    return out


TABLE_SIZE = 12.0  # 小四
APPENDIX_CATEGORY_TABLE = "分类别情况表"


def _table(doc: DocumentObject, header: list[str], rows: list[list[str]], total: str = "") -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for values in [header, *rows]:
        cells = table.rows[0].cells if values is header else table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = ""
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if values is header:
                text = text.replace("（", "\n（", 1)  # the unit on a line of its own
            para = cell.paragraphs[0]
            # The body's fixed 29 pt pitch would make every row two lines tall.
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # Room above and below the text: a row as tall as its letters reads as cramped.
            para.paragraph_format.space_before = Pt(3)
            para.paragraph_format.space_after = Pt(3)
            run = para.add_run(text)
            # Tables in an attachment: 小四 仿宋 (header 黑体) so a wide one still fits A4.
            font = gongwen.H1_FONT if values is header else gongwen.BODY_FONT
            gongwen.set_font(run, font, TABLE_SIZE)
        if values is not header:
            table.rows[-1].cells[0].paragraphs[0].runs[0].font.bold = (
                bool(total) and values[0] == total
            )


def _cell(value: object) -> str:
    """A table cell: “/” for unknown, words as they are, figures as the text writes them."""
    if value is None:
        return "/"
    if isinstance(value, str):
        return value
    return fmt_num(float(value)) if isinstance(value, float) else str(value)


def _table_note(doc: DocumentObject, text: str) -> None:
    """A note under an attachment's table, in the table's size, flush with it."""
    p = doc.add_paragraph()
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.paragraph_format.space_before = Pt(6)
    gongwen.set_font(p.add_run(gongwen.alternate_quotes(text)), gongwen.BODY_FONT, TABLE_SIZE)


def _city_table(doc: DocumentObject, data: ReportData) -> None:
    w = data.campaign.wording
    header = [w.unit, "参加县区（个）", "重点活动（场）", "预估成交（亿元）", "成效活动（场）",
              "实际成交（亿元）"]  # fmt: skip
    gaps = {g.city_name: g for g in data.registry_gaps}
    rows = []
    for c in data.cities:
        counties, activities, _ent, est = registry_values(c, gaps.get(c.city_name))
        done, actual, *_ = results_values(c)
        rows.append([_cell(v) for v in (c.city_name, counties, activities, est, done, actual)])
    (counties, activities, _ent, est), (done, actual, *_) = province_values(data)
    rows.append([_cell(v) for v in (f"{w.whole}合计", counties, activities, est, done, actual)])
    _table(doc, header, rows, total=f"{w.whole}合计")
    _table_note(doc, province_note(data))


def _category_table(doc: DocumentObject, data: ReportData) -> None:
    header = [
        "活动类别",
        "重点活动（场）",
        "预估成交（亿元）",
        "成效活动（场）",
        "实际成交（亿元）",
    ]
    rows = [
        [c.category, str(c.registry_activities),
         _cell(known(c.est_turnover_yi, c.registry_activities - c.unknown_est_turnover)),
         str(c.results_activities),
         _cell(known(c.actual_turnover_yi, c.results_activities - c.unknown_turnover))]
        for c in data.categories
    ]  # fmt: skip
    _table(doc, header, rows)
    _table_note(doc, "注：“/”表示该类别没有活动或均未填报，不是0。")


def write_report_docx(data: ReportData, path: Path) -> Path:
    doc = Document()
    gongwen.set_up_page(doc)
    gongwen.title(doc, report_heading_lines(data), f"（数据截至{zh_date(data.as_of)}）")
    if data.campaign.report_addressee:
        gongwen.addressee(doc, data.campaign.report_addressee)
    sections = [
        ("一、总体情况", overview_paragraphs(data)),
        ("二、主要做法和成效", practice_paragraphs(data)),
        ("三、存在的问题", problem_paragraphs(data)),
        ("四、下一步工作", next_step_paragraphs(data)),
    ]
    for heading, paragraphs in sections:
        gongwen.heading(doc, heading)
        for text in paragraphs:
            gongwen.body_paragraph(doc, text)
    attachments = [(f"分{data.campaign.wording.unit}情况表", _city_table)]
    if data.categories:
        attachments.append((APPENDIX_CATEGORY_TABLE, _category_table))
    gongwen.attachment_note(doc, [name for name, _ in attachments])
    gongwen.signature(doc, data.campaign.organiser, zh_date(data.as_of))
    for number, (name, write) in enumerate(attachments, start=1):
        gongwen.attachment_page(doc, number, name)
        write(doc, data)
    when = dt.datetime.combine(data.as_of, dt.time())
    doc.core_properties.title = report_heading(data)
    doc.core_properties.author = data.campaign.organiser
    doc.core_properties.created = when
    doc.core_properties.modified = when
    doc.core_properties.last_modified_by = "jinxiao"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))  # python-docx types the path as str
    return path


def convert_to_pdf(docx_path: Path, timeout: int = 120) -> Path | None:
    """A PDF beside the .docx via LibreOffice when `soffice` is installed; else None.

    Each call gets its own LibreOffice profile: two conversions sharing the default one (two
    DAG tasks, a clerk's desktop session) make the second exit 1 without a word. A failed
    conversion is logged and gives None; the .docx and .xlsx are the report.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="jx-soffice-") as profile:
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
                check=True, capture_output=True, timeout=timeout,
            )  # fmt: skip
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            log.warning("no PDF of %s: LibreOffice failed: %s", docx_path.name, exc)
            return None
    pdf = docx_path.with_suffix(".pdf")
    return pdf if pdf.exists() else None
