"""Names vulture calls unused but something outside Python's static view uses (`make check`).

Never imported: vulture only reads it, and any name read here counts as used. Add a name only
with the reason it is alive; a name that is really unused gets deleted instead. Routes
(@app.get), pytest fixtures and pytest hooks are ignored in [tool.vulture] of pyproject.toml.
"""

from types import SimpleNamespace

_ = SimpleNamespace()

# Airflow: a DAG object at module level is what the DagBag collects; DagDefaults is a TypedDict
# spread into @dag(**DAG_DEFAULTS).
_.report_june1, _.report_year_end
_.catchup, _.max_active_runs, _.default_args

# Read by name: Campaign's as-of dates through getattr (reports/figures.ReportKind), the report
# rows filled from the columns of sql/reports/*.sql, the tracker rows read by its Jinja
# templates, Great Expectations' page views loaded by class name (validate/data_docs.py).
_.june1_as_of, _.year_end_as_of
_.results_enterprises  # a column of city_summary.sql and month rows; no sheet shows it yet
_.column_name, _.size_bytes, _.rows_loaded, _.held_label
_.EscapingPageView, _.EscapingIndexPageView, _._escape_template_param_value

# Alembic reads each revision module's header names and calls its upgrade/downgrade.
_.revision, _.down_revision, _.branch_labels, _.depends_on, _.upgrade, _.downgrade

# Read by people, not code: each demo mail's one-line story (jobs/demo.py).
_.story
# Compared by dataclass equality in tests/test_values_unseen.py; no stage reads it yet.
_.approximate

# Callbacks a library calls: expat's handlers (reading/extent.py), HTMLParser's (reading/formats.py,
# tests/html_page.py), aiosmtpd's handler hooks and their arguments (tests/smtp_server.py),
# zipfile's filename-flag hook (the GBK names of samples).
_.StartDoctypeDeclHandler, _.EntityDeclHandler, _.ExternalEntityRefHandler
_.StartElementHandler
_.handle_starttag, _.handle_data
_.handle_RCPT, _.handle_DATA, _.session, _.rcpt_options
_._encodeFilenameFlags

# Attributes a library reads when it writes the file: openpyxl (cells, sheets, data validation,
# page setup, properties), python-docx (paragraph format, sections, footers, core properties), zipfile
# (ZipInfo), xlwt (the workbook's active sheet), sqlite3 and Great Expectations settings.
_.alignment, _.fill, _.freeze_panes, _.delete, _.print_title_rows
_.orientation, _.fitToWidth, _.fitToHeight, _.fitToPage, _.page_margins, _.smooth, _.symbol, _.tx
_.showErrorMessage, _.showInputMessage, _.errorStyle, _.prompt, _.promptTitle, _.errorTitle
_.formatColumns, _.formatRows  # openpyxl SheetProtection: False allows it on a protected sheet
_.creator, _.created, _.modified, _.author, _.last_modified_by
_.first_line_indent, _.left_indent, _.space_before, _.space_after, _.line_spacing_rule
_.footer_distance, _.is_linked_to_previous, _.horizontalCentered, _.vertical_alignment
_._blob  # python-docx: the font table part's bytes, replaced whole (reports/gongwen.py)
_.compress_type, _.external_attr
_.active_sheet
_.row_factory, _.progress_bars

# pytest: module marks, and fixtures taken only for their effect (the Airflow metadata
# database, the two-worker pool).
_.pytestmark, _.airflow_db, _.two_workers

# The hostile corpus builds its cases by name: getattr(corpus, name) for CASE_NAMES.
_.zip_duplicate_names, _.zip_path_traversal, _.zip_bomb, _.zip_nested_bomb
_.subject_bare_cr, _.headers_nul, _.message_id_9k
_.date_year_9999, _.date_unparseable, _.date_week_off
_.xlsx_far_cell, _.xlsx_200k_rows, _.xlsx_16k_columns, _.xlsx_xml_entities
_.xlsx_formula_injection, _.xlsx_script_injection, _.html_spans
_.forged_dmarc_fail, _.forged_display_name, _.forged_two_from, _.forged_unparseable_from
_.forged_other_authserv, _.forged_ar_below, _.forged_no_auth_results
_.forged_date_supersession
# Read by the tracker's queue.html template (QueueItem, ResolutionView) and kept in Applied
# for callers that log which resolution they made.
_.sent_back, _.resolution_id, _.created_at
# The tracker's remembered header mappings: a FastAPI route and a column queue.html reads.
_.remove_mapping, _.header_mapping_id
