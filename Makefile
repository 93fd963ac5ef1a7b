# Two commands matter: `make demo` runs the platform, `make test` runs the tests.
# Both build .venv on first use (uv when present, otherwise venv + pip) from the
# hash-pinned requirements files, and skip that step when nothing changed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EGOV_PORT ?= 8000
UV := $(shell command -v uv 2>/dev/null)

.PHONY: demo test lint lock clean-demo

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
ifdef UV
	test -x $(BIN)/python || $(UV) venv --python $(PYTHON) $(VENV)
	$(UV) pip install --python $(BIN)/python --require-hashes -r requirements-dev.txt
	$(UV) pip install --python $(BIN)/python --no-deps --no-build-isolation -e .
else
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
endif
	touch $(STAMP)

# `make demo`'s worker, restarted if it dies (a crash, kill -9): the loop runs
# "$1 worker", waits for it, and starts it again two seconds after it ends;
# TERM or INT to the loop (make demo ending) stops the worker and the loop.
define WORKER_LOOP
trap 'kill $$pid 2>/dev/null; wait $$pid; exit 0' INT TERM
while :; do
	"$$1" worker & pid=$$!
	wait $$pid
	echo "  Worker stopped (exit $$?); restarting it in 2 s." >&2
	sleep 2
done
endef
export WORKER_LOOP

demo: $(STAMP)
	mkdir -p var
	EGOV_DEBUG=1 $(BIN)/egov migrate --noinput -v0
	EGOV_DEBUG=1 EGOV_PUBLIC_URL=http://127.0.0.1:$(EGOV_PORT) $(BIN)/egov load_demo --dossiers 3000 --documents 2000 --seed-figures
	@echo "  Worker: e-mails, national-portal sync, reminders and report exports in the background."
	EGOV_DEBUG=1 sh -c "$$WORKER_LOOP" demo-worker $(BIN)/egov & w=$$!; \
	trap 'kill $$w 2>/dev/null' EXIT INT TERM; \
	EGOV_DEBUG=1 EGOV_PUBLIC_URL=http://127.0.0.1:$(EGOV_PORT) $(BIN)/egov runserver --noreload 127.0.0.1:$(EGOV_PORT)

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy egov
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=egov.settings_test $(BIN)/egov makemigrations --check --dry-run

# Re-pin dependencies after editing requirements*.in (needs pip-tools). Extras stay
# in the pins (fonttools[woff] for WeasyPrint): pip's --require-hashes refuses a
# dependency's extra that no pinned line names once a newer release appears.
lock:
	pip-compile --generate-hashes --no-emit-index-url --no-emit-find-links --allow-unsafe -o requirements.txt requirements.in
	pip-compile --generate-hashes --no-emit-index-url --no-emit-find-links --allow-unsafe -o requirements-dev.txt requirements-dev.in

clean-demo:
	rm -f var/egov.sqlite3

# Load benchmark, not part of the tests: gunicorn + synthetic data + wrk, figures
# into docs/performance.md. PostgreSQL when DATABASE_URL is set; BENCH_ARGS are
# passed to bench/run.py (e.g. BENCH_ARGS="--dossiers 200000 --duration 10").
.PHONY: bench
bench: $(STAMP)
	sh bench/run.sh $(BENCH_ARGS)
