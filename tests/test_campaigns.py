"""Any province, any year (issue 15): a campaign is a folder; a broken one stops at load time.

The fast tests load each packaged campaign and a broken copy of one; the integration tests run
shanxi-2022 and henan-2021 through `make run` (scripts/run.sh: the four DAGs under Airflow) with
JINXIAO_CAMPAIGN=<folder>, each in its own var folder, its own warehouse; the default campaign,
whose `make run` tests/test_make_run.py covers, goes through the command line for the national
intake's second province.
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import run_sh
import yaml

from jinxiao.config import CAMPAIGNS_DIR, DEFAULT_CAMPAIGN_DIR, campaign_path, load_campaign
from jinxiao.domain.errors import ConfigError
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jurisdiction import NATION, campaign_divisions, national_divisions

REPO = Path(__file__).resolve().parents[1]
CAMPAIGNS = sorted(p.name for p in CAMPAIGNS_DIR.iterdir() if p.is_dir())


def test_the_packaged_campaigns_and_the_default():
    assert {"shanxi-2021", "shanxi-2022", "henan-2021"} <= set(CAMPAIGNS)
    assert DEFAULT_CAMPAIGN_DIR.name == "shanxi-2021"
    assert campaign_path("henan-2021") == CAMPAIGNS_DIR / "henan-2021" / "campaign.yaml"
    assert campaign_path(str(CAMPAIGNS_DIR / "henan-2021")).is_file()


@pytest.mark.parametrize("name", CAMPAIGNS)
def test_each_campaign_loads_with_its_counties_and_senders(name):
    campaign = load_campaign(campaign_path(name))
    assert campaign.folder == CAMPAIGNS_DIR / name
    divisions = campaign_divisions(
        campaign.province, tuple((c.code, c.name) for c in campaign.cities)
    )
    assert {d.city_name for d in divisions} == {c.name for c in campaign.cities}
    if campaign.province == NATION:  # the ministry's: its "cities" are the provinces
        assert all(d.province_name == d.city_name for d in divisions)
    else:
        assert all(d.province_name == campaign.province for d in divisions)
    registry = load_sender_registry(campaign.sender_registry, campaign)
    assert {c.name for c in campaign.cities} == set(registry.by_address.values())
    assert campaign.slogan and str(campaign.year) in campaign.name


def test_henan_has_17_cities_and_jiyuan_and_all_their_counties():
    campaign = load_campaign(campaign_path("henan-2021"))
    assert len(campaign.cities) == 18 and campaign.cities[-1].name == "济源市"
    divisions = campaign_divisions(
        campaign.province, tuple((c.code, c.name) for c in campaign.cities)
    )
    table = [d for d in national_divisions() if d.province_name == "河南省"]
    assert sorted(d.code for d in divisions) == sorted(d.code for d in table)
    assert [d.name for d in divisions if d.city_name == "济源市"] == ["济源市"]


def test_shanxi_2022_moves_the_dates_and_the_holidays():
    c21 = load_campaign(campaign_path("shanxi-2021"))
    c22 = load_campaign(campaign_path("shanxi-2022"))
    assert (c22.year, c22.start.year, c22.forms["registry"].deadline.isoformat()) == (
        2022, 2022, "2022-04-22",
    )  # fmt: skip
    assert c22.forms["registry"].deadline != c21.forms["registry"].deadline.replace(year=2022)
    holidays = yaml.safe_load(c22.data_file("holidays.yaml").read_text(encoding="utf-8"))
    assert holidays["years"] == [2022]


def test_each_level_names_its_senders_offices_as_they_are_called():
    """A province writes to its cities' 商务局 as 我厅; the ministry to the provinces' 商务厅
    (Shanghai's and Chongqing's 商务委员会) as 我司 (campaign.yaml `wording`, a city's `office`)."""
    shanxi = load_campaign(campaign_path("shanxi-2021"))
    national = load_campaign(campaign_path("national-2021"))
    assert (shanxi.office_of("太原市"), shanxi.you("太原市"), shanxi.wording.we) == (
        "太原市商务局", "贵局", "我厅",
    )  # fmt: skip
    assert (national.office_of("山西省"), national.you("山西省")) == ("山西省商务厅", "贵厅")
    assert (national.office_of("上海市"), national.you("上海市")) == ("上海市商务委员会", "贵委")
    assert (national.office_of("北京市"), national.you("北京市")) == ("北京市商务局", "贵局")
    assert (national.wording.whole, national.wording.unit, national.wording.we) == (
        "全国", "省", "我司",
    )  # fmt: skip


def _broken(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "campaign"
    folder.mkdir()
    data = yaml.safe_load((DEFAULT_CAMPAIGN_DIR / "campaign.yaml").read_text(encoding="utf-8"))
    edit(data)
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder / "campaign.yaml"


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        # The case: 石家庄市 added to Shanxi's cities. Was corrupt_file + "internal error"
        # per mail; now the load stops and says why.
        (lambda d: d["cities"].append({"code": "1301", "name": "石家庄市"}), "in 河北省, not 山西省"),
        (lambda d: d["cities"].append({"code": "1499", "name": "新市"}), "no such code"),
        (lambda d: d["cities"].__setitem__(0, {"code": "1401", "name": "太原"}), "is 太原市"),
        (lambda d: d["cities"].append({"code": "1401", "name": "太原市"}), "listed twice"),
        (lambda d: d["forms"]["registry"].__setitem__("deadline", "4月23日"), "forms.registry.deadline"),
        (lambda d: d["forms"].pop("plan"), "plan missing"),
        (lambda d: d["forms"].__setitem__("results_june", d["forms"]["plan"]), "'results_june' is not a form"),
        (lambda d: d["forms"]["plan"].pop("title"), "forms.plan.title"),
    ],
)  # fmt: skip
def test_a_broken_campaign_stops_at_load_with_what_to_fix(tmp_path, edit, says):
    path = _broken(tmp_path, edit)
    with pytest.raises(ConfigError) as err:
        load_campaign(path)
    assert str(path) in str(err.value) and says in str(err.value), err.value


