"""The warehouse's data dictionary: sql/dictionary.yaml, the one source of what every table,
view and column means, rendered as docs/data-dictionary.md and applied on PostgreSQL as
COMMENT ON TABLE/VIEW/COLUMN (so `\\d+` in psql and BI tools show the same words).

`python -m jinxiao.warehouse.dictionary` (or `jinxiao dictionary`) rewrites the page;
`--check` only says whether it is stale.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import Connection

from jinxiao.config import SQL_DIR

log = logging.getLogger(__name__)
DICTIONARY_PATH = SQL_DIR / "dictionary.yaml"
DEFAULT_PAGE = Path("docs") / "data-dictionary.md"
GENERATOR = "python -m jinxiao.warehouse.dictionary"


@dataclass(frozen=True)
class Code:
    code: str
    zh: str
    meaning: str


@dataclass(frozen=True)
class Vocabulary:
    name: str
    source: str
    codes: tuple[Code, ...]

    @property
    def code_names(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    zh: str | None = None
    unit: str | None = None
    values: str | None = None  # a vocabulary's name
    subset: tuple[str, ...] = ()  # the vocabulary's codes that occur here, when not all do


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # "table" or "view"
    description: str
    columns: tuple[Column, ...]
    reads: tuple[str, ...] = ()  # views: the tables and views it selects from
    contract: bool = False  # views: part of the external contract (CONTRACT §3)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class TypeSpec:
    name: str
    postgresql: str
    sqlite: str
    meaning: str


@dataclass(frozen=True)
class Dictionary:
    title: str
    types: tuple[TypeSpec, ...]
    skipped: tuple[tuple[str, str], ...]
    vocabularies: dict[str, Vocabulary]
    tables: tuple[Relation, ...]
    views: tuple[Relation, ...]
    trace_city: str
    trace_query: str

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.tables + self.views

    def relation(self, name: str) -> Relation:
        return {r.name: r for r in self.relations}[name]

    def allowed(self, column: Column) -> tuple[Code, ...]:
        """The codes a coded column may hold (its subset, else the whole vocabulary)."""
        if column.values is None:
            return ()
        codes = self.vocabularies[column.values].codes
        return tuple(c for c in codes if not column.subset or c.code in column.subset)


def _column(name: str, spec: dict) -> Column:
    return Column(
        name=name,
        type=spec["type"],
        description=" ".join(str(spec["description"]).split()),
        zh=spec.get("zh"),
        unit=spec.get("unit"),
        values=spec.get("values"),
        subset=tuple(str(c) for c in spec.get("subset", ())),
    )


def _relation(name: str, kind: str, spec: dict) -> Relation:
    return Relation(
        name=name,
        kind=kind,
        description=" ".join(str(spec["description"]).split()),
        columns=tuple(_column(c, s) for c, s in spec["columns"].items()),
        reads=tuple(spec.get("reads", ())),
        contract=bool(spec.get("contract", False)),
    )


def _vocabulary(name: str, spec: dict) -> Vocabulary:
    codes = tuple(
        Code(str(code), str(c["zh"]), " ".join(str(c["meaning"]).split()))
        for code, c in spec["codes"].items()
    )
    return Vocabulary(name, str(spec["source"]), codes)


def parse_dictionary(data: dict) -> Dictionary:
    """The dictionary from its YAML's data; a reference to nothing fails here, not in a test."""
    d = Dictionary(
        title=data["title"],
        types=tuple(
            TypeSpec(n, s["postgresql"], s["sqlite"], " ".join(s["meaning"].split()))
            for n, s in data["types"].items()
        ),
        skipped=tuple((str(k), str(v)) for k, v in data["skipped"].items()),
        vocabularies={n: _vocabulary(n, s) for n, s in data["vocabularies"].items()},
        tables=tuple(_relation(n, "table", s) for n, s in data["tables"].items()),
        views=tuple(_relation(n, "view", s) for n, s in data["views"].items()),
        trace_city=data["trace"]["city"],
        trace_query=data["trace"]["query"].strip(),
    )
    _check_references(d)
    return d


