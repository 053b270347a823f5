# Redovisa — everything a fresh machine needs is installed from here.
#   make run    build and start the web service with the demo at http://localhost:8080
#               (installs liblua5.4-dev when missing; the demo logins are printed at start)
#   make test   build and run every test
#   make bench  release build, then the benchmarks (also needs the lua5.4 interpreter and wrk)
#   make e2e    the end-to-end test in headless Chromium (installs chromium, chromium-driver and
#               selenium in a venv under .build/e2e-venv)

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL = $(SUDO) apt-get install -y -qq --no-install-recommends

.PHONY: run test bench deps bench-deps build clean e2e e2e-deps

## Debian packages the build needs: pkg-config, liblua5.4-dev, libsqlite3-dev (for GRDB) and
## tzdata for Europe/Stockholm.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists lua5.4 \
	    || ! pkg-config --exists sqlite3 || [ ! -e /usr/share/zoneinfo/Europe/Stockholm ]; then \
	  echo "Installing pkg-config, liblua5.4-dev, libsqlite3-dev and tzdata…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) pkg-config liblua5.4-dev libsqlite3-dev tzdata; \
	fi

## The standalone interpreter that the benchmark compares the host against, and wrk (with curl
## and sqlite3 for its setup and count) for the web benchmark.
bench-deps: deps
	@command -v lua5.4 >/dev/null 2>&1 || { \
	  echo "Installing lua5.4…"; $(SUDO) apt-get update -qq && $(APT_INSTALL) lua5.4; }
	@command -v wrk >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 || { \
	  echo "Installing wrk, sqlite3 and curl…"; $(SUDO) apt-get update -qq && $(APT_INSTALL) wrk sqlite3 curl ca-certificates; }

## Debian's chromium and chromium-driver (apt), and selenium from PyPI in a virtual environment
## under .build (so nothing lands in the system's or the user's Python; `make clean` removes it).
E2E_VENV := .build/e2e-venv
e2e-deps: deps
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	    || ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then \
	  echo "Installing chromium, chromium-driver and python3-venv…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) chromium chromium-driver python3 python3-venv; \
	fi
	@[ -x $(E2E_VENV)/bin/python ] || python3 -m venv $(E2E_VENV)
	@$(E2E_VENV)/bin/python -c 'import selenium' 2>/dev/null || { \
	  echo "Installing selenium into $(E2E_VENV)…"; $(E2E_VENV)/bin/pip install -q 'selenium>=4.20,<5'; }

## The end-to-end test: the built `redovisa serve --demo` on a free port with a fresh database,
## the LSS report filled in, previewed and submitted in headless Chromium, then a message to the
## officer, the officer's answer and return, seen on Mina sidor (Tests/e2e).
e2e: e2e-deps
	$(SWIFT) build --product redovisa
	Tests/e2e/run.sh "$$($(SWIFT) build --show-bin-path)/redovisa" $(E2E_VENV)/bin/python

build: deps
	$(SWIFT) build

## The web service on the embedded SQLite default (./redovisa.sqlite, or $$REDOVISA_DB), seeded with
## the demo when empty. It prints how to log in as each demo user.
run: build
	$(SWIFT) run redovisa serve --demo

test: deps
	$(SWIFT) test

bench: bench-deps
	$(SWIFT) build -c release --product redovisa-bench
	.build/release/redovisa-bench
	$(SWIFT) build -c release --product redovisa-domain-bench
	$(SWIFT) build -c release --product redovisa
	.build/release/redovisa-domain-bench
	$(SWIFT) build -c release --product redovisa-template-bench
	.build/release/redovisa-template-bench
	$(SWIFT) build -c release --product redovisa-reminder-bench
	.build/release/redovisa-reminder-bench
	Benchmarks/web/run.sh .build/release/redovisa

clean:
	rm -rf .build
