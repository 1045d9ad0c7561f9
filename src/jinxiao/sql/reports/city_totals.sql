-- One city's registry figures, the same as its v_city_summary row, but read from that city's
-- current registry alone: submission_by_city_form finds the accepted submission, then
-- activity_by_submission and activity_county's key its rows. A reply asks this for every
-- message; the view aggregates every city's rows first, so its cost grew with the warehouse.
-- (activity and activity_county rows carry their submission's city: load._insert_activities.)
-- The clerk's resolutions apply (v_activity_resolved). No row for a name that is not a city.
SELECT
    (SELECT COUNT(DISTINCT ac.county_code)
       FROM submission s2
       JOIN v_activity_resolved a2 ON a2.submission_id = s2.submission_id
       JOIN v_activity_county_resolved ac ON ac.activity_id = a2.activity_id
      WHERE s2.city_name = :city AND s2.form = 'registry' AND s2.outcome = 'accepted'
    ) AS counties,
    COUNT(a.activity_id) AS activities,
    COALESCE(SUM(a.enterprise_count), 0) AS enterprises,
    ROUND(COALESCE(SUM(a.est_turnover_wan), 0) / 10000.0, 6) AS est_turnover_yi
FROM city c
LEFT JOIN submission s
       ON s.city_name = c.city_name AND s.form = 'registry' AND s.outcome = 'accepted'
LEFT JOIN v_activity_resolved a ON a.submission_id = s.submission_id
WHERE c.city_name = :city
GROUP BY c.city_name