def test_a_sender_of_a_city_the_campaign_lacks_stops_at_load(tmp_path):
    campaign = load_campaign(campaign_path("shanxi-2021"))
    senders = tmp_path / "senders.csv"
    senders.write_text("city_name,email\n石家庄市,swj@sjz.example\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2: '石家庄市' is not a city of the campaign"):
        load_sender_registry(senders, campaign)


def _body(raw: str) -> str:
    msg = email.message_from_string(raw, policy=email.policy.default)
    part = msg.get_body(("plain",))
    return part.get_content() if part is not None else ""


def _first_county(city: str) -> str:
    return next(d.name for d in national_divisions() if city in (d.city_name, d.name))


def _cli_env(name: str, root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "JINXIAO_"))}
    env.update(
        PYTHONPATH=str(REPO / "src"),
        JINXIAO_CAMPAIGN=name,
        JINXIAO_REPORT_PDF="off",
        GX_ANALYTICS_ENABLED="False",
        OUTPUT_DIR=str(root / "out"),
        ARCHIVE_DIR=str(root / "archive"),
        AIRFLOW_CONN_SUBMISSION_MAILBOX=json.dumps(
            {"conn_type": "fs", "extra": {"path": str(root / "Maildir")}}
        ),
        AIRFLOW_CONN_WAREHOUSE=json.dumps({"conn_type": "sqlite", "host": str(root / "wh.db")}),
    )
    return env


def _cli(env: dict[str, str], *args: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "jinxiao.cli", *args],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, (args, out.stdout[-2000:], out.stderr[-3000:])


