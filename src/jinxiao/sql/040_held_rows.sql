-- Rows held back from an accepted submission (issue 11): a cell the pipeline cannot read
-- (an unreadable date or number in a required column) or a county that is not the city's.
-- The other rows of the file are taken into activity; a held row is in no total, view or
-- report but v_held_row, and waits for the city's corrected table, which supersedes the
-- submission as any resend does.
-- status: 'held' while its submission is the current one; 'superseded' once a later table
-- of the city and form replaced it (the word v_submission uses for that submission).

CREATE TABLE IF NOT EXISTS held_row (
    held_row_id {{id}},
    submission_id INTEGER NOT NULL REFERENCES submission (submission_id),
    message_key TEXT NOT NULL REFERENCES message (message_key),
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    sheet TEXT NOT NULL,
    excel_row INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'held',
    row_raw {{json}} NOT NULL,            -- header as the city wrote it -> the cell's raw text
    UNIQUE (submission_id, sheet, excel_row)
);
CREATE INDEX IF NOT EXISTS held_row_by_city_form ON held_row (city_name, form, status);

-- Why a row is held: one line per cell that could not be taken, with what the city typed.
CREATE TABLE IF NOT EXISTS held_cell (
    held_row_id INTEGER NOT NULL REFERENCES held_row (held_row_id),
    position INTEGER NOT NULL,            -- reading order of the findings within the row
    column_name TEXT NOT NULL,            -- header as the city wrote it
    raw_value TEXT,
    code TEXT NOT NULL,                   -- the finding's code, e.g. county_unknown
    problem_zh TEXT NOT NULL,
    PRIMARY KEY (held_row_id, position)
);
