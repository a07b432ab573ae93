// The window tests' runner. Under ASan, the window itself keeps Mesa's driver loaded and names the
// libraries whose leaks are not ours (pos/src/ui/sanitizer_support.cpp).
#define DOCTEST_CONFIG_IMPLEMENT
#include "test_main.hpp"

int main(int argc, char** argv) {
    return tillbook::testing::RunTests(argc, argv);
}
