# Included from tests/CMakeLists.txt of the main (gcc) build: registers the
# fuzz build and a short run of each target as ctests. The build happens at
# test time, in <build>/tests/fuzz/build, so that a plain `cmake --build`
# does not need clang.
set(PLACI_FUZZ_RUNS 20000 CACHE STRING "Executions per fuzz target in make test")
find_program(PLACI_CLANGXX NAMES clang++ clang++-14)
if(NOT PLACI_CLANGXX)
  message(WARNING "fuzz tests disabled: no clang++ (Debian: clang libclang-rt-14-dev)")
  return()
endif()
set(PLACI_FUZZ_SOURCE ${CMAKE_CURRENT_LIST_DIR})
set(PLACI_FUZZ_BINARY ${CMAKE_BINARY_DIR}/tests/fuzz/build)
add_test(NAME fuzz_build
  COMMAND ${CMAKE_COMMAND} -DSOURCE=${PLACI_FUZZ_SOURCE} -DBINARY=${PLACI_FUZZ_BINARY}
    -P ${PLACI_FUZZ_SOURCE}/run_fuzzers.cmake)
set_tests_properties(fuzz_build PROPERTIES TIMEOUT 1800 LABELS fuzz FIXTURES_SETUP placi_fuzz)
foreach(target parcel_proto parcel_json watchlist_import rules)
  add_test(NAME fuzz_${target}
    COMMAND ${CMAKE_COMMAND} -DSOURCE=${PLACI_FUZZ_SOURCE} -DBINARY=${PLACI_FUZZ_BINARY}
      -DTARGET=${target} -DRUNS=${PLACI_FUZZ_RUNS} -P ${PLACI_FUZZ_SOURCE}/run_fuzzers.cmake)
  set_tests_properties(fuzz_${target} PROPERTIES
    TIMEOUT 600 LABELS fuzz FIXTURES_REQUIRED placi_fuzz)
endforeach()
