#!/usr/bin/env bash
# `make run`: the main job once, on the embedded default (a demo Maildir and a SQLite
# warehouse) unless AIRFLOW_CONN_SUBMISSION_MAILBOX / AIRFLOW_CONN_WAREHOUSE /
# AIRFLOW_VAR_SENDER_REGISTRY / OUTPUT_DIR point elsewhere.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "$0")/env.sh"
export AIRFLOW__LOGGING__LOGGING_LEVEL="${AIRFLOW__LOGGING__LOGGING_LEVEL:-INFO}"
migrate_airflow_db
default_connections always

# Tasks run through the executor, as the scheduler would run them, so that each writes its
# task log under $AIRFLOW_HOME/logs and the UI (`make ui`) shows it. The executor's task
# processes talk to an api-server's execution API: one runs for the length of `make run`.
api_port="${JINXIAO_RUN_API_PORT:-$("$venv/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$api_port/execution/"
"$venv/airflow" api-server --host 127.0.0.1 --port "$api_port" >"$var/logs/api-server.log" 2>&1 &
api_pid=$!
trap 'kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null || true' EXIT
for _ in $(seq 180); do
  if "$venv/python" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$api_port/api/v2/monitor/health', timeout=2)" 2>/dev/null; then
    break
  fi
  kill -0 "$api_pid" 2>/dev/null || { echo "api-server exited:" >&2; tail -n 30 "$var/logs/api-server.log" >&2; exit 1; }
  sleep 1
done
"$venv/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$api_port/api/v2/monitor/health', timeout=5)" \
  || { echo "api-server not up after 180 s:" >&2; tail -n 30 "$var/logs/api-server.log" >&2; exit 1; }

run_dag() {
  local dag_id="$1" log="$var/logs/$1.log" pid
  echo "Running $dag_id (log: $log; task logs: $AIRFLOW_HOME/logs/dag_id=$dag_id) ..."
  : >"$log"
  setsid "$venv/airflow" dags test "$dag_id" "$(date -u +%Y-%m-%dT%H:%M:%S+00:00)" --use-executor \
    >"$log" 2>&1 &
  pid=$!
  # Airflow 3.3's LocalExecutor can hang at its shutdown after the run has finished (a worker
  # never takes its stop message; seen in tests/test_make_run.py). By then the run's state is
  # in the log and every task log is written: give it a minute, then stop its process group.
  while kill -0 "$pid" 2>/dev/null && ! grep -q "DagRun Finished: dag_id=$dag_id" "$log"; do
    sleep 1
  done
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! grep -q "DagRun Finished: dag_id=$dag_id.* state=success" "$log"; then
    echo "$dag_id FAILED; the end of its log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
run_dag submission_intake
run_dag nightly_consolidation
run_dag report_june1
run_dag report_year_end
"$venv/python" -m jinxiao.cli summary
