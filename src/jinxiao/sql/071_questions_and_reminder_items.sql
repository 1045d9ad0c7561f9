-- Issue 13, mail to cities.
-- question: a registered city's mail with no table that is not an auto-reply (a question, a
-- note): not a non-submission. Ops are told, the city gets one short acknowledgement a day
-- at most, and the tracker lists it under 待回复 until staff mark it answered.
CREATE TABLE IF NOT EXISTS question (
    message_key TEXT PRIMARY KEY REFERENCES message (message_key),
    city_name TEXT NOT NULL,
    sender TEXT NOT NULL,
    subject TEXT,
    received_at {{ts}} NOT NULL,
    answered_at {{ts}},                   -- NULL while it waits for a staff member's answer
    answered_by TEXT
);
CREATE INDEX IF NOT EXISTS question_open ON question (answered_at, received_at);

-- reminder_item: each form's reminder (before N days, overdue) that went out in a city's
-- daily reminder mail, so it goes once although one mail now lists every form due.
CREATE TABLE IF NOT EXISTS reminder_item (
    item_key TEXT PRIMARY KEY,            -- "remind:<city>:<form>:<kind>:<scheduled day>"
    outbox_key TEXT NOT NULL,             -- the day's mail: "remind:<city>:<day>"
    city_name TEXT NOT NULL,
    form TEXT NOT NULL,
    kind TEXT NOT NULL,                   -- before3, before1, ... or overdue
    scheduled DATE NOT NULL
);
