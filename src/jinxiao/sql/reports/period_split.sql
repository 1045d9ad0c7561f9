-- 阶段对比 of the year-end report. The promotion month (:month, 'YYYY-MM') is each city's
-- May results (:may_form) — or, for a city that sent none, the May rows of its year form —
-- and the months after it are the year form's (:form) rows; 'before' and 'unknown' keep
-- every year-form row accounted for. A year form's May rows of a city with May results are
-- the same activities again and are left out. (When :form is :may_form only the first part.)
SELECT period,
       COUNT(*) AS activities,
       SUM(enterprise_count) AS enterprises,
       SUM(actual_turnover_wan) AS actual_turnover_wan,
       SUM(footfall_wan) AS footfall_wan,
       SUM(CASE WHEN actual_turnover_wan IS NULL THEN 1 ELSE 0 END) AS unknown_turnover,
       SUM(CASE WHEN enterprise_count IS NULL THEN 1 ELSE 0 END) AS unknown_enterprises,
       SUM(CASE WHEN footfall_wan IS NULL THEN 1 ELSE 0 END) AS unknown_footfall
FROM (
    SELECT 'month' AS period, enterprise_count, actual_turnover_wan, footfall_wan
    FROM v_results_current
    WHERE form = :may_form
    UNION ALL
    SELECT CASE WHEN y.start_date IS NULL THEN 'unknown'
                WHEN SUBSTR(CAST(y.start_date AS TEXT), 1, 7) < CAST(:month AS TEXT) THEN 'before'
                WHEN SUBSTR(CAST(y.start_date AS TEXT), 1, 7) = CAST(:month AS TEXT) THEN 'month'
                ELSE 'after' END,
           y.enterprise_count, y.actual_turnover_wan, y.footfall_wan
    FROM v_results_current y
    WHERE y.form = :form AND CAST(:form AS TEXT) <> CAST(:may_form AS TEXT)
      AND NOT (SUBSTR(CAST(y.start_date AS TEXT), 1, 7) = CAST(:month AS TEXT)
               AND EXISTS (SELECT 1 FROM v_results_current m
                           WHERE m.form = :may_form AND m.city_name = y.city_name))
) p
GROUP BY period