def _run_campaign(name: str, root: Path) -> dict[str, Path]:
    """The demo, intake and June 1 report of one campaign through the command line."""
    env = _cli_env(name, root)
    for args in (["demo", "--maildir", str(root / "Maildir")], ["intake"], ["report", "june1"]):
        _cli(env, *args)
    return {"out": root / "out", "db": root / "wh.db"}


def _make_run(name: str, root: Path) -> dict[str, Path]:
    """`JINXIAO_CAMPAIGN=<name> JINXIAO_VAR_DIR=<root> make run`, as the README says."""
    # PDFs are LibreOffice's, tested in test_gongwen (A4 pages); here they would only cost minutes.
    run_sh.make_run(root, JINXIAO_CAMPAIGN=name, JINXIAO_REPORT_PDF="off")
    return {"out": root / "output", "db": root / "warehouse.db"}


@pytest.fixture(scope="module")
def campaign_runs(tmp_path_factory):
    """Each campaign run once for the module: name -> its output folder and warehouse."""
    runs: dict[str, dict[str, Path]] = {}

    def run(name: str) -> dict[str, Path]:
        if name not in runs:
            how = _run_campaign if name == DEFAULT_CAMPAIGN_DIR.name else _make_run
            runs[name] = how(name, tmp_path_factory.mktemp(name))
        return runs[name]

    return run


