# Redovisa — everything a fresh machine needs is installed from here.
#   make run    build and start the web service with the demo at http://localhost:8080
#               (installs liblua5.4-dev when missing; the demo logins are printed at start)
#   make test   build and run every test
#   make bench  release build, then the benchmarks (also needs the lua5.4 interpreter)

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL = $(SUDO) apt-get install -y -qq --no-install-recommends

.PHONY: run test bench deps bench-deps build clean

## Debian packages the build needs: pkg-config, liblua5.4-dev, libsqlite3-dev (for GRDB) and
## tzdata for Europe/Stockholm.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists lua5.4 \
	    || ! pkg-config --exists sqlite3 || [ ! -e /usr/share/zoneinfo/Europe/Stockholm ]; then \
	  echo "Installing pkg-config, liblua5.4-dev, libsqlite3-dev and tzdata…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) pkg-config liblua5.4-dev libsqlite3-dev tzdata; \
	fi

## The standalone interpreter that the benchmark compares the host against.
bench-deps: deps
	@command -v lua5.4 >/dev/null 2>&1 || { \
	  echo "Installing lua5.4…"; $(SUDO) apt-get update -qq && $(APT_INSTALL) lua5.4; }

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

clean:
	rm -rf .build
