# Runs one fuzz target for ctest from an empty work folder, so that each run,
# on this machine or any other, starts from the seed corpus alone.
#   cmake -DFUZZ_COMMAND=<command;args> -DWORK=<folder> -DSEEDS=<folder> -P run_fuzz_target.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(COMMAND ${FUZZ_COMMAND} "${WORK}" "${SEEDS}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the fuzz target failed (${result}); its failing input is printed above")
endif()
