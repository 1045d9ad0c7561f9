"""Plain data passed between the pipeline stages.

mailbox -> archive -> extract -> identify -> parse -> normalise -> validate -> load.
Each stage takes the previous stage's dataclass; nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

Outcome = Literal["accepted", "superseded", "rejected", "ignored", "quarantined", "duplicate"]
ReasonClass = Literal[
    "corrupt_file", "wrong_template", "encrypted", "unsupported_format", "validation_failed",
    "internal_error", "unknown_sender", "unauthenticated_sender", "rows_held",
]  # fmt: skip
Form = Literal["registry", "plan", "results_may", "results_year"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class RawMessage:
    """One message as the mailbox holds it, before anything is parsed."""

    raw: bytes
    source: str  # "maildir:/abs/path" or "imap:host:port/folder"
    source_ref: str  # maildir file name, or "<uidvalidity>:<uid>" on IMAP
    arrived_at: dt.datetime | None  # mailbox arrival time (mtime / INTERNALDATE), tz-aware


# The name a table pasted into the mail body is recorded and archived under.
BODY_TABLE_FILENAME = "邮件正文中的表格.html"


@dataclass(frozen=True)
class Attachment:
    """A file found in a message; `path` says where (e.g. "2", "2/fwd/1", "3/a.zip!b.xlsx")."""

    filename: str
    content_type: str
    payload: bytes
    path: str
    # Why the file was not unpacked (a zip over the message's budget), in Chinese: the
    # reader reports it as corrupt_file instead of reading `payload`.
    refused: str | None = None
    # A table pasted into the mail's HTML body, read as a file because the mail has none.
    in_body: bool = False

    @property
    def size(self) -> int:
        return len(self.payload)


@dataclass(frozen=True)
class ParsedEmail:
    message_id: str | None  # without angle brackets
    sender: str  # lower-cased bare address of From
    sender_name: str
    subject: str
    date: dt.datetime | None  # Date header, tz-aware, None when missing or unparseable
    references: tuple[str, ...]
    body_text: str
    attachments: tuple[Attachment, ...]
    # Chinese: why From cannot be taken at face value (several addresses, a display name
    # showing another address, unparseable); `sender` is then still the real address.
    sender_problem: str | None = None
    # The HTML body, when it holds a form's table: read only if no attachment is a table.
    body_table: Attachment | None = None


class FileProblem(Exception):
    """A file that cannot become rows: the reason class of CONTRACT §3 and a Chinese detail."""

    def __init__(self, reason_class: ReasonClass, detail_zh: str) -> None:
        super().__init__(f"{reason_class}: {detail_zh}")
        self.reason_class: ReasonClass = reason_class
        self.detail_zh = detail_zh

    def __reduce__(self) -> tuple[type[FileProblem], tuple[ReasonClass, str]]:
        # Exceptions pickle their args (here the joined message); a worker process or the
        # read sandbox must hand back both fields.
        return (FileProblem, (self.reason_class, self.detail_zh))


@dataclass(frozen=True)
class Sheet:
    """A sheet (or a CSV file, or a Word table) as a grid of cell values.

    Values are str, int, float, bool, datetime.datetime, datetime.date or None, exactly as
    the reader got them (no normalisation yet). rows[0] is Excel row 1.
    """

    name: str
    rows: list[list[object]]
    hidden: bool = False  # hidden in Excel: often an old copy, never merged into the table
    in_document: bool = False  # a Word table ("表2"), which a clerk calls no 工作表

    @property
    def word(self) -> str:
        return "表格" if self.in_document else "工作表"

    @property
    def label(self) -> str:
        """工作表“小店区”, or 表格“表2” for a Word table: how messages name it."""
        return f"{self.word}“{self.name}”"


@dataclass(frozen=True)
class Workbook:
    """What a reader made of one attachment."""

    filename: str
    kind: str  # "xlsx" "xls" "csv" "docx" ...
    sheets: list[Sheet]
    text: str = ""  # free text (Word paragraphs), for plan documents and form detection


@dataclass(frozen=True)
class SourceRow:
    """One data row of the located table: raw cells keyed by canonical field name."""

    sheet: str
    excel_row: int  # 1-based row number as Excel shows it
    cells: dict[str, object]  # canonical field -> raw cell value (merged cells filled down)
    extra: dict[str, object] = field(default_factory=dict)  # columns outside the form
    # The place of the heading row the row is under ("阳泉市（7项）"): where its counties are.
    group: str | None = None


@dataclass(frozen=True)
class ParsedTable:
    """The table located in a workbook and mapped to a form's canonical fields."""

    form: Form
    sheet: str
    header_row: int  # Excel row of the header
    columns: dict[str, str]  # canonical field -> header text as the city wrote it
    units: dict[str, str]  # canonical field -> unit named in the header ("万元", "亿元", "家"...)
    rows: list[SourceRow]
    unit_name: str | None  # the 填报单位 line's text, when present
    summary_sentence: str | None  # the 参加…县区…个 sentence below the table, when present
    notes: list[str] = field(default_factory=list)  # how each skipped line was read
    sheet_word: str = "工作表"  # 表格 when the table is in a Word file
    # The notes the city is told in its reply: rows not read, sheets merged, columns missing.
    notices: list[str] = field(default_factory=list)
    # Field -> the template's header for it (forms.yaml), to name a column the city left out.
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HeaderMapping:
    """What a city's header means, as the province clerk confirmed it (table header_mapping):
    the reader reads a column with this header (normalised as the reader normalises headers)
    in this unit, where the file itself names none."""

    header_norm: str
    field: str | None  # the form's field; None for any column with this header
    unit: str | None
    header_text: str = ""  # as the city first wrote it, for the reply


