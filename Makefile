# Kooperacja — the two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install db demo unit e2e lint checks bench clean messages backup restore

$(VENV)/.installed: pyproject.toml
	@echo "==> Creating the virtualenv in $(VENV) and installing Kooperacja with its pinned dependencies"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# pip's own notices (index locations, build back-end warnings) go to a log, shown only when it fails.
	@$(PY) -m pip install --quiet --upgrade pip > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@$(PY) -m pip install --quiet -e '.[dev]' >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@echo "    installed (pip's log: $(VENV)/pip.log)"
	@touch $@

install: $(VENV)/.installed

db: install
	@echo "==> Migrating the database ($${DATABASE_URL:-SQLite file db.sqlite3})"
	@$(PY) manage.py migrate --no-input -v0
	@echo "==> Loading the TERYT register (voivodeships, counties, gminas)"
	@$(PY) manage.py load_teryt
	@echo "==> Loading GUS BDL population of every gmina 2010–2019 (economic age groups)"
	@$(PY) manage.py import_bdl

demo: db
	@echo "==> Checking system packages for PDF documents (pango, DejaVu fonts)"
	@bash scripts/system-deps.sh run || echo "    WARNING: could not install pango / DejaVu fonts: every page works, PDF documents will not"
	@echo "==> Creating the demo municipality (fictional people, about 40 institutions, an analysis, a cooperation, families)"
	@$(PY) manage.py seed_demo

run: demo
	@$(PY) manage.py collectstatic --no-input -v0
	@echo "==> Starting the background worker and the web server"
	@echo "==> Open http://$(HOST):$(PORT)/ and log in with a demo account above (Ctrl+C stops both)"
	@export SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}; \
	  $(PY) manage.py run_worker & WORKER=$$!; \
	  trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	@echo "==> Checking system packages (pango and fonts for PDF, chromium, gettext)"
	@bash scripts/system-deps.sh test
	@$(MAKE) --no-print-directory unit e2e lint checks

unit: install
	@echo "==> Unit and integration tests on $${DATABASE_URL:-SQLite}"
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m "not e2e" -q -n 2 -p no:cacheprovider

e2e: install
	@echo "==> Browser tests (Playwright + chromium + axe-core) on $${DATABASE_URL:-SQLite}"
	@# Two workers, each with its own database, live server and browser: one Python process would serve the
	@# pages and drive the browser on a single core.
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m e2e -q -n 2 -p no:cacheprovider

lint: install
	@echo "==> ruff (lint and format)"
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@echo "==> bandit (security lint; configuration and skips in pyproject.toml)"
	@$(VENV)/bin/bandit -q -r kooperacja config -c pyproject.toml

checks: install
	@echo "==> Migrations up to date"
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	@echo "==> Production settings pass check --deploy"
	@# Fresh keys, so an empty in-memory database: a real one would (rightly) refuse them at its key check.
	@DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(64))') \
	  ALLOWED_HOSTS=kooperacja.example.org SITE_URL=https://kooperacja.example.org \
	  FIELD_ENCRYPTION_KEY=$$($(PY) -c 'from cryptography.fernet import Fernet;print(Fernet.generate_key().decode())') \
	  SEARCH_HASH_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(32))') \
	  DATABASE_URL=sqlite://:memory: $(PY) manage.py check --deploy --fail-level WARNING
	@echo "==> A malformed encryption key is refused"
	@DJANGO_SETTINGS_MODULE=config.settings.test FIELD_ENCRYPTION_KEY=not-a-fernet-key \
	  $(PY) manage.py check 2>&1 | grep -q "FIELD_ENCRYPTION_KEY: key number 1 is not a valid Fernet key"

messages: install
	@echo "==> Updating and compiling the Polish catalogue"
	@$(PY) manage.py makemessages -l pl --no-obsolete --no-location -i '.venv/*' -i 'staticfiles/*'
	@$(PY) manage.py compilemessages -l pl -i '.venv'

clean:
	rm -rf $(VENV) staticfiles db.sqlite3* .pytest_cache

backup: install
	@echo "==> Backing up the database ($${DATABASE_URL:-SQLite file db.sqlite3}) and the uploaded files to $${BACKUP_DIR:-./backups}"
	@$(PY) manage.py backup

restore: install
	@test -n "$(FOLDER)" || { echo "Usage: make restore FOLDER=backups/<timestamp>"; exit 2; }
	@echo "==> Restoring $(FOLDER) into $${DATABASE_URL:-SQLite file db.sqlite3} (every table is replaced)"
	@$(PY) manage.py restore "$(FOLDER)" --yes

# Options: make bench ARGS="--only scale1 --skip-load --pages home,case_list" (docs/benchmarks.md).
bench: install
	@echo "==> Installing the load-run tools (the bench extra)"
	@$(PY) -m pip install --quiet -e '.[dev,bench]' >> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@echo "==> Benchmark on the PostgreSQL server of $${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} (results in docs/benchmarks.md)"
	@DJANGO_SETTINGS_MODULE=config.settings.bench $(PY) manage.py bench $(ARGS)
