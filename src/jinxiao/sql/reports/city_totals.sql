-- One city's registry figures, the same as its v_city_summary row, but read from that city's
-- current registry alone (a reply asks this for every message; the view aggregates every
-- city's rows first, so its cost grew with the warehouse). The province clerk's resolutions
-- apply (v_activity_resolved): the city and form are terms on the views' own columns, which
-- SQLite pushes into each arm of the view's UNION ALL, so activity_by_city_form (sql/070)
-- and activity_county's key find the rows. No row for a name that is not a city.
SELECT
    (SELECT COUNT(DISTINCT k.county_code) FROM (
        -- activity_county by its key, and the counties of resolved held rows (few).
        SELECT ac.county_code
          FROM v_activity_resolved a2
          JOIN submission s2 ON s2.submission_id = a2.submission_id
          JOIN activity_county ac ON ac.activity_id = a2.activity_id
         WHERE a2.city_name = :city AND a2.form = 'registry' AND s2.outcome = 'accepted'
        UNION ALL
        SELECT rc.county_code
          FROM v_activity_resolved a3
          JOIN submission s3 ON s3.submission_id = a3.submission_id
          JOIN resolved_row_county rc ON -rc.held_row_id = a3.activity_id
         WHERE a3.city_name = :city AND a3.form = 'registry' AND s3.outcome = 'accepted'
     ) k
    ) AS counties,
    x.activities,
    x.enterprises,
    x.est_turnover_yi
FROM city c
CROSS JOIN (
    SELECT COUNT(*) AS activities,
           COALESCE(SUM(a.enterprise_count), 0) AS enterprises,
           ROUND(COALESCE(SUM(a.est_turnover_wan), 0) / 10000.0, 6) AS est_turnover_yi
    FROM v_activity_resolved a
    JOIN submission s ON s.submission_id = a.submission_id
    WHERE a.city_name = :city AND a.form = 'registry' AND s.outcome = 'accepted'
) x
WHERE c.city_name = :city
