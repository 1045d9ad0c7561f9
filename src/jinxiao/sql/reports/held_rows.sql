-- 待核实: rows held back from each city's current submission of a form (v_held_row counts
-- cells; this counts rows), for the tracker's and the reports' "N 行待核实".
SELECT h.city_name, h.form, COUNT(*) AS held_rows
FROM held_row h
JOIN submission s ON s.submission_id = h.submission_id
WHERE h.status = 'held' AND s.outcome = 'accepted'
  -- A row the province clerk made whole counts; one the clerk dropped waits for nothing.
  AND NOT EXISTS (SELECT 1 FROM resolved_row r WHERE r.held_row_id = h.held_row_id)
  AND NOT EXISTS (SELECT 1 FROM resolution d WHERE d.held_row_id = h.held_row_id
                  AND d.status = 'active' AND d.kind = 'drop_row')
GROUP BY h.city_name, h.form
