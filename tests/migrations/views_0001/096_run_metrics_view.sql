-- Per run: messages seen and new, outcomes by kind, and the duration of each step.
DROP VIEW IF EXISTS v_run_metrics {{cascade}};

CREATE VIEW v_run_metrics AS
SELECT run_id, dag_id, MIN(started_at) AS started_at,
       MAX(messages_seen) AS messages_seen, MAX(messages_new) AS messages_new,
       SUM(accepted) AS accepted, SUM(superseded) AS superseded, SUM(rejected) AS rejected,
       SUM(ignored) AS ignored, SUM(quarantined) AS quarantined, SUM(duplicate) AS duplicate,
       SUM(CASE WHEN step = 'collect' THEN seconds ELSE 0 END) AS collect_seconds,
       SUM(CASE WHEN step = 'process' THEN seconds ELSE 0 END) AS process_seconds,
       SUM(seconds) AS total_seconds
FROM run_metrics
GROUP BY run_id, dag_id;
