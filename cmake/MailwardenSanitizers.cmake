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
    endif()
endif()

# MW_FUZZ: the library itself gets coverage instrumentation; fuzz targets link
# libFuzzer's main (tests/fuzz).
if(MW_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "MW_FUZZ needs clang (libFuzzer)")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
