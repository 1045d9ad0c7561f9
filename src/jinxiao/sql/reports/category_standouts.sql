-- The largest activities of each category (up to :depth): by actual turnover in the results
-- form :form, and by estimated turnover in the registry; the narrative names the first one
-- whose figures pass the cross-column checks (a 元 typed as 万元 is no 首位).
SELECT source, rn, activity_id, category, city_name, county_names, activity_name, turnover_wan
FROM (
    SELECT 'results' AS source, activity_id, category, city_name, county_names, activity_name,
           actual_turnover_wan AS turnover_wan,
           ROW_NUMBER() OVER (PARTITION BY category
                              ORDER BY actual_turnover_wan DESC, city_code, activity_id) AS rn
    FROM v_results_current
    WHERE form = :form AND actual_turnover_wan IS NOT NULL
    UNION ALL
    SELECT 'registry', activity_id, category, city_name, county_names, activity_name, est_turnover_wan,
           ROW_NUMBER() OVER (PARTITION BY category
                              ORDER BY est_turnover_wan DESC, city_code, activity_id)
    FROM v_registry_current
    WHERE est_turnover_wan IS NOT NULL
) ranked
WHERE rn <= :depth
ORDER BY source, category, rn
