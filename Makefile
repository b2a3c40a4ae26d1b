# Two commands on a fresh Debian 12 machine, as root: `make run` and `make test`.
# Each installs the Debian packages that are missing (checked with dpkg first, so a
# second run installs nothing), configures, builds and does its job.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 30

# Every program a test calls comes from one of these (tests/scripts/tools_check.py checks it:
# `make check-tools`, and the ctest script.tools_test).
PACKAGES := build-essential cmake pkg-config libimgui-dev libstb-dev libglfw3-dev \
  nlohmann-json3-dev doctest-dev libgl-dev libgl1-mesa-dri libglx-mesa0 xvfb xauth \
  fonts-noto-core fonts-dejavu-core xdotool x11-apps python3-icalendar python3-jsonschema \
  clang libclang-rt-14-dev clang-format strace imagemagick libunistring-dev \
  libical-dev python3-vobject khal calcurse desktop-file-utils appstream dpkg-dev file \
  libcairo2-dev libpango1.0-dev poppler-utils librsvg2-bin libportal-dev diction groff-base
FUZZ_PACKAGES := clang libclang-rt-14-dev
# make bench only (bench/bench.py): callgrind, the calendar it is compared with, git (the
# commit it names).
BENCH_PACKAGES := valgrind ncal git

.PHONY: all deps deps-bench packages check-tools configure build run test test-asan fuzz bench \
  install deb format format-check clean

all: build

# $(call install_missing,LIST): installs the packages of LIST that are not installed yet.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; fi; \
	  echo "Installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

deps-bench: deps
	$(call install_missing,$(BENCH_PACKAGES))

# The package lists, one word each (for scripts).
packages:
	@echo $(PACKAGES) $(FUZZ_PACKAGES) $(BENCH_PACKAGES)

# Each program the test scripts call comes from a package listed above.
check-tools: deps
	/usr/bin/python3 tests/scripts/tools_check.py

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Opens the planner on the default (IV six infusions beside Spravato, next Monday).
# With no display it says so and prints the terminal calendar instead.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  ./$(BUILD)/course-planner; \
	else \
	  echo "No display (DISPLAY is not set): printing the terminal calendar instead."; \
	  ./$(BUILD)/course-planner show iv-six-two-weeks spravato-label; \
	fi

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# ASan + LSan + UBSan over the whole suite (UI and window tests included). Third-party
# leaks only are suppressed (tests/asan/lsan.supp documents each line). Each run is recorded
# in tests/asan/results.tsv and docs/reliability.md is regenerated.
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/asan/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCOURSE_PLANNER_SANITIZE=ON \
	  -DCOURSE_PLANNER_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && status=0; \
	  $(ASAN_ENV) ctest --output-on-failure -j $(JOBS) 2>&1 | tee asan-ctest.log || status=1; \
	  grep -q '^100% tests passed' asan-ctest.log || status=1; \
	  tests=$$(sed -n 's/.* tests failed out of \([0-9]*\)$$/\1/p' asan-ctest.log); \
	  failed=$$(sed -n 's/.*, \([0-9]*\) tests failed out of .*/\1/p' asan-ctest.log); \
	  reports=$$(grep -cE '^==[0-9]+==ERROR: |runtime error: ' asan-ctest.log || true); \
	  printf '%s\t%s\t%s\t%s\n' "$$(date -u +%Y-%m-%d)" "$${tests:-0}" "$${failed:-?}" \
	    "$${reports:-0}" >>$(CURDIR)/tests/asan/results.tsv; \
	  /usr/bin/python3 $(CURDIR)/tests/fuzz/report.py; \
	  [ "$$reports" = 0 ] || status=1; exit $$status

# The fuzz targets only (tests/fuzz/fuzz_*.cpp): the rest of that build is never run.
FUZZ_TARGETS = $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.cpp)))
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCOURSE_PLANNER_FUZZ=ON -DCOURSE_PLANNER_GUI=OFF -DBUILD_TESTING=OFF \
	  -DCOURSE_PLANNER_WERROR=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run.sh $(FUZZ_BUILD); status=$$?; \
	  /usr/bin/python3 tests/fuzz/report.py; exit $$status

# Course Planner beside the stock ImGui example, ncal and itself (bench/README.md): one
# Markdown table, printed and written into docs/performance.md. BENCH_PAIRS=1 for CI.
BENCH_PAIRS ?= 5
bench: build deps-bench
	cmake --build $(BUILD) -j $(JOBS) --target course-planner bench_expand bench_frame \
	  bench_launch bench_first_frame_hook stock_imgui_example
	xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/python3 bench/bench.py --build $(BUILD) \
	  --pairs $(BENCH_PAIRS)

# Installs the program, presets, menu entry, icon, metainfo and man page under PREFIX
# (default /usr/local; DESTDIR=... stages it elsewhere).
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# A Debian package in $(BUILD)/: course-planner_VERSION_ARCH.deb (apt install ./build/...).
deb: build
	cd $(BUILD) && cpack -G DEB
	@ls $(BUILD)/course-planner_*.deb

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
