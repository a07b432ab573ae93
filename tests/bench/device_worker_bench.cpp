// What the till's device worker costs the UI thread: how long PrintReceipt takes to return (it
// lays the receipt out and hands it to the spooler) beside laying out the same receipt alone (the
// floor), and how long a receipt takes from PrintReceipt to its PrintJobReport with a file
// printer, one at a time and in a burst. The order of the two timed sides is drawn at random for
// each receipt.
//
//   device_worker_bench [--receipts 2000]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "bench_stats.hpp"
#include "side_order.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/pos/devices/device_worker.hpp"
#include "tillbook/pos/devices/receipt_job.hpp"

namespace {

using tillbook::bench::Percentile;

using namespace tillbook;
using Clock = std::chrono::steady_clock;

const money::Currency kGbp{"GBP", 2};

// A 30-line cash sale.
pos::app::ReceiptRequest ThirtyLineSale() {
    pos::app::ReceiptRequest request;
    orders::Order& order = request.order;
    order.id = "0193c2a0-0000-7000-8000-000000000031";
    order.number = "S01-T1-000031";
    order.channel = "store:S01";
    order.currency = "GBP";
    std::int64_t total = 0;
    for (int i = 1; i <= 30; ++i) {
        orders::OrderLine line;
        line.line_no = i;
        line.sku = fmt::format("SKU-{:03}", i);
        line.description = fmt::format("Item number {} of the day", i);
        line.quantity = 1000;
        line.unit_price = money::Money(100 + i, kGbp);
        line.discount = money::Money(0, kGbp);
        line.tax_rate = 2000;
        total += 100 + i;
        order.lines.push_back(line);
    }
    request.payments = {orders::Payment{orders::Tender::kCash, money::Money(total, kGbp),
                                        money::Money(total, kGbp), "", ""}};
    request.cashier = "Zoë";
    request.date_time = "06/12/2026 09:30";
    return request;
}

double MicrosSince(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

long Option(int argc, char** argv, std::string_view name, long fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) return std::strtol(argv[i + 1], nullptr, 10);
    }
    return fallback;
}

// Drains `reports` until `count` PrintJobReports came (false after 60 s); how many printed.
bool AwaitJobReports(pos::app::ReportQueue& reports, long count, long& printed) {
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    long seen = 0;
    while (seen < count) {
        for (const auto& report : reports.Drain()) {
            if (const auto* job = std::get_if<pos::app::PrintJobReport>(&report)) {
                ++seen;
                if (job->printed) ++printed;
            }
        }
        if (Clock::now() > deadline) return false;
        if (seen < count) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

int Fail(const std::string& message) {
    std::fprintf(stderr, "device_worker_bench: %s\n", message.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const long receipts = std::max(100L, Option(argc, argv, "--receipts", 2000));
    const auto dir = std::filesystem::temp_directory_path() / "tillbook-device-worker-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto config = dir / "till.json";
    std::ofstream(config) << R"({"printer": {"uri": "file:)" << (dir / "receipts.bin").string()
                          << R"(", "profile": "epson-tm-t20"}})";
    pos::devices::DeviceWorkerOptions options;
    options.header_lines = {"The Corner Shop", "12 High Street, Leeds LS1 1AA"};
    options.footer_lines = {"Thank you for shopping with us!"};
    options.terminal = "T1";
    options.log = [](const std::string&) {};
    pos::app::ReportQueue reports;
    auto worker = pos::devices::DeviceWorker::Start(config, options, reports);
    if (!worker) return Fail(worker.error().message);
    auto profile = drivers::LoadPrinterProfile("epson-tm-t20");
    if (!profile) return Fail(profile.error().message);
    pos::devices::ReceiptText text;
    text.header_lines = options.header_lines;
    text.footer_lines = options.footer_lines;
    text.terminal = options.terminal;
    const pos::app::ReceiptRequest sale = ThirtyLineSale();

    // One at a time: the caller's cost, the floor, and PrintReceipt to its report.
    bench::SideOrder sides;
    std::vector<double> call_us, floor_us, report_us;
    long printed = 0;
    long worker_first = 0;
    const long single = std::min(receipts, 200L);
    for (long i = 0; i < single; ++i) {
        Clock::time_point asked;
        const auto worker_side = [&] {
            asked = Clock::now();
            (*worker)->PrintReceipt(sale);
            call_us.push_back(MicrosSince(asked));
        };
        const auto floor_side = [&] {
            const auto start = Clock::now();
            auto bytes = pos::devices::RenderReceiptJob(sale, text, *profile);
            floor_us.push_back(MicrosSince(start));
            if (!bytes) std::exit(Fail(bytes.error().message));
        };
        if (sides.Run(worker_side, floor_side)) ++worker_first;
        if (!AwaitJobReports(reports, 1, printed)) return Fail("no report within 60 s");
        report_us.push_back(MicrosSince(asked));
    }
    // A burst: every receipt asked for at once, then their reports.
    const auto burst_start = Clock::now();
    std::vector<double> burst_call_us;
    for (long i = 0; i < receipts; ++i) {
        const auto asked = Clock::now();
        (*worker)->PrintReceipt(sale);
        burst_call_us.push_back(MicrosSince(asked));
    }
    if (!AwaitJobReports(reports, receipts, printed)) return Fail("burst: reports missing");
    const double burst_s = std::chrono::duration<double>(Clock::now() - burst_start).count();
    const auto stop_start = Clock::now();
    (*worker)->Stop();
    const double stop_ms = MicrosSince(stop_start) / 1000.0;
    worker->reset();
    std::filesystem::remove_all(dir);
    if (printed != single + receipts) return Fail("not every receipt printed");

    fmt::print(
        "30-line receipt to a file printer (epson-tm-t20), {} one at a time (the worker "
        "first for {} of them, drawn at random), then {} in a burst:\n",
        single, worker_first, receipts);
    fmt::print("  PrintReceipt returns (UI thread):  median {:.1f} us, p99 {:.1f} us\n",
               Percentile(call_us, 0.5), Percentile(call_us, 0.99));
    fmt::print("  lay out + encode alone (floor):    median {:.1f} us\n",
               Percentile(floor_us, 0.5));
    fmt::print("  ratio:                             {:.2f} x the floor\n",
               Percentile(call_us, 0.5) / Percentile(floor_us, 0.5));
    fmt::print(
        "  PrintReceipt to PrintJobReport:    median {:.0f} us, p99 {:.0f} us "
        "(the watcher wakes when it finishes)\n",
        Percentile(report_us, 0.5), Percentile(report_us, 0.99));
    fmt::print(
        "  burst: PrintReceipt p99 {:.1f} us, max {:.1f} us; all {} reported in {:.2f} s "
        "({:.0f} receipts/s)\n",
        Percentile(burst_call_us, 0.99), Percentile(burst_call_us, 1.0), receipts, burst_s,
        static_cast<double>(receipts) / burst_s);
    fmt::print("  Stop: {:.1f} ms (target < 1000 ms)\n", stop_ms);
    return 0;
}
