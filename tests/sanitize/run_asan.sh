#!/bin/sh
# The whole tree under AddressSanitizer + UndefinedBehaviorSanitizer (gcc),
# in build-asan, then every test but the fuzzers (which have their own
# sanitized clang build). `make asan` runs this.
#   tests/sanitize/run_asan.sh [JOBS]
set -eu
cd "$(dirname "$0")/../.."
jobs="${1:-$(nproc)}"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"
