# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run STANZA=0` skips fetching Stanza's models (the app then uses its rule-based fallback).
STANZA ?= 1
# `make run` is a developer's machine: DEBUG on (the settings default to production, DEBUG off).
DEV := DEBUG=true

.PHONY: run serve test venv migrate demo models lint format bench clean

# Re-install only when a requirements file changed since the last install.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# The development secret key, made once and kept so that sessions survive restarts (settings never write).
var/dev-secret-key:
	@mkdir -p var
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

migrate: venv var/dev-secret-key
	$(DEV) $(BIN)/python manage.py migrate --noinput

# Stanza's fr and en models, fetched when missing and the network answers (one line and the fallback
# otherwise); skip with STANZA=0.
models: venv
	@if [ "$(STANZA)" = "0" ]; then echo "STANZA=0: not fetching Stanza's models (rule-based fallback)."; \
	else $(DEV) $(BIN)/python manage.py download_models --lang fr en --missing-only --offline-ok; fi

demo: migrate models
	@if $(DEV) $(BIN)/python manage.py help load_demo >/dev/null 2>&1; then \
		$(DEV) $(BIN)/python manage.py load_demo; \
	else echo "No demo corpus loader yet: the timeline starts empty."; fi

# The background worker (extraction of articles uploaded in the admin) runs beside the server and stops
# with it.
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/), with a background worker"
	@$(DEV) $(BIN)/python manage.py recover_extractions --verbosity 0
	@$(DEV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-style serving: gunicorn (gunicorn.conf.py: 2 workers x 4 threads by default), static files
# collected for WhiteNoise, and the background worker. Set SECRET_KEY, ALLOWED_HOSTS and DEBUG=false first
# (README, "Serving in production").
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn newsapp.wsgi -c gunicorn.conf.py

# Style, the Django-free boundary of the extraction packages (import-linter), then type hints (mypy).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=true $(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Lint, then the whole suite on SQLite and on PostgreSQL (tools/run_tests.sh says what it could not run).
test: lint
	bash tools/run_tests.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
