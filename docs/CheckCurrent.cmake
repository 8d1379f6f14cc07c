# cmake -DGENERATED=... -DCHECKED_IN=... -P CheckCurrent.cmake
# Fails, saying how to fix it, when a checked-in generated doc is stale.
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
  ${GENERATED} ${CHECKED_IN} RESULT_VARIABLE different)
if(different)
  message(FATAL_ERROR "${CHECKED_IN} differs from what ODS generates "
    "(${GENERATED}): run `make docs` and commit the result")
endif()
