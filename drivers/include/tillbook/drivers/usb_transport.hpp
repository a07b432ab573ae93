#pragma once
// USB receipt printers through libusb (docs/hardware.md §2.1): finds a printer-class interface (7)
// or a configured vendor:product, detaches usblp explicitly, claims the interface, sends jobs in
// chunks on bulk OUT with timeouts and reads DLE EOT replies on bulk IN. Every Open looks the
// device up again, so a printer that was unplugged is picked up again when it returns.
// OWNER: helper "usb" (may refine this header; keep the names below).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/transport.hpp"

struct libusb_device;  // libusb.h stays out of this header

namespace tillbook::drivers {

// Which printer to use. Empty fields match anything: {} is "the first USB printer found".
struct UsbPrinterMatch {
    std::optional<std::uint16_t> vendor_id;
    std::optional<std::uint16_t> product_id;
    std::string serial;  // empty: any

    // "04b8:0e15", "04b8:0e15 serial TESTSERIAL", "any USB printer".
    [[nodiscard]] std::string Describe() const;
};

// A USB printer that is plugged in now.
struct UsbPrinterInfo {
    std::uint8_t bus = 0;
    std::uint8_t address = 0;
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    std::string manufacturer;  // string descriptors; empty when the device has none
    std::string product;
    std::string serial;
    std::string device_id;  // IEEE 1284 ("MFG:EPSON;CMD:ESC/POS;MDL:TM-T20II;..."); may be empty
    std::uint8_t interface_number = 0;
    bool bidirectional = false;  // has a bulk IN endpoint: status can be read back
};

// Printer-class interfaces of every USB device plugged in now, plus devices matching `extra`
// (vendor-class printers). A device that cannot be opened is still listed, with what the
// descriptors say.
[[nodiscard]] Result<std::vector<UsbPrinterInfo>> ListUsbPrinters(
    const UsbPrinterMatch& extra = {});

struct UsbTransportOptions {
    UsbPrinterMatch match;
    std::chrono::milliseconds write_timeout{5000};  // per chunk without progress
    std::size_t chunk_size = 4096;
};

// Each Open starts its own libusb context and enumerates afresh; Close ends it. Unlike the other
// transports, a Write that times out (the printer NAKs: paper out, cover open) returns kTimeout
// with bytes_sent and stays open, so the spooler can ask DLE EOT why; an unplugged printer gives
// kDisconnected and closes. CanRead() is true until a printer with no bulk IN endpoint is opened.
class UsbTransport final : public PrinterTransport {
  public:
    explicit UsbTransport(UsbTransportOptions options);
    ~UsbTransport() override;
    UsbTransport(const UsbTransport&) = delete;
    UsbTransport& operator=(const UsbTransport&) = delete;

    [[nodiscard]] std::string Describe() const override;
    [[nodiscard]] TransportStatus Open() override;
    [[nodiscard]] TransportStatus Write(std::string_view bytes) override;
    [[nodiscard]] bool CanRead() const override;
    [[nodiscard]] TransportResult<std::string> Read(std::size_t max_bytes,
                                                    std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override;

    // The printer opened last, if any.
    [[nodiscard]] std::optional<UsbPrinterInfo> Connected() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

namespace usb_detail {
// For UsbWatcher: the printer on `device` when it matches (a printer-class interface, or the
// configured vendor:product), from its descriptors; with `read_strings` the device is opened
// briefly for its string descriptors and IEEE 1284 id (left empty when it cannot be opened).
[[nodiscard]] std::optional<UsbPrinterInfo> InspectPrinter(libusb_device* device,
                                                           const UsbPrinterMatch& match,
                                                           bool read_strings);
}  // namespace usb_detail

}  // namespace tillbook::drivers
