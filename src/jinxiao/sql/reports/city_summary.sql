-- 分市情况: registry summary beside the results form :form, in city code order.
SELECT c.city_code, c.city_name,
       s.counties, s.activities, s.enterprises, s.est_turnover_yi,
       r.reported, r.activities AS results_activities, r.enterprises AS results_enterprises,
       r.actual_turnover_wan, r.actual_turnover_wan / 10000.0 AS actual_turnover_yi,
       r.footfall_wan, r.voucher_issued_wan, r.voucher_redeemed_wan,
       r.unknown_turnover, r.unknown_footfall, r.unlinked
FROM city c
JOIN v_city_summary s ON s.city_name = c.city_name
JOIN v_results_city_summary r ON r.city_name = c.city_name AND r.form = :form
ORDER BY c.city_code
