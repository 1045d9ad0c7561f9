-- 月度趋势, results side: activities by the month they started (NULL = start unknown). The
-- promotion month (:month) counts each city's May results (:may_form), as 阶段对比 does
-- (period_split.sql); the other months are the rows of :form.
SELECT month,
       COUNT(*) AS activities,
       SUM(enterprise_count) AS enterprises,
       SUM(actual_turnover_wan) AS actual_turnover_wan,
       SUM(footfall_wan) AS footfall_wan,
       SUM(CASE WHEN actual_turnover_wan IS NULL THEN 1 ELSE 0 END) AS unknown_turnover,
       SUM(CASE WHEN footfall_wan IS NULL THEN 1 ELSE 0 END) AS unknown_footfall
FROM (
    SELECT CAST(:month AS TEXT) AS month, enterprise_count, actual_turnover_wan, footfall_wan
    FROM v_results_current
    WHERE form = :may_form
    UNION ALL
    SELECT SUBSTR(CAST(y.start_date AS TEXT), 1, 7), y.enterprise_count,
           y.actual_turnover_wan, y.footfall_wan
    FROM v_results_current y
    WHERE y.form = :form AND CAST(:form AS TEXT) <> CAST(:may_form AS TEXT)
      AND NOT (SUBSTR(CAST(y.start_date AS TEXT), 1, 7) = CAST(:month AS TEXT)
               AND EXISTS (SELECT 1 FROM v_results_current m
                           WHERE m.form = :may_form AND m.city_name = y.city_name))
) p
GROUP BY month
