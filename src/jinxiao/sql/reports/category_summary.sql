-- 分类情况: registry activities and results rows of :form per category (NULL = 其他), with
-- how many rows left the turnover blank (a sum over only blanks is unknown, not 0).
SELECT category,
       SUM(registry_activities) AS registry_activities,
       SUM(est_turnover_wan) / 10000.0 AS est_turnover_yi,
       SUM(unknown_est_turnover) AS unknown_est_turnover,
       SUM(results_activities) AS results_activities,
       SUM(actual_turnover_wan) / 10000.0 AS actual_turnover_yi,
       SUM(unknown_turnover) AS unknown_turnover,
       SUM(footfall_wan) AS footfall_wan,
       SUM(unknown_footfall) AS unknown_footfall
FROM (
    SELECT category, COUNT(*) AS registry_activities, SUM(est_turnover_wan) AS est_turnover_wan,
           SUM(CASE WHEN est_turnover_wan IS NULL THEN 1 ELSE 0 END) AS unknown_est_turnover,
           0 AS results_activities, NULL AS actual_turnover_wan, 0 AS unknown_turnover,
           NULL AS footfall_wan, 0 AS unknown_footfall
    FROM v_registry_current
    GROUP BY category
    UNION ALL
    SELECT category, 0, NULL, 0, COUNT(*), SUM(actual_turnover_wan),
           SUM(CASE WHEN actual_turnover_wan IS NULL THEN 1 ELSE 0 END), SUM(footfall_wan),
           SUM(CASE WHEN footfall_wan IS NULL THEN 1 ELSE 0 END)
    FROM v_results_current
    WHERE form = :form
    GROUP BY category
) u
GROUP BY category
ORDER BY category
