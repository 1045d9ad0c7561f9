-- 月度趋势, results side: rows of :form by the month their actual start date falls in
-- (NULL month = start date unknown).
SELECT SUBSTR(CAST(start_date AS TEXT), 1, 7) AS month,
       COUNT(*) AS activities,
       SUM(enterprise_count) AS enterprises,
       SUM(actual_turnover_wan) AS actual_turnover_wan,
       SUM(footfall_wan) AS footfall_wan
FROM v_results_current
WHERE form = :form
GROUP BY SUBSTR(CAST(start_date AS TEXT), 1, 7)
