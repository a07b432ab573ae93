#include "tillbook/drivers/device_factory.hpp"

#include <utility>

#include "tillbook/drivers/cups_transport.hpp"
#include "tillbook/drivers/evdev_scanner.hpp"
#include "tillbook/drivers/file_transport.hpp"
#include "tillbook/drivers/serial_scanner.hpp"
#include "tillbook/drivers/tcp_transport.hpp"
#include "tillbook/drivers/usb_hid_scanner.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace tillbook::drivers {

std::unique_ptr<PrinterTransport> MakePrinterTransport(const PrinterConfig& printer,
                                                       const TransportTimeouts& timeouts) {
    const PrinterAddress& address = printer.address;
    switch (address.connection) {
        case PrinterConnection::kUsb: {
            UsbTransportOptions options;
            options.match = address.usb;
            options.write_timeout = timeouts.write;
            return std::make_unique<UsbTransport>(std::move(options));
        }
        case PrinterConnection::kTcp: {
            TcpTransportOptions options;
            options.host = address.host;
            options.port = address.port;
            options.connect_timeout = timeouts.connect;
            options.write_timeout = timeouts.write;
            return std::make_unique<TcpTransport>(std::move(options));
        }
        case PrinterConnection::kCups: {
            CupsTransportOptions options;
            options.queue = address.queue;
            options.server = address.server;
            options.timeout = timeouts.job;
            return std::make_unique<CupsTransport>(std::move(options));
        }
        case PrinterConnection::kFile: {
            FileTransportOptions options;
            options.path = address.path;
            options.mode = FileWriteMode::kAppend;
            // A missing /dev/usb/lp0 is an unplugged printer, not a file to create.
            options.create = !address.path.starts_with("/dev/");
            return std::make_unique<FileTransport>(std::move(options));
        }
    }
    return nullptr;  // not reached: ParsePrinterUri gives only the connections above
}

std::unique_ptr<BarcodeSource> MakeBarcodeSource(const ScannerConfig& scanner) {
    const ScannerAddress& address = scanner.address;
    switch (address.connection) {
        case ScannerConnection::kSerial: {
            SerialScannerOptions options;
            options.device = address.path;
            // "enter" on a serial scanner: CR, LF or CR LF, whichever it was set up to send.
            options.suffix =
                scanner.suffix == ScanSuffix::kTab ? SerialSuffix::kTab : SerialSuffix::kCrOrLf;
            return std::make_unique<SerialScanner>(std::move(options));
        }
        case ScannerConnection::kEvdev: {
            // Keyboard decoders end a scan on Enter or Tab alike, so the suffix needs no setting.
            EvdevScannerOptions options;
            options.device = address.path;
            options.layout = scanner.layout;
            return std::make_unique<EvdevScanner>(std::move(options));
        }
        case ScannerConnection::kUsbHid: {
            UsbHidScannerOptions options;
            options.vendor_id = address.vendor_id;
            options.product_id = address.product_id;
            options.layout = scanner.layout;
            return std::make_unique<UsbHidScanner>(std::move(options));
        }
    }
    return nullptr;  // not reached: ParseScannerUri gives only the connections above
}

}  // namespace tillbook::drivers
