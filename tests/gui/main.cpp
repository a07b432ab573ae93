#define DOCTEST_CONFIG_IMPLEMENT
#include "test_main.hpp"

int main(int argc, char** argv) {
    return tillbook::testing::RunTests(argc, argv);
}
