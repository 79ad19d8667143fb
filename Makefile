# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test venv migrate demo lint format bench clean

# Re-install only when a requirements file changed since the last install.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	@if $(BIN)/python manage.py help load_demo >/dev/null 2>&1; then \
		$(BIN)/python manage.py load_demo; \
	else echo "No demo corpus loader yet: the timeline starts empty."; fi

# The background worker (extraction of articles uploaded in the admin) runs beside the server and stops
# with it.
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/), with a background worker"
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-style serving: gunicorn (gunicorn.conf.py: 2 workers x 4 threads by default), static files
# collected for WhiteNoise, and the background worker. Set SECRET_KEY, ALLOWED_HOSTS and DEBUG=false first
# (README, "Serving in production").
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn newsapp.wsgi -c gunicorn.conf.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Ruff, then the whole suite on SQLite and on PostgreSQL (tools/run_tests.sh says what it could not run).
test: lint
	bash tools/run_tests.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
