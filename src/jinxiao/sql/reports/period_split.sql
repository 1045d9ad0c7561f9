-- 阶段对比: rows of :form in the promotion month (:month, 'YYYY-MM') against the months
-- after it; 'before' and 'unknown' keep every row accounted for.
SELECT period,
       COUNT(*) AS activities,
       SUM(enterprise_count) AS enterprises,
       SUM(actual_turnover_wan) AS actual_turnover_wan,
       SUM(footfall_wan) AS footfall_wan
FROM (
    SELECT CASE WHEN start_date IS NULL THEN 'unknown'
                WHEN SUBSTR(CAST(start_date AS TEXT), 1, 7) < :month THEN 'before'
                WHEN SUBSTR(CAST(start_date AS TEXT), 1, 7) = :month THEN 'month'
                ELSE 'after' END AS period,
           enterprise_count, actual_turnover_wan, footfall_wan
    FROM v_results_current
    WHERE form = :form
) p
GROUP BY period
