-- 数据缺口, registry side: rows per city whose figures the city left unknown.
SELECT c.city_code, c.city_name,
       COUNT(r.activity_id) AS activities,
       SUM(CASE WHEN r.activity_id IS NOT NULL AND r.est_turnover_wan IS NULL
                THEN 1 ELSE 0 END) AS unknown_est_turnover,
       SUM(CASE WHEN r.activity_id IS NOT NULL AND r.enterprise_count IS NULL
                THEN 1 ELSE 0 END) AS unknown_enterprises,
       SUM(CASE WHEN r.activity_id IS NOT NULL AND r.start_date IS NULL
                THEN 1 ELSE 0 END) AS unknown_dates
FROM city c
LEFT JOIN v_registry_current r ON r.city_name = c.city_name
GROUP BY c.city_code, c.city_name
ORDER BY c.city_code
