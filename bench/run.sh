#!/bin/sh
# make bench: install wrk if missing (Debian), then run bench/run.py with the project's venv.
# PostgreSQL when DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/bench),
# SQLite in var/bench/ otherwise. Arguments go to bench/run.py (see --help).
set -eu
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y wrk || { $SUDO apt-get update && $SUDO apt-get install -y wrk; }
fi
exec .venv/bin/python bench/run.py "$@"
