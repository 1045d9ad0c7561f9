-- 分类情况: registry activities and results rows of :form per category (NULL = 其他).
SELECT category,
       SUM(registry_activities) AS registry_activities,
       SUM(est_turnover_wan) / 10000.0 AS est_turnover_yi,
       SUM(results_activities) AS results_activities,
       SUM(actual_turnover_wan) / 10000.0 AS actual_turnover_yi,
       SUM(footfall_wan) AS footfall_wan
FROM (
    SELECT category, COUNT(*) AS registry_activities, SUM(est_turnover_wan) AS est_turnover_wan,
           0 AS results_activities, NULL AS actual_turnover_wan, NULL AS footfall_wan
    FROM v_registry_current
    GROUP BY category
    UNION ALL
    SELECT category, 0, NULL, COUNT(*), SUM(actual_turnover_wan), SUM(footfall_wan)
    FROM v_results_current
    WHERE form = :form
    GROUP BY category
) u
GROUP BY category
ORDER BY category
