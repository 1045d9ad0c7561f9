"""Which form a workbook is, and where its table is: header row, columns, units, data rows.

Cities fill the 附件2 template (and the project's results templates) in every way Excel allows:
titles and 填报单位 lines above the header, line breaks and full-width brackets inside header
cells, synonyms, shuffled and extra columns, two-row headers, data on the second sheet, the
summary sentence and 注 lines below. This module maps all that to canonical field names and
leaves the cell values untouched; normalise.py reads the values.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jinxiao.domain.forms import FormTables, TableSpec
from jinxiao.domain.models import (
    FileProblem,
    Form,
    HeaderMapping,
    ParsedTable,
    Sheet,
    SourceRow,
    Workbook,
)
from jinxiao.domain.places import CITYWIDE
from jinxiao.jurisdiction import national_divisions, prefecture_names

log = logging.getLogger(__name__)

# A header cell is short; longer texts are titles, sentences or data.
_MAX_HEADER_CORE = 20


@dataclass(frozen=True)
class Contact:
    """A person named in a plan file's 联系人名单 table or in a 联系人：… line."""

    name: str
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    unit: str | None = None
    sheet: str | None = None  # None for prose (Workbook.text)
    excel_row: int | None = None


def _unit_word() -> str:
    """市 in a province's campaign, 省 in the ministry's (campaign.yaml `wording`)."""
    from jinxiao.config import load_campaign

    return load_campaign().wording.unit


def _tables() -> FormTables:
    """The campaign's forms.yaml (config): built once, so its specs key the caches below."""
    from jinxiao.config import load_campaign

    return load_campaign().tables


# A list of participating firms: 参与企业名单, 企业名称 | 联系人 | 联系电话.
_FIRM_LIST = re.compile(r"(?:企业|商户|商家|门店)(?:名称|名单)")
_FIRM_COLUMN = re.compile(r"活动|" + _FIRM_LIST.pattern)
_MARKER = re.compile(r"^表单代码[:：]\s*(registry|plan|results_may|results_year)\b")


# ---------------------------------------------------------------- text helpers


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_BRACKETS = str.maketrans("【】[]〔〕﹙﹚", "()()()()")
_SPACE_STAR = re.compile(r"[\s*]+")


def _norm(value: object) -> str:
    """Text for matching: NFKC (half-width brackets and colons), no whitespace, no '*'."""
    return _norm_text(value if isinstance(value, str) else str(value))


@functools.lru_cache(maxsize=16384)
def _norm_text(text: str) -> str:
    # Cached: a batch of files repeats the same header and note texts thousands of times.
    text = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return _SPACE_STAR.sub("", text)


def _core(norm: str) -> str:
    """A header text without its bracketed parts: "活动内容(简要概述)" -> "活动内容"."""
    text = re.sub(r"县\((?:市|区)[、,]?(?:市|区)\)", "县区", norm)
    text = re.sub(r"\([^)]*\)?", "", text)
    text = re.sub(r"^\d+[.、]", "", text)
    return text.strip(":/")


def _display(value: object) -> str:
    """The cell as a clerk wrote it, line breaks and padding dropped (kept between ASCII words)."""
    parts = str(value).replace("\u3000", " ").split()
    out = parts[0] if parts else ""
    for part in parts[1:]:
        ascii_gap = out[-1].isascii() and out[-1].isalnum() and part[0].isascii()
        out += (" " if ascii_gap and part[0].isalnum() else "") + part
    return out


