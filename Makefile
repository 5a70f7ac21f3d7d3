# The README's verbs. `make run` and `make test` set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run dev demo test lint format assets messages migrate seed bench bench-cluster screenshots backup restore outdated security clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Copy the pinned front-end packages into the portal's own static files (again only
# when the packages changed, so that two test runs side by side never see it half-copied).
VENDOR_STAMP := static/vendor/.copied
assets: $(VENDOR_STAMP)

$(VENDOR_STAMP): node_modules/.package-lock.json
	rm -rf static/vendor
	mkdir -p static/vendor/kern static/vendor/cytoscape
	cp node_modules/@kern-ux/native/dist/kern.min.css static/vendor/kern/
	cp -r node_modules/@kern-ux/native/dist/fonts static/vendor/kern/
	cp node_modules/cytoscape/dist/cytoscape.min.js static/vendor/cytoscape/
	touch $(VENDOR_STAMP)

# var/ holds the local data (the SQLite database of `make run`, backups); git ignores it.
migrate: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input

# Creates the keynote content that is missing and never overwrites an existing row
# (resetting named records is a separate step: manage.py seed_keynote --reset-to-keynote SLUG).
seed: migrate
	$(BIN)/python manage.py seed_keynote

# The portal as visitors see it: no debug pages (the portal's own 404 and 500 pages show);
# WhiteNoise serves the static files through the finders (settings: WHITENOISE_USE_FINDERS),
# so neither `collectstatic` nor `runserver --insecure` is needed.
run: $(STAMP) assets seed
	@echo ""
	@echo "Portal: http://127.0.0.1:$(PORT)/   Anmeldung: http://127.0.0.1:$(PORT)/konto/login/"
	@echo "Konto anlegen: $(BIN)/python manage.py portal_user ich@example.org --role admin"
	@echo "  (druckt einen Link zum Setzen des Passworts; --password-stdin liest es von der Eingabe)"
	@echo ""
	DJANGO_DEBUG=0 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The same with Django's debug pages (tracebacks, settings): for developing, never for others.
dev: $(STAMP) assets seed
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The portal with the keynote content and the example data of a Kreis (actors, offers with
# places and hours, networks; all marked as demo data, contacts at example.org), in a
# database of its own (var/demo.sqlite3), so that the finder can be tried end to end.
DEMO_DB := sqlite:///$(CURDIR)/var/demo.sqlite3
demo: $(STAMP) assets
	mkdir -p var
	DATABASE_URL=$(DEMO_DB) $(BIN)/python manage.py migrate --no-input
	DATABASE_URL=$(DEMO_DB) $(BIN)/python manage.py seed_keynote
	DATABASE_URL=$(DEMO_DB) $(BIN)/python manage.py seed_demo --clear --scale kreis
	@echo ""
	@echo "Demo: http://127.0.0.1:$(PORT)/zustaendig/?frage=Sprachkurs&kommune=stadt-erkelenz"
	@echo "      (Beispieldaten neben den Inhalten des Vortrags; die echte Datenbank bleibt unberührt)"
	@echo ""
	DJANGO_DEBUG=0 DATABASE_URL=$(DEMO_DB) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP) assets
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract and compile the translation catalogues (needs GNU gettext). Compiled .mo files are committed.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l de -l en --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Load test at NRW scale against a throwaway PostgreSQL cluster (docs/performance.md).
# Writes bench/results.json and bench/results.md. BENCH_ARGS="--only directory_page1" etc.
bench: $(STAMP) assets
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Two app servers, a PostgreSQL primary with a streaming replica and Redis on this machine
# (docs/cluster.md); writes bench/cluster-results.json and .md. BENCH_ARGS="--duration 5" etc.
bench-cluster: $(STAMP) assets
	$(BIN)/python bench/cluster.py bench $(BENCH_ARGS)

# Refresh the README's pictures in docs/screenshots/ on purpose: the page checks of the
# browser tests and the figures alone (abbildung-*), with their screenshots pointed there
# (a normal run writes var/screenshots/).
screenshots: $(STAMP) assets
	PORTAL_SCREENSHOTS="$(CURDIR)/docs/screenshots" $(BIN)/pytest -q tests/browser/test_pages.py tests/browser/test_figures.py $(PYTEST_ARGS)

# Back up the database: PostgreSQL custom-format dump, or JSON on SQLite (var/backups/ by default).
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(FILE),--output "$(FILE)")

# Replace the whole database with a backup (asks before it does): make restore FILE=var/backups/…
restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Aufruf: make restore FILE=var/backups/portal-….dump"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

# Pinned Python and npm packages with newer releases (asks the package indexes).
outdated: $(STAMP)
	$(BIN)/python -m integration_portal.supply_chain

# Static security analysis of the portal's code: no medium or high finding may remain.
security: $(STAMP)
	$(BIN)/bandit -c pyproject.toml -r . -q -ll

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles
