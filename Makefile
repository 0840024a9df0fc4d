# The few verbs people type. Everything installs itself on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CONTENT ?= .
PORT ?= 8000

.PHONY: mapdata golden help install serve site validate test lint format lock schema bench clean browser-deps urls concern zensical links

help:
	@echo "make serve     - install if needed, validate, build and preview on http://127.0.0.1:$(PORT)/"
	@echo "make test      - install everything the tests need (incl. Chromium) and run them all"
	@echo "make site      - build the static site into site/"
	@echo "make links     - check every link and anchor in site/"
	@echo "make zensical  - build the same site with Zensical into site-zensical/"
	@echo "make validate  - check the campaign YAML and report every error"
	@echo 'make concern TITLE="Title" - start concerns/<slug>.yml from a commented template'
	@echo "make lint      - ruff"
	@echo "make schema    - regenerate schema/*.schema.json from the model"
	@echo "make urls      - add new published URLs to urls.txt (never removes one)"
	@echo "make bench     - build-time and page-weight benchmark"
	@echo "make lock      - re-pin dependencies (needs network)"

$(STAMP): requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	@touch $(STAMP)

install: $(STAMP)

validate: install
	$(PY) -m generator validate --content $(CONTENT)

concern: install
	@[ -n "$(TITLE)" ] || { echo 'usage: make concern TITLE="Title of the concern"'; exit 2; }
	$(PY) -m generator new concern "$(TITLE)" --content $(CONTENT)

site: validate
	$(PY) -m generator build --content $(CONTENT)

links: site
	$(PY) -m generator links --site-dir site

zensical: validate
	$(PY) -m generator build --engine zensical --content $(CONTENT) --site-dir site-zensical

serve: site
	$(PY) -m generator serve --content $(CONTENT) --port $(PORT)

# Chromium runs the site; Java runs the Nu HTML checker (vnu-jar).
browser-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; }
	@[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --silent --no-audit --no-fund

lint: install
	$(PY) -m ruff check generator tests bench
	$(PY) -m ruff format --check generator tests bench

format: install
	$(PY) -m ruff format generator tests bench
	$(PY) -m ruff check --fix generator tests bench

test: install browser-deps lint
	$(PY) -m pytest -n 2

golden: install
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_render.py
	git diff --stat tests/golden

schema: install
	$(PY) -m generator schema --out schema

urls: install
	$(PY) -m generator urls --content $(CONTENT)

bench: install browser-deps
	$(PY) bench/run.py

# Re-draw the world map's data from Natural Earth (downloads world-atlas; needs the network).
mapdata: install
	$(PY) -m generator.worldmap_convert
	git diff --exit-code --stat generator/mapdata/

lock:
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile --quiet --generate-hashes --universal --python-version 3.11 requirements.in -o requirements.lock
	$(PY) -m uv pip compile --quiet --generate-hashes --universal --python-version 3.11 requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf site site-zensical docs/_generated .pytest_cache .ruff_cache
