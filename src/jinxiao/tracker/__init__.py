"""The 报送情况 page in the Airflow UI: queries over the warehouse and the HTML of the city x
form grid, one submission, one city. The Airflow plugin in plugins/ mounts the app.
"""
