# placi-screen: the two commands are `make run` and `make test`.
# Both work on a fresh Debian 12 machine as root: they install the missing
# Debian packages first, then configure and build.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
# Tests run two to a core: many of them wait on a server, a socket or a child
# process. At one to a core a clean clone's make test used 81% of two cores,
# the idle time in the test phase; at two, the test phase 99% and 594 -> 414 s
# (docs/performance.md, "Session 24 changes").
TEST_JOBS ?= $(shell echo $$(( $$(nproc) * 2 )))
DATA_DIR ?= data/rocksdb
ARGS ?=

# Every Debian package the build, the tests and `make run` need.
PACKAGES := cmake g++ make pkg-config ca-certificates curl \
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler \
  librocksdb-dev prometheus-cpp-dev libabsl-dev libicu-dev libre2-dev \
  googletest libgtest-dev libgmock-dev libbenchmark-dev \
  python3 python3-grpcio python3-protobuf python3-yaml grpc-proto openssl libssl-dev \
  prometheus binutils clang-14 libclang-rt-14-dev \
  nats-server libnats-dev libgoogle-perftools-dev \
  wamerican

.PHONY: deps configure build run test eval bench clean

# Installs only what is missing, so repeated runs cost nothing.
deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	@[ -f $(BUILD_DIR)/CMakeCache.txt ] || cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Serves gRPC on 127.0.0.1:50051 and /metrics on 127.0.0.1:9464, with the
# demo watchlist seeded into $(DATA_DIR) on first start. Extra flags: ARGS=...
run: build
	mkdir -p $(dir $(DATA_DIR))
	exec $(BUILD_DIR)/server/placi-screen-server --data_dir=$(DATA_DIR) $(ARGS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(TEST_JOBS) --timeout 600

# Detection on two held-out seeds, 20,000 parcels each (tools/eval/README.md).
eval: build
	/usr/bin/python3 tools/eval/run_eval.py --server $(BUILD_DIR)/server/placi-screen-server \
	  --seeds 101,202 --parcels 20000 --summary --by-variant --min-recall 0.95 --max-hold-rate-ratio 2.0

# The performance set of issue 4, one table with the baseline (docs/performance.md).
bench: build
	cmake --build $(BUILD_DIR) --target run_bench

clean:
	rm -rf $(BUILD_DIR)
