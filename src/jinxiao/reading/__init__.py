"""Files to tables: sniff the format, read xlsx/xls/csv/docx/html into `Workbook` grids,
then find the header and the data rows of a form's table (`ParsedTable`), raw cells untouched.
"""
