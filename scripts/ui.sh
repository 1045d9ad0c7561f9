#!/usr/bin/env bash
# `make ui`: the Airflow UI on the embedded default, over the same AIRFLOW_HOME, warehouse,
# archive and demo Maildir as `make run` (its runs show up in the UI). Starts api-server,
# scheduler and dag-processor; prints the URL, the user and where the password is; Ctrl-C
# stops all three. Production points the same AIRFLOW_CONN_* / AIRFLOW_VAR_* elsewhere.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "$0")/env.sh"
export AIRFLOW__CORE__EXECUTOR="${AIRFLOW__CORE__EXECUTOR:-LocalExecutor}"

host="${UI_HOST:-127.0.0.1}"
port="${UI_PORT:-8080}"
url="http://$host:$port"
export AIRFLOW__API__HOST="$host" AIRFLOW__API__PORT="$port"
# The address ops open: alert mails link task logs under it (jinxiao_airflow.log_link).
export AIRFLOW__API__BASE_URL="${AIRFLOW__API__BASE_URL:-$url}"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$url/execution/"
# One user, `ops`; Airflow writes its generated password to this file on first start.
ui_user="${UI_USER:-ops}"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS:-$ui_user:admin}"
passwords="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE:-$passwords}"

# All three processes must sign and check tokens with the same secrets; kept across starts
# so a browser's session survives a restart.
mkdir -p "$AIRFLOW_HOME"
secrets="$AIRFLOW_HOME/.ui-secrets"
if [ ! -f "$secrets" ]; then
  (umask 077; "$venv/python" -c 'import secrets; print(secrets.token_hex(32)); print(secrets.token_hex(32))' >"$secrets")
fi
export AIRFLOW__API_AUTH__JWT_SECRET="$(sed -n 1p "$secrets")"
export AIRFLOW__API__SECRET_KEY="$(sed -n 2p "$secrets")"

migrate_airflow_db
default_connections if-absent

pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM
for component in api-server scheduler dag-processor; do
  log="$var/logs/ui-$component.log"
  # Own process group each (setsid), so stopping one takes its children with it.
  setsid "$venv/airflow" "$component" >"$log" 2>&1 &
  pids+=($!)
done

for _ in $(seq 1 120); do
  if "$venv/python" -c "import sys, urllib.request; urllib.request.urlopen('$url/api/v2/monitor/health', timeout=2)" 2>/dev/null; then
    break
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "an Airflow component exited; see $var/logs/ui-*.log" >&2; tail -n 20 "$var/logs"/ui-*.log >&2; exit 1; }
  done
  sleep 1
done

cat <<EOF

  Airflow UI:  $url/
  Tracker:     $url/jinxiao/   (报送情况)
  User:        ${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS%%:*}
  Password:    in $AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE
               (Airflow writes it on first start; show it with: cat '$AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE')
  Logs:        $var/logs/ui-{api-server,scheduler,dag-processor}.log

  DAGs start paused: unpause and trigger them in the UI. Ctrl-C stops all three.

EOF
wait -n "${pids[@]}" || true
echo "an Airflow component stopped; see $var/logs/ui-*.log" >&2
