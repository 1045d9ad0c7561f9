-- One row per run and step of a DAG (collect, process, ...), written by the step itself.
CREATE TABLE IF NOT EXISTS run_metrics (
    run_id TEXT NOT NULL,
    dag_id TEXT NOT NULL,
    step TEXT NOT NULL,
    started_at {{ts}} NOT NULL,
    seconds {{num}} NOT NULL,
    messages_seen INTEGER,
    messages_new INTEGER,
    accepted INTEGER NOT NULL DEFAULT 0,
    superseded INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    ignored INTEGER NOT NULL DEFAULT 0,
    quarantined INTEGER NOT NULL DEFAULT 0,
    duplicate INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, dag_id, step)
);
