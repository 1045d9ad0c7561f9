-- How the current registry's categories were decided: the city's own 类别 column (column,
-- or confirmed when the rules agree) or the rules alone (rows before issue 11 said given/default).
SELECT CASE WHEN a.category_source IN ('column', 'confirmed', 'given', 'clerk') THEN 'column'
            ELSE 'rules' END AS source,
       COUNT(*) AS activities
FROM v_activity_resolved a
JOIN submission s ON s.submission_id = a.submission_id
WHERE s.outcome = 'accepted' AND s.form = 'registry'
GROUP BY CASE WHEN a.category_source IN ('column', 'confirmed', 'given', 'clerk') THEN 'column'
              ELSE 'rules' END
