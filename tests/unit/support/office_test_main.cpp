// The doctest runner of the back-office test executables (unit and integration), with staff
// passwords and PINs hashed at argon2id's minimum cost: these tests create and check thousands
// of hashes, about 140 ms each at the programs' cost. That cost is tested on its own
// (test_office_commands.cpp), and the tests that start the real tillbook-office binary use it.
#define DOCTEST_CONFIG_IMPLEMENT
#include "test_main.hpp"
#include "tillbook/office/password_hash.hpp"

int main(int argc, char** argv) {
    tillbook::office::SetHashCost(tillbook::office::HashCost::kTestMinimum);
    return tillbook::testing::RunTests(argc, argv);
}
