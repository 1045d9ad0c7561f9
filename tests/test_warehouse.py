"""The warehouse DDL and views on both dialects: deadlines, status, summaries, idempotent migrate."""

from __future__ import annotations

import datetime as dt

from factories import seed_submission
from sqlalchemy import text

from jinxiao.normalise.values import county_table
from jinxiao.warehouse.connection import connect, migrate

CST = dt.timezone(dt.timedelta(hours=8))


def _engine(cfg, campaign):
    engine = connect(cfg)
    migrate(engine, campaign, county_table())
    return engine


def test_migrate_is_idempotent_and_seeds_reference(any_warehouse, campaign):
    engine = _engine(any_warehouse, campaign)
    migrate(engine, campaign, county_table())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM city")).scalar() == 11
        assert conn.execute(text("SELECT COUNT(*) FROM county")).scalar() == 117
        deadline = conn.execute(
            text("SELECT deadline FROM form_deadline WHERE form = 'plan'")
        ).scalar()
        assert str(deadline) == "2021-04-30"


def test_city_status_deadline_is_end_of_day_in_shanghai(any_warehouse, campaign):
    engine = _engine(any_warehouse, campaign)
    with engine.begin() as conn:
        on_time = dt.datetime(2021, 4, 23, 23, 59, 59, tzinfo=CST)
        late = dt.datetime(2021, 4, 24, 0, 0, 1, tzinfo=CST)
        for key, when, city, outcome in [("k1", on_time, "太原市", "accepted"),
                                         ("k2", late, "大同市", "accepted"),
                                         ("k3", on_time, "阳泉市", "rejected")]:  # fmt: skip
            seed_submission(conn, key=key, received=when, city=city, form="registry",
                            outcome=outcome)  # fmt: skip
    with engine.connect() as conn:
        rows = dict(
            conn.execute(
                text("SELECT city_name, status FROM v_city_status WHERE form = 'registry'")
            ).all()
        )
        accepted = conn.execute(
            text(
                "SELECT accepted_message_id FROM v_city_status "
                "WHERE city_name = '太原市' AND form = 'registry'"
            )
        ).scalar()
    assert rows["太原市"] == "on_time"
    assert rows["大同市"] == "late"
    assert rows["阳泉市"] == "missing"  # a rejected table is not a submission on time
    assert len(rows) == 11
    assert accepted == "k1@x"


def test_summaries_count_distinct_counties_per_city(any_warehouse, campaign):
    engine = _engine(any_warehouse, campaign)
    when = dt.datetime(2021, 4, 20, 10, tzinfo=CST)
    with engine.begin() as conn:
        for key, city, county, ent, wan in [
            ("a", "阳泉市", "城区", 10, 5000),
            ("b", "晋城市", "城区", None, 15000),
        ]:
            # two activities in the same county count it once
            rows = [{"counties": county, "name": f"活动{n}", "row": 5 + n,
                     "enterprise_count": ent, "est_turnover_wan": wan} for n in range(2)]  # fmt: skip
            seed_submission(conn, key=key, received=when, city=city, form="registry", rows=rows)
    with engine.connect() as conn:
        prov = conn.execute(text("SELECT * FROM v_province_summary")).mappings().one()
        yq = (
            conn.execute(text("SELECT * FROM v_city_summary WHERE city_name = '阳泉市'"))
            .mappings()
            .one()
        )
    assert prov["cities"] == 2
    assert prov["counties"] == 2  # 城区 of 阳泉 and 城区 of 晋城 are two
    assert prov["activities"] == 4
    assert prov["enterprises"] == 20  # unknown counts are not zeros, and not summed
    assert float(prov["est_turnover_yi"]) == 4.0
    assert (yq["counties"], yq["activities"], float(yq["est_turnover_yi"])) == (1, 2, 1.0)
