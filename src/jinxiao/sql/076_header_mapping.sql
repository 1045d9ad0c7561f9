-- What a city's header means, as the province clerk confirmed it in the 待核实 queue (issue 12):
-- the next file from that city whose table has the same header is read that way, and the
-- reply says so. Data, not code: listed on the tracker, removable (active = 0, never deleted,
-- so the audit keeps who remembered and who removed it).
CREATE TABLE IF NOT EXISTS header_mapping (
    header_mapping_id {{id}},
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    header_text TEXT NOT NULL,            -- the header as the city wrote it
    header_norm TEXT NOT NULL,            -- normalised as the reader normalises headers
    field TEXT,                           -- the form's field the column is read as
    unit TEXT,                            -- the unit its bare numbers are in (元, 万元, 亿元...)
    created_at {{ts}} NOT NULL,
    created_by TEXT NOT NULL,             -- the Airflow user who confirmed it
    resolution_id INTEGER REFERENCES resolution (resolution_id),
    submission_id INTEGER REFERENCES submission (submission_id),
    active INTEGER NOT NULL DEFAULT 1,
    removed_at {{ts}},
    removed_by TEXT
);
-- The reader asks for one city's active mappings per file.
CREATE INDEX IF NOT EXISTS header_mapping_by_city ON header_mapping (city_name, active);
