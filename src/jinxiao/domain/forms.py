"""The four forms and the shape of their tables, as every stage sees them.

The form codes and the fields are the warehouse's (code); which header texts name a field,
which columns a template has and which a table needs are the campaign's data (data/forms.yaml,
or forms.yaml in the campaign folder), read by jinxiao.config into the classes below.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMS = ("registry", "plan", "results_may", "results_year")
RESULTS_FORMS = ("results_may", "results_year")
# The forms with a table of activities (a plan is prose and a contact list).
TABLE_FORMS = ("registry", *RESULTS_FORMS)

# A1 of a workbook this project generated: "表单代码：results_may".
MARKER_PREFIX = "表单代码："

# The fields a form's table can map a column to: what the reader, normaliser and warehouse
# know how to read and store. A forms.yaml can name them differently, not add to them.
ACTIVITY_FIELDS = (
    "county", "activity_name", "period", "period_end", "content", "enterprise_count",
    "support_policy", "est_turnover", "actual_period", "actual_turnover", "footfall",
    "voucher_issued", "voucher_redeemed", "category", "seq", "remark", "contact",
)  # fmt: skip
CONTACT_FIELDS = ("name", "title", "phone", "email", "unit")
# The results template's 全市汇总 sheet: the figures the warehouse keeps per city.
CITY_FIGURE_CODES = ("voucher_issued_wan", "voucher_redeemed_wan")


@dataclass(frozen=True)
class FieldSpec:
    field: str
    template_name: str  # the column as the template names it, for messages
    synonyms: tuple[str, ...]  # normalised header texts (no spaces, half-width brackets)
    header: str = ""  # as the template writes it, when that differs (units): "参与企业数量（家）"

    @property
    def written(self) -> str:
        return self.header or self.template_name


# eq=False: specs are built once per campaign and compared by identity; hashing them field
# by field was a fifth of table location's time (they key the per-cell score cache).
@dataclass(frozen=True, eq=False)
class TableSpec:
    label: str  # how messages name the template
    fields: tuple[FieldSpec, ...]
    required: tuple[str, ...]  # without these columns the table is not this form's
    template: tuple[str, ...]  # the template's own columns (missing ones are noted)

    def spec(self, field_name: str) -> FieldSpec:
        return next(f for f in self.fields if f.field == field_name)

    @property
    def header(self) -> tuple[str, ...]:
        """The template's header row, in its column order."""
        return tuple(self.spec(f).written for f in self.template)

    @property
    def labels(self) -> dict[str, str]:
        """Field -> the template's header for it, for messages about a column not written."""
        return {f: self.spec(f).written for f in self.template}


@dataclass(frozen=True, eq=False)
class FormTables:
    """A campaign's forms.yaml: its tables, and the words that tell one form from another."""

    specs: dict[str, TableSpec]  # registry, results_may, results_year
    contacts: TableSpec  # a plan's 联系人名单
    results_marks: tuple[str, ...]  # header texts only the results templates have
    registry_marks: tuple[str, ...]  # … only the registry template has
    may_words: tuple[str, ...]  # a title or file name of the May results
    plan_words: tuple[str, ...]
    results_words: tuple[str, ...]
    registry_words: tuple[str, ...]
    # Words of the headers a clerk keeps when retyping them ("县区", "活动名称", "成交额"): a
    # table in a mail's body with several of them is a form's table, not a signature's layout.
    header_stems: tuple[str, ...]
    city_figures: dict[str, str]  # 全市汇总 label -> one of CITY_FIGURE_CODES

    @property
    def registry(self) -> TableSpec:
        return self.specs["registry"]

    @property
    def registry_header(self) -> tuple[str, ...]:
        return self.registry.header

    @property
    def results_header(self) -> tuple[str, ...]:
        return self.specs["results_may"].header

    @property
    def column_labels(self) -> dict[str, str]:
        """Field -> a template's header for it: a results row's message may name a registry
        column (its estimate), so every table's columns, the results' header last."""
        out: dict[str, str] = {}
        for spec in self.specs.values():
            out |= spec.labels
        return out
