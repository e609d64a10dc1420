# SPDX-License-Identifier: MIT
# The front door. CMake does the building; this file only names the jobs people run.
#   make          release build in build/
#   make test     install missing Debian packages (a PostgreSQL server too), sanitizer build in
#                 build-test/, run ctest
#   make demo     install missing packages, build, scan the bundled demo shop
#   make bench    benchmarks against peers (bench/README.md)
#   make fuzz     libFuzzer harnesses (clang), a short run each
#   make install  install under PREFIX (default /usr/local)
#   make complaint-model  relearn lexicons/complaints-learned.tsv (docs/complaints.md)
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build deps test demo bench fuzz install lexicons complaint-model clean format

all: build

deps:
	@bash scripts/deps.sh

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build build -j$(JOBS)

test:
	@bash scripts/deps.sh test
	cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DHUGI_SANITIZE=address,undefined $(CMAKE_FLAGS) >/dev/null
	cmake --build build-test -j$(JOBS)
	cd build-test && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

demo: build
	@bash examples/demo.sh build/cli/hugi

bench: build
	@bash scripts/deps.sh bench
	@bash bench/run.sh build/cli/hugi

fuzz:
	@bash scripts/deps.sh fuzz
	CC=clang cmake -S . -B build-fuzz -DHUGI_FUZZ=ON -DBUILD_TESTING=OFF -DHUGI_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build build-fuzz -j$(JOBS)
	@bash tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

lexicons: build
	@bash lexicons/learn.sh build/cli/hugi

complaint-model: build
	@bash lexicons/complaints-learn.sh build/cli/hugi

install: build
	cmake --install build --prefix $(PREFIX)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-test build-fuzz
