#include "fake_usb_printer.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <mutex>
#include <thread>
#include <utility>

#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"

namespace tillbook::testing {
namespace {

constexpr char kDle = 0x10;
constexpr char kEot = 0x04;
constexpr char kDc4 = 0x14;
constexpr char kEsc = 0x1b;
constexpr char kFs = 0x1c;
constexpr char kGs = 0x1d;
constexpr char kLf = 0x0a;

std::uint8_t At(std::string_view data, std::size_t i) {
    return static_cast<std::uint8_t>(data[i]);
}

// DLE EOT n and DLE DC4: the printer acts on them at once, even when it takes no other data.
bool IsRealTime(std::string_view command) {
    return command.size() >= 2 && command[0] == kDle && (command[1] == kEot || command[1] == kDc4);
}

}  // namespace

UsbDeviceSpec FakeUsbPrinter::Spec(bool usblp_bound, std::uint8_t bulk_out, std::uint8_t bulk_in) {
    // The TM-T20II descriptors of docs/hardware.md §2.1: device, configuration, printer interface
    // (7/1/2), bulk OUT and bulk IN of 64 bytes.
    UsbDeviceSpec spec;
    spec.descriptors_hex = fmt::format(
        "1201000200000040B804150E000101020301"
        "09022000010100C032"
        "090400000207010200"
        "0705{:02X}02400000"
        "0705{:02X}02400000",
        bulk_out, bulk_in);
    spec.manufacturer = "EPSON";
    spec.product = "TM-T20II";
    spec.serial = std::string(kSerial);
    spec.interfaces.push_back(UsbInterfaceSpec{0, 7, 1, 2, 2, usblp_bound ? "usblp" : ""});
    return spec;
}

std::string FakeUsbPrinter::Received() const {
    const std::lock_guard lock(Mutex());
    return m_received;
}

std::string FakeUsbPrinter::ReceivedJobBytes() const {
    const std::lock_guard lock(Mutex());
    return m_job_bytes;
}

void FakeUsbPrinter::ClearReceived() {
    const std::lock_guard lock(Mutex());
    m_received.clear();
    m_job_bytes.clear();
}

void FakeUsbPrinter::SetPaperLeft(std::optional<int> lines) {
    const std::lock_guard lock(Mutex());
    m_paper_left = lines;
}

void FakeUsbPrinter::LoadPaper() {
    const std::lock_guard lock(Mutex());
    m_paper_left.reset();
    RetryPendingOut();
}

void FakeUsbPrinter::SetCoverOpen(bool open) {
    const std::lock_guard lock(Mutex());
    m_cover_open = open;
    if (!open) RetryPendingOut();
}

void FakeUsbPrinter::StallAfter(std::optional<std::size_t> bytes) {
    const std::lock_guard lock(Mutex());
    m_stall_after = bytes;
    if (!bytes) RetryPendingOut();
}

bool FakeUsbPrinter::DrawerPin3High() const {
    const std::lock_guard lock(Mutex());
    return m_drawer_high;
}

int FakeUsbPrinter::DrawerKicks() const {
    const std::lock_guard lock(Mutex());
    return static_cast<int>(m_pulses.size());
}

std::vector<FakeDrawerPulse> FakeUsbPrinter::DrawerPulses() const {
    const std::lock_guard lock(Mutex());
    return m_pulses;
}

void FakeUsbPrinter::CloseDrawer() {
    const std::lock_guard lock(Mutex());
    m_drawer_high = false;
}

int FakeUsbPrinter::LineFeeds() const {
    const std::lock_guard lock(Mutex());
    return m_line_feeds;
}

int FakeUsbPrinter::StatusRequests() const {
    const std::lock_guard lock(Mutex());
    return m_status_requests;
}

bool FakeUsbPrinter::PaperEnd() const {
    return m_paper_left && *m_paper_left <= 0;
}

std::uint8_t FakeUsbPrinter::StatusByte(int n) const {
    // Fixed bits of every DLE EOT reply: 0x12 (docs/hardware.md §1.1).
    std::uint8_t byte = 0x12;
    const bool offline = m_cover_open || PaperEnd();
    switch (n) {
        case 1:
            if (m_drawer_high) byte |= 0x04;
            if (offline) byte |= 0x08;
            break;
        case 2:
            if (m_cover_open) byte |= 0x04;
            if (PaperEnd()) byte |= 0x20;
            break;
        case 4:
            if (PaperEnd()) byte |= 0x60;
            break;
        default:
            break;
    }
    return byte;
}

std::optional<std::string> FakeUsbPrinter::OnControl(const UsbControlSetup& setup,
                                                     std::string_view /*data_out*/) {
    const std::lock_guard lock(Mutex());
    if (setup.request_type == 0xa1 && setup.request == 0) {  // GET_DEVICE_ID
        const std::size_t length = kDeviceId.size() + 2;     // big-endian, itself included
        std::string reply;
        reply.push_back(static_cast<char>(length >> 8));
        reply.push_back(static_cast<char>(length & 0xff));
        reply += kDeviceId;
        return reply;
    }
    if (setup.request_type == 0xa1 && setup.request == 1) {  // GET_PORT_STATUS
        std::uint8_t port = 0x18;                            // selected, no error
        if (PaperEnd()) port |= 0x20;
        return std::string(1, static_cast<char>(port));
    }
    if (setup.request_type == 0x21 && setup.request == 2) return std::string{};  // SOFT_RESET
    return std::nullopt;
}

std::size_t FakeUsbPrinter::CommandLength(std::string_view data) {
    const std::size_t size = data.size();
    const auto need = [size](std::size_t length) { return length <= size ? length : 0; };
    if (size == 0) return 0;
    const char first = data[0];
    if (first != kEsc && first != kGs && first != kFs && first != kDle) return 1;  // text, LF
    if (size < 2) return 0;
    const char c = data[1];
    if (first == kDle) return need(c == kDc4 ? 5 : 3);
    if (first == kFs) return need(c == 'p' ? 4 : 2);
    if (first == kEsc) {
        if (c == '@' || c == '2') return 2;
        if (c == 'p') return need(5);
        if (c == '*') {
            if (size < 5) return 0;
            const std::size_t dots = At(data, 3) + 256u * At(data, 4);
            return need(5 + dots * (At(data, 2) <= 1 ? 1 : 3));
        }
        return need(3);
    }
    // GS
    switch (c) {
        case 'V':
            if (size < 3) return 0;
            return need(At(data, 2) >= 65 ? 4 : 3);
        case 'k': {
            if (size < 3) return 0;
            if (At(data, 2) >= 65) return size < 4 ? 0 : need(4 + At(data, 3));
            for (std::size_t i = 3; i < size; ++i)
                if (data[i] == '\0') return i + 1;  // function A data ends with NUL
            return 0;
        }
        case '(':
            if (size < 5) return 0;
            return need(5 + At(data, 3) + 256u * At(data, 4));
        case 'v':
            if (size < 8) return 0;
            return need(8 + (At(data, 4) + 256u * At(data, 5)) *
                                static_cast<std::size_t>(At(data, 6) + 256u * At(data, 7)));
        default:
            return need(3);
    }
}

void FakeUsbPrinter::Execute(std::string_view command) {
    if (command.size() == 3 && command[0] == kDle && command[1] == kEot) {
        ++m_status_requests;
        const int n = At(command, 2);
        if (n >= 1 && n <= 4) QueueIn(m_bulk_in, std::string(1, static_cast<char>(StatusByte(n))));
        return;
    }
    m_job_bytes += command;
    if (command.size() == 1 && command[0] == kLf) {
        ++m_line_feeds;
        if (m_paper_left) --*m_paper_left;
    } else if (command.size() == 3 && command[0] == kEsc && command[1] == 'd') {
        m_line_feeds += At(command, 2);
        if (m_paper_left) *m_paper_left -= At(command, 2);
    } else if (command.size() == 5 && command[0] == kEsc && command[1] == 'p') {
        // The kick pulse opens the drawer; its switch (pin 3) reads high until it is shut.
        // m = 0/48 pin 2, 1/49 pin 5; on t1 x 2 ms, off t2 x 2 ms.
        const int m = At(command, 2) & 0x01;
        m_pulses.push_back(FakeDrawerPulse{false, m == 0 ? 2 : 5,
                                           std::chrono::milliseconds{2 * At(command, 3)},
                                           std::chrono::milliseconds{2 * At(command, 4)}});
        m_drawer_high = true;
    } else if (command.size() == 5 && command[0] == kDle && command[1] == kDc4) {
        // DLE DC4 fn=1 m t: the real-time pulse, on and off for t x 100 ms. Taken even with the
        // paper out or the cover open (OnOut lets real-time commands through); a printer ignores
        // it with m outside 0..1 or t outside 1..8, and so does this one.
        const int m = At(command, 3);
        const int t = At(command, 4);
        if (At(command, 2) != 1 || m > 1 || t < 1 || t > 8) return;
        const std::chrono::milliseconds pulse{100 * t};
        m_pulses.push_back(FakeDrawerPulse{true, m == 0 ? 2 : 5, pulse, pulse});
        m_drawer_high = true;
    }
}

std::size_t FakeUsbPrinter::OnOut(std::uint8_t /*endpoint*/, std::string_view data) {
    const std::lock_guard lock(Mutex());
    // Whole commands only: a command cut between two URBs waits in m_partial.
    const std::string buffer = m_partial + std::string(data);
    const std::size_t already = m_partial.size();
    std::size_t at = 0;
    std::optional<std::size_t> incomplete_at;
    while (at < buffer.size()) {
        const std::string_view rest = std::string_view(buffer).substr(at);
        const std::size_t length = CommandLength(rest);
        if (length == 0) {  // cut short: take it and wait for the rest
            incomplete_at = at;
            at = buffer.size();
            break;
        }
        const std::string_view command = rest.substr(0, length);
        if (!IsRealTime(command)) {
            const bool budget_spent = m_stall_after && *m_stall_after < length;
            if (m_cover_open || PaperEnd() || budget_spent) break;  // NAK: stays pending
            if (m_stall_after) *m_stall_after -= length;
        }
        Execute(command);
        at += length;
    }
    if (incomplete_at) {
        m_partial = buffer.substr(*incomplete_at);
    } else if (at < already) {
        m_partial = buffer.substr(at, already - at);  // still waiting to run
    } else {
        m_partial.clear();
    }
    const std::size_t taken = at > already ? at - already : 0;
    m_received.append(data.substr(0, taken));
    return taken;
}

PluggedFakePrinter::PluggedFakePrinter(bool usblp_bound, std::uint8_t bulk_out,
                                       std::uint8_t bulk_in)
    : printer(std::make_shared<FakeUsbPrinter>(bulk_in)),
      device(testbed.AddDevice(FakeUsbPrinter::Spec(usblp_bound, bulk_out, bulk_in), printer)) {}

drivers::UsbTransportOptions FakePrinterOptions(std::chrono::milliseconds write_timeout) {
    drivers::UsbTransportOptions options;
    options.match.vendor_id = FakeUsbPrinter::kVendorId;
    options.match.product_id = FakeUsbPrinter::kProductId;
    options.write_timeout = write_timeout;
    options.chunk_size = 512;  // several chunks per receipt
    return options;
}

std::string RenderedReceipt() {
    using money::Currency;
    using money::Money;
    const Currency gbp{"GBP", 2};
    orders::Order order;
    order.id = "0193c2a0-0000-7000-8000-0000000000a1";
    order.number = "S01-T2-004300";
    order.channel = "store:S01";
    order.currency = "GBP";
    const auto line = [&](int number, std::string description, std::int64_t milli,
                          std::int64_t unit_minor, std::int64_t discount_minor, int rate) {
        orders::OrderLine item;
        item.line_no = number;
        item.sku = "SKU-" + std::to_string(number);
        item.description = std::move(description);
        item.quantity = milli;
        item.unit_price = Money{unit_minor, gbp};
        item.discount = Money{discount_minor, gbp};
        item.tax_rate = rate;
        return item;
    };
    order.lines = {line(1, "Café crème", 2000, 280, 0, 2000),
                   line(2, "Oat biscuits 300 g", 1000, 199, 0, 0),
                   line(3, "Jalapeño crisps", 3000, 110, 30, 2000),
                   line(4, "Tea towel (€ design)", 1000, 450, 0, 2000)};
    orders::Payment cash;
    cash.tender = orders::Tender::kCash;
    cash.amount = Money{1509, gbp};  // 5.60 + 1.99 + 3.00 + 4.50
    cash.tendered = Money{2000, gbp};
    drivers::ReceiptContext context;
    context.header_lines = {"The Corner Shop", "12 High Street, Leeds LS1 1AA"};
    context.cashier = "Zoë";
    context.terminal = "T2";
    context.date_time = "02/12/2026 10:15";
    context.payments = {cash};
    context.footer_lines = {"Thank you!"};
    const auto profile = drivers::LoadPrinterProfile("epson-tm-t20");
    REQUIRE_MESSAGE(profile.has_value(), (profile ? std::string{} : profile.error().message));
    auto bytes = drivers::RenderReceipt(order, context, *profile);
    REQUIRE_MESSAGE(bytes.has_value(), (bytes ? std::string{} : bytes.error().message));
    return *bytes;
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    return true;
}

}  // namespace tillbook::testing
