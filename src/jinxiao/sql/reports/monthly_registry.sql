-- 月度趋势, plan side: registry activities by the month they were planned to start.
SELECT SUBSTR(CAST(start_date AS TEXT), 1, 7) AS month,
       COUNT(*) AS activities,
       SUM(est_turnover_wan) AS est_turnover_wan,
       SUM(CASE WHEN est_turnover_wan IS NULL THEN 1 ELSE 0 END) AS unknown_est_turnover
FROM v_registry_current
GROUP BY SUBSTR(CAST(start_date AS TEXT), 1, 7)