def _col_letter(j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _padded(row: Sequence[object], width: int) -> list[object]:
    return list(row) + [None] * (width - len(row))


def _texts(row: Sequence[object]) -> list[str]:
    """Distinct non-empty cell texts of a row, in column order (merged cells counted once)."""
    seen: list[str] = []
    for v in row:
        if not _blank(v):
            t = _display(v)
            if t not in seen:
                seen.append(t)
    return seen


def _header_norms(row: Sequence[object]) -> list[str | None]:
    return [_norm(v) if isinstance(v, str) and v.strip() else None for v in row]


# ---------------------------------------------------------------- a table in a mail body

# A body line naming this many of a form's columns, its required ones among them, is the
# header row of a table pasted into the mail (tab-separated, or an HTML table flattened to
# one line per row); a newsletter's "活动时间：… 地点：…" names two or three at most.
_BODY_HEADER_FIELDS = 4
_BODY_LINE_MAX = 240  # normalised characters; longer lines are paragraphs


def table_in_text(text: str) -> str | None:
    """The form whose header row appears as a line of `text` (a mail body), else None; of
    two forms a line could head, the one it names more columns of.

    One-character synonyms (县) are left out: they occur in any sentence about a county.
    """
    best: tuple[int, str] | None = None
    for line in text.splitlines():
        low = unicodedata.normalize("NFKC", line).translate(_BRACKETS)
        low = _SPACE_STAR.sub("", low).lower()
        if not low or len(low) > _BODY_LINE_MAX:
            continue
        for code, spec in _tables().specs.items():
            named = {
                f.field for f in spec.fields if any(len(s) > 1 and s in low for s in f.synonyms)
            }
            if set(spec.required) <= named and len(named) >= _BODY_HEADER_FIELDS:
                if best is None or len(named) > best[0]:
                    best = (len(named), code)
    return best[1] if best else None


# ---------------------------------------------------------------- header matching


def _score(core: str, synonyms: Iterable[str]) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    low = core.lower()
    for syn in synonyms:
        if low == syn:
            s = (2, len(syn))
        elif syn in low:
            s = (1, len(syn))
        else:
            continue
        best = s if best is None or s > best else best
    return best


@functools.lru_cache(maxsize=8192)
def _cell_scores(norm: str, spec: TableSpec) -> tuple[tuple[tuple[int, int], str], ...]:
    """The fields one header text may be, with scores (cached: sheets repeat their texts)."""
    core = _core(norm)
    if not core or len(core) > _MAX_HEADER_CORE or ":" in core:
        return ()
    # A two-row header's group over its sub-header ("消费券/发放", "客流/人次") is one name
    # read either way round: 消费券发放, 发放消费券.
    cores = [core]
    if core.count("/") == 1:
        group, sub = core.split("/")
        cores += [group + sub, sub + group]
    scored = []
    for fs in spec.fields:
        found = [s for c in cores if (s := _score(c, fs.synonyms))]
        if found:
            scored.append((max(found), fs.field))
    return tuple(scored)


def _map_columns(norms: Sequence[str | None], spec: TableSpec) -> dict[int, str]:
    """column -> field, the best-scoring pairs first; identical texts (merged cells) map once."""
    candidates = []
    seen: set[str] = set()
    for j, norm in enumerate(norms):
        if not norm or norm in seen:
            continue
        seen.add(norm)
        for s, name in _cell_scores(norm, spec):
            candidates.append((s, -j, j, name))
    candidates.sort(reverse=True)
    mapping: dict[int, str] = {}
    for _, _, j, name in candidates:
        if j not in mapping and name not in mapping.values():
            mapping[j] = name
    return mapping


def _combine(top: Sequence[str | None], bottom: Sequence[str | None]) -> list[str | None]:
    out: list[str | None] = []
    for t, b in zip(top, bottom):
        if t and b and t != b:
            out.append(f"{t}/{b}")
        else:
            out.append(t or b)
    return out


def _continues(top: Sequence[str | None], bottom: Sequence[str | None]) -> bool:
    """Whether `bottom` is the second row of a two-row header whose first row is `top`.

    The first row's group cells (merged across columns, or followed by empty cells) sit over
    the second row's sub-headers; elsewhere the second row repeats the first (vertical merge
    filled by the reader) or is empty.
    """
    filled = [j for j, b in enumerate(bottom) if b]
    top_texts = {t for t in top if t}
    if not filled or any(":" in t for t in top_texts):
        return False
    same = any(top[j] == bottom[j] for j in filled)
    if not same and len(top_texts) < 2:
        return False  # a title or 附件2 line, not a group header
    for j in filled:
        t, b = top[j], bottom[j]
        if t == b:
            continue
        assert b is not None  # `filled` keeps only the non-empty bottom cells
        if len(_core(b)) > _MAX_HEADER_CORE or re.search(r"\d", b):
            return False
        left = top[j - 1] if j > 0 else None
        right = top[j + 1] if j + 1 < len(top) else None
        if not (t is None or t in (left, right) or right is None):
            return False
    return True


# A sheet named the way a county-level division is (陵川县, 小店区, 介休市) or the way a city
# writes its own level (市本级, 市直), not the city's own name nor a sheet of totals or of the
# template; whether it is one of the city's counties is the normaliser's to say.
_COUNTY_SHEET = re.compile(r"[\u4e00-\u9fff]{1,8}[区县市]")
_NOT_COUNTY_SHEET = re.compile(r"汇总|合计|全市|名录|活动|统计|模板|附件|表")


def county_sheet_name(name: str) -> bool:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    city = _city_patterns()[1].fullmatch(text)
    named = bool(_COUNTY_SHEET.fullmatch(text)) or text in CITYWIDE
    return named and not _NOT_COUNTY_SHEET.search(text) and not city


@dataclass
class _Header:
    sheet_index: int
    sheet: Sheet
    top: int  # 0-based index of the header's first row
    bottom: int  # 0-based index of its last row
    norms: list[str | None]
    texts: list[str | None]  # per column, as the city wrote it (two rows joined by "/")
    mapping: dict[int, str]
    spec: TableSpec

    @property
    def county_from_sheet(self) -> bool:
        """No county column, on a sheet named for a county (one sheet per county): the sheet's
        name is each row's county."""
        return (
            "county" not in self.mapping.values()
            and any(f.field == "county" for f in self.spec.fields)
            and not self.sheet.in_document
            and county_sheet_name(self.sheet.name)
        )

    @property
    def fields(self) -> set[str]:
        return set(self.mapping.values()) | ({"county"} if self.county_from_sheet else set())

    @property
    def quality(self) -> tuple[int, int, int]:
        f = self.fields
        return (
            len(f & set(self.spec.required)),
            len(f & set(self.spec.template)),
            len(f),
        )

    @property
    def missing(self) -> list[str]:
        return [n for n in self.spec.required if n not in self.fields]


def _display_row(row: Sequence[object]) -> list[str | None]:
    return [_display(v) if isinstance(v, str) and v.strip() else None for v in row]


def _make_header(
    si: int, sheet: Sheet, top: int, bottom: int, width: int, spec: TableSpec
) -> _Header:
    rows = [_padded(sheet.rows[i], width) for i in range(top, bottom + 1)]
    norms = _header_norms(rows[0])
    texts = _display_row(rows[0])
    if bottom > top:
        norms = _combine(norms, _header_norms(rows[1]))
        texts = _combine(texts, _display_row(rows[1]))
    return _Header(si, sheet, top, bottom, norms, texts, _map_columns(norms, spec), spec)


def _sheet_width(sheet: Sheet) -> int:
    return max((len(r) for r in sheet.rows), default=0)


def _sheet_headers(si: int, sheet: Sheet, spec: TableSpec) -> list[_Header]:
    """Every row that maps at least two fields, each in its best one- or two-row reading."""
    width = _sheet_width(sheet)
    norms = [_header_norms(_padded(r, width)) for r in sheet.rows]
    found = []
    for i, n in enumerate(norms):
        if len(_map_columns(n, spec)) < 2:
            continue
        options = [_make_header(si, sheet, i, i, width, spec)]
        if i + 1 < len(norms) and _continues(n, norms[i + 1]):
            options.append(_make_header(si, sheet, i, i + 1, width, spec))
        if i > 0 and _continues(norms[i - 1], n):
            options.append(_make_header(si, sheet, i - 1, i, width, spec))
        # Equal quality: the two-row reading, since the continuation was confirmed.
        found.append(max(options, key=lambda h: (h.quality, h.bottom - h.top, -h.top)))
    return found


def _best_in_sheet(si: int, sheet: Sheet, spec: TableSpec) -> _Header | None:
    headers = _sheet_headers(si, sheet, spec)
    return max(headers, key=lambda h: (h.quality, -h.top), default=None)


# ---------------------------------------------------------------- units and side lines


_UNIT_TOKENS = ("万人次", "人次", "亿元", "万元", "千元", "元", "家", "个")
_MONEY_FIELDS = {"est_turnover", "actual_turnover", "voucher_issued", "voucher_redeemed"}


def unit_of(header_text: str, field_name: str = "") -> str | None:
    """The unit a header names in brackets, after "单位:" or after "/": "预估成效（万元）" -> 万元."""
    norm = _norm(header_text)
    parts = re.findall(r"\(([^)]*)\)?", norm)
    parts += re.findall(r"单位:([^/()]+)", norm)
    parts += [p for p in norm.split("/")[1:] if len(p) <= 4]
    for part in parts:
        for token in _UNIT_TOKENS:
            if token == "元" and re.search(r"(?<![万亿千])元", part) is None:
                continue
            if token in part:
                return token
        if field_name in _MONEY_FIELDS and part in ("亿", "万"):
            return part + "元"
        if field_name == "footfall" and part == "万":
            return "万人次"
    return None


# The unit must end the word: not 元丰商贸 or 万元商贸 (a 主办单位), not 元/辆 (a rate);
# 亿元人民币 is fine.
_UNIT = r"((?:万|亿)?元)(?:人民币)?(?![\u4e00-\u9fff/])"
_UNIT_ABOVE = re.compile(rf"(?<!填报)单位[:：]\s*{_UNIT}")
# Below the table, a clause of its own that names the money's unit: 单位：亿元, 注：1.单位：亿元；…,
# 本表金额单位为万元, 预估成效（成交额等）单位为亿元 (not 补贴金额单位为元, not a table's title).
_UNIT_CLAUSE = re.compile(
    rf"(?:本表|上表|以上|表中)?(?:金额|成交额|预估成效|成效)?(?:\([^)]*\))?"
    rf"单位(?:为|是|[:：])\(?{_UNIT}\)?"
)
_CLAUSE_SPLIT = re.compile(r"[;；。,，、]")
_CLAUSE_LEAD = re.compile(r"^\(?(?:注|备注|说明)?[:：]?\(?(?:\d+[.、)]?|[一二三四五][、.])?")


def _table_unit(rows: Sequence[Sequence[object]]) -> str | None:
    """A "单位：万元" line above the header, which applies to money columns naming no unit."""
    for row in rows:
        for v in row:
            # The raw cell, spaces kept: "…（盖章）    单位：亿元    填报时间：…" is one cell.
            if isinstance(v, str) and (m := _UNIT_ABOVE.search(unicodedata.normalize("NFKC", v))):
                return m.group(1)
    return None


_UNIT_LIST = re.compile(r"(?<!填报)单位[:：]\s*([^\s:：]{1,30})")


def _table_footfall_unit(rows: Sequence[Sequence[object]]) -> str | None:
    """The footfall unit a "单位：元、人次" line above the header lists beside the money's."""
    for row in rows:
        for v in row:
            if not isinstance(v, str):
                continue
            for m in _UNIT_LIST.finditer(unicodedata.normalize("NFKC", v)):
                for part in re.split(r"[、,，;；/和及]", m.group(1)):
                    if re.fullmatch(r"万?人次", part):
                        return part
    return None


def _unit_below(texts: Sequence[str]) -> str | None:
    """The money unit a line below the table gives, when one of its clauses is just that."""
    spaced = unicodedata.normalize("NFKC", " ".join(texts))
    for part in spaced.split():
        for clause in _CLAUSE_SPLIT.split(_norm(part)):
            if m := _UNIT_CLAUSE.fullmatch(_CLAUSE_LEAD.sub("", clause).rstrip(").")):
                return m.group(1)
    return None


def _unit_name(text: str) -> str | None:
    m = re.search(r"填报单位\s*[:：]?\s*(.*)", text)
    if not m:
        return None
    value = m.group(1)
    # The same cell often goes on with the date or the person: "…（盖章）   填报时间：…".
    value = re.split(
        r"\s{2,}|填报(?:时间|日期|人)|日期[:：]|联系人|联系电话|(?:金额|计量|货币|数量)?单位[:：]",
        value,
    )[0]
    value = re.sub(r"[（(]\s*(?:盖章|公章|章)\s*[)）]", "", value)
    value = value.strip(" \u3000:：,，;；")
    return value or None


def _find_unit_name(rows: Sequence[Sequence[object]]) -> str | None:
    for row in rows:
        texts = _texts(row)
        for k, t in enumerate(texts):
            if "填报单位" in _norm(t):
                name = _unit_name(t)
                if name is None and k + 1 < len(texts):
                    name = _unit_name("填报单位：" + texts[k + 1])
                return name
    return None


# "参加…的县区（市）_个，重点活动_场…"; the 个 keeps a joined header row from matching.
_SUMMARY = re.compile(r"参加.*县区.*个.*重点活动")


def _summary_text(row: Sequence[object]) -> str | None:
    # Split across cells ("…县区（市）" "3" "个，重点活动" "5" …): the same number may recur,
    # so only runs of one merged cell are collapsed.
    texts = [_display(v) for v in row if not _blank(v)]
    texts = [t for k, t in enumerate(texts) if k == 0 or t != texts[k - 1]]
    if _SUMMARY.search("".join(_norm(t) for t in texts)):
        return "".join(texts) if len(texts) > 1 else texts[0]
    return None


def _one_cell_summary(row: Sequence[object]) -> bool:
    return any(isinstance(v, str) and _SUMMARY.search(_norm(v)) for v in row)


def _find_summary(rows: Sequence[Sequence[object]]) -> str | None:
    for row in rows:
        found = _summary_text(row)
        if found:
            return found
    return None


# ---------------------------------------------------------------- data rows


# 小计/合计/总计 at any level: 合 计, 潞州区小计, 全市合计, 小计（3项）, 一、合计.
_TOTAL = re.compile(
    r"^(?:[一二三四五六七八九十\d]+[、.])?[\u4e00-\u9fff]{0,8}?(?:合计|总计|小计|共计)"
    r"(?:[:：]|\([^)]{0,10}\))?$"
)
_GRAND_TOTAL = re.compile(r"(?:合计|总计|共计)(?:[:：]|\([^)]{0,10}\))?$")
# A section heading between activities: 一、小店区 / （二）县区活动 / 1. 市本级.
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]{1,2}\)|\d{1,2}[、.])"
)
# A heading row that names the place of the rows below it (normalised text): 太原市(8项),
# 一、太原市, (三)阳泉市, 【长治市】 (normalised to parentheses), 晋城市:, 朔州市共5项, 1.小店区.
_GROUP_HEAD = re.compile(
    r"^(?P<num>[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]{1,2}\)|\d{1,2}[、.])?"
    r"(?P<open>\()?(?P<place>[\u4e00-\u9fff]{2,15}?)(?(open)\))"
    r"(?P<tail>[:：]|\(?共?\d+(?:项|个|场)(?:活动)?\)?)?$"
)
_NOTE = re.compile(r"^(?:注|说明|备注)(?:[:：\d一二三]|$)")
_FOOTER = re.compile(
    r"^(?:填报人|填表人|制表人|审核人|审核|联系人|联系电话|负责人|单位负责人|分管领导|"
    r"填报日期|填报时间|报送日期|统计人)"
)
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass
class _Body:
    rows: list[SourceRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # the notes the city should see
    stray: list[tuple[int, str]] = field(default_factory=list)  # one-text lines: (row, note)
    summary: str | None = None
    unit_name: str | None = None
    money_unit: str | None = None  # a "单位：亿元" line below the table
    group: str | None = None  # the place of the heading row above (太原市（8项）), if any


@functools.cache
def _all_synonyms(spec: TableSpec) -> frozenset[str]:
    return frozenset(s for fs in spec.fields for s in fs.synonyms)


def _is_repeated_header(norms: Sequence[str | None], header: _Header) -> bool:
    """Two or more cells that are header texts exactly (a second table pasted below)."""
    synonyms = _all_synonyms(header.spec)
    own = {n for n in header.norms if n}
    hits = {n for n in norms if n and (n in own or _core(n).lower() in synonyms)}
    return len(hits) >= 2


def _skip_reason(
    vals: list[object], prev: list[object], header: _Header, r: int, body: _Body
) -> bool:
    """Whether row r (0-based) is not an activity; side texts go to the body as they are found."""
    texts = _texts(vals)
    first = _norm(texts[0])
    excel_row = r + 1
    name_col = next((j for j, f in header.mapping.items() if f == "activity_name"), None)
    name = None if name_col is None or _blank(vals[name_col]) else _norm(vals[name_col])

    if _is_repeated_header(_header_norms(vals), header):
        body.notes.append(f"第{excel_row}行是重复的表头，已跳过。")
        return True
    summary = _summary_text(vals)
    # An activity's own content may mention 参加…县区…重点活动; the sentence never has a name.
    if summary and (name is None or _SUMMARY.search(name) or not _one_cell_summary(vals)):
        body.summary = body.summary or summary
        return True
    if _is_total(vals):
        body.notes.append(f"第{excel_row}行为“{texts[0]}”行，不是活动，未读取。")
        return True
    unit = _unit_below([str(v) for v in vals if not _blank(v)])  # raw: spaces kept
    if unit and len(texts) == 1 and not _NOTE.match(first):
        body.money_unit = body.money_unit or unit
        body.notes.append(f"第{excel_row}行：{texts[0]}")
        return True
    if _NOTE.match(first) or _FOOTER.match(first) or first.startswith(("填报单位", "报送单位")):
        if "填报单位" in first:
            body.unit_name = body.unit_name or _unit_name(texts[0])
        body.money_unit = body.money_unit or unit
        body.notes.append(f"第{excel_row}行：{' '.join(texts)}")
        return True
    if re.match(r"^附件\d", first) or _DATE_LINE.match(first) and len(texts) == 1:
        return True
    filled = [j for j, v in enumerate(vals) if not _blank(v)]
    if all(header.mapping.get(j) == "seq" for j in filled):
        return True  # a pre-numbered empty template row
    if name is None and all(vals[j] == prev[j] for j in filled):
        return True  # only values the reader filled down from a merged cell
    if len(texts) == 1 and (name is None or len(filled) >= 2):
        _one_text_row(texts[0], first, excel_row, merged=len(filled) >= 2, body=body)
        return True
    return False


def _one_text_row(text: str, first: str, excel_row: int, merged: bool, body: _Body) -> None:
    """A row of one text between activities: a place heading, another heading or free text."""
    place, decorated = _group_place(first)
    body.group = place  # a heading of anything else ends the place's group
    if place and (decorated or merged):
        body.notes.append(f"第{excel_row}行“{text}”为分组标题，其下各行的县区按{place}读取。")
        return
    # A line of free text (a signature, a second table's title merged across the row).
    body.notes.append(f"第{excel_row}行只有“{text}”，未作为活动读取。")
    if not _HEADING.match(first):  # a section heading is no activity cut short
        body.stray.append((excel_row, body.notes[-1]))


@functools.cache
def _place_names() -> frozenset[str]:
    """Every prefecture's and county's name in China (the divisions table): a heading row
    that is one of them heads that place's rows, whichever level the table is."""
    return frozenset(prefecture_names()) | {d.name for d in national_divisions()}


def _group_place(norm: str) -> tuple[str | None, bool]:
    """The place a heading row names, and whether it is written as a heading (numbered,
    bracketed, with a colon or a count) rather than a bare name, which may be a row cut short."""
    m = _GROUP_HEAD.match(norm)
    if m is None or m["place"] not in _place_names():
        return None, False
    return m["place"], bool(m["num"] or m["open"] or m["tail"])


def _source_row(vals: list[object], header: _Header, r: int, group: str | None = None) -> SourceRow:
    cells: dict[str, object] = {}
    extra: dict[str, object] = {}
    for j, v in enumerate(vals):
        if j in header.mapping:
            cells[header.mapping[j]] = v
            continue
        key = header.texts[j] if j < len(header.texts) else None
        if key is None:
            if _blank(v):
                continue
            key = f"{_col_letter(j)}列"
        elif key in extra:
            key = f"{key}（{_col_letter(j)}列）"
        extra[key] = v
    if header.county_from_sheet:
        cells["county"] = header.sheet.name
    return SourceRow(header.sheet.name, r + 1, cells, extra, group)


def _is_total(vals: Sequence[object]) -> bool:
    return any(isinstance(v, str) and len(v) <= 24 and _TOTAL.match(_norm(v)) for v in vals)


def _is_boundary(vals: Sequence[object]) -> bool:
    """A line after which another table may begin: a title or note line, or a grand total."""
    texts = _texts(vals)
    if len(texts) == 1:
        return True
    return any(isinstance(v, str) and _GRAND_TOTAL.search(_norm(v)) for v in vals if v)


# Words of column headers in general (a second table's header need not be any form's).
_HEADER_WORDS = (
    "名称", "数量", "金额", "场次", "情况", "地址", "姓名", "电话", "序号", "县区", "企业",
    "商户", "商家", "额", "客流", "人次", "时间", "日期", "备注", "单位", "类别", "内容",
)  # fmt: skip


def _header_like(vals: Sequence[object], spec: TableSpec) -> bool:
    """A row of two or more short header texts and no figures: a table's header."""
    cells = [v for v in dict.fromkeys(v for v in vals if not _blank(v))]
    if len(cells) < 2 or not all(isinstance(v, str) for v in cells):
        return False
    synonyms = [syn for syn in _all_synonyms(spec) if len(syn) >= 2]  # not 县 (清徐县)
    hits = 0
    for v in cells:
        core = _core(_norm(v))
        if not core or len(core) > 12 or ":" in core or re.search(r"\d", core):
            return False  # a "label: value" line, a sentence, or figures
        low = core.lower()
        hits += any(w in low for w in _HEADER_WORDS) or any(syn in low for syn in synonyms)
    # Nearly every cell of a header names a column; a row of data words rarely does.
    return hits >= max(2, -(-3 * len(cells) // 4))


def _new_header(vals: Sequence[object], header: _Header) -> bool:
    """A header row that is not ours repeated (a page's repeated header keeps the table)."""
    if not _header_like(vals, header.spec):
        return False
    mapping = _map_columns(_header_norms(vals), header.spec)
    repeat = len(mapping) >= 2 and all(header.mapping.get(j) == f for j, f in mapping.items())
    return not repeat


_PROFILE_FIELDS = ("county", "activity_name", "period", "actual_period")


def _value_kind(value: object) -> str:
    if _blank(value):
        return "blank"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "number"
    if isinstance(value, str) and re.fullmatch(r"[\d.,\s]+", value.strip()):
        return "number"
    return "text"


@dataclass
class _Profile:
    """What the table's rows hold in the columns that say which activity a row is."""

    kinds: dict[int, dict[str, int]] = field(default_factory=dict)

    def learn(self, vals: Sequence[object], header: _Header) -> None:
        for j, f in header.mapping.items():
            if f in _PROFILE_FIELDS and j < len(vals):
                kinds = self.kinds.setdefault(j, {})
                kind = _value_kind(vals[j])
                kinds[kind] = kinds.get(kind, 0) + 1

    def fits(self, vals: Sequence[object], header: _Header) -> bool:
        """A name that is text, and the county/name/period cells of the kinds seen so far."""
        name_col = next((j for j, f in header.mapping.items() if f == "activity_name"), None)
        if name_col is not None and _value_kind(vals[name_col]) != "text":
            return False
        odd = 0
        for j, kinds in self.kinds.items():
            kind = _value_kind(vals[j]) if j < len(vals) else "blank"
            seen = {k for k in kinds if k != "blank"}
            odd += kind != "blank" and bool(seen) and kind not in seen
        return odd < 2


@dataclass
class _Extent:
    """Where the table is while its rows are read: the row another table starts at, if any."""

    boundary: bool = False  # a gap, a title line or a grand total since the last activity
    ended: int | None = None  # 0-based row where what follows is no longer this table
    header_texts: list[str] = field(default_factory=list)
    header_cells: list[object] = field(default_factory=list)  # the other table's header row
    other: list[list[object]] = field(default_factory=list)  # its rows (totals left out)
    profile: _Profile = field(default_factory=_Profile)

    @property
    def other_rows(self) -> int:
        return len(self.other)

    def start_other(self, vals: list[object]) -> None:
        if not self.header_texts:
            self.header_texts, self.header_cells = _texts(vals), list(vals)


def _after_end(vals: list[object], prev: list[object], header: _Header, r: int, body: _Body,
               ext: _Extent) -> None:  # fmt: skip
    """A row below the table's end: its side texts still count, the rest is the other table."""
    if _new_header(vals, header):
        ext.start_other(vals)
        return
    if not _skip_reason(vals, prev, header, r, body):
        ext.other.append(vals)


def _county_summary(ext: _Extent) -> bool:
    """A table led by a county column (县区 | 活动场次 | 企业 | 成交额): the city's own sums."""
    first = next((_core(_norm(t)) for t in ext.header_texts if _norm(t) != "序号"), "")
    return first in ("县区", "区县", "县市区", "县", "地区", "县区名称")


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", value):
        return float(value)
    return None


def _summary_count_check(ext: _Extent, activities: int) -> str | None:
    """A county summary's count of activities (活动场次/活动数量) against the rows read."""
    col = next(
        (j for j, v in enumerate(ext.header_cells)
         if isinstance(v, str) and re.search(r"场次|活动数|数量\(场", _norm(v))),
        None,
    )  # fmt: skip
    if col is None:
        return None
    counts = [_number(v[col]) for v in ext.other if col < len(v)]
    if not counts or any(c is None for c in counts):
        return None
    stated = int(sum(c for c in counts if c is not None))
    if stated == activities:
        return None
    return (
        f"各县区汇总表中重点活动合计{stated}场，上面的表格中读到{activities}场活动，"
        "请核对（汇总以表中各行为准）。"
    )


def _other_table_notice(ext: _Extent) -> str | None:
    if ext.ended is None or not (ext.header_texts or ext.other_rows):
        return None
    what = "各县区汇总表" if _county_summary(ext) else "另一张表格"
    shown = f"（表头：{'、'.join(ext.header_texts[:6])}）" if ext.header_texts else ""
    return (
        f"第{ext.ended + 1}行起是{what}{shown}，共{ext.other_rows}行，已保留备查，"
        "未作为活动读取；活动请只填在上面的表格中。"
    )


def _body_row(
    vals: list[object], prev: list[object], header: _Header, r: int, body: _Body, ext: _Extent
) -> None:
    """One non-blank row while the table lasts: an activity, a side text, or the end."""
    if _new_header(vals, header):
        ext.ended = r
        ext.start_other(vals)
        return
    if _skip_reason(vals, prev, header, r, body):
        ext.boundary = ext.boundary or (bool(body.rows) and _is_boundary(vals))
        return
    if ext.boundary and body.rows and not ext.profile.fits(vals, header):
        ext.ended = r  # after a gap or a title, rows of another shape: another table
        ext.other.append(vals)
        return
    body.rows.append(_source_row(vals, header, r, body.group))
    ext.profile.learn(vals, header)
    ext.boundary = False


def _read_body(header: _Header) -> _Body:
    """The rows under the header up to where the table ends (a new header, or rows of
    another shape after a gap, a title line or a grand total); side texts from all of it."""
    body = _Body()
    ext = _Extent()
    width = max(_sheet_width(header.sheet), len(header.texts))
    prev = _padded(header.sheet.rows[header.bottom], width)
    for r in range(header.bottom + 1, len(header.sheet.rows)):
        vals = _padded(header.sheet.rows[r], width)
        if all(_blank(v) for v in vals):
            ext.boundary = ext.boundary or bool(body.rows)
        elif ext.ended is not None:
            _after_end(vals, prev, header, r, body, ext)
        else:
            _body_row(vals, prev, header, r, body, ext)
        prev = vals
    # A one-text line between activities may be one cut short; below the last it is a
    # signature, a stamp or a date, nothing the city needs telling about.
    last = body.rows[-1].excel_row if body.rows else 0
    body.notices.extend(note for row, note in body.stray if row < last)
    for notice in (_other_table_notice(ext), _county_check(ext, len(body.rows))):
        if notice:
            body.notes.append(notice)
            body.notices.append(notice)
    return body


def _county_check(ext: _Extent, activities: int) -> str | None:
    return _summary_count_check(ext, activities) if _county_summary(ext) else None


# ---------------------------------------------------------------- choosing the table


def _choose(
    wb: Workbook, spec: TableSpec
) -> tuple[_Header | None, _Body | None, list[tuple[_Header, _Body]]]:
    """The sheet's header with most required columns (then: has rows, more columns, first),
    and the other sheets holding a complete table of the form with rows (merge candidates)."""
    scored = []
    for si, sheet in enumerate(wb.sheets):
        h = _best_in_sheet(si, sheet, spec)
        if h is None:
            continue
        body = _read_body(h)
        req, tmpl, total = h.quality
        # A hidden sheet (an old copy, the template's example) is the table only when no
        # visible sheet has a header.
        scored.append(((not sheet.hidden, req, bool(body.rows), tmpl, total, -si), h, body))
    if not scored:
        return None, None, []
    scored.sort(key=lambda x: x[0], reverse=True)
    _, best, body = scored[0]
    complete = len(spec.required)
    rest = [
        (h, b)
        for _, h, b in sorted(scored[1:], key=lambda x: x[1].sheet_index)
        if b.rows and h.quality[0] == complete and best.quality[0] == complete
    ]
    return best, body, rest


@functools.cache
def _city_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A leading "<province><city>市" of a county cell, and a cell that is only a city's name:
    the campaign's names (config), longest first."""
    from jinxiao.config import load_campaign

    c = load_campaign()
    cities = "|".join(re.escape(x.short) for x in sorted(c.cities, key=lambda x: -len(x.short)))
    province = re.escape(c.province)
    return (
        re.compile(rf"^(?:{province})?(?:{cities})市(?=.)"),
        re.compile(rf"(?:{province})?(?:{cities})市?"),
    )


_COUNTY_SPLIT = re.compile(r"[、,，/;；\s]+")
_CITYWIDE_WORDS = ("全市", "市直", "市级", "市本级", "各县", "全域", "所有县")


def _county_pieces(value: object) -> frozenset[str]:
    """A county cell loosely, as a set: 太原市小店区 / 小店区 / 小店 alike, in any order
    (a 汇总 sheet's spelling, or each county's sheet naming itself first)."""
    if _blank(value):
        return frozenset()
    pieces = set()
    for raw in _COUNTY_SPLIT.split(unicodedata.normalize("NFKC", str(value)).strip()):
        piece = _city_patterns()[0].sub("", raw.replace("*", ""))
        if piece:
            pieces.add(re.sub(r"(?<=..)[区县]$", "", piece))
    return frozenset(pieces)


def _row_key(row: SourceRow) -> tuple[object, ...]:
    """What makes two rows the same activity: counties, name and period as written."""
    cells = row.cells
    return (
        _county_pieces(cells.get("county")),
        *("" if _blank(cells.get(f)) else _norm(cells[f])
          for f in ("activity_name", "period", "actual_period")),
    )  # fmt: skip


def _who_what(row: SourceRow) -> tuple[frozenset[str], str]:
    """Counties and name: two rows alike in these but not the rest are one activity edited."""
    key = _row_key(row)
    return key[0], key[1]  # type: ignore[return-value]


def _joint(row: SourceRow) -> bool:
    """An activity of several counties or of the whole city, listed on each county's sheet."""
    pieces = _county_pieces(row.cells.get("county"))
    city = {p for p in pieces if _city_patterns()[1].fullmatch(p)}
    return len(pieces) > 1 or bool(city) or any(w in p for p in pieces for w in _CITYWIDE_WORDS)


_FIGURES = ("enterprise_count", "est_turnover", "actual_turnover", "footfall",
            "voucher_issued", "voucher_redeemed", "period", "actual_period")  # fmt: skip


def _filled(row: SourceRow) -> bool:
    """Whether the row says anything beyond which activity it is (a pre-filled template row
    that a county left for another county to fill says nothing)."""
    return any(not _blank(row.cells.get(f)) for f in _FIGURES)


def _kind(header: _Header) -> str | None:
    """Which form a header reads as by its words: None when they do not say."""
    results, registry = (
        _marks(header, _tables().results_marks),
        _marks(header, _tables().registry_marks),
    )
    if results and not registry:
        return "results"
    if registry and not results:
        return "registry"
    return None


_DEFAULT_UNITS = {**dict.fromkeys(_MONEY_FIELDS, "万元"), "footfall": "万人次"}


def _scaled_units(header: _Header, units: dict[str, str]) -> dict[str, str]:
    """The units that scale values (money, footfall), a column naming none at its default."""
    return {f: units.get(f, d) for f, d in _DEFAULT_UNITS.items() if f in header.fields}


def _data_rows(rows: Sequence[SourceRow]) -> str:
    """第4行至第9行 for a run of rows, else the rows named (第4行、第6行)."""
    numbers = [r.excel_row for r in rows]
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        first, last = numbers[0], numbers[-1]
        return f"第{first}行" if first == last else f"第{first}行至第{last}行"
    return _rows_named(rows)


def _rows_named(rows: Sequence[SourceRow]) -> str:
    shown = "、".join(f"第{r.excel_row}行" for r in rows[:3])
    return shown + ("等" if len(rows) > 3 else "")


@dataclass
class _Merged:
    """The rows read so far across sheets, and what the city and the log are told."""

    rows: list[SourceRow]
    seen: set[tuple[object, ...]] = field(default_factory=set)
    by_activity: dict[tuple[frozenset[str], str], int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.seen = {_row_key(r) for r in self.rows}
        self.by_activity = {_who_what(r): i for i, r in enumerate(self.rows)}


def _not_this_table(header: _Header, h: _Header, fresh: list[SourceRow], m: _Merged) -> bool:
    """Whether sheet h is left unread: another form, hidden, or a header that does not say."""
    own_kind, kind, label = _kind(header), _kind(h), h.sheet.label
    if kind and own_kind and kind != own_kind:
        m.notes.append(f"{label}是另一种表格，未读取。")
        return True
    if h.sheet.hidden:
        if fresh:
            m.notices.append(
                f"隐藏的{label}中有{len(fresh)}行与报送表格不同的数据，未读取（如为旧版本，"
                "可不理会；如需报送，请取消隐藏并合并到报送的表格中后重新发送）。"
            )
        return True
    if fresh and own_kind and kind is None:
        m.notices.append(
            f"{label}的表头看不出是否与{header.sheet.label}为同一种表格，其中{len(fresh)}行未读取；"
            f"如需报送，请使用模板表头或合并到{header.sheet.label}后重新发送。"
        )
        return True
    return False


def _same_units(header: _Header, h: _Header, b: _Body, units: dict[str, str]) -> None:
    """Two sheets of one table naming different money or footfall units: sent back."""
    theirs = _scaled_units(h, _units(h, h.sheet.rows[: h.top], b.money_unit))
    ours = _scaled_units(header, units)
    differ = sorted(f for f in theirs.keys() & ours.keys() if theirs[f] != ours[f])
    if differ:
        f = differ[0]
        raise FileProblem(
            "validation_failed",
            f"{header.sheet.label}和{h.sheet.label}都是活动表，但“{h.spec.spec(f).template_name}”"
            f"的单位不同（{ours[f]}、{theirs[f]}）。请统一单位、合并到同一个{h.sheet.word}后重新发送。",
        )


def _sort_fresh(
    fresh: list[SourceRow], m: _Merged
) -> tuple[list[SourceRow], list[tuple[int, SourceRow]], list[SourceRow]]:
    """New activities, rows filling in one read blank, and rows that edit one already read."""
    added, filled_in, edited = [], [], []
    for r in fresh:
        i = m.by_activity.get(_who_what(r))
        if i is None:
            added.append(r)
        elif not _filled(r):
            continue  # left for another county's sheet
        elif not _filled(m.rows[i]):
            filled_in.append((i, r))
        else:
            edited.append(r)
    return added, filled_in, edited


def _no_conflict(
    h: _Header, added: list[SourceRow], edited: list[SourceRow], repeated: list[SourceRow]
) -> None:
    label, word = h.sheet.label, h.sheet.word
    single = [r for r in repeated if not _joint(r) and _filled(r)]
    if not (edited or (single and added)):
        return
    if edited:
        what = f"{label}{_rows_named(edited)}与前面{word}中同一活动的内容不同"
    else:
        what = f"{label}{_rows_named(single)}与前面的{word}相同，同时又有前面{word}没有的数据"
    raise FileProblem(
        "validation_failed",
        f"{what}，无法判断以哪个为准（其中一个是否为旧版本？）。请删除旧的{word}，"
        f"或把各县区的数据合并到同一个{word}后重新发送。",
    )


def _merge_one(header: _Header, h: _Header, b: _Body, units: dict[str, str], m: _Merged) -> None:
    label, word = h.sheet.label, h.sheet.word
    fresh = [r for r in b.rows if _row_key(r) not in m.seen]
    repeated = [r for r in b.rows if _row_key(r) in m.seen]
    if _not_this_table(header, h, fresh, m):
        return
    _same_units(header, h, b, units)
    if not fresh:
        m.notes.append(f"{label}的{len(b.rows)}行与前面{word}的数据相同，未重复读取。")
        return
    added, filled_in, edited = _sort_fresh(fresh, m)
    _no_conflict(h, added, edited, repeated)
    for i, r in filled_in:
        m.rows[i] = r
    for r in added:
        m.by_activity[_who_what(r)] = len(m.rows)
        m.rows.append(r)
    m.seen.update(_row_key(r) for r in fresh)
    taken = sorted((r for r in added + [r for _, r in filled_in]), key=lambda r: r.excel_row)
    if taken:
        m.notices.append(f"已合并{label}{_data_rows(taken)}的{len(taken)}行数据。")
    joint = [r for r in repeated if _joint(r)]
    if joint:
        m.notices.append(
            f"{label}{_rows_named(joint)}是跨县区或全市的活动，前面{word}已有，只计一次。"
        )
    m.notices.extend(f"{label}{n}" for n in b.notices)
    m.notes.extend(f"{label}{n}" for n in b.notes if n not in b.notices)


def _merge_sheets(
    header: _Header, body: _Body, rest: list[tuple[_Header, _Body]], units: dict[str, str]
) -> tuple[list[SourceRow], list[str], list[str]]:
    """Rows of the other visible sheets holding the same table (a sheet per county).

    A row already read is read once: a 汇总 sheet beside the county sheets adds nothing, a
    joint (several counties, 全市) activity listed on each county's sheet counts once, and a
    pre-filled row one county left blank gives way to the county sheet that filled it. A
    sheet that repeats some single-county rows while adding others, or fills in differently
    an activity already read (an old version?), or names other money units is a question for
    the city, and the file is sent back. A sheet whose header does not say it is this form
    is not read, and the city is told.
    Returns the rows, the notices for the city and the other sheets' notes.
    """
    merged = _Merged(list(body.rows))
    for h, b in rest:
        _merge_one(header, h, b, units, merged)
    return merged.rows, merged.notices, merged.notes


def _quote(names: Iterable[str]) -> str:
    return "".join(f"“{n}”" for n in names)


def _wrong_template(wb: Workbook, spec: TableSpec, best: _Header | None) -> FileProblem:
    if best is None or not best.fields:
        missing = [spec.spec(n).template_name for n in spec.required]
        where = _describe_first_row(wb)
    else:
        missing = [spec.spec(n).template_name for n in best.missing]
        shown = "、".join(t for t in dict.fromkeys(best.texts) if t)
        where = f"{best.sheet.label}第{best.top + 1}行的表头为：{shown}"
    detail = f"未找到{spec.label}的表头：缺少{_quote(missing)}列"
    if where is None:
        where = "文件中只有文字，没有表格" if wb.text.strip() else "文件中没有内容"
    detail += f"（{where}）。"
    return FileProblem("wrong_template", detail + f"请使用{spec.label}填写。")


def _describe_first_row(wb: Workbook) -> str | None:
    """The first row with two or more texts, which is what the city took for a header."""
    fallback = None
    for sheet in wb.sheets:
        for i, row in enumerate(sheet.rows):
            texts = [t for t in _texts(row) if len(t) <= 30]
            if len(texts) >= 2:
                return f"{sheet.label}第{i + 1}行为：{'、'.join(texts[:10])}"
            if texts and fallback is None:
                fallback = f"{sheet.label}第{i + 1}行为：{texts[0]}"
    return fallback


def _units(
    header: _Header, above: Sequence[Sequence[object]], below: str | None = None
) -> dict[str, str]:
    """Units per field: the header's own, else a 单位 line above the table, else below it
    (money only)."""
    units: dict[str, str] = {}
    for j, name in header.mapping.items():
        unit = unit_of(header.texts[j] or "", name)
        if unit:
            units[name] = unit
    table_unit = _table_unit(above) or below
    if table_unit:
        for name in header.fields & _MONEY_FIELDS:
            units.setdefault(name, table_unit)
    # A units line names each kind of column once: 人次 is the footfall's, as 元 is the money's.
    if "footfall" in header.fields and (footfall := _table_footfall_unit(above)):
        units.setdefault("footfall", footfall)
    return units


def _missing_columns(header: _Header, spec: TableSpec, spans: bool) -> list[str]:
    where = f"{header.sheet.label}中" if spans else "表中"
    missing = [n for n in spec.template if n not in header.fields]
    out = []
    if header.county_from_sheet:
        out.append(
            f"{where}没有“{spec.spec('county').template_name}”列，各行的县区按所在工作表名"
            f"（如“{header.sheet.name}”）计。"
        )
    if "county" in missing and "county" not in spec.required:
        missing.remove("county")
        out.append(
            f"{where}没有“{spec.spec('county').template_name}”列，各活动的县区按本{_unit_word()}"
            "活动名录中同一活动的县区计。"
        )
    if missing:
        names = _quote(spec.spec(n).template_name for n in missing)
        out.append(f"{where}没有{names}列，相应数据按未填写处理。")
    return out


def header_key(header_text: str) -> str:
    """A header as a remembered mapping matches it: normalised as the reader matches headers."""
    return _norm(header_text)


def _remembered_units(
    header: _Header, units: dict[str, str], mappings: Sequence[HeaderMapping]
) -> list[str]:
    """Give a column the unit the province clerk confirmed for this city's same header, where
    the file names none itself (its header, a 单位 line); the notices that tell the city."""
    told = []
    for j, name in sorted(header.mapping.items()):
        text = header.texts[j] or ""
        for m in mappings:
            if m.unit and m.header_norm == _norm(text) and m.field in (None, name):
                if name not in units:
                    units[name] = m.unit
                    told.append(f"“{text}”列未写单位，按贵市此前确认的单位（{m.unit}）读取。")
                break
    return told


def locate(wb: Workbook, form: Form, mappings: Sequence[HeaderMapping] = ()) -> ParsedTable:
    """The form's table in the workbook, columns mapped to canonical fields; raises FileProblem.
    `mappings`: the city's remembered header meanings (warehouse header_mapping), as data."""
    specs = _tables().specs
    if form not in specs:
        raise ValueError(f"form {form!r} has no activity table (plan files: extract_contacts)")
    spec = specs[form]
    header, body, rest = _choose(wb, spec)
    if header is None or body is None or header.missing:
        raise _wrong_template(wb, spec, header)
    sheet_rows = header.sheet.rows
    above = sheet_rows[: header.top]
    if not body.rows:
        raise FileProblem(
            "validation_failed",
            f"表格中没有活动数据（只有表头）：{header.sheet.label}第{header.bottom + 1}行"
            "表头以下没有填写任何活动。请逐行填写活动后重新报送。",
        )
    notices = list(body.notices)
    units = _units(header, above, body.money_unit)
    rows, merged, their_notes = _merge_sheets(header, body, rest, units)
    spans = len(rows) > len(body.rows)
    if spans:
        notices = [f"{header.sheet.label}{n}" for n in notices]
    notices.extend(_missing_columns(header, spec, spans))
    notices.extend(merged)
    # After the merge: another sheet of the table is compared with what the file itself says.
    notices.extend(_remembered_units(header, units, mappings))
    notes = [*body.notes, *(n for n in notices if n not in body.notes), *their_notes]
    summary = _find_summary(above) or body.summary or _find_summary(sheet_rows)
    if summary is None and wb.text:
        summary = _find_summary([[line] for line in wb.text.splitlines()])
    return ParsedTable(
        form=form,
        sheet=header.sheet.name,
        header_row=header.top + 1,
        columns={f: header.texts[j] or f for j, f in sorted(header.mapping.items())}
        | ({"county": "工作表名"} if header.county_from_sheet else {}),
        units=units,
        rows=rows,
        unit_name=_find_unit_name(above) or body.unit_name or _find_unit_name(sheet_rows),
        summary_sentence=summary,
        notes=notes,
        notices=notices,
        sheet_word=header.sheet.word,
        labels=_tables().column_labels,
    )


# ---------------------------------------------------------------- which form


def _marker_form(wb: Workbook) -> Form | None:
    for sheet in wb.sheets:
        for v in sheet.rows[0] if sheet.rows else []:
            if isinstance(v, str):
                m = _MARKER.match(v.strip())
                if m:
                    return m.group(1)  # type: ignore[return-value]
    return None


def _marks(header: _Header | None, marks: Sequence[str]) -> int:
    if header is None:
        return 0
    return sum(1 for n in dict.fromkeys(header.norms) if n and any(m in n for m in marks))


def _best_header(wb: Workbook, spec: TableSpec) -> _Header | None:
    headers = [h for si, s in enumerate(wb.sheets) if (h := _best_in_sheet(si, s, spec))]
    return max(headers, key=lambda h: (h.quality, -h.sheet_index), default=None)


@dataclass(frozen=True)
class FormDecision:
    """Which form a file is, the evidence for it, and how sure the evidence makes us (0..1)."""

    form: Form | None
    confidence: float
    evidence: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.form or '未识别'} ({self.confidence:.2f}): " + "; ".join(self.evidence)


@dataclass
class _Evidence:
    """Points for each reading of a file, and what gave them (for the log)."""

    points: dict[str, float] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)

    def add(self, kind: str, weight: float, why: str) -> None:
        self.points[kind] = self.points.get(kind, 0.0) + weight
        self.said.append(f"{why} → {kind} +{weight:g}")

    def get(self, kind: str) -> float:
        return self.points.get(kind, 0.0)


# Header words that say "what was done" (results) or "what is planned" (registry); a money
# column with no 预估/预计 word leans to results.
_DONE_MARKS = ("实际", "实现", "客流", "核销", "发放消费券", "消费券发放", "带动消费")
_MONEY_WORDS = ("成交额", "销售额", "交易额", "营业额")
# May vs the year: 全年/年度 say the year outright; 总结 is written after May too.
_YEAR_FIRM = ("全年", "年度", "年终", "12月", "十二月", "1-12月", "1至12月")
_YEAR_SOFT = ("总结",)


def _header_evidence(res: _Header | None, ev: _Evidence) -> None:
    if res is None or "activity_name" not in res.fields:
        return
    done = _marks(res, _DONE_MARKS)
    planned = _marks(res, _tables().registry_marks)
    money = [n for n in dict.fromkeys(res.norms) if n and any(w in n for w in _MONEY_WORDS)]
    if done:
        ev.add("results", 2.0 * done, f"表头有{done}个实际/客流/核销类列")
    if planned:
        ev.add("registry", 2.0 * planned, f"表头有{planned}个预估/支持政策/活动内容类列")
    bare_money = [n for n in money if not re.search("预估|预计|预期", n)]
    if bare_money and not planned:
        ev.add("results", 1.0, f"金额列“{bare_money[0]}”不是预估")


def _word_evidence(texts: Sequence[tuple[str, str]], ev: _Evidence) -> None:
    for where, text in texts:
        kind = _words_form(text)
        if kind:
            ev.add(kind, 1.5, f"{where}“{text[:30]}”")


def _period_texts(header: _Header | None) -> list[str]:
    if header is None:
        return []
    cols = [j for j, f in header.mapping.items() if f in ("period", "actual_period")]
    rows = header.sheet.rows[header.bottom + 1 :]
    return [str(r[j]) for r in rows for j in cols if j < len(r) and not _blank(r[j])]


def _kind_evidence(
    header: _Header | None, texts: Sequence[tuple[str, str]], received_at: _Sent | None
) -> _Evidence:
    """May or the year: title rows, sheet names, file name, subject, body, then the dates."""
    ev = _Evidence()
    for where, text in texts:
        norm = _norm(text)
        if any(w in norm for w in _YEAR_FIRM):
            ev.add("results_year", 3.0, f"{where}写“全年/年度”")
        elif any(w in norm for w in _YEAR_SOFT):
            ev.add("results_year", 1.0, f"{where}写“总结”")
        if any(w in norm for w in _tables().may_words):
            ev.add("results_may", 2.0, f"{where}写“5月/促进月”")
    if received_at is not None:
        ev.add(received_at.results_kind, 2.0, f"{received_at.day.isoformat()}发来")
    months = {int(m) for t in _period_texts(header) for m in re.findall(r"(\d{1,2})月", t)}
    if months and max(months) >= 7:
        ev.add("results_year", 1.0, f"活动时间到{max(months)}月")
    return ev


def _results_kind(
    wb: Workbook,
    header: _Header | None,
    texts: Sequence[tuple[str, str]],
    received_at: _Sent | None,
) -> tuple[Form, float, list[str]]:
    title = ""
    if header is not None:
        title = " ".join(t for row in header.sheet.rows[: header.top] for t in _texts(row))
    sources = [("标题", title), *(("工作表名", s.name) for s in wb.sheets), *texts]
    ev = _kind_evidence(header, [(w, t) for w, t in sources if t], received_at)
    year, may = ev.get("results_year"), ev.get("results_may")
    kind: Form = "results_year" if year > may else "results_may"
    margin = abs(year - may)
    return kind, min(1.0, 0.5 + margin / 6), ev.said


def _words_form(text: str) -> str | None:
    norm = _norm(text)
    if any(w in norm for w in _tables().registry_words):
        return "registry"
    if any(w in norm for w in _tables().results_words):
        return "results"
    # A list of firms (参与企业名单, 企业名称 | 联系人) is no 联系人名单 of a plan.
    if any(w in norm for w in _tables().plan_words) and not _FIRM_LIST.search(norm):
        return "plan"
    return None


def _as_results(
    wb: Workbook, res: _Header | None, ev: _Evidence, texts: Sequence[tuple[str, str]],
    received_at: _Sent | None,
) -> FormDecision:  # fmt: skip
    kind, sure, why = _results_kind(wb, res, texts, received_at)
    lead = ev.get("results") - ev.get("registry")
    confidence = round(min(1.0, 0.4 + lead / 10) * sure, 2)
    return FormDecision(kind, confidence, (*ev.said, *why))


def _by_structure(
    wb: Workbook, reg: _Header | None, subject: str
) -> tuple[Form | None, float, str] | None:
    """The registry by its template columns, a 联系人名单, or a schedule named as the plan's."""
    if reg is not None and reg.quality[1] >= 5:
        return "registry", 0.9, f"表头有附件2模板的{reg.quality[1]}列"
    if _contact_headers(wb):
        return "plan", 0.85, "有联系人名单表（姓名、电话）"
    if reg is not None and "activity_name" in reg.fields and reg.quality[1] >= 3:
        # A schedule table (活动名称/时间/地点) is the plan's 活动安排计划表 when so named.
        named = _words_form(wb.filename) or _words_form(subject)
        if named == "plan":
            return "plan", 0.7, "活动表的文件名或主题写“方案/计划/安排”"
        return "registry", 0.6, f"表头有附件2模板的{reg.quality[1]}列"
    return None


@dataclass(frozen=True)
class _Sent:
    """When the mail was sent, against the campaign's promotion month."""

    day: dt.date
    month: tuple[dt.date, dt.date] | None  # the promotion month (消费促进月), when known

    @property
    def before_campaign(self) -> bool:
        return self.month is not None and self.day < self.month[0]

    @property
    def results_kind(self) -> Form:
        # Results of May are due in early June; a results mail well after that is the year's.
        if self.month is not None:
            late = self.day > self.month[1] + dt.timedelta(days=45)
            return "results_year" if late else "results_may"
        return "results_year" if self.day.month >= 7 else "results_may"


def decide_form(
    wb: Workbook,
    subject: str = "",
    body: str = "",
    *,
    received_at: dt.date | None = None,
    promotion_month: tuple[dt.date, dt.date] | None = None,
) -> FormDecision:
    """Which form the file is, from all the evidence: the marker cell when present, the
    columns (实际/客流/核销 vs 预估/支持政策), the file name, subject and body (成效, 名录,
    方案), and for the results the words and dates that tell May from the year."""
    marker = _marker_form(wb)
    if marker:
        return FormDecision(marker, 1.0, (f"模板标记“表单代码：{marker}”",))
    reg = _best_header(wb, _tables().registry)
    res = _best_header(wb, _tables().specs["results_may"])
    texts = [("文件名", wb.filename), ("主题", subject), ("正文", body[:300])]
    ev = _Evidence()
    _header_evidence(res, ev)
    sent = _Sent(received_at, promotion_month) if received_at else None
    if sent is not None and sent.before_campaign:
        ev.add("registry", 3.0, f"{sent.day.isoformat()}发来，活动尚未开始")
    if ev.get("results") >= 3 and ev.get("results") > ev.get("registry"):
        _word_evidence(texts[:2], ev)
        return _as_results(wb, res, ev, texts, sent)
    structure = _by_structure(wb, reg, subject)
    if structure is not None:
        form, confidence, why = structure
        return FormDecision(form, confidence, (*ev.said, why))
    lead = wb.text[:300] + " ".join(t for s in wb.sheets for row in s.rows[:3] for t in _texts(row))
    for where, text in (("文件名", wb.filename), ("主题", subject), ("开头", lead)):
        kind = _words_form(text)
        if kind == "results":
            ev.add("results", 1.5, f"{where}写“成效/总结”")
            return _as_results(wb, res, ev, texts, sent)
        if kind:
            return FormDecision(kind, 0.5, (*ev.said, f"{where}“{text[:30]}”"))  # type: ignore[arg-type]
    if wb.kind in ("docx", "doc") and len(wb.text.strip()) >= 50:
        return FormDecision("plan", 0.4, (*ev.said, "Word文件以文字为主"))
    return FormDecision(None, 0.0, tuple(ev.said) or ("没有可用的表头或文字",))


def detect_form(
    wb: Workbook,
    subject: str = "",
    body: str = "",
    *,
    received_at: dt.date | None = None,
    promotion_month: tuple[dt.date, dt.date] | None = None,
) -> Form | None:
    """decide_form's form, its evidence logged. `received_at` (against the campaign's
    promotion month when given) weighs May against the year, and the registry before May."""
    decision = decide_form(
        wb, subject, body, received_at=received_at, promotion_month=promotion_month
    )
    log.info("form of %s: %s", wb.filename, decision.describe())
    return decision.form


# ---------------------------------------------------------------- contacts


def _contact_headers(wb: Workbook) -> list[_Header]:
    found = []
    for si, sheet in enumerate(wb.sheets):
        for h in _sheet_headers(si, sheet, _tables().contacts):
            # An activity table with 联系人/联系电话 columns is not a list of people.
            # Nor is a list of participating firms (企业名称, 地址, 联系人): its people are
            # the firms' contacts, not the bureau's.
            if not h.missing and not any(n and _FIRM_COLUMN.search(n) for n in h.norms):
                found.append(h)
    return found


_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—\s]?\d{7,8}|1[3-9]\d{9})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_PERSON = re.compile(
    r"(?:联系人|填报人|联络员)(?:\s*[:：]\s*|\s+)(?P<name>[\u4e00-\u9fff·]{2,4}?)"
    r"(?=$|[\s,，、;；:：(（]|电话|手机|联系|职务|\d)"
)


