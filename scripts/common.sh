# Shared by run.sh and test.sh: installs what the repository needs and runs Azurite.
# Source it; it defines functions and changes nothing by itself.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\033[1m[onboarding]\033[0m %s\n' "$*" >&2; }

require() {
  command -v "$1" >/dev/null 2>&1 || { log "missing: $1 ($2)"; exit 1; }
}

# Azurite comes from npm, pinned by package-lock.json.
ensure_azurite() {
  require node "Node.js 20+ runs Azurite"
  require npm "npm installs Azurite"
  if [ ! -x "$repo_root/node_modules/.bin/azurite" ] || [ "$repo_root/package-lock.json" -nt "$repo_root/node_modules/.package-lock.json" ]; then
    log "installing Azurite (npm ci)"
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

# Headless Chromium (Debian's chromium package) and CJK fonts (fonts-noto-cjk: the web app's Chinese,
# Japanese and Korean screens) for the browser tests, which drive it through Microsoft.Playwright.
# Installs what is missing with apt; without apt it only says so (those tests then fail and say why).
ensure_chromium() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  if ! { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; }; then
    missing+=(fonts-noto-cjk)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing: ${missing[*]} and apt-get is not available: install them (or set ONBOARDING_CHROMIUM) for the browser tests"
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      log "missing: ${missing[*]}; installing needs root: run 'apt-get install -y ${missing[*]}' for the browser tests"
      return 0
    fi
  fi
  log "installing ${missing[*]} for the browser tests (apt-get install)"
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1; then
    log "could not install ${missing[*]} with apt-get: the browser tests will fail until they are installed"
    return 0
  fi
  if command -v chromium >/dev/null 2>&1; then
    log "installed; $(chromium --version 2>/dev/null | head -n 1)"
  else
    log "apt-get finished but there is still no chromium command: the browser tests will fail"
  fi
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the first of three consecutive free ports at or above $1.
free_ports_from() {
  local port=$1
  while ! { port_is_free "$port" && port_is_free $((port + 1)) && port_is_free $((port + 2)); }; do
    port=$((port + 3))
  done
  echo "$port"
}

# start_azurite <data dir> <first port>: blob, queue and table on three ports from <first port>.
# Sets AZURITE_PID and AZURITE_CONNECTION_STRING.
start_azurite() {
  local dir=$1 blob=$2 queue=$(($2 + 1)) table=$(($2 + 2))
  mkdir -p "$dir"
  "$repo_root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --location "$dir" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if ! port_is_free "$blob" && ! port_is_free "$queue" && ! port_is_free "$table"; then
      local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
      AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
      return 0
    fi
    kill -0 "$AZURITE_PID" 2>/dev/null || break
    sleep 0.1
  done
  log "Azurite did not start; its log:"; cat "$dir/azurite.log" >&2
  return 1
}

# Azurite may ignore SIGTERM: stop it by PID with SIGKILL.
stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ]; then
    kill -9 "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    AZURITE_PID=
  fi
}
