# TuanWu: `make run` serves the demo county, `make test` runs the suite (SQLite, then PostgreSQL if reachable).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/tuanwu
# `make run PORT=8080` serves on another port; `make run DEBUG=true` shows Django's debug pages.
PORT ?= 8000

.PHONY: install run demo test test-sqlite test-postgres lint typecheck format bench messages clean

# The modules mypy holds at zero errors: the scope, and every service, selector and rules module or package.
TYPED := tuanwu/organizations/scope.py tuanwu/organizations/policy.py \
	$(wildcard tuanwu/*/services.py tuanwu/*/services_*.py tuanwu/*/services/*.py tuanwu/*/selectors.py tuanwu/*/selectors/*.py tuanwu/*/rules.py)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/tuanwu migrate --noinput
	$(BIN)/tuanwu demo --if-empty
	$(BIN)/tuanwu collectstatic --noinput -v0
	@echo "Serving http://127.0.0.1:$(PORT) (the background worker for large imports and exports runs beside it)"
	@$(BIN)/tuanwu db_worker --interval 1 --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/tuanwu runserver 127.0.0.1:$(PORT)

demo: install
	$(BIN)/tuanwu migrate --noinput
	$(BIN)/tuanwu demo --reset $(if $(MEMBERS),--members $(MEMBERS),)

test: install lint typecheck test-sqlite test-postgres

test-sqlite: install
	$(BIN)/pytest -q

test-postgres: install
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "== PostgreSQL =="; DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser"; \
	else echo "PostgreSQL not reachable on 127.0.0.1:5432: skipped"; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy $(TYPED)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m bench

messages: install
	cd tuanwu && ../$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) staticfiles
