-- The figures of every current results row of :form beside its registry activity's estimate,
-- for the cross-column checks (jinxiao.validate.crosscheck): flagged rows go to 数据缺口.
SELECT r.activity_id, r.city_name, r.sheet, r.excel_row, r.county_names, r.activity_name,
       r.enterprise_count, r.actual_turnover_wan, r.footfall_wan, r.voucher_issued_wan,
       r.voucher_redeemed_wan, g.est_turnover_wan
FROM v_results_current r
LEFT JOIN activity g ON g.activity_id = r.registry_activity_id
WHERE r.form = :form
ORDER BY r.city_code, r.activity_id
