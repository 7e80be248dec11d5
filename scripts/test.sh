#!/usr/bin/env bash
# ProjectSpark's single test command:  scripts/test.sh [extra `dotnet test` arguments]
#
# 1. Gets a PostgreSQL 17 + pgvector connection string from scripts/postgres.sh (an existing
#    PROJECTSPARK_TEST_POSTGRES, a Docker container, or a cached Debian trixie chroot) and exports it as
#    PROJECTSPARK_TEST_POSTGRES. No PostgreSQL is a failure, locally and in CI.
# 2. Installs Debian's chromium for the browser tests if it is missing (as root, with apt-get).
# 3. Runs `dotnet test ProjectSpark.sln --logger "console;verbosity=normal" "$@"`.
# 4. Prints `Tests: N passed, N failed` (summed over all test assemblies) on its own line.
# 5. Stops the PostgreSQL server on exit if this run started it (keep it with PROJECTSPARK_KEEP_PG=1).
#
# Exit code: dotnet test's exit code; 1 if no test ran or PostgreSQL is unavailable.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test.sh] %s\n' "$*" >&2; }
summary() { printf 'Tests: %d passed, %d failed\n' "$1" "$2"; }

solution=ProjectSpark.sln
if [[ ! -f "$solution" && -f ProjectSpark.slnx ]]; then solution=ProjectSpark.slnx; fi
if [[ ! -f "$solution" ]]; then
  log "ERROR: ProjectSpark.sln not found in $(pwd)"
  summary 0 0
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/projectspark-test.XXXXXX")"
pg_started_marker="$work/pg-started"
output="$work/dotnet-test.log"

cleanup() {
  if [[ -s "$pg_started_marker" ]]; then
    if [[ "${PROJECTSPARK_KEEP_PG:-0}" == 1 ]]; then
      log "PROJECTSPARK_KEEP_PG=1: leaving PostgreSQL running (stop it with: scripts/postgres.sh stop)"
    else
      log "stopping the PostgreSQL server this run started"
      scripts/postgres.sh stop >&2 || log "warning: scripts/postgres.sh stop failed"
    fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL 17 + pgvector ------------------------------------------------------------------------------------
if ! conn="$(PROJECTSPARK_PG_STARTED_MARKER="$pg_started_marker" scripts/postgres.sh)" || [[ -z "$conn" ]]; then
  {
    echo
    echo '#####################################################################################################'
    echo '#  No PostgreSQL 17 + pgvector for the tests (scripts/postgres.sh failed, see above).              #'
    echo '#  Set PROJECTSPARK_TEST_POSTGRES to a Npgsql connection string of a PostgreSQL 17 server with the #'
    echo '#  vector extension, or start a Docker engine, or run as root on Debian/Ubuntu.                    #'
    if [[ "${CI:-}" == true ]]; then
    echo '#  CI=true: a missing PostgreSQL is a test failure.                                                 #'
    fi
    echo '#####################################################################################################'
    echo
  } >&2
  summary 0 0
  exit 1
fi
export PROJECTSPARK_TEST_POSTGRES="$conn"
log "PROJECTSPARK_TEST_POSTGRES=$conn"

# --- Chromium for the browser tests (Debian's package; no tool ever downloads its own browser) ---------------------
chromium="${PROJECTSPARK_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing Debian's chromium for the browser tests"
    (apt-get install -y --no-install-recommends chromium fonts-dejavu-core >&2 \
      || { apt-get update >&2 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core >&2; }) \
      || log "warning: could not install chromium; the browser tests will fail"
  else
    log "warning: no chromium at $chromium (install Debian's chromium or set PROJECTSPARK_CHROMIUM); the browser tests will fail"
  fi
fi

# --- dotnet test --------------------------------------------------------------------------------------------------
# Plain console output (no MSBuild terminal logger) so the per-assembly summary lines can be parsed.
export MSBUILDTERMINALLOGGER="${MSBUILDTERMINALLOGGER:-off}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

set +e
dotnet test "$solution" --logger "console;verbosity=normal" "$@" 2>&1 | tee "$output"
rc=${PIPESTATUS[0]}
set -e

# Sum the results over all test assemblies (test projects run in parallel, so their blocks may interleave).
# Recognised formats, first one found wins:
#   1. VSTest console logger, verbosity=normal (what the command above prints), one block per assembly:
#        Test Run Successful.          (or: Test Run Failed.)
#        Total tests: 12
#             Passed: 11
#             Failed: 1
#            Skipped: 0
#         Total time: 2.3 Seconds
#   2. VSTest console logger, verbosity=minimal (one line per assembly):
#        Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 41 ms - X.dll (net10.0)
#        Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, Duration: 41 ms - X.dll (net10.0)
#   3. MSBuild terminal logger (one overall line):
#        Test summary: total: 12, failed: 1, succeeded: 11, skipped: 0, duration: 2.1s
#   4. Microsoft.Testing.Platform (lines after the last "Test run summary:"):  "  failed: 1" / "  succeeded: 11"
read -r passed failed < <(
  sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r$//' "$output" | awk '
    function num(s) { gsub(/[^0-9]/, "", s); return s + 0 }
    /^Total tests: *[0-9]+ *$/ { open_blocks++; normal = 1; next }
    open_blocks > 0 && /^ +Passed: *[0-9]+ *$/ { np += num($0); next }
    open_blocks > 0 && /^ +Failed: *[0-9]+ *$/ { nf += num($0); next }
    open_blocks > 0 && /^ +Total time:/ { open_blocks--; next }
    {
      if (match($0, /[A-Za-z]+! +- +Failed: *[0-9]+, *Passed: *[0-9]+/)) {
        s = substr($0, RSTART, RLENGTH)
        f = s; sub(/.*Failed: */, "", f); sub(/,.*/, "", f)
        p = s; sub(/.*Passed: */, "", p)
        mf += f; mp += p; minimal = 1
      } else if (match($0, /Test summary: *total: *[0-9]+, *failed: *[0-9]+, *succeeded: *[0-9]+/)) {
        s = substr($0, RSTART, RLENGTH)
        f = s; sub(/.*failed: */, "", f); sub(/,.*/, "", f)
        p = s; sub(/.*succeeded: */, "", p)
        tf += f; tp += p; tl = 1
      } else if ($0 ~ /Test run summary:/) {
        mtp = 1; xf = 0; xp = 0
      } else if (mtp && $0 ~ /^[ \t]+failed: *[0-9]+[ \t]*$/) {
        xf += num($0)
      } else if (mtp && $0 ~ /^[ \t]+succeeded: *[0-9]+[ \t]*$/) {
        xp += num($0)
      }
    }
    END {
      if (normal) print np + 0, nf + 0
      else if (minimal) print mp + 0, mf + 0
      else if (tl) print tp + 0, tf + 0
      else if (mtp) print xp + 0, xf + 0
      else print 0, 0
    }'
)

echo
summary "$passed" "$failed"

if (( rc != 0 )); then
  log "dotnet test exited with code $rc"
  exit "$rc"
fi
if (( passed + failed == 0 )); then
  log "ERROR: no tests ran"
  exit 1
fi
if (( failed > 0 )); then
  exit 1
fi
exit 0
