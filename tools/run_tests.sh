#!/usr/bin/env bash
# The whole test suite on SQLite (always), then the tests that use the database again on PostgreSQL (when
# one answers): the Django-free suites (temporal tagger, linking, NLP) and other database-free tests run
# once, on SQLite's run.
# Outside CI a missing PostgreSQL or browser is reported and the rest still runs; with CI=true it fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
CI=${CI:-false}
PG_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsapp}
not_run=()
status=0

# axe-core for the accessibility checks (tests/browser/test_accessibility.py), into var/npm.
if ! bash tools/install_npm_tools.sh; then
  not_run+=("the accessibility checks (axe-core could not be installed: needs npm and the npm registry)")
fi

echo "== Test suite on SQLite"
# SQLite is the embedded default; an explicit DATABASE_URL from the caller's shell must not leak in.
env -u DATABASE_URL "$PY" -m pytest "$@" || status=1

echo
echo "== Tests that use the database, on PostgreSQL ($PG_URL)"
if "$PY" tools/check_database.py "$PG_URL"; then
  DATABASE_URL="$PG_URL" "$PY" -m pytest --database-tests-only "$@"
  rc=$?
  # 5: pytest's "no test collected", when the arguments select only database-free tests.
  if [ $rc -ne 0 ] && [ $rc -ne 5 ]; then status=1; fi
else
  if [ "$CI" = "true" ]; then
    echo "CI=true: PostgreSQL is required, failing." >&2
    status=1
  fi
  not_run+=("the PostgreSQL run (no server answered at $PG_URL; set TEST_DATABASE_URL to point at one)")
fi

# Which browser the tests would start (tests/browser/conftest.py): CHROMIUM_PATH, Debian's, or Playwright's own.
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || not_run+=("the browser tests (CHROMIUM_PATH=$CHROMIUM_PATH is not an executable)")
elif [ ! -x /usr/bin/chromium ] && ! ls ~/.cache/ms-playwright/chromium* >/dev/null 2>&1; then
  not_run+=("the browser tests (no Chromium: apt-get install chromium, or .venv/bin/playwright install chromium)")
fi

echo
if [ ${#not_run[@]} -gt 0 ]; then
  echo "NOT RUN on this machine:"
  for item in "${not_run[@]}"; do echo "  - $item"; done
fi
if [ $status -eq 0 ]; then echo "All test runs passed."; else echo "Some test runs FAILED." >&2; fi
exit $status
