# posterm: `make run` starts the terminal on the mock board; `make test` runs every test.
SHELL := /bin/bash
SWIFT ?= swift
SYSTEM_PACKAGES := libusb-1.0-0-dev libudev-dev libpcsclite-dev libssl-dev pkg-config
BUILD_FLAGS ?=

.PHONY: run test bench deps build clean

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

clean:
	rm -rf .build Benchmarks/.build
