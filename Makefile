# The few verbs people type. Everything installs itself on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What building and previewing need (requirements.lock), and the test tools on top
# (requirements-dev.lock, which pins the same versions of what the two share).
SITE_STAMP := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev
CONTENT ?= .
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: mapdata golden help install install-site serve site validate test lint format lock schema bench bench-deps clean browser-deps urls concern zensical links wheel example

help:
	@echo "make serve     - install what the site needs, validate, build and preview on http://127.0.0.1:$(PORT)/"
	@echo "make test      - install everything the tests need (Debian's Chromium and Java too) and run them all"
	@echo "make site      - build the static site into site/"
	@echo "make links     - check every link and anchor in site/"
	@echo "make zensical  - build the same site with Zensical into site-zensical/"
	@echo "make validate  - check the campaign YAML and report every error"
	@echo 'make concern TITLE="Title" - start concerns/<slug>.yml from a commented template'
	@echo "make install   - .venv with the generator and the test and lint tools"
	@echo "make install-site - .venv with only what validating, building and previewing need"
	@echo "make lint      - ruff and mypy"
	@echo "make schema    - regenerate schema/*.schema.json from the model"
	@echo "make golden    - refresh the golden files (generated pages, the example's whole site)"
	@echo "make wheel     - build the generator's wheel into dist/"
	@echo "make example   - write examples/example-campaign/ again with 'new campaign'"
	@echo "make urls      - add new published URLs to urls.txt (never removes one)"
	@echo "make bench     - build-time, page-weight, live-preview and Lighthouse benchmark (needs Node.js >= 22.19)"
	@echo "make lock      - re-pin dependencies (needs network)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@touch $@

$(DEV_STAMP): requirements-dev.lock $(SITE_STAMP)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

install-site: $(SITE_STAMP)

install: $(DEV_STAMP)

validate: install-site
	$(PY) -m generator validate --content $(CONTENT)

concern: install-site
	@[ -n "$(TITLE)" ] || { echo 'usage: make concern TITLE="Title of the concern"'; exit 2; }
	$(PY) -m generator new concern "$(TITLE)" --content $(CONTENT)

site: validate
	$(PY) -m generator build --content $(CONTENT)

links: site
	$(PY) -m generator links --site-dir site

zensical: install validate
	$(PY) -m generator build --engine zensical --content $(CONTENT) --site-dir site-zensical

# The preview builds every language itself: no separate `site` build first.
serve: validate
	$(PY) -m generator serve --content $(CONTENT) --port $(PORT)

# Chromium runs the site in the browser tests; Java runs the Nu HTML checker; Playwright's
# driver (a Node.js binary inside its wheel) needs libatomic1. All three come from Debian;
# axe-core and vnu.jar come with the Python test tools (requirements-dev.lock).
browser-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	dpkg-query -W -f='$${Status}' libatomic1 2>/dev/null | grep -q "ok installed" || missing="$$missing libatomic1"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }

lint: install
	$(PY) -m ruff check generator tests bench
	$(PY) -m ruff format --check generator tests bench
	$(PY) -m mypy

format: install
	$(PY) -m ruff format generator tests bench
	$(PY) -m ruff check --fix generator tests bench

test: install browser-deps lint
	$(PY) -m pytest -n 2

golden: install
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_render.py tests/test_golden_site.py
	git status --short tests/golden

# The generator as a wheel: what a campaign pins and keeps in its vendor/ folder. Its
# files are dated by the last commit, so the same commit always gives the same wheel, byte
# for byte, and the hash a campaign pins can be rebuilt by anyone from that commit.
wheel: install
	@git status --porcelain -- generator pyproject.toml 2>/dev/null | grep -q . && \
	  echo "make wheel: warning: uncommitted changes in generator/: no commit can rebuild this wheel." || true
	rm -rf dist && mkdir dist
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 315532800) \
	  $(PY) -c "from flit_core import buildapi; print('dist/' + buildapi.build_wheel('dist'))"

# examples/example-campaign/ is what `new campaign` writes, less the wheel and the lock
# that pin one build of the generator (this repository runs it with its own code).
example: wheel
	rm -rf examples/example-campaign
	$(PY) -m generator new campaign examples/example-campaign --wheel dist/treaty_explainer-*.whl
	rm -rf examples/example-campaign/vendor examples/example-campaign/requirements.lock

schema: install-site
	$(PY) -m generator schema --out schema

urls: install-site
	$(PY) -m generator urls --content $(CONTENT)

# Lighthouse is the one tool that needs Node.js and npm; the version package-lock.json pins
# declares Node.js 22.19 or newer (Debian 12 ships 18). BENCH_ARGS=--no-lighthouse measures
# the rest without them.
BENCH_ARGS ?=
bench-deps:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
	  { echo "make bench: Lighthouse needs Node.js >= 22.19 and npm, which are not installed."; \
	    echo "Install them, or measure without Lighthouse: make bench BENCH_ARGS=--no-lighthouse"; exit 2; }
	@node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a == 22 && b >= 19) ? 0 : 1)' || \
	  echo "make bench: warning: Lighthouse declares Node.js >= 22.19; this is $$(node --version)."
	@[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --silent --no-audit --no-fund

bench: install browser-deps $(if $(findstring --no-lighthouse,$(BENCH_ARGS)),,bench-deps)
	$(PY) bench/run.py $(BENCH_ARGS)

# Re-draw the world map's data from Natural Earth (downloads world-atlas; needs the network).
mapdata: install
	$(PY) -m generator.worldmap_convert
	git diff --exit-code --stat generator/mapdata/

lock:
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile --quiet --generate-hashes --universal --python-version 3.11 requirements.in -o requirements.lock
	$(PY) -m uv pip compile --quiet --generate-hashes --universal --python-version 3.11 requirements-dev.in -c requirements.lock -o requirements-dev.lock
	cp requirements.lock generator/scaffolds/campaign/requirements.lock  # what new campaigns pin
	{ echo "# Zensical, the site engine a campaign may switch to (\`make zensical\`; see README.md), and"; \
	  echo "# what it needs beyond the generator's own lock, each file checked by its sha256 hash."; \
	  $(PY) -c 'import re, sys; e = re.split(r"\n(?=[^ #\n])", open("requirements-dev.lock").read()); sys.stdout.write("".join(l + "\n" for x in e if x.split("==")[0] in ("zensical", "deepmerge", "tomli") for l in x.splitlines() if l.strip() and not l.lstrip().startswith("#")))'; \
	} > generator/scaffolds/campaign/requirements-zensical.lock

clean:
	rm -rf site site-zensical generated dist .pytest_cache .ruff_cache .mypy_cache