def _cell_str(value: object) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a mobile number typed as a number
    return _display(value)


def _table_contacts(header: _Header) -> list[Contact]:
    cols: dict[str, list[int]] = {}
    for j, key in sorted(header.mapping.items()):
        cols.setdefault(key, []).append(j)
    # A second phone column (办公电话 beside 手机) maps to nothing; take it as a phone too.
    for j, norm in enumerate(header.norms):
        if norm and j not in header.mapping and any(w in norm for w in ("电话", "手机")):
            cols.setdefault("phone", []).append(j)
    width = max(_sheet_width(header.sheet), len(header.texts))
    out = []
    for r in range(header.bottom + 1, len(header.sheet.rows)):
        vals = _padded(header.sheet.rows[r], width)

        def get(name: str, vals: list[object] = vals) -> str | None:
            got = [t for j in cols.get(name, []) if (t := _cell_str(vals[j]))]
            return "、".join(dict.fromkeys(got)) or None

        name = get("name")
        if not name or _NOTE.match(_norm(name)) or _norm(name) in header.norms:
            continue
        out.append(
            Contact(
                name=name,
                title=get("title"),
                phone=get("phone"),
                email=get("email"),
                unit=get("unit"),
                sheet=header.sheet.name,
                excel_row=r + 1,
            )
        )
    return out


