-- Mail the pipeline sends (receipts, rejections, reminders, ops notices): one row per mail.
-- A row is written once (the dedupe key makes a second enqueue a no-op) and sent by
-- jinxiao.outbox.send_pending: pending -> sending -> sent, or back to pending after a
-- temporary SMTP failure, or failed after too many attempts or a permanent refusal.

CREATE TABLE IF NOT EXISTS outbox (
    outbox_id {{id}},
    dedupe_key TEXT NOT NULL UNIQUE,      -- "reply:<message_key>", "remind:<city>:<form>:<kind>:<date>"
    kind TEXT NOT NULL,                   -- reply, ops_notice, reminder, overdue
    message_key TEXT,                     -- the message replied to, for replies and ops notices
    city_name TEXT,
    form TEXT,
    mail_from TEXT NOT NULL,              -- SMTP envelope sender
    rcpt_to TEXT NOT NULL,                -- envelope recipients, comma separated
    subject TEXT NOT NULL,                -- decoded, for people reading the table
    smtp_message_id TEXT NOT NULL,        -- Message-ID header without <>, derived from dedupe_key
    raw_message TEXT NOT NULL,            -- the whole RFC 5322 message (7-bit ASCII, CRLF)
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at {{ts}} NOT NULL,
    claimed_at {{ts}},                    -- when the current/last attempt started
    sent_at {{ts}}
);
CREATE INDEX IF NOT EXISTS outbox_by_status ON outbox (status, outbox_id);
