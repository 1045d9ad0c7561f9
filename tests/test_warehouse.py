"""The warehouse DDL and views on both dialects: deadlines, status, summaries, idempotent migrate."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from jinxiao.domain.times import to_db_time
from jinxiao.normalise.values import county_table
from jinxiao.warehouse.connection import connect, migrate

CST = dt.timezone(dt.timedelta(hours=8))


def _engine(cfg, campaign):
    engine = connect(cfg)
    migrate(engine, campaign, county_table())
    return engine


def _message(conn, key: str, received: dt.datetime, city: str, outcome: str = "accepted"):
    conn.execute(
        text(
            "INSERT INTO message (message_key, message_id, archive_path, size_bytes, source, "
            "source_ref, first_seen_at, sender, received_at, city_name, outcome) VALUES "
            "(:k, :mid, '/a', 1, 'test', :k, :t, 's@x', :r, :c, :o)"
        ),
        {"k": key, "mid": f"{key}@x", "t": to_db_time(received), "r": to_db_time(received),
         "c": city, "o": outcome},
    )  # fmt: skip


def _submission(conn, key: str, received: dt.datetime, city: str, form: str, outcome: str) -> int:
    return conn.execute(
        text(
            "INSERT INTO submission (message_key, attachment_path, filename, size_bytes, sha256, "
            "archive_path, city_name, form, outcome, received_at, recorded_at) VALUES "
            "(:k, '1', 'a.xlsx', 1, :k, '/a', :c, :f, :o, :r, :r) RETURNING submission_id"
        ),
        {"k": key, "c": city, "f": form, "o": outcome, "r": to_db_time(received)},
    ).scalar_one()


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
        _message(conn, "k1", on_time, "太原市")
        _submission(conn, "k1", on_time, "太原市", "registry", "accepted")
        _message(conn, "k2", late, "大同市")
        _submission(conn, "k2", late, "大同市", "registry", "accepted")
        _message(conn, "k3", on_time, "阳泉市", "rejected")
        _submission(conn, "k3", on_time, "阳泉市", "registry", "rejected")
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
        for key, city, county_code, county, ent, wan in [
            ("a", "阳泉市", "140302", "城区", 10, 5000),
            ("b", "晋城市", "140502", "城区", None, 15000),
        ]:
            _message(conn, key, when, city)
            sub = _submission(conn, key, when, city, "registry", "accepted")
            for n in range(2):  # two activities in the same county count it once
                aid = conn.execute(
                    text(
                        "INSERT INTO activity (submission_id, message_key, city_name, form, "
                        "sheet, excel_row, county_names, activity_name, enterprise_count, "
                        "est_turnover_wan) VALUES (:s, :k, :c, 'registry', 'Sheet1', :r, :cn, "
                        ":name, :e, :w) RETURNING activity_id"
                    ),
                    {"s": sub, "k": key, "c": city, "r": 5 + n, "cn": county,
                     "name": f"活动{n}", "e": ent, "w": wan},
                ).scalar_one()  # fmt: skip
                conn.execute(
                    text("INSERT INTO activity_county VALUES (:a, :code, :name, :city)"),
                    {"a": aid, "code": county_code, "name": county, "city": city},
                )
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
