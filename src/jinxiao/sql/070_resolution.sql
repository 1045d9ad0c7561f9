-- The province clerk's resolutions (issue 12): an overlay on what the pipeline read, never an
-- edit of it. Archived bytes, activity's *_raw columns, held_row and held_cell stay as they
-- were; the views (090_activity_resolved.sql) combine them with what the clerk decided.
-- kind: held_value (a held cell's value), drop_row, confirm_reading, change_reading,
--   send_back (the file goes back to the city with a note; queues a reply in outbox).
-- status: 'active'; 'replaced' when the clerk later resolved the same cell again;
--   'obsolete' once a later submission of the city and form superseded the file.
CREATE TABLE IF NOT EXISTS resolution (
    resolution_id {{id}},
    created_at {{ts}} NOT NULL,
    created_by TEXT NOT NULL,             -- the Airflow user who resolved it
    submission_id INTEGER NOT NULL REFERENCES submission (submission_id),
    message_key TEXT NOT NULL REFERENCES message (message_key),
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    sheet TEXT,
    excel_row INTEGER,
    column_name TEXT,                     -- header as the city wrote it
    raw_value TEXT,                       -- the cell's text as the city wrote it
    kind TEXT NOT NULL,
    field TEXT,                           -- what was resolved: a canonical field, or a reading (category, unit)
    new_value TEXT,                       -- as the clerk entered it (canonical text)
    note TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    held_row_id INTEGER REFERENCES held_row (held_row_id),
    activity_id INTEGER REFERENCES activity (activity_id),
    problem_id INTEGER REFERENCES problem (problem_id)
);
CREATE INDEX IF NOT EXISTS resolution_by_submission ON resolution (submission_id, status);
-- v_activity_resolved looks up each row's active resolutions.
CREATE INDEX IF NOT EXISTS resolution_by_activity ON resolution (activity_id, status);
CREATE INDEX IF NOT EXISTS resolution_by_held_row ON resolution (held_row_id, status);

-- A held row made whole by the clerk's held_value resolutions: the values the row has once
-- the file is read again with the clerk's text in the held cells. Derived (rebuilt from
-- resolution on every apply), so a rerun writes the same row again.
CREATE TABLE IF NOT EXISTS resolved_row (
    held_row_id INTEGER PRIMARY KEY REFERENCES held_row (held_row_id),
    submission_id INTEGER NOT NULL REFERENCES submission (submission_id),
    message_key TEXT NOT NULL,
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    sheet TEXT NOT NULL,
    excel_row INTEGER NOT NULL,
    county_names TEXT,
    citywide INTEGER NOT NULL DEFAULT 0,
    county_raw TEXT,
    activity_name TEXT,
    start_date DATE,
    end_date DATE,
    period_raw TEXT,
    content TEXT,
    enterprise_count INTEGER,
    support_policy TEXT,
    est_turnover_wan {{num}},
    category TEXT,
    category_source TEXT,
    category_confidence {{num}},
    actual_turnover_wan {{num}},
    footfall_wan {{num}},
    voucher_issued_wan {{num}},
    voucher_redeemed_wan {{num}},
    remark TEXT,
    registry_activity_id INTEGER
);

CREATE TABLE IF NOT EXISTS resolved_row_county (
    held_row_id INTEGER NOT NULL REFERENCES resolved_row (held_row_id),
    county_code TEXT NOT NULL,
    county_name TEXT NOT NULL,
    city_name TEXT NOT NULL,
    PRIMARY KEY (held_row_id, county_code)
);

-- A reply's city totals (sql/reports/city_totals.sql) read v_activity_resolved by city and
-- form: this keeps them to the city's rows.
CREATE INDEX IF NOT EXISTS activity_by_city_form ON activity (city_name, form);
