#!/usr/bin/env bash
# `make run`: the main job once, on the embedded default (a demo Maildir and a SQLite
# warehouse) unless AIRFLOW_CONN_SUBMISSION_MAILBOX / AIRFLOW_CONN_WAREHOUSE /
# AIRFLOW_VAR_SENDER_REGISTRY / OUTPUT_DIR point elsewhere.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="$repo/.venv/bin"
var="$repo/var"
mkdir -p "$var/logs"

export AIRFLOW_HOME="${AIRFLOW_HOME:-$var/airflow}"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# Schedules and times read in Beijing time (the province's clock), not UTC.
export AIRFLOW__CORE__DEFAULT_TIMEZONE="${AIRFLOW__CORE__DEFAULT_TIMEZONE:-Asia/Shanghai}"
export AIRFLOW__CORE__DAGS_FOLDER="$repo/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$repo/plugins"
export AIRFLOW__LOGGING__LOGGING_LEVEL="${AIRFLOW__LOGGING__LOGGING_LEVEL:-WARNING}"
export OUTPUT_DIR="${OUTPUT_DIR:-$var/output}"
export ARCHIVE_DIR="${ARCHIVE_DIR:-$var/archive}"
export GX_ANALYTICS_ENABLED=False

# The Airflow metadata database: migrated once per Airflow version, not on every run.
airflow_version="$("$venv/python" -c 'import importlib.metadata as m; print(m.version("apache-airflow"))')"
stamp="$AIRFLOW_HOME/.migrated-$airflow_version"
if [ ! -f "$stamp" ]; then
  mkdir -p "$AIRFLOW_HOME"
  echo "Initialising Airflow metadata database in $AIRFLOW_HOME ..."
  "$venv/airflow" db migrate >"$var/logs/airflow-db-migrate.log" 2>&1 \
    || { tail -n 30 "$var/logs/airflow-db-migrate.log"; exit 1; }
  touch "$stamp"
fi

if [ -z "${AIRFLOW_CONN_SUBMISSION_MAILBOX:-}" ]; then
  demo="$var/demo-maildir"
  "$venv/python" -m jinxiao.cli demo --maildir "$demo"
  export AIRFLOW_CONN_SUBMISSION_MAILBOX="{\"conn_type\": \"fs\", \"extra\": {\"path\": \"$demo\"}}"
fi
if [ -z "${AIRFLOW_CONN_WAREHOUSE:-}" ]; then
  export AIRFLOW_CONN_WAREHOUSE="{\"conn_type\": \"sqlite\", \"host\": \"$var/warehouse.db\"}"
fi
export AIRFLOW_VAR_SENDER_REGISTRY="${AIRFLOW_VAR_SENDER_REGISTRY:-$repo/config/senders.csv}"

run_dag() {
  local dag_id="$1" log="$var/logs/$1.log"
  echo "Running $dag_id (log: $log) ..."
  if ! "$venv/airflow" dags test "$dag_id" "$(date -u +%Y-%m-%dT%H:%M:%S+00:00)" >"$log" 2>&1 \
     || grep -q "state=failed\|DagRunState.FAILED" "$log"; then
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
