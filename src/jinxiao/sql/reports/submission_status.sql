-- 报送情况: each city's status per form (v_city_status) and the outcome of its latest
-- submission, so a rejected table not yet corrected shows as 退回待改.
SELECT cs.city_name, c.city_code, cs.form, cs.deadline, cs.status,
       cs.received_at AS first_received, lr.outcome AS latest_outcome,
       lr.received_at AS latest_received
FROM v_city_status cs
JOIN city c ON c.city_name = cs.city_name
LEFT JOIN (
    SELECT s.city_name, s.form, s.outcome, s.received_at
    FROM submission s
    WHERE s.outcome IN ('accepted', 'superseded', 'rejected')
      AND NOT EXISTS (
          SELECT 1 FROM submission t
          WHERE t.city_name = s.city_name AND t.form = s.form
            AND t.outcome IN ('accepted', 'superseded', 'rejected')
            AND (COALESCE(t.received_at, t.recorded_at) > COALESCE(s.received_at, s.recorded_at)
                 OR (COALESCE(t.received_at, t.recorded_at)
                         = COALESCE(s.received_at, s.recorded_at)
                     AND t.submission_id > s.submission_id))
      )
) lr ON lr.city_name = cs.city_name AND lr.form = cs.form
ORDER BY c.city_code, cs.deadline, cs.form
