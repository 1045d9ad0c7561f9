-- 总体情况, registry side: the CONTRACT §3 province summary as it stands.
SELECT cities, counties, activities, enterprises, est_turnover_yi
FROM v_province_summary
