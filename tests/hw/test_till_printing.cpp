// The touchscreen till (app::TillApp), driven by intents and frames exactly as its window drives
// it, printing through the real device worker to the emulated USB TM-T20 (umockdev) with a cash
// drawer behind it. The sync port only records: the office is not what this tests.
//  - a cash sale's receipt (its order number in words and as CODE128, its total) and the drawer's
//    pulse reach the printer, and the tender screen says the receipt printed;
//  - with the paper out a sale completes all the same, the drawer opens (the real-time pulse), the
//    cashier is told why in words, and its receipt waits in the reprint list; once the paper is
//    back one tap sends it exactly once.
#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "app_till.hpp"
#include "byte_text.hpp"
#include "escpos_decoder.hpp"
#include "fake_usb_printer.hpp"
#include "temp_dir.hpp"
#include "tillbook/pos/devices/device_worker.hpp"
#include "usb_printer_worker.hpp"

namespace {

using namespace std::chrono_literals;
using namespace tillbook::pos::app;
using tillbook::pos::devices::DeviceWorker;
using tillbook::testing::AppTill;
using tillbook::testing::DecodedStream;
using tillbook::testing::FakeDrawerPulse;
using tillbook::testing::FakeUsbPrinter;
using tillbook::testing::Hex;
using tillbook::testing::PluggedFakePrinter;
using tillbook::testing::QuickDeviceOptions;
using tillbook::testing::TempDir;
using tillbook::testing::WriteUsbPrinterConfig;

// The drawer on the printer's pin 2; its switch reads high while it is open.
constexpr std::string_view kDrawer =
    R"(, "drawer": {"pin": 2, "open_when_pin3": "high", "left_open_after_s": 60})";
constexpr std::string_view kKickHex = "1B 70 00 19 FA";  // ESC p: pin 2, 50 ms on, 500 ms off
// DLE DC4 1 m t, what an offline printer still takes: pin 2, 50 ms rounded up to 1 x 100 ms.
constexpr std::string_view kRealTimeKickHex = "10 14 01 00 01";

// The emulated printer plugged in, and the demo shop's till T1 whose device worker prints to it.
struct TillWithUsbPrinter {
    TillWithUsbPrinter()
        : till("till-printing", [this](ReportQueue& reports) -> std::unique_ptr<DevicePort> {
              auto started =
                  DeviceWorker::Start(WriteUsbPrinterConfig(folder, std::string(kDrawer)),
                                      QuickDeviceOptions(), reports);
              REQUIRE_MESSAGE(started.has_value(),
                              (started ? std::string{} : started.error().message));
              return std::move(*started);
          }) {
        REQUIRE(PrinterShows("Printer ready"));
        till.SignInAndOpenShift();
    }

    [[nodiscard]] const TillView& View() const { return till.View(); }
    [[nodiscard]] FakeUsbPrinter& Printer() const { return *fake.printer; }
    // Every byte of every job the printer took so far (its status requests left out).
    [[nodiscard]] std::string Sent() const { return fake.printer->ReceivedJobBytes(); }

    // Frames run until the status bar shows the printer's state as `text`.
    [[nodiscard]] bool PrinterShows(const std::string& text) {
        return till.TickUntil([&] { return View().status_bar.printer_text == text; });
    }
    // Frames run until the tender screen says `text` of the last sale's receipt.
    [[nodiscard]] bool ReceiptShows(const std::string& text) {
        return till.TickUntil([&] { return View().tender.receipt_text == text; });
    }

    // A sale of `barcodes`, paid in cash with `given`, as the cashier taps through it.
    void SellForCash(std::initializer_list<std::string> barcodes, const std::string& given) {
        if (View().tender.completed) till.Do(NewSale{});
        for (const std::string& barcode : barcodes)
            till.Do(ScanCode{barcode});
        till.PayCash(given);
        REQUIRE(View().tender.completed);
    }

    // The OrderPlaced events in the journal for order `number`.
    std::int64_t OrdersPlaced(const std::string& number) {
        auto q = till.till.db.Prepare(
            "SELECT count(*) FROM ledger l JOIN order_events e ON e.seq = l.seq "
            "JOIN orders o ON o.id = e.order_id WHERE l.kind = 1 AND o.number = ?");
        REQUIRE(q);
        q->Bind(1, number);
        REQUIRE(*q->Step());
        return q->Int64(0);
    }

    PluggedFakePrinter fake;  // first: the testbed outlives the worker
    TempDir folder{"till-printing-devices"};
    AppTill till;
};

DecodedStream Decoded(const std::string& bytes) {
    auto decoded = tillbook::testing::DecodeEscPos(bytes);
    REQUIRE_MESSAGE(decoded.has_value(), ("not well-formed ESC/POS: " + Hex(bytes)));
    return *decoded;
}

// How many receipts for order `number` the bytes hold: one CODE128 of its number each.
std::size_t ReceiptsFor(const DecodedStream& printed, const std::string& number) {
    std::size_t count = 0;
    for (const auto& barcode : printed.barcodes)
        if (barcode.type == 73 && barcode.data == number) ++count;
    return count;
}

// A printed line such as "Order        S01-T1-000001" or "TOTAL      £11.45".
bool Printed(const DecodedStream& printed, std::string_view left, std::string_view right) {
    for (const auto& line : printed.lines)
        if (line.text.starts_with(left) && line.text.ends_with(right)) return true;
    return false;
}

}  // namespace

TEST_CASE("a cash sale at the till prints its receipt on the USB printer and opens the drawer") {
    TillWithUsbPrinter shop;
    shop.SellForCash({"5060123450019", "5060456110017"}, "20.00");
    CHECK(shop.View().tender.change_text == "Change £8.55");
    CHECK(shop.View().tender.receipt_text == "Receipt printing");

    // The cashier sees the receipt printed; the printer took the drawer's pulse, then the receipt.
    REQUIRE(shop.ReceiptShows("Receipt printed"));
    CHECK(shop.Printer().DrawerKicks() == 1);
    const std::string sent = shop.Sent();
    REQUIRE(sent.size() > 5);
    CHECK(Hex(sent.substr(0, 5)) == kKickHex);
    const DecodedStream printed = Decoded(sent);
    REQUIRE(printed.barcodes.size() == 1);
    CHECK(printed.barcodes[0].type == 73);  // GS k 73: CODE128
    CHECK(printed.barcodes[0].data == "S01-T1-000001");
    CHECK(Printed(printed, "Order", "S01-T1-000001"));
    CHECK(Printed(printed, "TOTAL", "£11.45"));
    CHECK(Printed(printed, "Cashier", "Zoë Clarke"));
    CHECK(shop.View().status_bar.reprints_waiting == 0);
    CHECK(shop.View().status_bar.printer_ok);
}

TEST_CASE("with the USB printer out of paper a sale completes, says why, and reprints once") {
    TillWithUsbPrinter shop;
    shop.SellForCash({"5060123450019", "5060456110017"}, "20.00");
    REQUIRE(shop.ReceiptShows("Receipt printed"));
    shop.Printer().CloseDrawer();  // the cashier gives the change and shuts the drawer

    // The paper runs out: the status bar says so before the next customer.
    shop.Printer().SetPaperLeft(0);
    REQUIRE(shop.PrinterShows("Printer: out of paper"));
    CHECK_FALSE(shop.View().status_bar.printer_ok);
    const std::string before = shop.Sent();
    const int fed_before = shop.Printer().LineFeeds();

    // The sale completes at once, journalled as one OrderPlaced, and the change is shown.
    shop.SellForCash({"5060123450019"}, "10.00");
    CHECK(shop.View().tender.change_text == "Change £3.50");
    CHECK(shop.OrdersPlaced("S01-T1-000002") == 1);
    CHECK(shop.till.Count("SELECT count(*) FROM ledger WHERE kind = 1") == 2);

    // Its receipt fails in the cashier's words and waits in the reprint list.
    REQUIRE(shop.ReceiptShows("Receipt failed: out of paper"));
    CHECK(shop.View().tender.completed);
    CHECK(shop.View().status_bar.reprints_waiting == 1);
    CHECK(shop.View().can_reprint_last);
    shop.till.Do(ShowStatus{});
    REQUIRE(shop.View().screen == Screen::kStatus);
    REQUIRE(shop.View().status.reprints.size() == 1);
    const ReprintView waiting = shop.View().status.reprints[0];
    CHECK(waiting.label == "Receipt S01-T1-000002");
    CHECK(waiting.problem == "out of paper");
    // The drawer opened all the same, for the change: the printer, taking only real-time
    // commands now, got the real-time pulse (DLE DC4 1, pin 2, 100 ms) and nothing else.
    CHECK(shop.Printer().DrawerKicks() == 2);
    REQUIRE(shop.Printer().DrawerPulses().size() == 2);
    CHECK(shop.Printer().DrawerPulses()[1] == FakeDrawerPulse{true, 2, 100ms, 100ms});
    CHECK(shop.Printer().DrawerPin3High());
    CHECK(Hex(shop.Sent().substr(before.size())) == kRealTimeKickHex);
    shop.Printer().CloseDrawer();
    // Nothing of the receipt reached the printer: no byte of it, no paper fed.
    CHECK(ReceiptsFor(Decoded(shop.Sent()), "S01-T1-000002") == 0);
    CHECK(shop.Sent().substr(0, before.size()) == before);
    CHECK(shop.Printer().LineFeeds() == fed_before);

    // Paper back in: the status bar says ready, and the cashier taps Reprint (twice, impatient).
    shop.Printer().LoadPaper();
    REQUIRE(shop.PrinterShows("Printer ready"));
    shop.till.Do(Reprint{waiting.job_id});
    REQUIRE(shop.View().status.reprints.size() == 1);
    CHECK(shop.View().status.reprints[0].problem == "reprinting");
    shop.till.Do(Reprint{waiting.job_id});
    REQUIRE(shop.till.TickUntil([&] { return shop.View().status.reprints.empty(); }));
    CHECK(shop.View().status_bar.reprints_waiting == 0);
    shop.till.Do(CloseStatus{});
    REQUIRE(shop.View().screen == Screen::kTender);
    CHECK(shop.View().tender.receipt_text == "Receipt printed");

    // The receipt reached the printer exactly once, whole, and the first sale's was not resent.
    const std::string reprinted = shop.Sent();
    REQUIRE(reprinted.size() > before.size());
    const DecodedStream again = Decoded(reprinted.substr(before.size()));
    CHECK(ReceiptsFor(again, "S01-T1-000002") == 1);
    CHECK(ReceiptsFor(again, "S01-T1-000001") == 0);
    CHECK(Printed(again, "Order", "S01-T1-000002"));
    CHECK(Printed(again, "TOTAL", "£6.50"));

    // Reprinting it again sends nothing more: it has printed.
    shop.till.Do(ShowStatus{});
    shop.till.Do(Reprint{waiting.job_id});
    CHECK_FALSE(shop.till.TickUntil([&] { return shop.Sent() != reprinted; }, 1s));
    CHECK(ReceiptsFor(Decoded(shop.Sent()), "S01-T1-000002") == 1);
    CHECK(shop.View().status_bar.reprints_waiting == 0);
}
