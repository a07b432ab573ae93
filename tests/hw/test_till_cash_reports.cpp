// The till's X and Z reports (app::TillApp driven by intents and frames as its window drives it)
// printed through the real device worker on the emulated USB TM-T20 (umockdev): the figures read
// back from the printed bytes equal the ledger's summary of the shift (queries::ShiftSummaryOf),
// the Z report's count, variance and approving manager included, and the no sales counted.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "byte_text.hpp"
#include "cash_till.hpp"
#include "escpos_decoder.hpp"
#include "fake_usb_printer.hpp"
#include "temp_dir.hpp"
#include "tillbook/pos/devices/device_worker.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "usb_printer_worker.hpp"

namespace {

using namespace tillbook;
using namespace tillbook::pos::app;
using tillbook::testing::AppTill;
using tillbook::testing::DecodedStream;

// The demo shop's till T1 printing to the emulated USB printer with its drawer.
struct TillWithPrinter {
    TillWithPrinter()
        : till("till-cash-reports", [this](ReportQueue& reports) -> std::unique_ptr<DevicePort> {
              auto started = pos::devices::DeviceWorker::Start(
                  testing::WriteUsbPrinterConfig(
                      folder, R"(, "drawer": {"pin": 2, "open_when_pin3": "high"})"),
                  testing::QuickDeviceOptions(), reports);
              REQUIRE_MESSAGE(started.has_value(),
                              (started ? std::string{} : started.error().message));
              return std::move(*started);
          }) {
        REQUIRE(
            till.TickUntil([&] { return till.View().status_bar.printer_text == "Printer ready"; }));
    }

    [[nodiscard]] bool Printed(const std::string& text) {
        return till.TickUntil([&] { return till.View().cash.print_text == text; });
    }

    testing::PluggedFakePrinter fake;  // first: the testbed outlives the worker
    testing::TempDir folder{"till-cash-reports-devices"};
    AppTill till;
};

// The printed report that starts with the line `heading` ("X REPORT"): each line of two columns
// as its label and its right-hand column ("Opening float" -> "£100.00").
std::map<std::string, std::string> ReportLines(const DecodedStream& printed,
                                               const std::string& heading) {
    std::map<std::string, std::string> report;
    bool in_report = false;
    for (const auto& line : printed.lines) {
        if (line.text.find(heading) != std::string::npos) {
            in_report = true;
            report.clear();
            continue;
        }
        if (!in_report) continue;
        if (line.text.find(" REPORT") != std::string::npos) break;
        const std::string text =
            line.text.substr(std::min(line.text.find_first_not_of(' '), line.text.size()));
        const auto right = text.find_last_of(' ');
        const auto gap = text.find("  ");
        if (right == std::string::npos || gap == std::string::npos) continue;
        report[text.substr(0, gap)] = text.substr(right + 1);
    }
    return report;
}

// "£111.45", "-£12.50" -> minor units, by money::ParseMoney (no floating point).
std::int64_t Minor(const std::string& printed) {
    std::string digits = printed;
    const bool negative = digits.starts_with("-");
    if (negative) digits.erase(0, 1);
    REQUIRE_MESSAGE(digits.starts_with("£"), printed);
    auto amount = money::ParseMoney(digits.substr(std::string("£").size()), {"GBP", 2});
    REQUIRE_MESSAGE(amount.has_value(), printed);
    return negative ? -amount->Minor() : amount->Minor();
}

DecodedStream Decoded(const std::string& bytes) {
    auto decoded = testing::DecodeEscPos(bytes);
    REQUIRE_MESSAGE(decoded.has_value(), ("not well-formed ESC/POS: " + testing::Hex(bytes)));
    return *decoded;
}

}  // namespace

