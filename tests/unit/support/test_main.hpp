#pragma once
// The one runner of every doctest executable. Include it in one file of the executable (its
// main.cpp) and call testing::RunTests from main.
//
// ctest runs each test case on its own with --test-case=NAME (doctest_discover_tests). A name
// doctest cannot carry through that filter (one holding ';' was split into two halves that matched
// nothing) used to pass while running nothing; here a filtered run that selects no test case fails,
// so a test can never pass by not running.
#include <doctest/doctest.h>

#include <cstdio>
#include <string_view>

namespace tillbook::testing {

// Counts the test cases a run selected; nothing else of doctest's reporting changes.
class SelectedTestCases : public doctest::IReporter {
  public:
    explicit SelectedTestCases(const doctest::ContextOptions&) {}
    static inline bool ran = false;
    static inline unsigned selected = 0;

    void test_run_end(const doctest::TestRunStats& stats) override {
        ran = true;
        selected = stats.numTestCasesPassingFilters;
    }
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("selected_test_cases", 1, SelectedTestCases);

// Whether the command line names the test cases to run.
inline bool FiltersTestCases(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("--test-case=") || arg.starts_with("-tc=")) return true;
    }
    return false;
}

inline int RunTests(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int status = context.run();
    if (status == 0 && SelectedTestCases::ran && SelectedTestCases::selected == 0 &&
        FiltersTestCases(argc, argv)) {
        std::fputs(
            "error: the test-case filter selected no test case, so nothing was tested "
            "(a name doctest cannot filter on, such as one holding ';'?)\n",
            stderr);
        return 1;
    }
    return status;
}

}  // namespace tillbook::testing
