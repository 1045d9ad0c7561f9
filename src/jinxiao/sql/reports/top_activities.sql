-- 重点活动: the results rows of :form with the largest known actual turnover.
SELECT activity_id, city_name, county_names, activity_name, category, start_date, end_date, period_raw,
       enterprise_count, actual_turnover_wan, footfall_wan
FROM v_results_current
WHERE form = :form AND actual_turnover_wan IS NOT NULL
ORDER BY actual_turnover_wan DESC, city_code, activity_id
LIMIT :limit
