# Included from tests/CMakeLists.txt of the main (gcc) build: registers the
# fuzz build and a short run of each target as ctests. The build happens at
# test time, in <build>/tests/fuzz/build, so that a plain `cmake --build`
# does not need clang.
# Executions per target in make test: enough to catch a target that rotted
# or a regression the seeds reach, in about ten seconds each (a rules input
# compiles a whole ruleset under the sanitizers: ~7 ms each, ten times a
# parcel's). Long runs are by hand (README.md here). A number set here
# applies to every target.
set(PLACI_FUZZ_RUNS "" CACHE STRING "Executions per fuzz target in make test (empty: each target's own)")
set(PLACI_FUZZ_DEFAULT_RUNS_parcel_proto 5000)
set(PLACI_FUZZ_DEFAULT_RUNS_parcel_json 4000)
set(PLACI_FUZZ_DEFAULT_RUNS_watchlist_import 4000)
set(PLACI_FUZZ_DEFAULT_RUNS_rules 1500)
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
  set(runs ${PLACI_FUZZ_DEFAULT_RUNS_${target}})
  if(PLACI_FUZZ_RUNS)
    set(runs ${PLACI_FUZZ_RUNS})
  endif()
  add_test(NAME fuzz_${target}
    COMMAND ${CMAKE_COMMAND} -DSOURCE=${PLACI_FUZZ_SOURCE} -DBINARY=${PLACI_FUZZ_BINARY}
      -DTARGET=${target} -DRUNS=${runs} -P ${PLACI_FUZZ_SOURCE}/run_fuzzers.cmake)
  set_tests_properties(fuzz_${target} PROPERTIES
    TIMEOUT 600 LABELS fuzz FIXTURES_REQUIRED placi_fuzz)
endforeach()
