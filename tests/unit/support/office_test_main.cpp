// The doctest runner of the back-office test executables (unit and integration), with staff
// passwords and PINs hashed at argon2id's minimum cost: these tests create and check thousands
// of hashes, about 140 ms each at the programs' cost. That cost is tested on its own
// (test_office_commands.cpp), and the tests that start the real tillbook-office binary use it.
// A connection the server closes while a test still writes to it (a refusal, a deadline) is an
// error the test reads, not a SIGPIPE that ends the whole run.
#include <csignal>

#define DOCTEST_CONFIG_IMPLEMENT
#include "test_main.hpp"
#include "tillbook/office/password_hash.hpp"

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    tillbook::office::SetHashCost(tillbook::office::HashCost::kTestMinimum);
    return tillbook::testing::RunTests(argc, argv);
}
