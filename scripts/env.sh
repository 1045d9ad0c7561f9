# Sourced by run.sh (`make run`) and ui.sh (`make ui`): the embedded default both work on, so
# the UI shows the runs `make run` made. Every value can be set from outside instead.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv/bin"
var="${JINXIAO_VAR_DIR:-$repo/var}"
mkdir -p "$var/logs"

export AIRFLOW_HOME="${AIRFLOW_HOME:-$var/airflow}"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# Schedules and times read in Beijing time (the province's clock), not UTC.
export AIRFLOW__CORE__DEFAULT_TIMEZONE="${AIRFLOW__CORE__DEFAULT_TIMEZONE:-Asia/Shanghai}"
export AIRFLOW__CORE__DAGS_FOLDER="$repo/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$repo/plugins"
export OUTPUT_DIR="${OUTPUT_DIR:-$var/output}"
export ARCHIVE_DIR="${ARCHIVE_DIR:-$var/archive}"
export GX_ANALYTICS_ENABLED=False
# Alert mails link task logs under the UI's address (`make ui`), also for `make run`'s runs.
export AIRFLOW__API__BASE_URL="${AIRFLOW__API__BASE_URL:-http://${UI_HOST:-127.0.0.1}:${UI_PORT:-8080}}"

# The Airflow metadata database: migrated once per Airflow version, not on every start.
migrate_airflow_db() {
  local version stamp
  version="$("$venv/python" -c 'import importlib.metadata as m; print(m.version("apache-airflow"))')"
  stamp="$AIRFLOW_HOME/.migrated-$version"
  [ -f "$stamp" ] && return 0
  mkdir -p "$AIRFLOW_HOME"
  echo "Initialising Airflow metadata database in $AIRFLOW_HOME ..."
  "$venv/airflow" db migrate >"$var/logs/airflow-db-migrate.log" 2>&1 \
    || { tail -n 30 "$var/logs/airflow-db-migrate.log"; exit 1; }
  touch "$stamp"
}

# The demo Maildir, warehouse and sender registry unless AIRFLOW_CONN_* / AIRFLOW_VAR_* say
# otherwise. `always` writes the demo mail again (same bytes, same names: nothing new for a
# mailbox that has them); `if-absent` only when the folder is not there yet.
default_connections() {
  if [ -z "${AIRFLOW_CONN_SUBMISSION_MAILBOX:-}" ]; then
    local demo="$var/demo-maildir"
    if [ "$1" = always ] || [ ! -d "$demo/new" ]; then
      "$venv/python" -m jinxiao.cli demo --maildir "$demo"
    fi
    export AIRFLOW_CONN_SUBMISSION_MAILBOX="{\"conn_type\": \"fs\", \"extra\": {\"path\": \"$demo\"}}"
  fi
  if [ -z "${AIRFLOW_CONN_WAREHOUSE:-}" ]; then
    export AIRFLOW_CONN_WAREHOUSE="{\"conn_type\": \"sqlite\", \"host\": \"$var/warehouse.db\"}"
  fi
  # Unset, the senders.csv of the campaign (JINXIAO_CAMPAIGN; default shanxi-2021) is read.
  if [ -n "${JINXIAO_CAMPAIGN:-}" ] || [ -n "${JINXIAO_CONFIG:-}" ]; then
    return 0
  fi
  export AIRFLOW_VAR_SENDER_REGISTRY="${AIRFLOW_VAR_SENDER_REGISTRY:-$repo/config/senders.csv}"
}
