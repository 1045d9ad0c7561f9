-- Warehouse tables, shared by PostgreSQL and SQLite.
-- {{id}}, {{ts}}, {{num}} and {{json}} are replaced per dialect by jinxiao.warehouse;
-- times are stored in UTC.

CREATE TABLE IF NOT EXISTS city (
    city_code TEXT PRIMARY KEY,
    city_name TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS county (
    county_code TEXT PRIMARY KEY,
    county_name TEXT NOT NULL,
    city_code TEXT NOT NULL REFERENCES city (city_code),
    city_name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS form_deadline (
    form TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    deadline DATE NOT NULL,
    deadline_at {{ts}} NOT NULL,          -- end of the deadline day, Asia/Shanghai, as UTC
    deadline_note TEXT
);

-- One row per message that ever arrived, written before anything is parsed.
CREATE TABLE IF NOT EXISTS message (
    message_key TEXT PRIMARY KEY,         -- sha256 of the raw bytes
    message_id TEXT,                      -- Message-ID header without <>
    archive_path TEXT NOT NULL,           -- content-addressed copy of the raw bytes
    size_bytes INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_ref TEXT NOT NULL,             -- maildir file name or "<uidvalidity>:<uid>"
    arrived_at {{ts}},
    first_seen_at {{ts}} NOT NULL,
    sender TEXT,
    sender_name TEXT,
    subject TEXT,
    date_header TEXT,
    received_at {{ts}},                   -- CONTRACT §2: Date header, else arrival time
    city_name TEXT,
    outcome TEXT,                         -- NULL until processed; then one of CONTRACT §3
    reason_class TEXT,
    reason_detail TEXT,
    processed_at {{ts}},
    run_id TEXT
);
CREATE INDEX IF NOT EXISTS message_by_message_id ON message (message_id);

-- Every place a message was seen in a mailbox: lets a rerun skip it without fetching.
CREATE TABLE IF NOT EXISTS mailbox_ref (
    source TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    message_key TEXT NOT NULL REFERENCES message (message_key),
    PRIMARY KEY (source, source_ref)
);

-- One row per file of a message that was considered as a submission.
CREATE TABLE IF NOT EXISTS submission (
    submission_id {{id}},
    message_key TEXT NOT NULL REFERENCES message (message_key),
    attachment_path TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    archive_path TEXT NOT NULL,
    city_name TEXT,
    form TEXT,
    outcome TEXT NOT NULL,
    reason_class TEXT,
    reason_detail TEXT,
    received_at {{ts}},
    sheet TEXT,
    header_row INTEGER,
    unit_name TEXT,
    summary_sentence TEXT,
    rows_loaded INTEGER NOT NULL DEFAULT 0,
    superseded_by INTEGER,
    recorded_at {{ts}} NOT NULL,
    UNIQUE (message_key, attachment_path)
);
CREATE INDEX IF NOT EXISTS submission_by_city_form ON submission (city_name, form, outcome);
-- The same-file check of every attachment (intake): a lookup, not a scan of all submissions.
CREATE INDEX IF NOT EXISTS submission_by_city_sha ON submission (city_name, sha256);
-- A city's current files (every reply names them): its few accepted rows, not its history.
CREATE INDEX IF NOT EXISTS submission_current ON submission (city_name, outcome);

-- Findings per submission: errors reject it, warnings are reported to the city.
CREATE TABLE IF NOT EXISTS problem (
    problem_id {{id}},
    submission_id INTEGER REFERENCES submission (submission_id),
    message_key TEXT NOT NULL REFERENCES message (message_key),
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    sheet TEXT,
    excel_row INTEGER,
    column_name TEXT,
    message_zh TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS problem_by_submission ON problem (submission_id);

-- Activity rows of registry and results submissions; *_raw keeps what the city wrote.
CREATE TABLE IF NOT EXISTS activity (
    activity_id {{id}},
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
    activity_name_raw TEXT,
    start_date DATE,
    end_date DATE,
    period_raw TEXT,
    content TEXT,
    enterprise_count INTEGER,
    enterprise_count_raw TEXT,
    support_policy TEXT,
    est_turnover_wan {{num}},
    est_turnover_raw TEXT,
    category TEXT,
    category_raw TEXT,
    category_source TEXT,
    actual_turnover_wan {{num}},
    actual_turnover_raw TEXT,
    footfall_wan {{num}},
    footfall_raw TEXT,
    voucher_issued_wan {{num}},
    voucher_issued_raw TEXT,
    voucher_redeemed_wan {{num}},
    voucher_redeemed_raw TEXT,
    remark TEXT,
    registry_activity_id INTEGER,
    extra {{json}}
);
CREATE INDEX IF NOT EXISTS activity_by_submission ON activity (submission_id);

CREATE TABLE IF NOT EXISTS activity_county (
    activity_id INTEGER NOT NULL REFERENCES activity (activity_id),
    county_code TEXT NOT NULL,
    county_name TEXT NOT NULL,
    city_name TEXT NOT NULL,
    PRIMARY KEY (activity_id, county_code)
);

-- Contacts from plan submissions (联系人名单), used for reminders.
CREATE TABLE IF NOT EXISTS contact (
    contact_id {{id}},
    submission_id INTEGER NOT NULL REFERENCES submission (submission_id),
    city_name TEXT NOT NULL,
    name TEXT,
    title TEXT,
    phone TEXT,
    email TEXT,
    unit TEXT,
    sheet TEXT,
    excel_row INTEGER
);

-- Per-city figures from results forms that are not per activity (e.g. 消费券 totals).
CREATE TABLE IF NOT EXISTS city_figure (
    submission_id INTEGER NOT NULL REFERENCES submission (submission_id),
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    figure TEXT NOT NULL,
    value {{num}},
    value_raw TEXT,
    PRIMARY KEY (submission_id, figure)
);

-- Nightly snapshot of v_city_status, so a report can say who was late as of a given day.
CREATE TABLE IF NOT EXISTS city_status_snapshot (
    as_of DATE NOT NULL,
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    status TEXT NOT NULL,
    taken_at {{ts}} NOT NULL,
    PRIMARY KEY (as_of, city_name, form)
);