@dataclass(frozen=True)
class Problem:
    """A finding about a submission, in words a city clerk can act on."""

    severity: Severity
    code: str  # stable machine code, e.g. "date_unparseable"
    message_zh: str
    excel_row: int | None = None
    column: str | None = None  # header text as the city wrote it
    sheet: str | None = None  # the row's sheet, where a table spans several
    # The form field of the cell (`period`, `county` ...), where the finding is about one:
    # a held row's reply and v_held_row show that cell's raw text.
    field: str | None = None
    # "row": an error that holds its row back while the rest of the table is taken;
    # "file": an error that rejects the file. Warnings ignore it.
    scope: Literal["row", "file"] = "row"


@dataclass(frozen=True)
class HeldCell:
    """One cell of a held row that could not be taken, and why (v_held_row's row)."""

    column: str  # header text as the city wrote it
    raw_value: str | None  # the cell as the city typed it
    code: str
    problem_zh: str


@dataclass(frozen=True)
class HeldRow:
    """A data row kept out of every total until the city sends a corrected table."""

    sheet: str
    excel_row: int
    cells: tuple[HeldCell, ...]
    raw: dict[str, str]  # header text -> raw text of every filled cell of the row


@dataclass(frozen=True)
class CountyMatch:
    names: tuple[str, ...]  # canonical county-level names, in the order written
    codes: tuple[str, ...]
    citywide: bool
    unknown: tuple[str, ...]  # fragments that name no county of the city


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Amount:
    value: Decimal | None  # in the target unit (万元 for money, plain count for counts)
    approximate: bool = False


# The columns of a normalised frame, in warehouse order (activity table).
FRAME_COLUMNS = [
    "sheet", "excel_row", "county_names", "county_codes", "citywide", "county_raw",
    "county_unknown", "activity_name", "activity_name_raw", "start_date", "end_date",
    "period_raw", "content", "enterprise_count", "enterprise_count_raw", "support_policy",
    "est_turnover_wan", "est_turnover_raw", "category", "category_raw", "category_source",
    "category_confidence", "actual_turnover_wan", "actual_turnover_raw", "footfall_wan", "footfall_raw",
    "voucher_issued_wan", "voucher_issued_raw", "voucher_redeemed_wan", "voucher_redeemed_raw",
    "remark", "extra",
]  # fmt: skip


@dataclass
class NormalisedTable:
    """One table's rows as plain records (FRAME_COLUMNS keys, in Excel row order).

    Records, not a DataFrame per file: building 30-column frames cost about a third of
    normalisation, and the loader wants records anyway. `frame` is there for analysis.
    """

    city_name: str
    table: ParsedTable
    records: list[dict[str, object]]
    problems: list[Problem] = field(default_factory=list)

    @property
    def frame(self) -> pd.DataFrame:
        import pandas as pd  # only analysis wants a frame; the stages pass records

        extra = [k for rec in self.records[:1] for k in rec if k not in FRAME_COLUMNS]
        return pd.DataFrame.from_records(self.records, columns=FRAME_COLUMNS + extra)

    def column(self, name: str) -> list[object]:
        return [rec.get(name) for rec in self.records]

    @property
    def sheets(self) -> list[str]:
        """The sheets the rows come from, in reading order (more than one when merged)."""
        return list(dict.fromkeys(r.sheet for r in self.table.rows)) or [self.table.sheet]

    def place(self, sheet: str | None, excel_row: int) -> str:
        """第5行, or 工作表“小店区”第5行 (表格“表2”第5行 in Word) when the table spans sheets."""
        if len(self.sheets) > 1 and sheet:
            return f"{self.table.sheet_word}“{sheet}”第{excel_row}行"
        return f"第{excel_row}行"

    def header(self, field_name: str) -> str:
        """The column's header as the city wrote it (or as the template names it), for messages."""
        if field_name in self.table.columns:
            return self.table.columns[field_name]
        return self.table.labels.get(field_name, field_name)
