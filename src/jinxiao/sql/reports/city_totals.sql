-- One city's registry figures, the same as its v_city_summary row, but read from that city's
-- current registry alone: submission_by_city_form finds the accepted submission, then
-- activity_by_submission and activity_county's key its rows. A reply asks this for every
-- message; the view aggregates every city's rows first, so its cost grew with the warehouse.
-- The province clerk's resolutions apply as in v_activity_resolved (sql/090_activity_
-- resolved.sql, which defines them; tests/test_review_queue.py checks the two agree): spelled
-- out here on the city's few rows, because SQLite materialises the view's UNION ALL whole.
-- No row for a name that is not a city.
WITH cur AS (
    SELECT s.submission_id FROM submission s
    WHERE s.city_name = :city AND s.form = 'registry' AND s.outcome = 'accepted'
), counted AS (
    SELECT a.activity_id AS id, a.enterprise_count,
           COALESCE((SELECT CAST(r.new_value AS NUMERIC) FROM resolution r
                     WHERE r.activity_id = a.activity_id AND r.status = 'active'
                       AND r.kind = 'change_reading' AND r.field = 'est_turnover_wan'),
                    a.est_turnover_wan) AS est_turnover_wan
    FROM cur JOIN activity a ON a.submission_id = cur.submission_id
    WHERE NOT EXISTS (SELECT 1 FROM resolution d WHERE d.activity_id = a.activity_id
                      AND d.status = 'active' AND d.kind = 'drop_row')
    UNION ALL
    SELECT -rr.held_row_id, rr.enterprise_count, rr.est_turnover_wan
    FROM cur JOIN resolved_row rr ON rr.submission_id = cur.submission_id
    JOIN held_row h ON h.held_row_id = rr.held_row_id AND h.status = 'held'
    WHERE NOT EXISTS (SELECT 1 FROM resolution d WHERE d.held_row_id = rr.held_row_id
                      AND d.status = 'active' AND d.kind = 'drop_row')
)
SELECT
    (SELECT COUNT(DISTINCT k.county_code) FROM (
        SELECT ac.county_code FROM counted JOIN activity_county ac ON ac.activity_id = counted.id
        UNION ALL
        SELECT rc.county_code FROM counted
        JOIN resolved_row_county rc ON -rc.held_row_id = counted.id
     ) k
    ) AS counties,
    (SELECT COUNT(*) FROM counted) AS activities,
    (SELECT COALESCE(SUM(enterprise_count), 0) FROM counted) AS enterprises,
    (SELECT ROUND(COALESCE(SUM(est_turnover_wan), 0) / 10000.0, 6) FROM counted)
        AS est_turnover_yi
FROM city c
WHERE c.city_name = :city
