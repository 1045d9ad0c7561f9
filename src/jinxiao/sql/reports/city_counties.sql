-- The county-level divisions of one city, in code order (the template's drop-down list).
SELECT county_name FROM county WHERE city_name = :city ORDER BY county_code
