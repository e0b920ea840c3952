# arinbox: `make demo` to see it work, `make test` to check it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := dovecot-imapd chromium
PYTEST_ARGS ?=
# The suite runs on SQLite, then again on PostgreSQL (issue: scale out on PostgreSQL).
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
# The eval gate on the test split: a regression in triage accuracy fails `make test`
# (thresholds a little under the figures of 2026-11-23: 0.931, 1.0, 1.0, 0.954, 0.977, 1.0, 0.956).
GATE ?= intent.macro_f1=0.92,account.accuracy=0.98,invoices.f1=0.97,promise.date_accuracy=0.9,dunning_paused.accuracy=0.97,language.accuracy=0.97,needs_human.f1=0.94

.PHONY: demo test test-sqlite test-pg gate postgres check lint format typecheck bench soak system-deps install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/arinbox demo

# System packages the real-server tests need (Dovecot, Chromium, Tesseract for OCR with
# the language packs of the six languages arinbox reads), installed when missing.
system-deps:
	@missing=""; \
	command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || missing="$$missing dovecot-imapd"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	langs=$$(tesseract --list-langs 2>/dev/null); \
	for lang in eng deu fra spa ita nld; do \
	  echo "$$langs" | grep -qx $$lang || missing="$$missing tesseract-ocr-$$lang"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

test: test-sqlite test-pg gate

test-sqlite: $(STAMP) system-deps
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The same suite on PostgreSQL (browser tests excepted: they exercise pages, not SQL).
test-pg: $(STAMP) system-deps postgres
	ARINBOX_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

# PostgreSQL must answer on 127.0.0.1:5432; start the local cluster if it is installed.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  v=$$(ls /etc/postgresql 2>/dev/null | head -n 1); \
	  [ -n "$$v" ] && pg_ctlcluster --skip-systemctl-redirect $$v main start; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; \
	  echo "PostgreSQL is not answering on 127.0.0.1:5432 (see README: make test)"; exit 1; }

# The local model built by the tests (pytest's cache) is reused: no second training.
gate: $(STAMP)
	ARINBOX_DATA_DIR=.pytest_cache/d/arinbox-local-model ARINBOX_DATABASE_URL=sqlite:///var/gate.sqlite \
	  $(BIN)/arinbox eval evals/datasets/arinbox/test --model local --no-save --fail-under $(GATE)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy agent api arinbox connectors evals records tools

check: lint typecheck test

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do m=$$(basename $$b .py); echo "== $$m"; $(BIN)/python -m benchmarks.$$m || exit 1; done

soak: $(STAMP) system-deps
	ARINBOX_SOAK=1 $(BIN)/pytest -m slow

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
