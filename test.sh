#!/usr/bin/env bash
# Install what the tests need (incl. a throwaway PostgreSQL server) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")"
DESKAPP_EXTRA_APT="postgresql ${DESKAPP_EXTRA_APT:-}" bash ./run.sh --install-only

export QT_QPA_PLATFORM=offscreen
if [ -z "${DESKAPP_TEST_PG_URL:-}" ]; then
  eval "$(bash .ci/pg-start)"
  trap 'bash .ci/pg-stop >/dev/null 2>&1 || true' EXIT
fi
.venv/bin/python -m pytest -q "$@"
