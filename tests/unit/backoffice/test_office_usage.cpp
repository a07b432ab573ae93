// The real tillbook-office binary's usage: what --help shows, and what wrong usage answers.
#include <doctest/doctest.h>

#include "run_program.hpp"

using tillbook::testing::CheckHelpAnswer;
using tillbook::testing::CheckWrongUsage;

namespace {

const std::string kOffice = TILLBOOK_OFFICE_EXE;

}  // namespace

TEST_CASE("tillbook-office --help shows every command, and each command's help every option") {
    tillbook::testing::CheckUsageOfEveryCommand(
        kOffice, {{"init", {"--db", "--demo", "--assets"}},
                  {"verify", {"--db"}},
                  {"staff add",
                   {"--db", "--username", "--password", "--role",
                    "admin|manager|fulfilment|cashier", "--pin", "--name"}},
                  {"import-catalogue", {"--db", "CSV", "--currency"}},
                  {"serve", {"--db", "--bind", "--port", "--threads", "--tls-cert", "--tls-key"}},
                  {"pairing-code", {"--db", "--store"}},
                  {"channel configure",
                   {"--db", "--channel", "shopify|woocommerce|ebay|amazon", "--locations",
                    "--buffer", "--base-url", "--webhook-secret", "--despatch-rule"}}});
}

TEST_CASE("tillbook-office help wins over the rest of the command line and touches nothing") {
    tillbook::testing::TempDir dir("office-help");
    const std::string db = dir.File("office.db");
    CheckHelpAnswer(kOffice, {"init", "--db", db, "--help"}, {"tillbook-office init"});
    CheckHelpAnswer(kOffice, {"serve", "--port", "80", "--port", "81", "-h"},
                    {"tillbook-office serve"});
    CheckHelpAnswer(kOffice, {"staff", "--help"}, {"tillbook-office staff add"});
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("tillbook-office wrong usage prints the problem and the usage on stderr, exit 2") {
    CheckWrongUsage(kOffice, {}, "usage:");
    CheckWrongUsage(kOffice, {"frobnicate"}, "tillbook-office: unknown command frobnicate\n");
    CheckWrongUsage(kOffice, {"frobnicate", "--help"}, "unknown command frobnicate\n");
    CheckWrongUsage(kOffice, {"help", "frobnicate"}, "unknown command frobnicate\n");
    CheckWrongUsage(kOffice, {"serve", "--port"}, "tillbook-office: --port needs a value\n");
    CheckWrongUsage(kOffice, {"verify", "-x"}, "tillbook-office: unknown option -x\n");
    CheckWrongUsage(kOffice, {"verify", "extra"}, "tillbook-office verify --db FILE");
    // A misspelt option is refused, never silently ignored: the limit would not be what was set.
    CheckWrongUsage(kOffice, {"serve", "--db", "office.db", "--max-conections", "5"},
                    "tillbook-office: serve does not take --max-conections\nusage:\n"
                    "  tillbook-office serve --db FILE");
    CheckWrongUsage(kOffice, {"init", "--db", "office.db", "--assets-dir", "assets"},
                    "tillbook-office: init does not take --assets-dir\n");
    CheckWrongUsage(kOffice, {"staff", "frob"},
                    "unknown command staff frob\nusage:\n  tillbook-office staff add");
}