def _check_references(d: Dictionary) -> None:
    types = {t.name for t in d.types}
    names = {r.name for r in d.relations}
    for rel in d.relations:
        for col in rel.columns:
            where = f"{rel.name}.{col.name}"
            if col.type not in types:
                raise ValueError(f"{where}: type {col.type!r} is not one of {sorted(types)}")
            if col.values is not None and col.values not in d.vocabularies:
                raise ValueError(f"{where}: no vocabulary {col.values!r}")
            if col.subset and col.values is None:
                raise ValueError(f"{where}: a subset needs `values`")
            if col.subset and not set(col.subset) <= set(
                d.vocabularies[col.values or ""].code_names
            ):
                raise ValueError(f"{where}: subset {col.subset} not in {col.values}")
        for read in rel.reads:
            if read not in names:
                raise ValueError(f"{rel.name} reads {read!r}, which the dictionary does not name")


def load_dictionary(path: Path | None = None) -> Dictionary:
    if path is None:
        return _default_dictionary()
    return parse_dictionary(yaml.safe_load(path.read_text(encoding="utf-8")))


@functools.cache
def _default_dictionary() -> Dictionary:
    return parse_dictionary(yaml.safe_load(DICTIONARY_PATH.read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------------------------
# PostgreSQL comments


def column_comment(d: Dictionary, column: Column) -> str:
    """What COMMENT ON COLUMN says: the description, then the Chinese term, unit and codes."""
    parts = [column.description]
    if column.zh:
        parts.append(f"中文：{column.zh}。")
    if column.unit:
        parts.append(f"Unit: {column.unit}.")
    if allowed := d.allowed(column):
        parts.append("Values: " + ", ".join(f"{c.code} ({c.zh})" for c in allowed) + ".")
    return " ".join(parts)


def relation_comment(relation: Relation) -> str:
    if relation.kind == "table":
        return relation.description
    scope = "External contract view (CONTRACT §3)." if relation.contract else "Internal view."
    return f"{relation.description} {scope} Reads: {', '.join(relation.reads)}."


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_statements(d: Dictionary, present: set[tuple[str, str]] | None = None) -> list[str]:
    """COMMENT ON statements for every relation and column; with `present` ((relation, column)
    pairs, column "" for the relation itself) only for those the database has."""
    out = []
    for rel in d.relations:
        kind = "TABLE" if rel.kind == "table" else "VIEW"
        if present is None or (rel.name, "") in present:
            out.append(f'COMMENT ON {kind} "{rel.name}" IS {_literal(relation_comment(rel))}')
        for col in rel.columns:
            if present is None or (rel.name, col.name) in present:
                comment = _literal(column_comment(d, col))
                out.append(f'COMMENT ON COLUMN "{rel.name}"."{col.name}" IS {comment}')
    return out


def _present(conn: Connection) -> set[tuple[str, str]]:
    rows = conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    ).all()
    return {(t, c) for t, c in rows} | {(t, "") for t, _ in rows}


_DO_TAG = "$jinxiao_comments$"


def apply_comments(conn: Connection, d: Dictionary | None = None) -> int:
    """COMMENT ON every table, view and column, in the caller's transaction; PostgreSQL only
    (SQLite has no comments). Returns how many statements ran.

    What the dictionary names but the database lacks is skipped with a warning, not an error:
    a stale description must not stop a warehouse from migrating (the dictionary test fails).
    """
    if conn.dialect.name != "postgresql":
        return 0
    d = d or load_dictionary()
    present = _present(conn)
    missing = [
        f"{r.name}.{c.name}"
        for r in d.relations
        for c in r.columns
        if (r.name, c.name) not in present
    ]
    if missing:
        log.warning("data dictionary names what the warehouse lacks: %s", ", ".join(missing))
    statements = comment_statements(d, present)
    if not statements:
        return 0
    body = ";\n".join(statements)
    if _DO_TAG in body:
        raise ValueError(f"a description contains {_DO_TAG}, which quotes the comments block")
    # One DO block, one round trip: a statement each took ~1 ms, 0.3 s per upgrade.
    # The driver reads % as a placeholder even without parameters; comments have no binds.
    conn.exec_driver_sql(f"DO {_DO_TAG} BEGIN\n{body};\nEND {_DO_TAG}".replace("%", "%%"))
    return len(statements)


# ---------------------------------------------------------------------------------------------
# Markdown


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _anchor(kind: str, name: str) -> str:
    return f"{kind}-{name.replace('_', '-')}"


def _values_cell(d: Dictionary, column: Column) -> str:
    if column.values is None:
        return ""
    codes = ", ".join(f"`{c.code}`" for c in d.allowed(column))
    return f"[{column.values}](#{_anchor('vocab', column.values)}): {codes}"


def _meaning_cell(column: Column) -> str:
    zh = f"**{column.zh}** — " if column.zh else ""
    return _cell(zh + column.description)


def _columns_table(d: Dictionary, rel: Relation) -> list[str]:
    lines = ["| column | type | unit | meaning | allowed values |", "|---|---|---|---|---|"]
    for col in rel.columns:
        lines.append(
            f"| `{col.name}` | {col.type} | {_cell(col.unit)} | {_meaning_cell(col)} "
            f"| {_values_cell(d, col)} |"
        )
    return lines


def _relation_section(d: Dictionary, rel: Relation) -> list[str]:
    lines = [f'<a id="{_anchor(rel.kind, rel.name)}"></a>', "", f"### `{rel.name}`", ""]
    if rel.kind == "view":
        scope = (
            "**external contract** (CONTRACT §3, [docs/contract.md](contract.md)): named "
            "columns keep their names and meaning; columns may be added"
            if rel.contract
            else "**internal**: may change with the code that reads it"
        )
        reads = ", ".join(f"[`{r}`](#{_anchor(d.relation(r).kind, r)})" for r in rel.reads)
        lines += [f"{rel.description}", "", f"- Scope: {scope}.", f"- Reads: {reads}.", ""]
    else:
        lines += [rel.description, ""]
    return lines + _columns_table(d, rel) + [""]


def _views_overview(d: Dictionary) -> list[str]:
    lines = ["| view | scope | reads | what |", "|---|---|---|---|"]
    for v in d.views:
        scope = "contract" if v.contract else "internal"
        reads = ", ".join(f"`{r}`" for r in v.reads)
        lines.append(
            f"| [`{v.name}`](#{_anchor('view', v.name)}) | {scope} | {reads} "
            f"| {_cell(v.description)} |"
        )
    return lines


def _types_table(d: Dictionary) -> list[str]:
    lines = ["| type | PostgreSQL | SQLite | meaning |", "|---|---|---|---|"]
    for t in d.types:
        lines.append(f"| {t.name} | {t.postgresql} | {t.sqlite} | {_cell(t.meaning)} |")
    return lines


def _vocabulary_section(vocab: Vocabulary) -> list[str]:
    lines = [
        f'<a id="{_anchor("vocab", vocab.name)}"></a>',
        "",
        f"### `{vocab.name}`",
        "",
        f"Source: {vocab.source}.",
        "",
        "| code | 中文 | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{c.code}` | {_cell(c.zh)} | {_cell(c.meaning)} |" for c in vocab.codes]
    return lines + [""]


_CONVENTIONS = """\
- **Times** are stored in UTC. Beijing time is UTC+08:00: on PostgreSQL
  `received_at AT TIME ZONE 'Asia/Shanghai'`; on SQLite `datetime(received_at, '+8 hours')`.
  A deadline is met when `received_at` (the province mailbox's arrival time, never the
  sender's Date header) is at or before the deadline day's 23:59:59 +08:00.
- **Money** is in 万元 in columns ending `_wan` and in 亿元 in columns ending `_yi`
  (1 亿元 = 10000 万元); **visitor numbers** (`footfall_wan`) in 万人次.
- **Unknown is NULL, never 0**: a city's “/”, “—”, “不详”, “无” or blank cell is NULL, and sums
  add the known values only (the `unknown_*` columns count the rest).
- **What the city wrote** is kept beside each normalised value in the `*_raw` column, and
  every activity row keeps its message, file, sheet and Excel row.
- **Current** means the one submission per city and form with outcome `accepted`; a later
  arrival of the same city and form supersedes it (`submission.superseded_by`).
- The same views, with the same columns, exist on PostgreSQL and SQLite."""


def _trace_section(d: Dictionary) -> list[str]:
    return [
        "## Tracing a number to its email, file, sheet and Excel row",
        "",
        "Every figure in the views is a count or sum of `activity` rows of accepted submissions",
        "(and, for the results views' voucher totals, of `city_figure`). Each activity row",
        "names the sheet and Excel row it was read from; its `submission` names the file",
        "(`filename`, where it sat in the message: `attachment_path`, and its archived copy:",
        "`archive_path`); the submission's `message` names the email (`message_id`, `sender`,",
        "`subject`, `received_at`, and the archived raw email: `archive_path`, an `.eml` file).",
        "",
        f"Worked example: where does {d.trace_city}'s `est_turnover_yi` in `v_city_summary`",
        f"come from? List the rows it adds up, with their origin (`:city` = '{d.trace_city}'):",
        "",
        "```sql",
        d.trace_query,
        "```",
        "",
        "`SUM(est_turnover_wan) / 10000` over these rows is the city's `est_turnover_yi`; a row",
        "whose `est_turnover_wan` is NULL is one the city left unknown (its `est_turnover_raw`",
        "shows what it wrote). Open the file at `file_in_archive`, go to `sheet`, row",
        "`excel_row`: that is the cell the number came from. For a results figure use",
        "`s.form = 'results_may'` (or `'results_year'`) and the `actual_turnover_*`,",
        "`footfall_*` or `voucher_*` columns; `v_results_current` and `v_registry_current`",
        "already carry `activity_id`, `sheet` and `excel_row`, so",
        "`JOIN activity a USING (activity_id)` from them reaches the same submission and message.",
        "",
        "To see why a city's earlier file no longer counts: `SELECT submission_id, filename,",
        "outcome, superseded_by, received_at FROM submission WHERE city_name = :city AND",
        "form = 'registry' ORDER BY received_at` — each superseded row names the submission",
        "that replaced it.",
        "",
    ]


def render_markdown(d: Dictionary | None = None) -> str:
    """docs/data-dictionary.md, from the dictionary (by default sql/dictionary.yaml)."""
    d = d or load_dictionary()
    n_columns = sum(len(r.columns) for r in d.relations)
    lines = [
        f"# {d.title}",
        "",
        f"<!-- Generated from src/jinxiao/sql/dictionary.yaml by `{GENERATOR}`; "
        "edit the YAML, not this page. -->",
        "",
        f"{len(d.tables)} tables, {len(d.views)} views, {n_columns} columns. Generated from",
        f"`src/jinxiao/sql/dictionary.yaml` by `{GENERATOR}` (or `jinxiao dictionary`);",
        "on PostgreSQL the same words are the tables', views' and columns' comments",
        "(`\\d+ v_city_status` in psql, `col_description()`). The external contract is",
        "[docs/contract.md](contract.md).",
        "",
        "## Conventions",
        "",
        _CONVENTIONS,
        "",
        "Types:",
        "",
        *_types_table(d),
        "",
        "## Views",
        "",
        *_views_overview(d),
        "",
        *_trace_section(d),
        "## Views, column by column",
        "",
    ]
    for view in d.views:
        lines += _relation_section(d, view)
    lines += ["## Tables", ""]
    for table in d.tables:
        lines += _relation_section(d, table)
    lines += ["## Allowed values", ""]
    for vocab in d.vocabularies.values():
        lines += _vocabulary_section(vocab)
    lines += ["## Not described", "", "Bookkeeping tables with no business data:", ""]
    lines += [f"- `{name}`: {why}" for name, why in d.skipped]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=GENERATOR, description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_PAGE, help="the page to write")
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    args = parser.parse_args(argv)
    page = render_markdown()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != page:
            print(f"{args.out} is stale: run `{GENERATOR}`", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
