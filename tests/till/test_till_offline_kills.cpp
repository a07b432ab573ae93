// The till sells while the back office is away and is killed with SIGKILL in the middle of its
// sales, again and again, at random moments: every sale it completed is in its journal, and once
// the office is back every one of them reaches the office exactly once; both ledgers verify.
//
// TILLBOOK_KILL_SEED=N repeats a run's kill points; TILLBOOK_KILL_ROUNDS=N kills N times (20).
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
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

    // The shift is opened first (a till asks for its float before it sells), unkilled.
    REQUIRE(
        till.RunScript("login 1111\ntype 100.00\ntap \"Open shift\"\nexpect-text \"Pay\"\nquit\n",
                       "1024x768", {}) == 0);

    // Kill rounds: each run has two sales to make and is killed at a random moment; a run that
    // finished before its moment makes the moments shorter. Then one run makes the rest.
    int kills = 0;
    int killed_selling = 0;  // kills of a run that had completed one of its two sales
    int longest_ms = 1500;
    std::int64_t completed = 0;
    const auto run_till = [&](int sales, const std::string& name) {
        const std::string script_file = till.till_dir.File(name);
        std::ofstream(script_file) << SalesScript(sales);
        const pid_t pid = testing::SpawnLogged(
            {TILLBOOK_POS_EXE, "--db", till.till_db, "--script", script_file, "--size", "1024x768"},
            till.till_dir.File("till-window.log"));
        REQUIRE(pid > 0);
        return pid;
    };
    const auto check_journal = [&] {
        const std::int64_t now = SalesInJournal(till.till_db);
        CHECK(now >= completed);  // nothing a completed sale wrote is ever lost
        // The journal after a kill: SQLite's own check, and the ledger replayed to its tables.
        const auto verify =
            testing::RunProgram(TILLBOOK_OFFICE_EXE, {"verify", "--db", till.till_db});
        INFO(verify.out, verify.err);
        REQUIRE(verify.code == 0);
        return now;
    };
    for (int run = 0; kills < rounds && run < rounds * 4; ++run) {
        const pid_t pid = run_till(2, "offline-" + std::to_string(run));
        const auto kill_at =
            std::chrono::steady_clock::now() +
            std::chrono::milliseconds(std::uniform_int_distribution<int>(50, longest_ms)(random));
        int status = 0;
        bool exited = false;
        while (std::chrono::steady_clock::now() < kill_at) {
            if (waitpid(pid, &status, WNOHANG) == pid) {
                exited = true;
                break;
            }
            std::this_thread::sleep_for(5ms);
        }
        if (exited) {
            longest_ms = std::max(100, longest_ms * 3 / 4);
        } else {
            kill(pid, SIGKILL);
            REQUIRE(waitpid(pid, &status, 0) == pid);
            ++kills;
        }
        const std::int64_t now = check_journal();
        if (!exited && now == completed + 1) ++killed_selling;
        completed = now;
    }
    MESSAGE(kills, " kills (the longest wait before one ", longest_ms, " ms), ", killed_selling,
            " of them after the run's first sale and before its second");
    CHECK(kills == rounds);
    CHECK(killed_selling > 0);
    REQUIRE(completed < kSales);
    const pid_t last = run_till(static_cast<int>(kSales - completed), "offline-last");
    int status = 0;
    REQUIRE(waitpid(last, &status, 0) == last);
    INFO("the last run's log: ", till.till_dir.File("till-window.log"));
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    completed = check_journal();
    REQUIRE(completed == kSales);

    // The office comes back; the till sends what it kept.
    till.office.server =
        std::make_unique<testing::ServerProcess>(till.office.db, till.office.port, till.office.log);
    const auto sync = testing::RunProgram(TILLBOOK_POS_EXE, {"sync", "--db", till.till_db});
    INFO(sync.out, sync.err);
    REQUIRE(sync.code == 0);

    auto till_db = testing::ReadDatabase(till.till_db);
    auto office_db = testing::ReadDatabase(till.office.db);
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM ledger WHERE kind = 1 AND origin = "
                  "'terminal:S01-T1'") == kSales);
    CHECK(CountOf(office_db,
                  "SELECT count(DISTINCT number) FROM orders WHERE channel = "
                  "'store:S01'") == kSales);
    CHECK(CountOf(till_db, "SELECT count(*) FROM ledger") ==
          CountOf(office_db, "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'"));
    CHECK(CountOf(till_db, "SELECT count(*) FROM push_answers WHERE outcome = 1") ==
          CountOf(till_db, "SELECT count(*) FROM ledger"));
    testing::CheckVerifies({till.till_db, till.office.db});
}
