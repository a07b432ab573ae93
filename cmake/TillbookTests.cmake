# The doctest executables: our warnings, and their own code built for speed of building.
#
# The code under test (the libraries the tests link) keeps the build type's flags: -O2 in
# release, ASan+UBSan in the sanitizer build. The test files themselves are mostly assertion
# macros, server fixtures and JSON literals, which GCC spends most of its time optimising and
# instrumenting:
#  - in optimised builds they build at -O0, in about half the time (test_office_api.cpp: 31 s at
#    -O2, 16 s at -O0), and the tests run as fast, because their time goes to the libraries, the
#    server and the disk;
#  - in the sanitizer build they keep AddressSanitizer (which has caught a test's own overflow)
#    but not UBSan's checks, a third of their build time (test_office_api.cpp: 35 s, 21 s without);
#    UBSan still checks every library function the tests call, and its runtime is linked.
# That keeps CI inside its budget. Benchmarks are not test executables.
function(tillbook_test_executable target)
  tillbook_warnings(${target})
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-O0>)
  if(TILLBOOK_SANITIZE)
    target_compile_options(${target} PRIVATE -fno-sanitize=undefined)
  endif()
endfunction()
