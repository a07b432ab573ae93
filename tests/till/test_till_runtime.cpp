// The running till without its window (TillRuntime, as main builds it for the window): the real
// workers and controllers over a paired till's database, driven by intents as the window would.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "till_under_test.hpp"
#include "tillbook/pos/till_runtime.hpp"

using namespace tillbook;
using namespace std::chrono_literals;

namespace {

// Ticks the till like frames until `done` holds of its view, at most `timeout`.
bool TickUntil(pos::app::TillModel& till,
               const std::function<bool(const pos::app::TillView&)>& done,
               std::chrono::milliseconds timeout = 15s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    ids::SystemClock clock;
    while (std::chrono::steady_clock::now() < until) {
        till.Tick(clock.Now());
        if (done(till.View())) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

std::string FileText(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::size_t Occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++count;
    return count;
}

void SellByCard(pos::app::TillModel& till) {
    till.Apply({pos::app::ScanCode{"5060456110017", pos::app::ScanSource::kScanner},
                pos::app::StartTender{}, pos::app::ChooseTender{pos::app::TenderKind::kCard}});
    till.Apply({pos::app::CompleteSale{"4.95", "", true}});
    REQUIRE(TickUntil(till, [](const auto& view) {
        return view.tender.completed && view.tender.receipt_text == "Receipt printed";
    }));
    till.Apply({pos::app::NewSale{}});
}

}  // namespace

TEST_CASE("a shop name set at the office is on the till's receipts after its next pull") {
    testing::TillUnderTest till("till-runtime-receipt");
    till.Pair();
    const std::string receipts = till.till_dir.File("receipts.escpos");
    const std::string devices = till.till_dir.File("devices.json");
    std::ofstream(devices) << R"({"printer": {"uri": "file:)" << receipts
                           << R"(", "profile": "epson-tm-t20"}})";

    auto opened = pos::OpenTillRuntime({till.till_db, devices});
    REQUIRE_MESSAGE(opened, opened.error().message);
    pos::app::TillModel& runtime = **opened;
    REQUIRE(TickUntil(runtime,
                      [](const auto& view) { return view.screen == pos::app::Screen::kSignIn; }));
    runtime.Apply({pos::app::SubmitPin{"1111"}});
    REQUIRE(TickUntil(
        runtime, [](const auto& view) { return view.screen == pos::app::Screen::kOpenShift; }));
    runtime.Apply({pos::app::OpenShift{"100.00"}});
    REQUIRE(TickUntil(runtime,
                      [](const auto& view) { return view.screen == pos::app::Screen::kSale; }));

    SellByCard(runtime);
    CHECK(FileText(receipts).find("High Street") != std::string::npos);  // the store's name

    // An admin names the shop; the till's next round (after its next sale) pulls it.
    httplib::Client client("127.0.0.1", till.office.port);
    client.set_bearer_token_auth(testing::StaffToken(client, "admin", "demo-admin-password"));
    auto put = client.Put("/api/v1/settings/till.shop_name", R"({"value": "Corner Shop & Deli"})",
                          "application/json");
    REQUIRE(put);
    REQUIRE(put->status == 200);
    SellByCard(runtime);  // nudges the sync worker: push, then pull
    const auto pulled = [&] {
        auto db = testing::ReadDatabase(till.till_db);
        auto name = store::GetSetting(db, "till.shop_name");
        return name && *name && **name == "Corner Shop & Deli";
    };
    const auto until = std::chrono::steady_clock::now() + 15s;
    while (!pulled() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(50ms);
    REQUIRE(pulled());
    // The pull's report reaches the runtime on a frame.
    TickUntil(
        runtime, [](const auto&) { return false; }, 300ms);

    SellByCard(runtime);
    CHECK(Occurrences(FileText(receipts), "Corner Shop & Deli") == 1);  // the third receipt only
}
