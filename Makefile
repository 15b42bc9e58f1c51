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
# What model/ imports at run time (the Tesseract path); pinned from requirements.lock.
MLSERVER_MODEL_DEPS := numpy opencv-python-headless pillow pillow-heif pypdfium2 tesserocr zxing-cpp pydantic pydantic-core rapidfuzz
space := $(subst ,, )
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Tesseract with Russian, and the Cyrillic fonts the synthetic benchmark documents are drawn with.
APT_PACKAGES := tesseract-ocr tesseract-ocr-rus fonts-dejavu-core fonts-dejavu-extra fonts-paratype fonts-liberation

.PHONY: help demo test lint typecheck bench bench-serving system-deps lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

demo: system-deps $(VENV)/.base ## Set up, then extract the bundled sample receipts (Tesseract backend)
	$(BIN)/receipt-extractor demo --backend tesseract

test: system-deps $(VENV)/.dev ## Set up, then run linters, type checks and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --durations=10

lint: $(VENV)/.dev ## ruff check + format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: $(VENV)/.dev ## mypy --strict over model/, app/, bench/
	$(BIN)/mypy

bench: system-deps $(VENV)/.dev ## Score every available backend on the synthetic corpus; writes bench/results/
	$(BIN)/receipt-extractor bench

bench-serving: system-deps $(VENV)/.dev $(MLSERVER_VENV)/.installed ## Our runtime vs Seldon MLServer: req/s, p50/p99; writes bench/results/serving.*
	$(BIN)/python -m bench.serving.run

# MLServer pins its own fastapi/starlette, so it gets a venv of its own: MLServer plus the receipt module's runtime
# dependencies at the versions of requirements.lock; the repository itself is put on its PYTHONPATH when it starts.
$(MLSERVER_VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(MLSERVER_VENV)
	$(MLSERVER_VENV)/bin/pip install -q --upgrade pip
	$(MLSERVER_VENV)/bin/pip install -q mlserver==$(MLSERVER_VERSION) \
	  $$(grep -E '^($(subst $(space),|,$(MLSERVER_MODEL_DEPS)))==' requirements.lock)
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

# Everything for the tests: dev tools, the benchmark's plotting, and torch + transformers for the Qwen-VL path.
$(VENV)/.dev: $(VENV)/bin/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e '.[dev,bench,qwen]'
	@touch $@ $(VENV)/.base

lock: $(VENV)/.dev ## Re-pin every dependency into requirements.lock
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --extra dev --extra bench --extra qwen -o requirements.lock pyproject.toml

clean: ## Remove the venv and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
