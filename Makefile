# Myte Estates API - developer and operator entry points.
#
#   make run      install what changed, migrate + seed the admin (one command), collect static files, serve
#   make test     install what changed (dev tools too), run the test suite
#   make fuzz     schemathesis against the served OpenAPI document (tests/fuzz/run_schemathesis.py)
#
# Both are idempotent: the virtualenv is created once, requirements are installed again only when
# a requirements file changed (stamp files in .venv/), and migrations/static files are no-ops when
# nothing changed. Everything else is configured through the environment (see .env.example).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
LISTEN_HOST ?= 127.0.0.1
# The listen port is Django's own PORT setting: APP_PORT wins, then PORT, then PORT_PROD (production)
# or PORT_DEV, from the environment or .env (spec 00 section 1); default 3000. `make run SERVE_PORT=n`
# overrides it.
SERVE_PORT ?=
AI_SERVE_PORT := $(or $(AI_PORT),8000)
UVICORN_FLAGS ?=
# uvicorn worker processes: the CPU count when Redis carries WebSocket groups and queues between
# processes; one without Redis (the in-memory channel layer is per process, so a chat message
# would not reach sockets held by another worker).
ifneq ($(or $(REDIS_URL),$(REDIS_HOST)),)
WEB_CONCURRENCY ?= $(shell nproc 2>/dev/null || echo 1)
else
WEB_CONCURRENCY ?= 1
endif
PYTEST_ARGS ?=
MONGO_CHECK_URL ?= mongodb://localhost:27017/myte
SCHEMA_FILE ?= $(VENV)/openapi.json

RUNTIME_STAMP := $(VENV)/.requirements.stamp
DEV_STAMP := $(VENV)/.requirements-dev.stamp
# Static files come from installed packages (admin, Swagger UI) and static/: collect them again only
# when one of those changed (compressing them takes a while).
STATIC_STAMP := staticfiles/.collected.stamp
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)

.PHONY: help install install-dev run serve migrate static test lint format worker scheduler \
        check check-mongo schema dispatch clean ai fuzz

help:
	@echo "make run          install, migrate + seed admin, collectstatic, serve (HTTP + WebSocket) on APP_PORT/PORT"
	@echo "make test         run the test suite (pytest; PYTEST_ARGS='-k foo' to filter)"
	@echo "make ai           the AI service (ai_features/, FastAPI) on :$(AI_SERVE_PORT)"
	@echo "make lint         ruff check and format, import floors (lint-imports, docs/architecture.md)"
	@echo "make worker       RQ worker for the default, email, sms and feedback-analysis queues"
	@echo "make scheduler    rq cron scheduler (myte/cron.py)"
	@echo "make check        Django system checks and migration consistency"
	@echo "make check-mongo  the offline MongoDB checks (no server needed)"
	@echo "make schema       write the OpenAPI document; fails on any drf-spectacular warning"
	@echo "make fuzz         schemathesis against the served OpenAPI document (a few minutes)"

# -- environment ----------------------------------------------------------------------------------
$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt ai_features/requirements.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP)

install-dev: $(DEV_STAMP)

# -- running --------------------------------------------------------------------------------------
migrate: install
	$(MANAGE) migrate --noinput

static: $(STATIC_STAMP)

$(STATIC_STAMP): $(RUNTIME_STAMP) $(STATIC_SOURCES)
	$(MANAGE) collectstatic --noinput --verbosity 0
	@touch $@

# One Django start before uvicorn: `bootstrap` migrates and seeds the admin.
run: install static
	$(MANAGE) bootstrap
	@$(MAKE) --no-print-directory serve

serve: install
	@# Proxy headers are judged by Django (TRUSTED_PROXIES), not by uvicorn.
	@port="$(SERVE_PORT)"; port="$${port:-$$($(PY) -c 'import myte.settings as s; print(s.PORT)')}"; \
	echo "Serving on http://$(LISTEN_HOST):$$port (API documentation at /api)"; \
	exec $(VENV)/bin/uvicorn myte.asgi:application --host $(LISTEN_HOST) --port "$$port" \
		--no-proxy-headers --workers $(WEB_CONCURRENCY) $(UVICORN_FLAGS)

ai: install-dev
	$(VENV)/bin/uvicorn ai_features.app:app --host $(LISTEN_HOST) --port $(AI_SERVE_PORT)

worker: install
	$(MANAGE) rqworker default email sms feedback-analysis --with-scheduler

scheduler: install
	$(MANAGE) rqcron myte.cron

dispatch: install
	$(MANAGE) outbox_dispatch

# -- quality --------------------------------------------------------------------------------------
# pytest's own exit code is kept in .venv/.pytest-exit-code (make itself exits 2 on any failure);
# CI reads it to tell "no tests collected" (5) from failures.
test: install-dev
	@rc=0; $(VENV)/bin/pytest $(PYTEST_ARGS) || rc=$$?; \
	echo $$rc > $(VENV)/.pytest-exit-code; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit code 5)" >&2; fi; \
	exit $$rc

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --config .importlinter

format: install-dev
	$(VENV)/bin/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

check-mongo: install
	@echo "-- MongoDB layout: migrations consistent (MONGO_LAYOUT=1, in-memory SQLite)"
	MONGO_LAYOUT=1 $(MANAGE) makemigrations --check --dry-run
	@echo "-- MongoDB engine: system checks without a server"
	DATABASE_URL=$(MONGO_CHECK_URL) $(MANAGE) check --database default
	@echo "-- MongoDB engine: settings load"
	DATABASE_URL=$(MONGO_CHECK_URL) DJANGO_SETTINGS_MODULE=myte.settings $(PY) -c "import django; django.setup(); \
		from django.conf import settings as s; \
		assert s.DATABASES['default']['ENGINE'] == 'django_mongodb_backend', s.DATABASES; \
		assert s.DEFAULT_AUTO_FIELD.endswith('ObjectIdAutoField'); \
		print('settings ok:', s.DATABASES['default']['NAME'])"

fuzz: install-dev
	$(PY) -m tests.fuzz.run_schemathesis

schema: install
	DJANGO_DEBUG=true $(MANAGE) spectacular --format openapi-json --validate --fail-on-warn --file $(SCHEMA_FILE)
	@echo "OpenAPI document written to $(SCHEMA_FILE)"

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache .import_linter_cache
