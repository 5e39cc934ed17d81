#!/usr/bin/env bash
# Checks a running Onboarding through its public API, right after a deploy (docs/deploy.md) or
# against the local host (./test.sh runs it):
#
#   scripts/smoke.sh BASE_URL [OPERATOR_KEY]
#
# BASE_URL      where the API answers, e.g. https://func-onboarding-dev-abc123.azurewebsites.net
# OPERATOR_KEY  the operator key (x-functions-key); without it the keyed operator check is skipped
#
# Environment (all optional):
#   SMOKE_ORIGIN  an origin in the deployment's CORS list (Cors:AllowedOrigins / corsAllowedOrigins):
#                 its preflight must be answered; without it only "another origin gets nothing" is checked
#   SMOKE_EMAIL   the address the journey registers (default smoke+<random>@example.com)
#   SMOKE_PHONE   the phone number (default +1 415 555 01NN, a fictional number); on Azure the SMS is
#                 really sent, so give a number you own there
#
# It starts one journey and drives it to "verified" where the deployment has the development routes
# (the outbox and the sandbox bank: the local host); elsewhere it checks the journey up to its start,
# says so, and cancels it. Each check prints PASS or FAIL with its time; the exit code is the number
# of failed checks (0: all passed). Needs bash, curl, grep, sed and base64.
set -uo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BASE_URL [OPERATOR_KEY]" >&2
  exit 64
fi
base="${1%/}"
operator_key="${2:-}"
rand="$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
email="${SMOKE_EMAIL:-smoke+$rand@example.com}"
phone="${SMOKE_PHONE:-+1 415 555 01$(printf '%02d' $((0x${rand:0:2} % 100)))}"
origin="${SMOKE_ORIGIN:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0

now_ms() { date +%s%3N; }

# check NAME COMMAND...: runs the command, prints PASS/FAIL with its time, counts failures.
check() {
  local name=$1; shift
  local started; started=$(now_ms)
  # Not in a subshell: a check may set what later checks use (the journey's id and token).
  if "$@" >"$work/why" 2>&1; then
    printf 'PASS  %-50s %6d ms\n' "$name" $(($(now_ms) - started))
  else
    printf 'FAIL  %-50s %6d ms  %s\n' "$name" $(($(now_ms) - started)) "$(tr '\n' ' ' <"$work/why" | head -c 400)"
    failed=$((failed + 1))
  fi
}

# request METHOD PATH [curl args...]: body to $work/body, headers to $work/headers, status to stdout.
request() {
  local method=$1 path=$2; shift 2
  curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$method" --max-time 30 "$@" "$base$path"
}

