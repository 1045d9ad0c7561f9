-- The current registry activities of every city, in city code order and each city's own
-- row order (activity_id follows the order the loader read the rows in).
SELECT activity_id, city_code, city_name, county_names, activity_name, start_date, end_date,
       period_raw, content, enterprise_count, support_policy, est_turnover_wan, category
FROM v_registry_current
ORDER BY city_code, activity_id
