#!/usr/bin/env bash
# Performance budgets of DESIGN.md, each measured against its floor in the same run.
#   ./bench.sh                        1,000,000 customers (the database is generated once, then cached
#                                     in ~/.cache/deskapp-bench/ or $DESKAPP_BENCH_CACHE)
#   ./bench.sh --size 100000          another size
#   ./bench.sh --pg postgresql://user@host/db   also check-in and search on PostgreSQL (a fresh database
#                                     is created on that server, filled, and dropped afterwards)
#   ./bench.sh --help                 every option (repeats, timeout, --only rows, --json FILE)
# Uses .venv (made by ./run.sh) if present, else python3 ($PYTHON overrides); installs nothing.
# Exit code 0 when every row is within budget, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")"
if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
else PY=python3; fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

size=1000000
db=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --size) size="${args[$((i + 1))]:-$size}" ;;
    --size=*) size="${args[$i]#--size=}" ;;
    --db) db="${args[$((i + 1))]:-}" ;;
    --db=*) db="${args[$i]#--db=}" ;;
    -h|--help) exec "$PY" tests/bench/run_bench.py --help ;;
  esac
done
if [ -z "$db" ]; then
  "$PY" tests/bench/generate.py --size "$size" >/dev/null
fi
exec "$PY" tests/bench/run_bench.py "$@"
