# Installs the Kubernetes schema validator's npm packages (pinned by
# package-lock.json) into DEST, beside a copy of validate_k8s.mjs
# (cmake -P). Skips `npm ci` when DEST already holds this lock file.
file(MAKE_DIRECTORY ${DEST})
foreach(f package.json package-lock.json validate_k8s.mjs)
  configure_file(${SRC}/${f} ${DEST}/${f} COPYONLY)
endforeach()
set(stamp ${DEST}/node_modules/.placi-lock)
if(EXISTS ${stamp})
  file(READ ${stamp} installed)
  file(READ ${SRC}/package-lock.json wanted)
  if(installed STREQUAL wanted)
    message(STATUS "npm packages up to date in ${DEST}")
    return()
  endif()
endif()
execute_process(COMMAND ${NPM} ci --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY ${DEST} RESULT_VARIABLE rc TIMEOUT 280)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci in ${DEST} failed (${rc}): the npm registry must be reachable "
    "the first time")
endif()
configure_file(${SRC}/package-lock.json ${stamp} COPYONLY)
