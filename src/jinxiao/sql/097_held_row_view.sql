-- The rows held back from the cities' current submissions (sql/040_held_rows.sql), one line
-- per cell that needs the city's correction: for analysts chasing what is not yet counted.
-- Nothing here is in v_activity_current, v_city_summary or any other total; a row the
-- province clerk resolved leaves this view.
DROP VIEW IF EXISTS v_held_row {{cascade}};

CREATE VIEW v_held_row AS
SELECT h.city_name, h.form, m.message_id AS source_message_id, s.filename, h.sheet,
       h.excel_row, c.column_name, c.raw_value, c.problem_zh
FROM held_row h
JOIN held_cell c ON c.held_row_id = h.held_row_id
JOIN submission s ON s.submission_id = h.submission_id
JOIN message m ON m.message_key = h.message_key
WHERE h.status = 'held' AND s.outcome = 'accepted'
  -- Resolved by the province clerk (sql/070_resolution.sql): counted, or dropped.
  AND NOT EXISTS (SELECT 1 FROM resolved_row r WHERE r.held_row_id = h.held_row_id)
  AND NOT EXISTS (SELECT 1 FROM resolution d WHERE d.held_row_id = h.held_row_id
                  AND d.status = 'active' AND d.kind = 'drop_row');