header() { grep -i "^$1:" "$work/headers" | tail -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
field() { grep -oE "\"$1\":\"[^\"]*\"" "$work/body" | head -n 1 | cut -d'"' -f4; }
expect_status() { [ "$1" = "$2" ] || { echo "status $1, expected $2: $(head -c 300 "$work/body")"; return 1; }; }

# --- the deployment as a whole ---------------------------------------------------------------

health() {
  local status; status=$(request GET /api/health) || return 1
  expect_status "$status" 200 && grep -q '"status":"healthy"' "$work/body" || { echo "not healthy: $(head -c 300 "$work/body")"; return 1; }
}

headers_on_404() {
  local status; status=$(request GET "/api/smoke-$rand-no-such-route") || return 1
  expect_status "$status" 404 || return 1
  [ "$(header X-Content-Type-Options)" = nosniff ] || { echo "X-Content-Type-Options: '$(header X-Content-Type-Options)'"; return 1; }
  [ "$(header Referrer-Policy)" = no-referrer ] || { echo "Referrer-Policy: '$(header Referrer-Policy)'"; return 1; }
  if [[ "$base" == https://* ]]; then
    [[ "$(header Strict-Transport-Security)" == max-age=* ]] || { echo "no Strict-Transport-Security over HTTPS"; return 1; }
  fi
}

forged_principal() {
  # What App Service Authentication would say about a signed-in operator, written by the caller.
  local claims; claims=$(printf '%s' '{"auth_typ":"aad","claims":[{"typ":"name","val":"forged@example.com"},{"typ":"roles","val":"Onboarding.Operator"}],"name_typ":"name","role_typ":"roles"}' | base64 | tr -d '\n')
  local status; status=$(request GET /api/ops/journeys -H "X-MS-CLIENT-PRINCIPAL: $claims" -H "X-MS-CLIENT-PRINCIPAL-NAME: forged@example.com") || return 1
  expect_status "$status" 401
}

operator_key_works() {
  local status; status=$(request GET '/api/ops/journeys?pageSize=1' -H "x-functions-key: $operator_key") || return 1
  expect_status "$status" 200
}

cors_other_origin() {
  local status; status=$(request OPTIONS /api/journeys -H "Origin: https://smoke-$rand.invalid" -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type') || return 1
  [ -z "$(header Access-Control-Allow-Origin)" ] || { echo "another origin was allowed: $(header Access-Control-Allow-Origin)"; return 1; }
}

cors_configured_origin() {
  local status; status=$(request OPTIONS /api/journeys -H "Origin: $origin" -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization,content-type') || return 1
  [[ "$status" == 2* ]] || { echo "preflight status $status"; return 1; }
  [ "$(header Access-Control-Allow-Origin)" = "$origin" ] || { echo "Access-Control-Allow-Origin: '$(header Access-Control-Allow-Origin)'"; return 1; }
}

# --- one journey ---------------------------------------------------------------------------------

journey_id=""; token=""; dev_routes=false

start_journey() {
  local status
  status=$(request POST /api/journeys -H 'Content-Type: application/json' -H "Idempotency-Key: smoke-$rand-$(now_ms)" \
    --data "{\"email\":\"$email\",\"region\":\"US\",\"phoneNumber\":\"$phone\",\"language\":\"en\"}") || return 1
  expect_status "$status" 202 || return 1
  journey_id=$(field journeyId); token=$(field journeyToken)
  [ -n "$journey_id" ] && [ -n "$token" ] || { echo "no journeyId or journeyToken in the answer"; return 1; }
}

auth() { echo "Authorization: Bearer $token"; }

bearer_works() {
  local status; status=$(request GET "/api/journeys/$journey_id" -H "$(auth)") || return 1
  expect_status "$status" 200 && grep -q "\"journeyId\":\"$journey_id\"" "$work/body" || { echo "not this journey's status"; return 1; }
  status=$(request GET "/api/journeys/$journey_id") || return 1
  expect_status "$status" 401 || { echo "(without the token)"; return 1; }
}

event_stream() {
  # Read the stream as it comes and stop at the first status: a stream stays open for minutes.
  local line event="" pid
  exec 3< <(exec curl -sS -N --max-time 20 -H "$(auth)" -H 'Accept: text/event-stream' "$base/api/journeys/$journey_id/events" 2>/dev/null)
  pid=$!
  while IFS= read -r -t 20 line <&3; do
    line=${line%$'\r'}
    case "$line" in
      'event: status') event=status ;;
      "data: {"*"\"journeyId\":\"$journey_id\""*) [ "$event" = status ] && { kill "$pid" 2>/dev/null; exec 3<&-; return 0; } ;;
    esac
  done
  kill "$pid" 2>/dev/null; exec 3<&-
  echo "no status event within 20 s"; return 1
}

# wait_for_stage STAGE: polls the journey's status until it shows STAGE (60 s at most).
wait_for_stage() {
  local stage
  for _ in $(seq 1 120); do
    request GET "/api/journeys/$journey_id" -H "$(auth)" >/dev/null || true
    stage=$(field stage)
    [ "$stage" = "$1" ] && return 0
    sleep 0.5
  done
  echo "stage '$stage' after 60 s, expected '$1'"; return 1
}

# outbox TO PATTERN: the first match of PATTERN in the messages sent to TO (30 s at most).
outbox() {
  local to; to=$(printf '%s' "$1" | sed 's/+/%2B/g; s/ //g')
  for _ in $(seq 1 60); do
    curl -sS --max-time 10 "$base/dev/outbox/messages?to=$to" -o "$work/outbox" 2>/dev/null
    if grep -oE "$2" "$work/outbox" | head -n 1 | grep .; then return 0; fi
    sleep 0.5
  done
  return 1
}

post_input() {
  local path=$1 data=$2 status
  status=$(request POST "/api/journeys/$journey_id/$path" -H "$(auth)" -H 'Content-Type: application/json' --data "$data") || return 1
  [ "$status" = 200 ] || [ "$status" = 202 ] || { echo "$path: status $status: $(head -c 300 "$work/body")"; return 1; }
}

development_routes() {
  local status; status=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$base/dev/outbox/messages?to=$(printf '%s' "$email" | sed 's/+/%2B/g')")
  [ "$status" = 200 ] && dev_routes=true
  return 0
}

phone_code() {
  local code; code=$(outbox "$phone" '[0-9]{6} is your' | cut -c1-6) || { echo "no SMS code in the outbox within 30 s"; return 1; }
  post_input phone-code "{\"code\":\"$code\"}" && wait_for_stage awaitingEmailConfirmation
}

email_link() {
  local link; link=$(outbox "$email" 'token=[A-Za-z0-9_-]+') || { echo "no e-mail link in the outbox within 30 s"; return 1; }
  local status; status=$(request POST "/api/journeys/$journey_id/email-confirmation" -H 'Content-Type: application/json' --data "{\"token\":\"${link#token=}\"}") || return 1
  [ "$status" = 200 ] || [ "$status" = 202 ] || { echo "status $status"; return 1; }
  wait_for_stage awaitingProfile
}

profile() {
  post_input profile '{"givenName":"Anna","familyName":"Smoke","nameOrder":"givenFirst","nationality":"US","dateOfBirth":"1990-01-31","passportNumber":"X'"$(printf '%07d' $((0x$rand % 10000000)))"'"}' \
    && wait_for_stage registered
}

account=""
verification() {
  account="62170000$(printf '%011d' $((0x$rand)))"
  post_input verification "{\"identityType\":\"foreigner\",\"bankName\":\"Bank of China\",\"bankAccountNumber\":\"$account\",\"accountHolderName\":\"SMOKE ANNA\"}" \
    && wait_for_stage awaitingDepositAmounts
}

deposit_amounts() {
  local amounts=""
  for _ in $(seq 1 60); do
    curl -sS --max-time 10 "$base/dev/bank/transfers?accountNumber=$account" -o "$work/bank" 2>/dev/null
    amounts=$(grep -oE '"amount":"0\.[0-9]{2}"' "$work/bank" | cut -d'"' -f4 | sed 's/.*/"&"/' | paste -sd, -)
    [ -n "$amounts" ] && break
    sleep 0.5
  done
  [ -n "$amounts" ] || { echo "no deposits on the sandbox bank's statement within 30 s"; return 1; }
  post_input deposit-amounts "{\"amounts\":[$amounts]}" && wait_for_stage verified
}

cancel() {
  local status; status=$(request DELETE "/api/journeys/$journey_id" -H "$(auth)") || return 1
  expect_status "$status" 202
}

echo "Onboarding smoke check of $base"
check "health" health
check "security headers on a 404" headers_on_404
check "forged X-MS-CLIENT-PRINCIPAL gets 401" forged_principal
if [ -n "$operator_key" ]; then
  check "operator key opens an operator route" operator_key_works
else
  echo "SKIP  operator key (none given)"
fi
check "CORS: another origin gets no CORS header" cors_other_origin
if [ -n "$origin" ]; then
  check "CORS: $origin is answered" cors_configured_origin
else
  echo "SKIP  CORS for a configured origin (set SMOKE_ORIGIN)"
fi

check "journey: start" start_journey
if [ -n "$journey_id" ]; then
  check "journey: bearer token authorises, none gets 401" bearer_works
  check "journey: event stream delivers a status" event_stream
  development_routes
  if $dev_routes; then
    check "journey: phone code (outbox)" phone_code
    check "journey: e-mail link (outbox)" email_link
    check "journey: profile" profile
    check "journey: verification (sandbox bank)" verification
    check "journey: deposit amounts -> verified" deposit_amounts
  else
    echo "STOP  no development routes here (outbox, sandbox bank): the journey is checked up to its start"
    check "journey: cancel" cancel
  fi
fi

if [ "$failed" = 0 ]; then echo "smoke check passed"; else echo "smoke check: $failed failed"; fi
exit "$failed"
