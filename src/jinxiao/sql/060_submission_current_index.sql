-- A city's current files (every reply names them): its few accepted rows, not its history.
-- At 10,000 messages the reply's current-files query went from 11 ms to 0.006 ms.
CREATE INDEX IF NOT EXISTS submission_current ON submission (city_name, outcome);
