// The real tillbook-pos binary's usage: what --help shows, and what wrong usage answers.
#include <doctest/doctest.h>

#include "run_program.hpp"

using tillbook::testing::CheckHelpAnswer;
using tillbook::testing::CheckWrongUsage;

namespace {

const std::string kPos = TILLBOOK_POS_EXE;

}  // namespace

TEST_CASE("tillbook-pos --help shows every command, and each command's help every option") {
    tillbook::testing::CheckUsageOfEveryCommand(
        kPos, {{"init", {"--db", "--store", "--terminal", "--assets"}},
               {"shift open", {"--db", "--float", "--staff"}},
               {"sell", {"--db", "CODE[xCOUNT]", "--tender", "cash|card", "--tendered", "--staff"}},
               {"status", {"--db"}},
               {"shift report", {"--db", "--counted"}},
               {"shift close", {"--db", "--counted", "--staff"}},
               {"pair", {"--office", "--code", "--name", "--db", "--ca-file", "--pin-sha256"}},
               {"sync", {"--db"}}});
}

TEST_CASE("tillbook-pos help wins over the rest of the command line and touches nothing") {
    tillbook::testing::TempDir dir("pos-help");
    const std::string db = dir.File("till.db");
    CheckHelpAnswer(kPos, {"init", "--db", db, "--store", "S01", "--terminal", "T1", "--help"},
                    {"tillbook-pos init"});
    CheckHelpAnswer(kPos, {"sell", "--db", db, "5060123450019x2", "-h", "--tender", "card"},
                    {"tillbook-pos sell"});
    CheckHelpAnswer(kPos, {"shift", "--help"},
                    {"tillbook-pos shift open", "tillbook-pos shift close"}, {"tillbook-pos sell"});
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("tillbook-pos wrong usage prints the problem and the usage on stderr, exit 2") {
    CheckWrongUsage(kPos, {}, "usage:");
    CheckWrongUsage(kPos, {"refund"}, "tillbook-pos: unknown command refund\n");
    CheckWrongUsage(kPos, {"status", "--db", "till.db", "--verbose", "yes"},
                    "tillbook-pos: status does not take --verbose\n");
    CheckWrongUsage(kPos, {"refund", "--help"}, "unknown command refund\n");
    CheckWrongUsage(kPos, {"sell", "--db"}, "tillbook-pos: --db needs a value\n");
    CheckWrongUsage(kPos, {"sell", "--db", "till.db"}, "tillbook-pos sell --db FILE");
    CheckWrongUsage(kPos, {"shift", "--db", "till.db"}, "tillbook-pos shift close");
}
