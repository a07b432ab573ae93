// Signing in at the till with the office's real argon2id cost (libsodium's interactive limits, as
// backoffice/src/password_hash.cpp makes PIN hashes): how long a PIN takes to be accepted or
// refused with seven members of staff, and the longest a frame (TillApp::Apply or Tick) took
// meanwhile, which must stay far below a 16 ms frame since the check runs on its own thread.
//
//   till_pin_bench [--rounds 3]
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench_stats.hpp"
#include "demo_till_app.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/pos/app/till_app.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/demo_shop.hpp"

namespace {

using tillbook::bench::Millis;

using namespace tillbook;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& what) {
    bench::Fail("till_pin_bench", what);
}

std::string InteractiveHash(const std::string& pin) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        Fail("hashing ran out of memory");
    return out;
}

struct Timing {
    double total_ms = 0;  // PIN typed to the answer on screen
    double longest_frame_ms = 0;
    bool signed_in = false;
};

// Submits `pin` and runs frames (Tick every 2 ms) until the answer is in.
Timing SignIn(pos::app::TillApp& app, const ids::Clock& clock, const std::string& pin) {
    Timing timing;
    const auto started = Clock::now();
    auto frame = Clock::now();
    app.Apply({pos::app::SubmitPin{pin}});
    timing.longest_frame_ms = Millis(Clock::now() - frame);
    while (app.CheckingPin()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        frame = Clock::now();
        app.Tick(clock.Now());
        timing.longest_frame_ms = std::max(timing.longest_frame_ms, Millis(Clock::now() - frame));
    }
    timing.total_ms = Millis(Clock::now() - started);
    timing.signed_in = app.View().screen != pos::app::Screen::kSignIn;
    app.Apply({pos::app::LockTill{}});
    return timing;
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 3;
    if (argc == 3 && std::string(argv[1]) == "--rounds") rounds = std::max(1, std::atoi(argv[2]));
    if (sodium_init() < 0) Fail("libsodium did not start");
    const auto dir = std::filesystem::temp_directory_path() /
                     fmt::format("till-pin-bench-{}", static_cast<long>(::getpid()));
    std::filesystem::create_directories(dir);
    {
        store::Database db =
            (bench::DemoTillDatabase("till_pin_bench", (dir / "till.db").string()));
        ids::SystemClock clock;
        ids::UuidV7Source ids(clock, 1);
        const auto hash_started = Clock::now();
        for (int i = 1; i <= 7; ++i) {
            auto q = db.Prepare(
                "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash) "
                "VALUES (?, ?, ?, 1, '', ?)");
            if (!q) Fail(q.error().message);
            const std::string id = fmt::format("staff-{}", i);
            if (!q->Bind(1, id)
                     .Bind(2, id)
                     .Bind(3, fmt::format("Cashier {}", i))
                     .Bind(4, InteractiveHash(fmt::format("{}{}{}{}", i, i, i, i)))
                     .Run())
                Fail("staff insert failed");
        }
        fmt::print(
            "till_pin_bench: 7 staff, argon2id at libsodium's interactive cost "
            "(one hash made in {:.0f} ms)\n",
            Millis(Clock::now() - hash_started) / 7);
        pos::app::ReportQueue reports;
        bench::NoDevices devices;
        bench::NoSync sync;
        auto app = pos::app::TillApp::Open(db, clock, ids, reports, devices, sync, {});
        if (!app) Fail(app.error().message);
        for (int round = 1; round <= rounds; ++round) {
            const Timing last = SignIn(**app, clock, "7777");  // checked last, or first once recent
            const Timing first = SignIn(**app, clock, "1111");
            const Timing again = SignIn(**app, clock, "7777");  // a switch back
            const Timing wrong = SignIn(**app, clock, "0000");
            if (!last.signed_in || !first.signed_in || !again.signed_in || wrong.signed_in)
                Fail("a PIN was not answered as it should be");
            fmt::print(
                "round {}: staff 7 {:6.0f} ms, staff 1 {:6.0f} ms, staff 7 again {:6.0f} ms, a "
                "wrong PIN {:6.0f} ms; longest frame meanwhile {:.2f} ms (a frame is 16 ms)\n",
                round, last.total_ms, first.total_ms, again.total_ms, wrong.total_ms,
                std::max({last.longest_frame_ms, first.longest_frame_ms, again.longest_frame_ms,
                          wrong.longest_frame_ms}));
        }
    }
    std::filesystem::remove_all(dir);
    return 0;
}
