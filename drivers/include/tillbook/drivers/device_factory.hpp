#pragma once
// Turns a configured device into the object that talks to it: a printer URI into the transport
// for its connection (libusb, TCP 9100, CUPS, a file or device node), a scanner URI into its
// reader (serial, evdev, libusb HID). Nothing is opened here: constructors only store options,
// so a printer that is off today is still built, and reports "offline" when first used.
#include <chrono>
#include <memory>

#include "tillbook/drivers/barcode_source.hpp"
#include "tillbook/drivers/device_config.hpp"
#include "tillbook/drivers/transport.hpp"

namespace tillbook::drivers {

// The waits every transport gets; the defaults are the transports' own.
struct TransportTimeouts {
    std::chrono::milliseconds connect{3000};  // TCP connect
    std::chrono::milliseconds write{5000};    // a write that makes no progress (TCP, USB)
    std::chrono::milliseconds job{10000};     // CUPS: connecting, and waiting for the job to end
};

// TcpTransport, UsbTransport, CupsTransport or FileTransport for `printer.address`. A file: path
// under /dev is a device node (usblp): it is never created, so a missing one means "unplugged";
// any other path is a recording, created when missing and added to job by job.
[[nodiscard]] std::unique_ptr<PrinterTransport> MakePrinterTransport(
    const PrinterConfig& printer, const TransportTimeouts& timeouts = {});

// SerialScanner, EvdevScanner or UsbHidScanner for `scanner.address`, with its layout and suffix.
[[nodiscard]] std::unique_ptr<BarcodeSource> MakeBarcodeSource(const ScannerConfig& scanner);

}  // namespace tillbook::drivers
