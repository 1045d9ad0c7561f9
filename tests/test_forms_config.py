"""The forms are data (issue 15 item 1): data/forms.yaml, or a campaign folder's own forms.yaml.

A campaign whose notice names a column differently changes a file, not the reader; a broken
forms file stops the campaign's load with the file and the key, as a broken campaign.yaml does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from jinxiao.config import DATA_DIR, DEFAULT_CAMPAIGN_DIR, TABLES_FILE, load_campaign
from jinxiao.domain.errors import ConfigError
from jinxiao.domain.forms import ACTIVITY_FIELDS, TABLE_FORMS
from jinxiao.domain.models import FileProblem, Sheet, Workbook
from jinxiao.normalise.table import normalise_table
from jinxiao.reading.locate import detect_form, locate

SHARED = DATA_DIR / TABLES_FILE


def _folder_with(tmp_path: Path, edit) -> Path:
    """A copy of the default campaign whose forms.yaml is the shared one, edited."""
    folder = tmp_path / "campaign"
    shutil.copytree(DEFAULT_CAMPAIGN_DIR, folder)
    data = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    edit(data)
    (folder / TABLES_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder / "campaign.yaml"


@pytest.fixture
def campaign_env(monkeypatch):
    """Point the process at a campaign.yaml, as JINXIAO_CONFIG does; the default after."""

    def use(path: Path) -> None:
        monkeypatch.setenv("JINXIAO_CONFIG", str(path))
        load_campaign.cache_clear()

    yield use
    monkeypatch.delenv("JINXIAO_CONFIG", raising=False)
    load_campaign.cache_clear()


def test_the_shared_forms_are_the_notices_and_the_templates():
    tables = load_campaign().tables
    assert tables.registry_header == (
        "参加县区", "重点活动名称", "举办时间", "活动内容（简要概述）", "参与企业数量",
        "支持政策及优惠举措", "预估成效（成交额等）",
    )  # fmt: skip
    assert tables.results_header[3] == "参与企业数量（家）"  # the header, not the label
    assert tables.specs["results_may"].spec("enterprise_count").template_name == "参与企业数量"
    for code in TABLE_FORMS:
        spec = tables.specs[code]
        assert set(spec.required) <= set(spec.template) | {"activity_name"}
        assert all(f.field in ACTIVITY_FIELDS and f.synonyms for f in spec.fields)
    # A message about a column a results row lacks may name the registry's estimate.
    assert tables.column_labels["est_turnover"] == "预估成效（成交额等）"


def test_a_folder_without_forms_yaml_uses_the_shared_one(tmp_path):
    folder = tmp_path / "campaign"
    shutil.copytree(DEFAULT_CAMPAIGN_DIR, folder)
    (folder / TABLES_FILE).unlink(missing_ok=True)
    assert load_campaign(folder / "campaign.yaml").tables.registry_header == (
        load_campaign().tables.registry_header
    )


def _rename_county(data: dict) -> None:
    county = data["tables"]["registry"]["fields"]["county"]
    county["label"] = "举办地点"
    county["synonyms"] = ["举办地点", "活动地点", *county["synonyms"]]


ROWS = [
    ["举办地点", "重点活动名称", "举办时间", "参与企业数量"],
    ["小店区", "龙城美食节", "2021年5月1日-5月5日", 30],
    ["迎泽区", "夜经济消费季", "5月", 12],
]


def test_a_campaigns_own_column_names_are_read_without_a_code_change(tmp_path, campaign_env):
    wb = Workbook("太原市活动名录.xlsx", "xlsx", [Sheet("Sheet1", [list(r) for r in ROWS])], "")
    # The shared forms do not know 举办地点: the table lacks its county column.
    with pytest.raises(FileProblem) as err:
        locate(wb, "registry")
    assert "参加县区" in err.value.detail_zh
    campaign_env(_folder_with(tmp_path, _rename_county))
    assert detect_form(wb) == "registry"
    table = locate(wb, "registry")
    assert table.columns["county"] == "举办地点"
    nt = normalise_table(table, "太原市", load_campaign())
    assert [r["county_names"] for r in nt.records] == ["小店区", "迎泽区"]
    # A column the city left out is named as this campaign's template names it.
    assert nt.header("content") == "活动内容（简要概述）"
    assert table.labels["county"] == "举办地点"


def _drop(path: str):
    def edit(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        del node[last]

    return edit


def _set(path: str, value: object):
    def edit(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (_set("tables.registry.fields.venue", {"label": "场地", "synonyms": ["场地"]}),
         "tables.registry.fields.venue is not a field the warehouse stores"),
        (_set("tables.registry.required", ["county", "venue"]),
         "tables.registry.required: venue not in its fields"),
        (_set("tables.results_may.template", ["county", "turnover"]),
         "tables.results_may.template: turnover not in its fields"),
        (_set("tables.registry.fields.county.synonyms", []),
         "tables.registry.fields.county.synonyms must be a list of texts"),
        (_set("tables.registry.fields.county.label", ""), "tables.registry.fields.county.label"),
        (_set("city_figures", {"全市消费券": "vouchers"}), "city_figures: vouchers not one of"),
        (_drop("marks"), "lacks the key 'marks'"),
        (_drop("tables.results_year"), "lacks the key 'results_year'"),
    ],
)  # fmt: skip
def test_a_broken_forms_file_stops_the_load_with_the_file_and_the_key(tmp_path, edit, says):
    path = _folder_with(tmp_path, edit)
    with pytest.raises(ConfigError) as err:
        load_campaign(path)
    message = str(err.value)
    assert str(path.parent / TABLES_FILE) in message and says in message, message


def test_a_forms_file_that_is_not_yaml_says_so(tmp_path):
    path = _folder_with(tmp_path, lambda d: None)
    (path.parent / TABLES_FILE).write_text("tables: [unclosed\n", "utf-8")
    with pytest.raises(ConfigError, match="is not valid YAML"):
        load_campaign(path)