@pytest.mark.integration
@pytest.mark.parametrize("name", ["shanxi-2022", "henan-2021"])
def test_another_campaign_runs_end_to_end(name, campaign_runs):
    campaign = load_campaign(campaign_path(name))
    run = campaign_runs(name)
    db = sqlite3.connect(run["db"])
    outcomes = dict(db.execute("SELECT outcome, COUNT(*) FROM message GROUP BY outcome").fetchall())
    n = len(campaign.cities)
    # Every city's registry but the scan's, the scan's table, the correction, the results.
    assert outcomes == {"accepted": n + 2, "rejected": 1, "quarantined": 1}, outcomes
    status = dict(
        db.execute("SELECT city_name, status FROM v_city_status WHERE form = 'registry'").fetchall()
    )
    assert set(status) == {c.name for c in campaign.cities}
    assert set(status.values()) <= {"on_time", "late"} and list(status.values()).count("late") == 1
    # Activities are read in the campaign's year and counted in its own province's counties.
    years = {
        r[0][:4] for r in db.execute("SELECT start_date FROM activity WHERE start_date IS NOT NULL")
    }
    assert years == {str(campaign.year)}
    counties = {r[0] for r in db.execute("SELECT DISTINCT county_code FROM activity_county")}
    assert counties and all(c.startswith(campaign.cities[0].code[:2]) for c in counties)
    # The held city was told which row and what to write, in Chinese.
    held_city = campaign.cities[1].name
    held = db.execute(
        "SELECT sheet, excel_row, row_raw FROM held_row WHERE city_name = ?", (held_city,)
    ).fetchall()
    assert [(h[1], json.loads(h[2])["参加县区"]) for h in held] == [(5, "开发区")]
    raws = db.execute(
        "SELECT raw_message FROM outbox WHERE kind = 'reply' AND city_name = ?", (held_city,)
    ).fetchall()
    bodies = [_body(r[0]) for r in raws]
    example = _first_county(held_city)
    assert any(
        "第5行“参加县区”中的“开发区”" in b and f"的县（市、区）为：{example}、" in b for b in bodies
    ), bodies
    # The results of May went into the June 1 report, and the roll-up lists every city.
    report = json.loads(
        (run["out"] / f"{campaign.code}_june1_{campaign.june1_as_of}.json").read_text("utf-8")
    )
    assert report
    rollup = run["out"] / f"{campaign.code}_rollup_{campaign.june1_as_of}.xlsx"
    import openpyxl

    cells = {
        str(c.value)
        for ws in openpyxl.load_workbook(rollup).worksheets
        for row in ws.iter_rows()
        for c in row
    }
    assert {c.name for c in campaign.cities} <= cells
    with (CAMPAIGNS_DIR / name / "senders.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) >= n


@pytest.mark.integration
def test_the_provinces_roll_ups_go_up_to_a_national_intake(campaign_runs, tmp_path):
    """One level up (issue 15 item 5): two provinces mail their 附件2 汇总 to the ministry,
    whose campaign has the provinces as its cities; the same views count them."""
    from jinxiao.intake.mailbox import write_maildir_message
    from jinxiao.samples import mail as m

    national = load_campaign(campaign_path("national-2021"))
    sent: dict[str, int] = {}
    root = tmp_path / "national"
    for n, name in enumerate(("shanxi-2021", "henan-2021")):
        province = load_campaign(campaign_path(name))
        run = campaign_runs(name)
        rollup = run["out"] / f"{province.code}_rollup_{province.june1_as_of}.xlsx"
        with sqlite3.connect(run["db"]) as db:
            sent[province.province] = db.execute(
                "SELECT activities FROM v_province_summary"
            ).fetchone()[0]
        when = dt.datetime.combine(national.forms["registry"].deadline, dt.time(9 + n), national.tz)
        raw = m.build_email(
            province.mail_from, f"{province.province}关于报送全国消费促进月活动名录汇总表的函",
            [(rollup.name, rollup.read_bytes())], date=when,
            message_id=f"rollup-{province.code}@{province.mail_from.split('@')[1]}",
        )  # fmt: skip
        write_maildir_message(root / "Maildir", raw, name=f"{int(when.timestamp())}.M0P0.{name}")
    env = _cli_env("national-2021", root)
    _cli(env, "intake")
    _cli(env, "report", "june1")
    db = sqlite3.connect(root / "wh.db")
    status = dict(db.execute("SELECT city_name, status FROM v_city_status WHERE form = 'registry'"))
    assert len(status) == 31
    assert status["山西省"] == status["河南省"] == "on_time"
    assert {s for c, s in status.items() if c not in sent} == {"missing"}
    # Every province activity the province's own warehouse counted arrives, in its province.
    got = dict(db.execute("SELECT city_name, activities FROM v_city_summary WHERE activities > 0"))
    assert got == sent, (got, sent)
    codes = db.execute(
        "SELECT a.city_name, c.county_code FROM activity a JOIN activity_county c USING (activity_id)"
    ).fetchall()
    prefix = {"山西省": "14", "河南省": "41"}
    assert codes and all(code.startswith(prefix[city]) for city, code in codes)
    rollup = root / "out" / f"{national.code}_rollup_{national.june1_as_of}.xlsx"
    import openpyxl

    texts = {str(c.value) for ws in openpyxl.load_workbook(rollup) for r in ws.iter_rows()
             for c in r if c.value}  # fmt: skip
    assert "全国合计" in texts and not any("全省" in t or "各市" in t for t in texts)
    # The provinces are written to as 商务厅 by 我司, their county names read by prefecture:
    # the roll-up's “太原市（8项）” rows head groups, not activities cut short.
    bodies = {
        city: _body(raw)
        for city, raw in db.execute(
            "SELECT city_name, raw_message FROM outbox WHERE kind = 'reply'"
        )
    }
    for province in sent:
        body = bodies[province]
        assert body.startswith(f"{province}商务厅：") and "贵厅" in body, body
        assert "商务局" not in body and "我厅" not in body and "未作为活动读取" not in body, body
    # 城区 is 阳泉's under 阳泉市 and 晋城's under 晋城市: the province's own count holds.
    with sqlite3.connect(campaign_runs("shanxi-2021")["db"]) as own:
        counties = own.execute("SELECT counties FROM v_province_summary").fetchone()[0]
    assert (
        db.execute("SELECT counties FROM v_city_summary WHERE city_name = '山西省'").fetchone()[0]
        == counties
    )
