#!/usr/bin/env bash
# Runs Onboarding on this machine: Azurite (data in .azurite/) and the local host on
# http://127.0.0.1:7071 with the Durable Task engine on the Azure Storage provider.
# Ctrl+C or SIGTERM stops both. Configure with environment variables, e.g. Journey__DepositWindow=00:02:00.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

require dotnet "the .NET 10 SDK builds and runs the host"
ensure_azurite
log "building the local host"
dotnet build Onboarding.LocalHost/Onboarding.LocalHost.csproj -c Debug --nologo -v quiet -clp:ErrorsOnly >&2

port_is_free 7071 || { log "port 7071 is in use: stop what runs there first"; exit 1; }
port_is_free 10000 || { log "port 10000 is in use (another Azurite?): stop it first"; exit 1; }
start_azurite "$PWD/.azurite" 10000

host_pid=
stop_all() {
  trap - EXIT INT TERM
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$host_pid" 2>/dev/null || true
  fi
  stop_azurite
  log "stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export Storage__ConnectionString="$AZURITE_CONNECTION_STRING"
# The operator key of this run (keep your own with Operator__Key=... ./run.sh).
export Operator__Key="${Operator__Key:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
dotnet Onboarding.LocalHost/bin/Debug/net10.0/Onboarding.LocalHost.dll &
host_pid=$!

for _ in $(seq 1 300); do
  curl -fsS http://127.0.0.1:7071/api/health >/dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || { log "the local host exited"; exit 1; }
  sleep 0.1
done

cat >&2 <<MSG

  Onboarding is running.
    Web app   http://127.0.0.1:7071/
    API       http://127.0.0.1:7071/api/journeys
    Outbox    http://127.0.0.1:7071/dev/outbox          (mail and SMS sent, events published; JSON at /dev/outbox/messages, /dev/events)
    Bank      http://127.0.0.1:7071/dev/bank/transfers?accountNumber=<n>
    OpenAPI   http://127.0.0.1:7071/api/openapi.yaml
    Health    http://127.0.0.1:7071/api/health
    Operators http://127.0.0.1:7071/ops                 (x-functions-key: $Operator__Key)
  Azurite data in .azurite/ . Press Ctrl+C to stop.

MSG
wait "$host_pid"
