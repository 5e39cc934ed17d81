#!/usr/bin/env bash
# The whole test suite: builds everything, starts a fresh Azurite (and installs Chromium and CJK
# fonts for the browser tests when they are missing), runs every test, and prints as its last line
#   N passed, N failed, N skipped
# summed from the TRX results. Exit code 0 only when nothing failed.
#   ./test.sh --fast   the fast lane only (domain, orchestrator, persisted formats, layers, contract
#                      documents, unit tests: [Trait(Lanes.Lane, Lanes.Fast)]): no Azurite, no browser.
# Other arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Onboarding.Tests.Upgrade").
set -uo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
fi

require dotnet "the .NET 10 SDK builds and runs the tests"
if [ "$fast" = 0 ]; then
  ensure_azurite
  ensure_chromium
fi

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

log "building the solution"
if ! dotnet build Onboarding.sln -c Debug --nologo -v quiet -clp:ErrorsOnly >&2; then
  log "the build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

if [ "$fast" = 1 ]; then
  set -- --filter "Lane=Fast" "$@"
else
  azurite_dir="$(mktemp -d /tmp/onboarding-azurite.XXXXXX)"
  start_azurite "$azurite_dir" "$(free_ports_from 20000)" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  cleanup() { stop_azurite; rm -rf "$azurite_dir"; }
  trap cleanup EXIT
  export ONBOARDING_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
fi
# The in-memory Durable Task engine caps its concurrency at the CPU count: let it run wide.
export DOTNET_PROCESSOR_COUNT=32

log "running the tests"
dotnet test Onboarding.Tests/Onboarding.Tests.csproj -c Debug --no-build --nologo \
  --logger "trx;LogFileName=onboarding.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" >&2
test_exit=$?

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done
if [ "$found" = 0 ] || { [ "$test_exit" != 0 ] && [ "$failed" = 0 ]; }; then
  log "the test run did not complete (exit code $test_exit)"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
