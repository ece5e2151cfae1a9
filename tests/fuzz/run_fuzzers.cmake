# Builds the fuzz project (tests/fuzz, with clang) in a folder of the main
# build tree, then runs one target briefly over its seed corpus. Used by
# ctest (tests/fuzz/tests.cmake); by hand:
#   cmake -DSOURCE=tests/fuzz -DBINARY=build/tests/fuzz/build -DTARGET=rules \
#         -DRUNS=20000 -P tests/fuzz/run_fuzzers.cmake
# Without TARGET it only configures and builds.
foreach(var SOURCE BINARY)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzers.cmake: -D${var}=... is required")
  endif()
endforeach()

if(NOT DEFINED TARGET)
  find_program(CLANGXX NAMES clang++ clang++-14)
  if(NOT CLANGXX)
    message(FATAL_ERROR "clang++ not found: install clang and libclang-rt-14-dev")
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -DCMAKE_CXX_COMPILER=${CLANGXX}
      -DCMAKE_BUILD_TYPE=RelWithDebInfo
    RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "configuring the fuzz targets failed")
  endif()
  if(NOT DEFINED JOBS)
    cmake_host_system_information(RESULT JOBS QUERY NUMBER_OF_LOGICAL_CORES)
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} -j ${JOBS} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "building the fuzz targets failed")
  endif()
  return()
endif()

if(NOT DEFINED RUNS)
  set(RUNS 20000)
endif()
# A working corpus of its own per run: the seeds, plus what this run finds
# (libFuzzer writes into its first corpus folder; the source tree stays
# clean).
set(work ${BINARY}/corpus/${TARGET})
file(MAKE_DIRECTORY ${work})
file(GLOB seeds ${SOURCE}/corpus/${TARGET}/*)
file(COPY ${seeds} DESTINATION ${work})
set(artifacts ${BINARY}/artifacts/${TARGET}/)
file(MAKE_DIRECTORY ${artifacts})
set(dict)
if(EXISTS ${SOURCE}/${TARGET}.dict)
  set(dict -dict=${SOURCE}/${TARGET}.dict)
endif()
execute_process(
  COMMAND ${BINARY}/${TARGET}_fuzzer -runs=${RUNS} -seed=1 -max_len=65536 -timeout=25
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=${artifacts} ${dict} ${work}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB crashes ${artifacts}*)
  message(FATAL_ERROR "${TARGET}_fuzzer failed (${result}); reproducer: ${crashes}")
endif()
