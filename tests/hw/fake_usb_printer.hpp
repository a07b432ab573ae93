#pragma once
// An emulated TM-T20-like USB receipt printer (class 7, bidirectional) for the umockdev tests:
// records every byte sent to it, answers DLE EOT 1..4 from a small state model (online, cover,
// paper, drawer pin 3), runs out of paper after a set number of line feeds (then it stops taking
// data, as a real printer NAKs), and raises the drawer pin when it receives a drawer pulse: ESC p,
// or the real-time DLE DC4 1 m t, which it carries out even with the paper out or the cover open
// (as Epson-compatible printers do).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/drivers/usb_transport.hpp"
#include "usb_testbed.hpp"

namespace tillbook::testing {

// A drawer pulse the printer carried out.
struct FakeDrawerPulse {
    bool real_time = false;  // DLE DC4 1 m t; false: ESC p m t1 t2
    int pin = 2;             // 2 or 5
    std::chrono::milliseconds on{0};
    std::chrono::milliseconds off{0};
    friend bool operator==(const FakeDrawerPulse&, const FakeDrawerPulse&) = default;
};

class FakeUsbPrinter final : public UsbDeviceModel {
  public:
    static constexpr std::uint16_t kVendorId = 0x04b8;
    static constexpr std::uint16_t kProductId = 0x0e15;
    static constexpr std::string_view kSerial = "TESTSERIAL";
    static constexpr std::string_view kDeviceId =
        "MFG:EPSON;CMD:ESC/POS;MDL:TM-T20II;CLS:PRINTER;DES:EPSON TM-T20II;";

    // Bus 1 device 2 at /devices/usb1/1-1; `usblp_bound`: the kernel's usblp has interface 0.
    // `bulk_in` 0x82 and `bulk_out` 0x01 as on the real printer; other numbers test that the
    // transport reads them from the descriptors.
    static UsbDeviceSpec Spec(bool usblp_bound = false, std::uint8_t bulk_out = 0x01,
                              std::uint8_t bulk_in = 0x82);

    // `bulk_in`: where status replies go (as in Spec()).
    explicit FakeUsbPrinter(std::uint8_t bulk_in = 0x82) : m_bulk_in(bulk_in) {}

    // Everything taken from bulk OUT, in order, status requests included.
    [[nodiscard]] std::string Received() const;
    // Received() without the DLE EOT requests: what the job itself sent.
    [[nodiscard]] std::string ReceivedJobBytes() const;
    void ClearReceived();

    // Paper runs out after `lines` more line feeds (nullopt: never). Once out, the printer takes
    // only real-time requests (DLE EOT, DLE DC4) and reports paper end.
    void SetPaperLeft(std::optional<int> lines);
    void LoadPaper();  // paper back in: stalled data is taken again
    void SetCoverOpen(bool open);
    // Stops taking job data after `bytes` more bytes (nullopt: never), without any status
    // change: a printer that hangs, or one about to be unplugged mid-job.
    void StallAfter(std::optional<std::size_t> bytes);

    [[nodiscard]] bool DrawerPin3High() const;
    [[nodiscard]] int DrawerKicks() const;  // drawer pulses carried out: ESC p and DLE DC4
    [[nodiscard]] std::vector<FakeDrawerPulse> DrawerPulses() const;  // each of them, in order
    void CloseDrawer();  // a person pushes the drawer shut: pin 3 low
    [[nodiscard]] int LineFeeds() const;
    [[nodiscard]] int StatusRequests() const;

    std::optional<std::string> OnControl(const UsbControlSetup& setup,
                                         std::string_view data_out) override;
    std::size_t OnOut(std::uint8_t endpoint, std::string_view data) override;

  private:
    // How many bytes the command starting at data[0] has; 0 when it is not complete yet.
    static std::size_t CommandLength(std::string_view data);
    [[nodiscard]] bool PaperEnd() const;
    [[nodiscard]] std::uint8_t StatusByte(int n) const;
    void Execute(std::string_view command);

    std::string m_received;
    std::string m_job_bytes;
    std::string m_partial;  // a command cut between two URBs
    std::optional<int> m_paper_left;
    std::optional<std::size_t> m_stall_after;
    bool m_cover_open = false;
    bool m_drawer_high = false;
    std::vector<FakeDrawerPulse> m_pulses;
    int m_line_feeds = 0;
    int m_status_requests = 0;
    std::uint8_t m_bulk_in = 0x82;
};

// A testbed with one FakeUsbPrinter plugged in, for the printer tests. Declare it before any
// transport or spooler, so that it is destroyed after them.
struct PluggedFakePrinter {
    explicit PluggedFakePrinter(bool usblp_bound = false, std::uint8_t bulk_out = 0x01,
                                std::uint8_t bulk_in = 0x82);

    UsbTestbed testbed;
    std::shared_ptr<FakeUsbPrinter> printer;
    EmulatedUsbDevice& device;
};

// Transport options for the fake: matched by vendor:product, short timeouts for tests.
[[nodiscard]] drivers::UsbTransportOptions FakePrinterOptions(
    std::chrono::milliseconds write_timeout = std::chrono::milliseconds{400});

// A receipt rendered by the drivers' receipt renderer for the TM-T20 profile (several lines,
// VAT, a barcode, a cut): what a till would send.
[[nodiscard]] std::string RenderedReceipt();

// Polls `done` every few milliseconds for at most `timeout`; true once it holds.
[[nodiscard]] bool WaitFor(const std::function<bool()>& done,
                           std::chrono::milliseconds timeout = std::chrono::milliseconds{3000});

}  // namespace tillbook::testing
