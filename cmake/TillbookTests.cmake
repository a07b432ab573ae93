# The doctest executables: our warnings, and their own code built without optimisation.
#
# The code under test (the libraries the tests link) keeps the build type's -O2. The test files
# themselves are mostly assertion macros, server fixtures and JSON literals, which GCC spends most
# of its time optimising: at -O0 they build in about half the time (test_office_api.cpp: 31 s at
# -O2, 16 s at -O0) and the tests run as fast, because their time goes to the libraries, the
# server and the disk. That keeps CI inside its budget. Benchmarks are not test executables.
function(tillbook_test_executable target)
  tillbook_warnings(${target})
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-O0>)
endfunction()
