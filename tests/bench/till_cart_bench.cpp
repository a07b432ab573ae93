// The controllers' share of a sale-screen frame with a big cart: how long TillApp::Apply and Tick
// take for a scan, a quantity change and an order discount on a 200-line cart (the window's
// frame is 16 ms; the drawing is measured by the window's own benchmark), and how long completing
// that sale takes (the journal at synchronous=FULL, on this machine's disk).
//
//   till_cart_bench [--lines 200] [--repeats 200]
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench_stats.hpp"
#include "demo_till_app.hpp"

namespace {

using tillbook::bench::Millis;
using tillbook::bench::Percentile;

using namespace tillbook;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& what) {
    bench::Fail("till_cart_bench", what);
}

// One frame's controller work: the intent applied, then the next Tick.
double Frame(pos::app::TillApp& app, const ids::Clock& clock, pos::app::Intent intent) {
    const auto started = Clock::now();
    app.Apply({std::move(intent)});
    app.Tick(clock.Now());
    return Millis(Clock::now() - started);
}

void Print(const char* what, const std::vector<double>& times) {
    fmt::print("{:<34} p50 {:.3f} ms, p99 {:.3f} ms, max {:.3f} ms\n", what, Percentile(times, 0.5),
               Percentile(times, 0.99), *std::max_element(times.begin(), times.end()));
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t lines = 200;
    int repeats = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--lines") lines = std::strtoul(argv[i + 1], nullptr, 10);
        if (std::string(argv[i]) == "--repeats") repeats = std::max(1, std::atoi(argv[i + 1]));
    }
    if (sodium_init() < 0) Fail("libsodium did not start");
    const auto dir = std::filesystem::temp_directory_path() /
                     fmt::format("till-cart-bench-{}", static_cast<long>(::getpid()));
    std::filesystem::create_directories(dir);
    {
        store::Database db = bench::DemoTillDatabase("till_cart_bench", (dir / "till.db").string());
        char hash[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str_alg(hash, "1111", 4, crypto_pwhash_OPSLIMIT_MIN,
                                  crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) != 0)
            Fail("hashing failed");
        auto staff = db.Prepare(
            "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash) "
            "VALUES ('staff-1', 'one', 'Cashier One', 1, '', ?)");
        if (!staff || !staff->Bind(1, std::string(hash)).Run()) Fail("staff insert failed");
        // Codes to scan: every unit-sold SKU with a barcode, as often as the cart needs.
        std::vector<std::string> codes;
        auto q = db.Prepare(
            "SELECT min(b.barcode) FROM barcodes b JOIN skus s ON s.code = b.sku WHERE s.active = "
            "1 AND s.sold_by = 1 GROUP BY s.code ORDER BY s.code");
        if (!q) Fail(q.error().message);
        while (*q->Step())
            codes.push_back(q->Text(0));
        if (codes.empty()) Fail("no barcodes");

        ids::SystemClock clock;
        ids::UuidV7Source ids(clock, 1);
        pos::app::ReportQueue reports;
        bench::NoDevices devices;
        bench::NoSync sync;
        auto app = pos::app::TillApp::Open(db, clock, ids, reports, devices, sync, {});
        if (!app) Fail(app.error().message);
        pos::app::TillApp& till = **app;
        till.Apply({pos::app::SubmitPin{"1111"}});
        while (till.CheckingPin() || till.LoadingCatalogue()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            till.Tick(clock.Now());
        }
        till.Apply({pos::app::OpenShift{"100.00"}});
        if (till.View().screen != pos::app::Screen::kSale) Fail("not on the sale screen");

        std::vector<double> scans;
        for (std::size_t i = 0; i < lines; ++i)
            scans.push_back(Frame(till, clock, pos::app::ScanCode{codes[i % codes.size()]}));
        const auto& view = till.View().sale;
        fmt::print("till_cart_bench: {} lines in the cart, {}, total {}\n", view.lines.size(),
                   view.items_text, view.total_text);
        Print("scan (one more line or one more)", scans);
        std::vector<double> changes, discounts;
        for (int r = 0; r < repeats; ++r) {
            // +1 then -1 on the same line: the cart keeps its lines.
            const auto at = static_cast<std::size_t>(r / 2) % view.lines.size();
            const int line_no = view.lines[at].line_no;
            changes.push_back(
                Frame(till, clock, pos::app::ChangeQuantity{line_no, r % 2 ? -1 : 1}));
            discounts.push_back(Frame(till, clock, pos::app::DiscountOrder{r % 2 ? "1.00" : "2%"}));
        }
        Print("quantity +1/-1 on a line", changes);
        Print("order discount typed", discounts);

        till.Apply({pos::app::StartTender{}, pos::app::ChooseTender{pos::app::TenderKind::kCard}});
        const std::string due = till.View().tender.amount_prefill;
        const auto started = Clock::now();
        till.Apply({pos::app::CompleteSale{due, "4821", true}});
        const double complete_ms = Millis(Clock::now() - started);
        if (!till.View().tender.completed)
            Fail("the sale did not complete: " + till.View().tender.message);
        fmt::print("complete the {}-line sale (journal at synchronous=FULL): {:.1f} ms\n",
                   view.lines.size(), complete_ms);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
