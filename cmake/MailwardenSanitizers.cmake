# MW_SANITIZE: ASan + UBSan on everything built here, failing hard on UB.
if(MW_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                        -fno-omit-frame-pointer -g)
    add_link_options(-fsanitize=address,undefined)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        # One shared runtime for the library, the test programs and the
        # interpreters that load the library (Python, Go): see tests/bindings.
        execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libclang_rt.asan-x86_64.so
                        OUTPUT_VARIABLE MW_ASAN_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
        get_filename_component(_mw_asan_dir "${MW_ASAN_RUNTIME}" DIRECTORY)
        add_link_options(-shared-libsan "-Wl,-rpath,${_mw_asan_dir}")
        # clang 14 cannot emit -fsanitize=function's prologue data for the
        # split functions of a coroutine ("Cannot represent a difference
        # across sections"): sources holding coroutines go without that one
        # check (mw_sources_with_coroutines).
        set(MW_NO_FUNCTION_SANITIZER -fno-sanitize=function)
    endif()
endif()

# MW_TSAN: ThreadSanitizer on everything built here (its own flavour: it
# cannot be combined with ASan). The threaded tests run under it.
if(MW_TSAN)
    if(MW_SANITIZE)
        message(FATAL_ERROR "MW_TSAN and MW_SANITIZE exclude each other")
    endif()
    add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -g)
    add_link_options(-fsanitize=thread)
endif()

# mw_sources_with_coroutines(TARGET FILE...): FILEs of TARGET hold C++20
# coroutines (see MW_NO_FUNCTION_SANITIZER).
function(mw_sources_with_coroutines target)
    if(MW_NO_FUNCTION_SANITIZER)
        set_source_files_properties(${ARGN} TARGET_DIRECTORY ${target}
            PROPERTIES COMPILE_OPTIONS "${MW_NO_FUNCTION_SANITIZER}")
    endif()
endfunction()

# MW_FUZZ: the library's objects and the fuzz targets get coverage
# instrumentation (src/, tests/fuzz); fuzz targets link libFuzzer's main.
# Nothing else needs it: coverage adds nothing to the other tests.
if(MW_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "MW_FUZZ needs clang (libFuzzer)")
    endif()
    set(MW_FUZZ_COVERAGE -fsanitize=fuzzer-no-link)
endif()
