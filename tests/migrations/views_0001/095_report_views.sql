-- Views the reports read (jinxiao.report_data); portable SQL, same columns on both dialects.
-- They add to the CONTRACT §3 views what reports need: row identity and order, the raw
-- period text, and the results forms (results_may, results_year).

DROP VIEW IF EXISTS v_results_city_summary {{cascade}};
DROP VIEW IF EXISTS v_results_current {{cascade}};
DROP VIEW IF EXISTS v_registry_current {{cascade}};

-- v_activity_current plus what a listing needs to keep the cities' own row order.
CREATE VIEW v_registry_current AS
SELECT a.activity_id, a.city_name, c.city_code, a.sheet, a.excel_row,
       CASE WHEN a.citywide = 1 AND (a.county_names IS NULL OR a.county_names = '')
            THEN '全市' ELSE a.county_names END AS county_names,
       a.activity_name, a.start_date, a.end_date, a.period_raw, a.content,
       a.enterprise_count, a.support_policy, a.est_turnover_wan,
       COALESCE(NULLIF(a.category, ''), '其他') AS category,
       m.message_id AS source_message_id
FROM activity a
JOIN submission s ON s.submission_id = a.submission_id
JOIN message m ON m.message_key = s.message_key
JOIN city c ON c.city_name = a.city_name
WHERE s.outcome = 'accepted' AND s.form = 'registry';

-- Rows of the current accepted results submissions; the category falls back to the linked
-- registry activity's, because the results template does not require one.
CREATE VIEW v_results_current AS
SELECT a.activity_id, a.form, a.city_name, c.city_code, a.sheet, a.excel_row,
       CASE WHEN a.citywide = 1 AND (a.county_names IS NULL OR a.county_names = '')
            THEN '全市' ELSE a.county_names END AS county_names,
       a.activity_name, a.start_date, a.end_date, a.period_raw, a.enterprise_count,
       a.actual_turnover_wan, a.footfall_wan, a.voucher_issued_wan, a.voucher_redeemed_wan,
       a.remark, a.registry_activity_id,
       COALESCE(NULLIF(a.category, ''), NULLIF(r.category, ''), '其他') AS category,
       m.message_id AS source_message_id
FROM activity a
JOIN submission s ON s.submission_id = a.submission_id
JOIN message m ON m.message_key = s.message_key
JOIN city c ON c.city_name = a.city_name
LEFT JOIN activity r ON r.activity_id = a.registry_activity_id
WHERE s.outcome = 'accepted' AND s.form IN ('results_may', 'results_year')
  AND a.form = s.form;

-- One row per city and results form. Voucher totals: the city's own 全市 figure
-- (city_figure) when it gave one, else the sum of its activity rows.
CREATE VIEW v_results_city_summary AS
SELECT c.city_name, c.city_code, f.form,
       CASE WHEN sub.city_name IS NULL THEN 0 ELSE 1 END AS reported,
       COALESCE(x.activities, 0) AS activities,
       COALESCE(k.counties, 0) AS counties,
       COALESCE(x.enterprises, 0) AS enterprises,
       COALESCE(x.actual_turnover_wan, 0) AS actual_turnover_wan,
       COALESCE(x.footfall_wan, 0) AS footfall_wan,
       COALESCE(x.unknown_turnover, 0) AS unknown_turnover,
       COALESCE(x.unknown_footfall, 0) AS unknown_footfall,
       COALESCE(x.unlinked, 0) AS unlinked,
       COALESCE(fi.value, x.voucher_issued_wan, 0) AS voucher_issued_wan,
       COALESCE(fr.value, x.voucher_redeemed_wan, 0) AS voucher_redeemed_wan
FROM city c
CROSS JOIN (SELECT form FROM form_deadline WHERE form IN ('results_may', 'results_year')) f
LEFT JOIN (
    SELECT DISTINCT city_name, form FROM submission WHERE outcome = 'accepted'
) sub ON sub.city_name = c.city_name AND sub.form = f.form
LEFT JOIN (
    SELECT city_name, form, COUNT(*) AS activities,
           SUM(enterprise_count) AS enterprises,
           SUM(actual_turnover_wan) AS actual_turnover_wan,
           SUM(footfall_wan) AS footfall_wan,
           SUM(voucher_issued_wan) AS voucher_issued_wan,
           SUM(voucher_redeemed_wan) AS voucher_redeemed_wan,
           SUM(CASE WHEN actual_turnover_wan IS NULL THEN 1 ELSE 0 END) AS unknown_turnover,
           SUM(CASE WHEN footfall_wan IS NULL THEN 1 ELSE 0 END) AS unknown_footfall,
           SUM(CASE WHEN registry_activity_id IS NULL THEN 1 ELSE 0 END) AS unlinked
    FROM v_results_current
    GROUP BY city_name, form
) x ON x.city_name = c.city_name AND x.form = f.form
LEFT JOIN (
    SELECT ac.city_name, r.form, COUNT(DISTINCT ac.county_code) AS counties
    FROM activity_county ac JOIN v_results_current r ON r.activity_id = ac.activity_id
    GROUP BY ac.city_name, r.form
) k ON k.city_name = c.city_name AND k.form = f.form
LEFT JOIN (
    SELECT cf.city_name, cf.form, cf.value
    FROM city_figure cf JOIN submission s ON s.submission_id = cf.submission_id
    WHERE s.outcome = 'accepted' AND cf.figure = 'voucher_issued_wan'
) fi ON fi.city_name = c.city_name AND fi.form = f.form
LEFT JOIN (
    SELECT cf.city_name, cf.form, cf.value
    FROM city_figure cf JOIN submission s ON s.submission_id = cf.submission_id
    WHERE s.outcome = 'accepted' AND cf.figure = 'voucher_redeemed_wan'
) fr ON fr.city_name = c.city_name AND fr.form = f.form;
