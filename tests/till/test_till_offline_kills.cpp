// The till sells while the back office is away and is killed with SIGKILL in the middle of its
// sales, again and again, at random moments: every sale it completed is in its journal, and once
// the office is back every one of them reaches the office exactly once; both ledgers verify.
//
// TILLBOOK_KILL_SEED=N repeats a run's kill points; TILLBOOK_KILL_ROUNDS=N kills N times (20).
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using namespace std::chrono_literals;
using testing::CountOf;

namespace {

constexpr int kSales = 50;

int EnvInt(const char* name, int fallback) {
    const char* text = std::getenv(name);
    return text != nullptr ? std::atoi(text) : fallback;
}

// A script of `sales` card sales of English breakfast tea (£4.95), one after another.
std::string SalesScript(int sales) {
    std::string script = "login 1111\n";
    for (int i = 0; i < sales; ++i) {
        script +=
            "scan 5060456110017\ntap \"Pay\"\ntap \"Card\"\ntap \"Complete sale\"\n"
            "expect-text \"Sale complete\"\ntap \"New sale\"\n";
    }
    return script + "quit\n";
}

std::int64_t SalesInJournal(const std::string& till_db) {
    auto db = testing::ReadDatabase(till_db);
    return CountOf(db, "SELECT count(*) FROM ledger WHERE kind = 1");
}

}  // namespace

TEST_CASE("sales made offline survive SIGKILL at random points and reach the office exactly once") {
    testing::TillUnderTest till("till-offline-kills");
    till.Pair();
    till.office.server.reset();  // the back office goes away
    testing::XvfbDisplay display;

    const int rounds = EnvInt("TILLBOOK_KILL_ROUNDS", 20);
    const unsigned seed = static_cast<unsigned>(EnvInt("TILLBOOK_KILL_SEED", 0)) != 0
                              ? static_cast<unsigned>(EnvInt("TILLBOOK_KILL_SEED", 0))
                              : std::random_device{}();
    MESSAGE("kill seed ", seed, " (TILLBOOK_KILL_SEED), ", rounds, " kills");
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> kill_after_ms(800, 4000);

    int kills = 0;
    int killed_selling = 0;  // kills of a run that had completed sales and had more to make
    std::int64_t completed = 0;
    for (int run = 0; completed < kSales && run < rounds + 10; ++run) {
        const std::string script_file = till.till_dir.File("offline-" + std::to_string(run));
        std::ofstream(script_file) << SalesScript(static_cast<int>(kSales - completed));
        const pid_t pid = testing::SpawnLogged(
            {TILLBOOK_POS_EXE, "--db", till.till_db, "--script", script_file, "--size",
             "1024x768"},
            till.till_dir.File("till-window.log"));
        REQUIRE(pid > 0);
        int status = 0;
        if (kills < rounds) {
            std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(random)));
            kill(pid, SIGKILL);
            REQUIRE(waitpid(pid, &status, 0) == pid);
            ++kills;
        } else {
            REQUIRE(waitpid(pid, &status, 0) == pid);
            INFO("the last run's log: ", till.till_dir.File("till-window.log"));
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
        const std::int64_t now = SalesInJournal(till.till_db);
        if (WIFSIGNALED(status) && now > completed && now < kSales) ++killed_selling;
        CHECK(now >= completed);  // nothing a completed sale wrote is ever lost
        completed = now;
        // The journal after a kill: SQLite's own check, and the ledger replayed to its tables.
        const auto verify =
            testing::RunProgram(TILLBOOK_OFFICE_EXE, {"verify", "--db", till.till_db});
        INFO(verify.out, verify.err);
        REQUIRE(verify.code == 0);
    }
    MESSAGE(kills, " kills, ", killed_selling, " of them while the till was selling");
    CHECK(kills == rounds);
    CHECK(killed_selling > 0);
    REQUIRE(completed == kSales);

    // The office comes back; the till sends what it kept.
    till.office.server = std::make_unique<testing::ServerProcess>(till.office.db, till.office.port,
                                                                  till.office.log);
    const auto sync = testing::RunProgram(TILLBOOK_POS_EXE, {"sync", "--db", till.till_db});
    INFO(sync.out, sync.err);
    REQUIRE(sync.code == 0);

    auto till_db = testing::ReadDatabase(till.till_db);
    auto office_db = testing::ReadDatabase(till.office.db);
    CHECK(CountOf(office_db, "SELECT count(*) FROM ledger WHERE kind = 1 AND origin = "
                             "'terminal:S01-T1'") == kSales);
    CHECK(CountOf(office_db, "SELECT count(DISTINCT number) FROM orders WHERE channel = "
                             "'store:S01'") == kSales);
    CHECK(CountOf(till_db, "SELECT count(*) FROM ledger") ==
          CountOf(office_db, "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'"));
    CHECK(CountOf(till_db, "SELECT count(*) FROM push_answers WHERE outcome = 1") ==
          CountOf(till_db, "SELECT count(*) FROM ledger"));
    for (const std::string& db : {till.till_db, till.office.db}) {
        const auto verify = testing::RunProgram(TILLBOOK_OFFICE_EXE, {"verify", "--db", db});
        INFO(verify.out, verify.err);
        CHECK(verify.code == 0);
    }
}
