-- What every view and report counts: the rows read from the cities' files with the province
-- clerk's resolutions applied (sql/070_resolution.sql). Named 090_a… so it is created before
-- 090_views.sql and 095_report_views.sql, which read it instead of activity.
--   - a row the clerk dropped is left out;
--   - a category the clerk changed replaces the one read (category_source 'clerk');
--   - an amount whose assumed unit the clerk changed (万元 -> 元, 亿元) is the clerk's, in 万元;
--   - a held row the clerk made whole (resolved_row) counts, under activity_id = -held_row_id
--     (negative: no activity row has it), while its held_row is still 'held' (current file).
-- Only 'active' resolutions apply; a superseded file's are 'obsolete' and its rows out of the
-- views anyway (they all require the submission's outcome to be 'accepted').

DROP VIEW IF EXISTS v_activity_county_resolved {{cascade}};
DROP VIEW IF EXISTS v_activity_resolved {{cascade}};

CREATE VIEW v_activity_resolved AS
-- Rows no active resolution touches, as read (most rows: one non-correlated lookup each).
SELECT a.activity_id, a.submission_id, a.message_key, a.city_name, a.form, a.sheet,
       a.excel_row, a.county_names, a.citywide, a.county_raw, a.activity_name, a.start_date,
       a.end_date, a.period_raw, a.content, a.enterprise_count, a.support_policy,
       a.est_turnover_wan, a.category, a.category_source, a.category_confidence,
       a.actual_turnover_wan, a.footfall_wan, a.voucher_issued_wan, a.voucher_redeemed_wan,
       a.remark, a.registry_activity_id
FROM activity a
WHERE a.activity_id NOT IN (
    SELECT t.activity_id FROM resolution t
    WHERE t.activity_id IS NOT NULL AND t.status = 'active'
      AND t.kind IN ('drop_row', 'change_reading')
)
UNION ALL
-- Rows whose reading the clerk changed (and did not drop): the clerk's values.
SELECT a.activity_id, a.submission_id, a.message_key, a.city_name, a.form, a.sheet,
       a.excel_row, a.county_names, a.citywide, a.county_raw, a.activity_name, a.start_date,
       a.end_date, a.period_raw, a.content, a.enterprise_count, a.support_policy,
       COALESCE((SELECT CAST(r.new_value AS {{num}}) FROM resolution r
                 WHERE r.activity_id = a.activity_id AND r.status = 'active'
                   AND r.kind = 'change_reading' AND r.field = 'est_turnover_wan'),
                a.est_turnover_wan) AS est_turnover_wan,
       COALESCE(rc.new_value, a.category) AS category,
       CASE WHEN rc.new_value IS NULL THEN a.category_source ELSE 'clerk' END AS category_source,
       a.category_confidence,
       COALESCE((SELECT CAST(r.new_value AS {{num}}) FROM resolution r
                 WHERE r.activity_id = a.activity_id AND r.status = 'active'
                   AND r.kind = 'change_reading' AND r.field = 'actual_turnover_wan'),
                a.actual_turnover_wan) AS actual_turnover_wan,
       a.footfall_wan, a.voucher_issued_wan, a.voucher_redeemed_wan, a.remark,
       a.registry_activity_id
FROM activity a
-- At most one active resolution per row and reading: record() replaces the earlier one.
LEFT JOIN resolution rc ON rc.activity_id = a.activity_id AND rc.status = 'active'
     AND rc.kind = 'change_reading' AND rc.field = 'category'
WHERE a.activity_id IN (
    SELECT c.activity_id FROM resolution c
    WHERE c.activity_id IS NOT NULL AND c.status = 'active' AND c.kind = 'change_reading'
)
  AND a.activity_id NOT IN (
    SELECT d.activity_id FROM resolution d
    WHERE d.activity_id IS NOT NULL AND d.status = 'active' AND d.kind = 'drop_row'
)
UNION ALL
SELECT -r.held_row_id, r.submission_id, r.message_key, r.city_name, r.form, r.sheet,
       r.excel_row, r.county_names, r.citywide, r.county_raw, r.activity_name, r.start_date,
       r.end_date, r.period_raw, r.content, r.enterprise_count, r.support_policy,
       r.est_turnover_wan, r.category, r.category_source, r.category_confidence,
       r.actual_turnover_wan, r.footfall_wan, r.voucher_issued_wan, r.voucher_redeemed_wan,
       r.remark, r.registry_activity_id
FROM resolved_row r
JOIN held_row h ON h.held_row_id = r.held_row_id
WHERE h.status = 'held'
  AND NOT EXISTS (
    SELECT 1 FROM resolution d
    WHERE d.held_row_id = r.held_row_id AND d.status = 'active' AND d.kind = 'drop_row'
);

CREATE VIEW v_activity_county_resolved AS
SELECT ac.activity_id, ac.county_code, ac.county_name, ac.city_name
FROM activity_county ac
UNION ALL
SELECT -rc.held_row_id, rc.county_code, rc.county_name, rc.city_name
FROM resolved_row_county rc;