TEST_CASE(
    "the X and Z reports print on the USB printer with the ledger's totals, the blind "
    "close's variance approved by a manager") {
    TillWithPrinter shop;
    AppTill& till = shop.till;
    REQUIRE(store::PutSetting(till.till.db, "till.blind_close", "true"));
    testing::ShiftWithSales(till);
    till.Do(OpenCash{});
    REQUIRE(till.View().screen == Screen::kCash);
    till.Do(MoveCash{CashMovement::kPaidIn, "20.00", "change from the bank"});
    till.Do(MoveCash{CashMovement::kPaidOut, "12.50", "window cleaner"});
    till.Do(NoSale{});  // Zoë opens the drawer with no sale: Tom approves it
    REQUIRE(till.View().approval.open);
    testing::ApprovalPin(till, "2468");
    REQUIRE(till.View().cash.message == "Drawer opened, no sale, approved by Tom Hughes");
    till.Do(PrintXReport{});  // blind close: a manager prints it
    REQUIRE(till.View().approval.open);
    testing::ApprovalPin(till, "2468");
    REQUIRE(shop.Printed("X report printed"));

    const auto open = testing::OpenShiftNow(till);
    REQUIRE(open);
    auto x = ReportLines(Decoded(shop.fake.printer->ReceivedJobBytes()), "X REPORT");
    CHECK(Minor(x["Opening float"]) == open->opening_float.Minor());
    CHECK(Minor(x["Cash sales"]) == open->cash_sales.Minor());
    CHECK(Minor(x["Paid in"]) == open->paid_in.Minor());
    CHECK(Minor(x["Paid out"]) == -open->paid_out.Minor());
    CHECK(Minor(x["Expected in drawer"]) == open->expected.Minor());
    CHECK(Minor(x["Card sales"]) == open->card_sales.Minor());
    CHECK(x["Sales"] == std::to_string(open->sales));
    CHECK(open->no_sales == 1);
    CHECK(x["No sales"] == std::to_string(open->no_sales));
    CHECK(open->expected.Minor() == 11895);  // 100.00 + 11.45 + 20.00 - 12.50
    CHECK(x.count("Counted") == 0);

    // The close, blind: £10 short, beyond the £5.00 limit, so Tom approves it.
    till.Do(StartCashUp{});
    testing::CountNotes(till, "£50", "2");
    testing::CountNotes(till, "£5", "1");
    testing::CountNotes(till, "£2", "1");
    testing::CountNotes(till, "50p", "3");
    testing::CountNotes(till, "20p", "2");
    testing::CountNotes(till, "5p", "1");
    till.Do(FinishCount{});  // £108.95 counted
    REQUIRE(till.View().approval.open);
    testing::ApprovalPin(till, "2468");
    REQUIRE(till.View().cash.page == CashPage::kClosed);
    REQUIRE(shop.Printed("Z report printed"));

    const auto closes = testing::EventsOf<ledger::ShiftClosed>(till.till.db);
    REQUIRE(closes.size() == 1);
    CHECK(closes[0].first.approver == "staff-tom");
    const auto closed = testing::LastClosedShift(till);
    REQUIRE(closed.counted);
    auto z = ReportLines(Decoded(shop.fake.printer->ReceivedJobBytes()), "Z REPORT");
    CHECK(Minor(z["Opening float"]) == closed.opening_float.Minor());
    CHECK(Minor(z["Cash sales"]) == closed.cash_sales.Minor());
    CHECK(Minor(z["Paid in"]) == closed.paid_in.Minor());
    CHECK(Minor(z["Paid out"]) == -closed.paid_out.Minor());
    CHECK(Minor(z["Expected in drawer"]) == closed.expected.Minor());
    CHECK(Minor(z["Counted"]) == closed.counted->Minor());
    CHECK(Minor(z["Variance (short)"]) == closed.counted->Minor() - closed.expected.Minor());
    CHECK(Minor(z["Variance (short)"]) == -1000);
    CHECK(z["No sales"] == "1");
    CHECK(z["Approved by"] == "Hughes");  // "Tom Hughes": the right-hand column's last word
    CHECK(Minor(z["£50 x 2"]) == 10000);
    CHECK(Minor(z["50p x 3"]) == 150);
    CHECK(x.size() < z.size());
}
