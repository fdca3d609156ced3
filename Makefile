# The two commands the README starts with:
#   make demo   set everything up and serve the demo site at http://127.0.0.1:8000
#   make test   every check: lint, format, Django checks, migrations, pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo demo-cmi setup install messages test lint pytest e2e lock clean stack

demo: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The demo with card payments through a fake CMI gateway (scripts/fake_cmi.py)
# on port $(CMI_PORT): its test cards are listed on its card page.
CMI_PORT ?= 8421
CMI_DEMO_ENV := CMI_CLIENT_ID=600000001 CMI_STORE_KEY=TEST-STORE-KEY-1234 \
	CMI_GATEWAY_URL=http://$(HOST):$(CMI_PORT)/fim/est3Dgate \
	CMI_API_URL=http://$(HOST):$(CMI_PORT)/fim/api \
	CMI_API_USER=tadamon-api CMI_API_PASSWORD=demo-api-password

demo-cmi: setup
	$(BIN)/python scripts/fake_cmi.py --host $(HOST) --port $(CMI_PORT) & \
	  fake=$$!; trap 'kill $$fake' EXIT INT TERM; \
	  $(CMI_DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

install: $(VENV)/.installed node_modules/.installed

# The Nu HTML checker (vnu.jar) that tests/test_html_validity.py runs, pinned
# in package-lock.json. Its install script would fetch a Java of its own:
# Debian's default-jre-headless runs it instead. Without npm this is skipped
# (and so is the test, except in CI).
node_modules/.installed: package-lock.json
	if command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validity test will be skipped"; fi

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

messages: install
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -v 0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install messages lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --dist loadgroup --ignore=tests/e2e $(PYTEST_ARGS)
	$(MAKE) e2e

# Browser journeys run in their own pytest process: their live server and
# flushed databases stay apart from the rest of the suite.
e2e: install messages
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

# The production stack on this machine: PostgreSQL, Redis, gunicorn, task worker.
stack: install messages
	$(BIN)/python scripts/stack.py --workers 4 --port $(PORT)

# Regenerate requirements.lock from the pins in pyproject.toml.
lock:
	rm -rf /tmp/tadamon-lock && $(PYTHON) -m venv /tmp/tadamon-lock
	$(PYTHON) scripts/requirements_from_pyproject.py > /tmp/tadamon-lock/req.txt
	/tmp/tadamon-lock/bin/pip install --quiet -r /tmp/tadamon-lock/req.txt
	/tmp/tadamon-lock/bin/pip freeze > requirements.lock

clean:
	rm -rf $(VENV) node_modules staticfiles tmp .pytest_cache .ruff_cache
