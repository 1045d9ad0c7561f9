-- The analysts' interface (CONTRACT §3): same names and columns on PostgreSQL and SQLite.
-- The current submission of a city and form is its one row with outcome 'accepted'.

DROP VIEW IF EXISTS v_province_summary {{cascade}};
DROP VIEW IF EXISTS v_city_summary {{cascade}};
DROP VIEW IF EXISTS v_city_status {{cascade}};
DROP VIEW IF EXISTS v_activity_current {{cascade}};
DROP VIEW IF EXISTS v_submission {{cascade}};

CREATE VIEW v_submission AS
SELECT m.message_id, COALESCE(s.city_name, m.city_name) AS city_name, m.sender,
       m.received_at, s.filename, s.form, s.outcome, s.reason_class, s.reason_detail
FROM submission s JOIN message m ON m.message_key = s.message_key
UNION ALL
-- Messages that produced no submission (ignored, quarantined, duplicate) still show up.
SELECT m.message_id, m.city_name, m.sender, m.received_at, NULL, NULL,
       m.outcome, m.reason_class, m.reason_detail
FROM message m
WHERE m.outcome IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.message_key = m.message_key);

CREATE VIEW v_activity_current AS
SELECT a.city_name,
       CASE WHEN a.citywide = 1 AND (a.county_names IS NULL OR a.county_names = '')
            THEN '全市' ELSE a.county_names END AS county_names,
       a.activity_name, a.start_date, a.end_date, a.content, a.enterprise_count,
       a.support_policy, a.est_turnover_wan, a.category, m.message_id AS source_message_id
FROM v_activity_resolved a
JOIN submission s ON s.submission_id = a.submission_id
JOIN message m ON m.message_key = s.message_key
WHERE s.outcome = 'accepted' AND s.form = 'registry';

-- On time when the first accepted submission (later superseded or not) arrived by the deadline.
CREATE VIEW v_city_status AS
SELECT c.city_name, d.form, d.deadline,
       CASE WHEN f.first_received IS NULL THEN 'missing'
            WHEN f.first_received <= d.deadline_at THEN 'on_time'
            ELSE 'late' END AS status,
       cur.message_id AS accepted_message_id,
       f.first_received AS received_at
FROM city c
CROSS JOIN form_deadline d
LEFT JOIN (
    SELECT city_name, form, MIN(received_at) AS first_received
    FROM submission
    WHERE outcome IN ('accepted', 'superseded')
    GROUP BY city_name, form
) f ON f.city_name = c.city_name AND f.form = d.form
LEFT JOIN (
    -- DISTINCT: a plan's several files of one mail are all current, under one Message-ID.
    SELECT DISTINCT s.city_name, s.form, m.message_id
    FROM submission s JOIN message m ON m.message_key = s.message_key
    WHERE s.outcome = 'accepted'
) cur ON cur.city_name = c.city_name AND cur.form = d.form;

CREATE VIEW v_city_summary AS
SELECT c.city_name,
       COALESCE(k.counties, 0) AS counties,
       COALESCE(x.activities, 0) AS activities,
       COALESCE(x.enterprises, 0) AS enterprises,
       ROUND(COALESCE(x.est_turnover_wan, 0) / 10000.0, 6) AS est_turnover_yi
FROM city c
LEFT JOIN (
    SELECT a.city_name, COUNT(*) AS activities, SUM(a.enterprise_count) AS enterprises,
           SUM(a.est_turnover_wan) AS est_turnover_wan
    FROM v_activity_resolved a JOIN submission s ON s.submission_id = a.submission_id
    WHERE s.outcome = 'accepted' AND s.form = 'registry'
    GROUP BY a.city_name
) x ON x.city_name = c.city_name
LEFT JOIN (
    SELECT ac.city_name, COUNT(DISTINCT ac.county_code) AS counties
    FROM v_activity_county_resolved ac
    JOIN v_activity_resolved a ON a.activity_id = ac.activity_id
    JOIN submission s ON s.submission_id = a.submission_id
    WHERE s.outcome = 'accepted' AND s.form = 'registry'
    GROUP BY ac.city_name
) k ON k.city_name = c.city_name;

CREATE VIEW v_province_summary AS
SELECT SUM(CASE WHEN activities > 0 THEN 1 ELSE 0 END) AS cities,
       COALESCE(SUM(counties), 0) AS counties,
       COALESCE(SUM(activities), 0) AS activities,
       COALESCE(SUM(enterprises), 0) AS enterprises,
       COALESCE(SUM(est_turnover_yi), 0) AS est_turnover_yi
FROM v_city_summary;
