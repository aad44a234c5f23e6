#!/usr/bin/env bash
# Install what deskapp needs (first run only) and start it.
#   ./run.sh                 start the app (embedded SQLite; offers the demo office on first run)
#   ./run.sh --install-only  just install (used by test.sh)
#   ./run.sh ARGS...         passes ARGS to deskapp, e.g. ./run.sh scenario run tests/scenarios/*.yaml
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

need_apt=()
have_pkg() { dpkg -s "$1" >/dev/null 2>&1; }
if command -v apt-get >/dev/null && command -v dpkg >/dev/null; then
  # Python venv; the libraries Qt needs (offscreen and on an X11/XWayland desktop); poppler for PDFs.
  for p in python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
           libdbus-1-3 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
           libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxcb-xfixes0 \
           poppler-utils ${DESKAPP_EXTRA_APT:-}; do
    have_pkg "$p" || need_apt+=("$p")
  done
  if [ ${#need_apt[@]} -gt 0 ]; then
    echo "Installing system packages: ${need_apt[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.deskapp-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi

if [ "${1:-}" = "--install-only" ]; then exit 0; fi
exec .venv/bin/deskapp "$@"
