// How long a 30-line receipt takes to lay out and encode for an 80 mm printer, beside the plain
// encoder writing the same number of text lines (the floor), and how many jobs a spooler sends to
// the file transport per second, beside a plain loop appending the same bytes to a file. The order
// of the two sides is drawn at random for each receipt and for the spooling pair (and said).
//
//   receipt_bench [--receipts 20000] [--jobs 2000]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "side_order.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"
#include "tillbook/drivers/file_transport.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/drivers/spooler.hpp"

namespace {

using namespace tillbook;
using Clock = std::chrono::steady_clock;

const money::Currency kGbp{"GBP", 2};

orders::Order ThirtyLineSale() {
    orders::Order order;
    order.id = "0193c2a0-0000-7000-8000-000000000030";
    order.number = "S01-T1-000030";
    order.channel = "store:S01";
    order.currency = "GBP";
    for (int i = 1; i <= 30; ++i) {
        orders::OrderLine line;
        line.line_no = i;
        line.sku = fmt::format("SKU-{:03}", i);
        line.description = i % 3 == 0 ? fmt::format("Crème fraîche d'Isigny, pot {} g", 100 + i)
                                      : fmt::format("Item number {} of the day", i);
        line.quantity = (i % 4 + 1) * 1000;
        line.unit_price = money::Money(99 + 37 * i, kGbp);
        line.discount = money::Money(i % 5 == 0 ? 20 : 0, kGbp);
        line.tax_rate = i % 2 == 0 ? 2000 : 0;
        order.lines.push_back(line);
    }
    return order;
}

double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

long Option(int argc, char** argv, std::string_view name, long fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) return std::strtol(argv[i + 1], nullptr, 10);
    }
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const long receipts = std::max(100L, Option(argc, argv, "--receipts", 20000));
    const long jobs = std::max(10L, Option(argc, argv, "--jobs", 2000));
    auto profile = drivers::LoadPrinterProfile("epson-tm-t20");
    if (!profile) {
        std::fprintf(stderr, "receipt_bench: %s\n", profile.error().message.c_str());
        return 1;
    }
    const orders::Order order = ThirtyLineSale();
    auto totals = orders::ComputeTotals(order);
    if (!totals) {
        std::fprintf(stderr, "receipt_bench: %s\n", totals.error().message.c_str());
        return 1;
    }
    drivers::ReceiptContext context;
    context.header_lines = {"The Corner Shop", "12 High Street, Leeds LS1 1AA"};
    context.cashier = "Zoë";
    context.terminal = "T1";
    context.date_time = "02/12/2026 09:30";
    context.payments = {
        orders::Payment{orders::Tender::kCard, totals->total, totals->total, "AUTH 42", ""}};
    context.footer_lines = {"Thank you for shopping with us!"};

    bench::SideOrder sides;
    std::vector<double> render_us, plain_us;
    std::size_t bytes = 0;
    std::string sample;
    long render_first = 0;
    for (long i = 0; i < receipts; ++i) {
        Result<std::string> rendered = std::string();
        std::string plain_bytes;
        const auto render_side = [&] {
            const auto start = Clock::now();
            rendered = drivers::RenderReceipt(order, context, *profile);
            render_us.push_back(
                std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        };
        const auto plain_side = [&] {
            const auto start = Clock::now();
            drivers::EscPosEncoder plain;
            plain.Initialise().SelectCodePage(drivers::CodePage::kCp858);
            for (const auto& line : order.lines)
                plain.Line(line.description).Line("  2 x 1.23                         2.46");
            plain.Cut(drivers::CutMode::kPartial);
            plain_bytes = std::move(plain).Bytes();
            plain_us.push_back(
                std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        };
        if (sides.Run(render_side, plain_side)) ++render_first;
        if (!rendered) {
            std::fprintf(stderr, "receipt_bench: %s\n", rendered.error().message.c_str());
            return 1;
        }
        bytes += rendered->size() + plain_bytes.size();
        if (i == 0) sample = *rendered;
    }
    const double render = Median(render_us), floor = Median(plain_us);
    fmt::print(
        "30-line receipt, 80 mm (epson-tm-t20), {} receipts, {} bytes each (the renderer first for "
        "{} of them, drawn at random):\n",
        receipts, sample.size(), render_first);
    fmt::print("  lay out + encode (RenderReceipt):   median {:.1f} us  (target < 50 us)\n",
               render);
    fmt::print("  plain encoder, 60 text lines:       median {:.1f} us\n", floor);
    fmt::print("  ratio:                              {:.1f} x the plain encoder\n",
               render / floor);

    const auto dir = std::filesystem::temp_directory_path() / "tillbook-receipt-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    double spooled_per_s = 0;
    double plain_per_s = 0;
    bool finished_all = true;
    const auto spooler_side = [&] {
        drivers::SpoolerOptions options;
        options.read_status = false;  // a file answers no status
        drivers::Spooler spooler(std::make_unique<drivers::FileTransport>(
                                     drivers::FileTransportOptions{(dir / "spooled.bin").string()}),
                                 options);
        const auto start = Clock::now();
        drivers::PrintJobId last{};
        for (long i = 0; i < jobs; ++i)
            last = spooler.Submit(sample);
        auto finished = spooler.WaitUntilFinished(last, std::chrono::seconds(120));
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        finished_all = finished && finished->state == drivers::PrintJobState::kPrinted;
        spooled_per_s = static_cast<double>(jobs) / seconds;
    };
    const auto plain_side = [&] {
        const auto start = Clock::now();
        for (long i = 0; i < jobs; ++i) {
            std::FILE* file = std::fopen((dir / "plain.bin").string().c_str(), "ab");
            if (!file) {
                finished_all = false;
                return;
            }
            std::fwrite(sample.data(), 1, sample.size(), file);
            std::fclose(file);
        }
        plain_per_s =
            static_cast<double>(jobs) / std::chrono::duration<double>(Clock::now() - start).count();
    };
    const bool spooler_first = sides.Run(spooler_side, plain_side);
    if (!finished_all) {
        std::fprintf(stderr,
                     "receipt_bench: the spooler or the plain loop did not finish its jobs\n");
        return 1;
    }
    std::filesystem::remove_all(dir);
    fmt::print("spooler to the file transport, {} jobs ({} first, drawn at random):\n", jobs,
               spooler_first ? "the spooler" : "the plain loop");
    fmt::print("  through the spooler:                {:.0f} jobs/s\n", spooled_per_s);
    fmt::print("  plain open-append-close loop:       {:.0f} jobs/s\n", plain_per_s);
    fmt::print("  ratio:                              {:.2f}\n", spooled_per_s / plain_per_s);
    return bytes > 0 ? 0 : 1;
}
