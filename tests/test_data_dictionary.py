"""The data dictionary (sql/dictionary.yaml) describes exactly the warehouse: every table, view
and column of a freshly migrated one and nothing else; its page is its rendering; its coded
columns hold only its codes, which are the code's own; on PostgreSQL it is the comments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import get_args

import pytest
import yaml
from sqlalchemy import Engine, inspect, text

from jinxiao.config import load_campaign
from jinxiao.domain import labels, models
from jinxiao.domain.forms import FORMS
from jinxiao.normalise.values import county_table
from jinxiao.warehouse import ddl
from jinxiao.warehouse.connection import WarehouseConfig, connect, migrate
from jinxiao.warehouse.dictionary import (
    DICTIONARY_PATH,
    Dictionary,
    apply_comments,
    column_comment,
    load_dictionary,
    relation_comment,
    render_markdown,
)

CITY_FIGURES = load_campaign().tables.city_figures

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "data-dictionary.md"


def _warehouse_columns(engine: Engine, skipped: set[str]) -> dict[str, list[str]]:
    insp = inspect(engine)
    names = [*insp.get_table_names(), *insp.get_view_names()]
    return {n: [c["name"] for c in insp.get_columns(n)] for n in names if n not in skipped}


def _gaps(d: Dictionary, actual: dict[str, list[str]]) -> list[str]:
    """What the warehouse has and the dictionary lacks, and the other way round."""
    documented = {r.name: r.column_names for r in d.relations}
    gaps = [f"undocumented relation {n}" for n in actual if n not in documented]
    gaps += [f"documented but not in the warehouse: {n}" for n in documented if n not in actual]
    for name, columns in actual.items():
        known = documented.get(name, ())
        gaps += [f"undocumented column {name}.{c}" for c in columns if known and c not in known]
        gaps += [
            f"documented but not in the warehouse: {name}.{c}" for c in known if c not in columns
        ]
    return gaps


@pytest.fixture
def sqlite_engine(sqlite_warehouse, campaign):
    engine = connect(sqlite_warehouse)
    migrate(engine, campaign, county_table())
    yield engine
    engine.dispose()


def test_every_table_view_and_column_of_a_fresh_warehouse_is_documented(sqlite_engine):
    d = load_dictionary()
    actual = _warehouse_columns(sqlite_engine, {name for name, _ in d.skipped})
    gaps = _gaps(d, actual)
    assert not gaps, "describe them in src/jinxiao/sql/dictionary.yaml:\n" + "\n".join(gaps)
    # Not vacuous: the warehouse has its views, and the check looked at them.
    assert {"v_submission", "v_results_city_summary", "v_run_metrics"} <= set(actual)
    assert len(d.views) == len(inspect(sqlite_engine).get_view_names())


def test_an_undocumented_view_column_or_a_stale_one_is_a_gap(sqlite_engine):
    d = load_dictionary()
    actual = _warehouse_columns(sqlite_engine, {name for name, _ in d.skipped})
    view = d.relation("v_city_status")
    fewer = dataclasses.replace(view, columns=view.columns[:-1])
    missing = dataclasses.replace(d, views=tuple(fewer if v is view else v for v in d.views))
    assert _gaps(missing, actual) == [f"undocumented column v_city_status.{view.columns[-1].name}"]
    ghost = dataclasses.replace(view.columns[0], name="no_such_column")
    more = dataclasses.replace(view, columns=(*view.columns, ghost))
    extra = dataclasses.replace(d, views=tuple(more if v is view else v for v in d.views))
    assert _gaps(extra, actual) == [
        "documented but not in the warehouse: v_city_status.no_such_column"
    ]


def test_the_page_is_the_rendering_of_the_yaml():
    assert PAGE.read_text(encoding="utf-8") == render_markdown(), (
        "docs/data-dictionary.md is stale: run `python -m jinxiao.warehouse.dictionary`"
    )


def test_the_page_has_every_relation_column_and_the_worked_trace_query():
    page = render_markdown()
    d = load_dictionary()
    for rel in d.relations:
        assert f"### `{rel.name}`" in page
        for col in rel.columns:
            assert f"| `{col.name}` | {col.type} |" in page, f"{rel.name}.{col.name}"
    assert "## Tracing a number to its email, file, sheet and Excel row" in page
    assert d.trace_query in page


def _codes(d: Dictionary, vocab: str) -> list[str]:
    return list(d.vocabularies[vocab].code_names)


def _zh(d: Dictionary, vocab: str) -> dict[str, str]:
    return {c.code: c.zh for c in d.vocabularies[vocab].codes}


def test_the_vocabularies_are_the_codes_of_the_code_and_config(campaign):
    d = load_dictionary()
    assert _zh(d, "outcome") == labels.OUTCOME_ZH
    assert _codes(d, "outcome") == list(get_args(models.Outcome))
    assert _zh(d, "reason_class") == labels.REASON_ZH
    assert _codes(d, "reason_class") == list(get_args(models.ReasonClass))
    assert _codes(d, "form") == list(FORMS) == list(get_args(models.Form))
    assert _zh(d, "form") == labels.FORM_LABELS
    assert _zh(d, "severity") == labels.SEVERITY_ZH
    assert _codes(d, "severity") == list(get_args(models.Severity))
    assert _codes(d, "category") == list(campaign.all_categories)
    assert _codes(d, "city_figure") == list(CITY_FIGURES.values())
    # v_city_status says three of the 报送情况 table's states; their labels are the table's.
    statuses = _zh(d, "city_status")
    assert set(statuses) == {"on_time", "late", "missing"}
    assert statuses == {k: labels.STATUS_LABELS[k] for k in statuses}


def _contract_views() -> set[str]:
    contract = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    interfaces = contract.split("## 3. Interfaces", 1)[1]
    return set(re.findall(r"^  - `(v_[a-z_]+)`:", interfaces, flags=re.MULTILINE))


def test_the_contract_views_are_the_ones_docs_contract_names():
    d = load_dictionary()
    named = _contract_views()
    assert len(named) == 7
    assert {v.name for v in d.views if v.contract} == named


def test_each_view_reads_what_its_sql_selects_from(sqlite_engine):
    d = load_dictionary()
    with sqlite_engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'view'")
        sql = {name: body for name, body in rows}
    for view in d.views:
        selected = set(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)", sql[view.name]))
        assert set(view.reads) == selected, view.name


def test_the_readme_lists_every_view_and_points_to_the_dictionary():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/data-dictionary.md" in readme
    for view in load_dictionary().views:
        assert re.search(rf"^\| `{view.name}` \|", readme, flags=re.MULTILINE), view.name


def test_a_description_is_one_line_of_plain_text_and_coded_columns_name_their_codes():
    d = load_dictionary()
    for rel in d.relations:
        assert rel.description and "\n" not in rel.description
        for col in rel.columns:
            assert len(col.description) > 5, f"{rel.name}.{col.name}"
            if col.values:
                comment = column_comment(d, col)
                assert all(c.code in comment for c in d.allowed(col))
    # Money and counts name their unit.
    for rel in d.relations:
        for col in rel.columns:
            if col.name.endswith(("_wan", "_yi")) and col.type == "number":
                assert col.unit in ("万元", "万人次", "亿元"), f"{rel.name}.{col.name}"


# ---------------------------------------------------------------------------------------------
# PostgreSQL: the comments


_PG_TYPES = {
    "text": {"text"},
    "integer": {"integer", "bigint"},
    "number": {"numeric"},
    "date": {"date"},
    "timestamp": {"timestamp with time zone"},
    "json": {"jsonb"},
}


def _yaml_text() -> dict:
    return yaml.safe_load(DICTIONARY_PATH.read_text(encoding="utf-8"))


def test_on_postgresql_the_comments_are_the_dictionary(pg_warehouse, campaign):
    engine = connect(pg_warehouse)
    migrate(engine, campaign, county_table())
    d, raw = load_dictionary(), _yaml_text()
    with engine.connect() as conn:
        relations = dict(
            conn.execute(
                text(
                    "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c "
                    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v')"
                )
            ).all()
        )
        columns = {
            (t, c): (desc, typ)
            for t, c, desc, typ in conn.execute(
                text(
                    "SELECT table_name, column_name, "
                    "col_description((quote_ident(table_name))::regclass, ordinal_position), "
                    "data_type FROM information_schema.columns WHERE table_schema = current_schema()"
                )
            ).all()
        }
        usage = conn.execute(
            text(
                "SELECT view_name, table_name FROM information_schema.view_table_usage "
                "WHERE view_schema = current_schema()"
            )
        ).all()
    for rel in d.relations:
        section = raw["tables" if rel.kind == "table" else "views"][rel.name]
        assert relations[rel.name] == relation_comment(rel)
        assert relations[rel.name].startswith(" ".join(section["description"].split()))
        for col in rel.columns:
            desc, typ = columns[rel.name, col.name]
            assert desc == column_comment(d, col), f"{rel.name}.{col.name}"
            assert desc.startswith(section["columns"][col.name]["description"])
            assert typ in _PG_TYPES[col.type], f"{rel.name}.{col.name} is {typ}, not {col.type}"
    reads: dict[str, set[str]] = {}
    for view, table in usage:
        reads.setdefault(view, set()).add(table)
    assert reads == {v.name: set(v.reads) for v in d.views}
    engine.dispose()


def test_on_postgresql_comments_survive_recreated_views_and_quote_safely(pg_warehouse, campaign):
    engine = connect(pg_warehouse)
    migrate(engine, campaign, county_table())
    d = load_dictionary()
    with engine.begin() as conn:
        ddl.upgrade(conn)  # drops and recreates every view
    with engine.connect() as conn:
        got = conn.execute(
            text("SELECT obj_description('v_city_status'::regclass, 'pg_class')")
        ).scalar()
    assert got == relation_comment(d.relation("v_city_status"))
    # Quotes, percent signs and colons reach the database as written.
    city = d.relation("city")
    odd = dataclasses.replace(city, description="it's 100% :city_name; -- not SQL")
    with engine.begin() as conn:
        ran = apply_comments(conn, dataclasses.replace(d, tables=(odd,), views=()))
        got = conn.execute(text("SELECT obj_description('city'::regclass, 'pg_class')")).scalar()
    assert ran == 1 + len(city.columns)
    assert got == "it's 100% :city_name; -- not SQL"
    engine.dispose()


# ---------------------------------------------------------------------------------------------
# A loaded warehouse: the codes found are the documented ones; the trace query adds up


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory) -> Engine:
    """The demo mailbox through the real intake (collect, process, nightly snapshot)."""
    from jinxiao.intake.mailbox import MailboxConfig
    from jinxiao.jobs.demo import write_demo_maildir
    from jinxiao.jobs.settings import Settings
    from jinxiao.jobs.tasks import collect_mail, process_messages, reconcile

    root = tmp_path_factory.mktemp("demo")
    write_demo_maildir(root / "md")
    settings = Settings(
        mailbox=MailboxConfig(kind="maildir", path=str(root / "md")),
        warehouse=WarehouseConfig("sqlite", path=str(root / "w.db")),
        sender_registry=REPO / "config" / "senders.csv",
        output_dir=root / "out",
        archive_dir=root / "archive",
    )
    collect_mail(settings, "dictionary-test")
    process_messages(settings, "dictionary-test")
    reconcile(settings, dt.datetime(2021, 6, 2, tzinfo=dt.UTC))
    engine = connect(settings.warehouse)
    yield engine
    engine.dispose()


def _as_code(value: object) -> str:
    return str(int(value)) if isinstance(value, int | float | Decimal) else str(value)


@pytest.mark.integration
def test_a_loaded_warehouse_holds_only_documented_codes(demo_warehouse):
    d = load_dictionary()
    checked = 0
    with demo_warehouse.connect() as conn:
        for rel in d.relations:
            for col in (c for c in rel.columns if c.values):
                found = conn.execute(
                    text(
                        f'SELECT DISTINCT "{col.name}" FROM "{rel.name}" WHERE "{col.name}" IS NOT NULL'
                    )
                ).scalars()
                allowed = {c.code for c in d.allowed(col)}
                odd = {_as_code(v) for v in found} - allowed
                assert not odd, f"{rel.name}.{col.name} holds {odd}, documented {sorted(allowed)}"
                checked += 1
        # The demo exercises the main vocabularies (not a vacuous pass).
        outcomes = set(conn.execute(text("SELECT DISTINCT outcome FROM v_submission")).scalars())
        sources = set(conn.execute(text("SELECT DISTINCT category_source FROM activity")).scalars())
    assert checked >= 25
    assert {"accepted", "rejected", "quarantined", "duplicate", "ignored"} <= outcomes
    assert sources  # the demo gives no 类别 column: every row is classified by rule


@pytest.mark.integration
def test_the_worked_trace_query_adds_up_to_the_city_summary(demo_warehouse):
    d = load_dictionary()
    with demo_warehouse.connect() as conn:
        rows = conn.execute(text(d.trace_query), {"city": d.trace_city}).mappings().all()
        summary = conn.execute(
            text("SELECT activities, est_turnover_yi FROM v_city_summary WHERE city_name = :c"),
            {"c": d.trace_city},
        ).one()
    assert len(rows) == summary.activities > 0
    total = sum(
        Decimal(str(r["est_turnover_wan"])) for r in rows if r["est_turnover_wan"] is not None
    )
    assert round(total / 10000, 6) == round(Decimal(str(summary.est_turnover_yi)), 6)
    for r in rows:
        # Each row leads to a real file and a real email in the archive, and to a sheet row.
        assert Path(r["file_in_archive"]).is_file() and Path(r["email_in_archive"]).is_file()
        assert r["sheet"] and r["excel_row"] > 1 and r["message_id"]
