-- 总体情况, results side: the province's sums over the cities' current results form :form.
SELECT SUM(reported) AS cities_reported,
       SUM(activities) AS activities,
       SUM(counties) AS counties,
       SUM(enterprises) AS enterprises,
       SUM(actual_turnover_wan) AS actual_turnover_wan,
       SUM(actual_turnover_wan) / 10000.0 AS actual_turnover_yi,
       SUM(footfall_wan) AS footfall_wan,
       SUM(voucher_issued_wan) AS voucher_issued_wan,
       SUM(voucher_redeemed_wan) AS voucher_redeemed_wan,
       SUM(unknown_turnover) AS unknown_turnover,
       SUM(unknown_footfall) AS unknown_footfall,
       SUM(unlinked) AS unlinked
FROM v_results_city_summary
WHERE form = :form