def _prose_contacts(lines: Iterable[tuple[str, str | None, int | None]]) -> list[Contact]:
    out = []
    for line, sheet, excel_row in lines:
        matches = list(_PERSON.finditer(line))
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
            rest = line[m.end() : end]
            title = re.match(r"\s*[（(]([^）)]{1,20})[）)]", rest)
            if title is None:
                title = re.search(r"职务\s*[:：]\s*([^\s,，;；]+)", rest)
            phones = _PHONE.findall(rest)
            emails = _EMAIL.findall(rest)
            out.append(
                Contact(
                    name=m.group("name"),
                    title=title.group(1) if title else None,
                    phone="、".join(dict.fromkeys(p.strip() for p in phones)) or None,
                    email=emails[0] if emails else None,
                    sheet=sheet,
                    excel_row=excel_row,
                )
            )
    return out


def extract_contacts(wb: Workbook) -> list[Contact]:
    """People from 联系人名单 tables (any sheet or Word table) and 联系人：… lines of the text."""
    contacts: list[Contact] = []
    in_tables: set[tuple[str, int]] = set()
    for header in _contact_headers(wb):
        for r in range(header.top, len(header.sheet.rows)):
            in_tables.add((header.sheet.name, r))
        contacts.extend(_table_contacts(header))
    lines: list[tuple[str, str | None, int | None]] = [
        (line, None, None) for line in wb.text.splitlines()
    ]
    for sheet in wb.sheets:
        for r, row in enumerate(sheet.rows):
            if (sheet.name, r) not in in_tables:
                lines.extend((t, sheet.name, r + 1) for t in _texts(row))
    seen = {(c.name, c.phone) for c in contacts}
    for c in _prose_contacts(lines):
        if (c.name, c.phone) not in seen:
            seen.add((c.name, c.phone))
            contacts.append(c)
    return contacts
