# posterm: `make run` starts the terminal on the mock board; `make test` runs every test.
SHELL := /bin/bash
SWIFT ?= swift
SEEDS ?= 2000
SEED ?=
SYSTEM_PACKAGES := libusb-1.0-0-dev libudev-dev libpcsclite-dev libssl-dev pkg-config
BUILD_FLAGS ?=

.PHONY: run test bench release soak-flash host deps build clean

# Installs the system packages the build needs, if any are missing.
deps:
	@bash scripts/install-deps.sh $(SYSTEM_PACKAGES)

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product posterm

run: build
	@$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/posterm run $(ARGS)

test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

bench: deps
	bash scripts/bench.sh

# The firmware as it ships to a board: release build optimised for size, with the Swift runtime
# and Foundation linked statically (smaller resident set, no Swift libraries needed on the board).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -Osize --scratch-path .build-static --product posterm
	@echo "firmware: .build-static/release/posterm"

# Power-cut soak of the journal: `make soak-flash SEEDS=10000 [SEED=0x...]`.
soak-flash: deps
	SEEDS=$(SEEDS) SEED=$(SEED) bash scripts/soak-flash.sh

# The acquirer host simulator on its own: `make host ARGS='--listen 127.0.0.1:5800 --trace t.jsonl'`.
host: deps
	$(SWIFT) build $(BUILD_FLAGS) --product posterm-host
	@$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/posterm-host $(ARGS)

clean:
	rm -rf .build .build-static Benchmarks/.build
