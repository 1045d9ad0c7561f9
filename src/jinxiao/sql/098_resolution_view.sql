-- Every resolution the province clerk made (sql/070_resolution.sql), for audit: who, when,
-- which file, sheet, row and column, what the city wrote, what the clerk decided. status is
-- 'obsolete' for a file no longer current even before the warehouse marked it so.
DROP VIEW IF EXISTS v_resolution {{cascade}};

CREATE VIEW v_resolution AS
SELECT r.resolution_id, r.created_at, r.created_by, r.city_name, r.form,
       m.message_id AS source_message_id, s.filename, r.sheet, r.excel_row, r.column_name,
       r.raw_value, r.kind, r.field, r.new_value, r.note,
       CASE WHEN r.status = 'active' AND s.outcome <> 'accepted' THEN 'obsolete'
            ELSE r.status END AS status,
       CASE WHEN r.kind <> 'held_value' THEN NULL
            WHEN EXISTS (SELECT 1 FROM resolved_row rr WHERE rr.held_row_id = r.held_row_id)
            THEN 1 ELSE 0 END AS row_counts
FROM resolution r
JOIN submission s ON s.submission_id = r.submission_id
JOIN message m ON m.message_key = r.message_key;
