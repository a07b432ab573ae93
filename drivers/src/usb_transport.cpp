#include "tillbook/drivers/usb_transport.hpp"

#include <fmt/format.h>
#include <libusb-1.0/libusb.h>

#include <algorithm>
#include <array>
#include <expected>
#include <memory>
#include <utility>

namespace tillbook::drivers {
namespace {

struct ContextDeleter {
    void operator()(libusb_context* context) const { libusb_exit(context); }
};
using ContextPtr = std::unique_ptr<libusb_context, ContextDeleter>;

std::string ErrorText(int rc) {
    return libusb_strerror(rc);
}

std::expected<ContextPtr, std::string> MakeContext() {
    libusb_context* context = nullptr;
    if (const int rc = libusb_init(&context); rc != 0)
        return std::unexpected(fmt::format("usb: cannot start libusb ({})", ErrorText(rc)));
    return ContextPtr(context);
}

// The devices plugged in now; Count() < 0 is a libusb error code.
class DeviceList {
  public:
    explicit DeviceList(libusb_context* context)
        : m_count(libusb_get_device_list(context, &m_devices)) {}
    DeviceList(const DeviceList&) = delete;
    DeviceList& operator=(const DeviceList&) = delete;
    ~DeviceList() {
        if (m_devices != nullptr) libusb_free_device_list(m_devices, 1);
    }
    [[nodiscard]] ssize_t Count() const { return m_count; }
    [[nodiscard]] libusb_device* const* begin() const { return m_devices; }
    [[nodiscard]] libusb_device* const* end() const {
        return m_devices + std::max<ssize_t>(m_count, 0);
    }

  private:
    libusb_device** m_devices = nullptr;
    ssize_t m_count = 0;
};

struct ConfigDeleter {
    void operator()(libusb_config_descriptor* config) const {
        libusb_free_config_descriptor(config);
    }
};

// The interface the printer is driven through, read from the descriptors (never assumed).
struct PrinterInterface {
    std::uint8_t number = 0;
    std::uint8_t alt_setting = 0;
    std::uint8_t endpoint_out = 0;
    std::uint8_t endpoint_in = 0;  // 0: unidirectional
    std::uint16_t in_packet_size = 64;
};

// A printer-class interface (7) with a bulk OUT endpoint, or, when `match` names both vendor and
// product, the first interface with one (vendor-class printers).
std::optional<PrinterInterface> FindPrinterInterface(libusb_device* device,
                                                     const UsbPrinterMatch& match) {
    libusb_device_descriptor descriptor{};
    if (libusb_get_device_descriptor(device, &descriptor) != 0) return std::nullopt;
    if (match.vendor_id && descriptor.idVendor != *match.vendor_id) return std::nullopt;
    if (match.product_id && descriptor.idProduct != *match.product_id) return std::nullopt;
    libusb_config_descriptor* raw = nullptr;
    if (libusb_get_active_config_descriptor(device, &raw) != 0 &&
        libusb_get_config_descriptor(device, 0, &raw) != 0) {
        return std::nullopt;
    }
    const std::unique_ptr<libusb_config_descriptor, ConfigDeleter> config(raw);
    const bool configured = match.vendor_id && match.product_id;
    std::optional<PrinterInterface> vendor_class;
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& interface = config->interface[i];
        for (int a = 0; a < interface.num_altsetting; ++a) {
            const libusb_interface_descriptor& setting = interface.altsetting[a];
            PrinterInterface found;
            found.number = setting.bInterfaceNumber;
            found.alt_setting = setting.bAlternateSetting;
            for (int e = 0; e < setting.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
                if ((endpoint.bmAttributes & 0x03) != LIBUSB_TRANSFER_TYPE_BULK) continue;
                if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_IN) != 0) {
                    if (found.endpoint_in == 0) {
                        found.endpoint_in = endpoint.bEndpointAddress;
                        found.in_packet_size = endpoint.wMaxPacketSize;
                    }
                } else if (found.endpoint_out == 0) {
                    found.endpoint_out = endpoint.bEndpointAddress;
                }
            }
            if (found.endpoint_out == 0) continue;
            if (setting.bInterfaceClass == LIBUSB_CLASS_PRINTER) {
                if (setting.bInterfaceProtocol == 1) found.endpoint_in = 0;  // unidirectional
                return found;
            }
            if (configured && !vendor_class) vendor_class = found;
        }
    }
    return vendor_class;
}

std::string StringDescriptor(libusb_device_handle* handle, std::uint8_t index) {
    if (handle == nullptr || index == 0) return {};
    std::array<unsigned char, 256> text{};
    const int length = libusb_get_string_descriptor_ascii(handle, index, text.data(),
                                                          static_cast<int>(text.size()));
    if (length <= 0) return {};
    return std::string(reinterpret_cast<const char*>(text.data()),
                       static_cast<std::size_t>(length));
}

// Device to host | class | interface.
constexpr std::uint8_t kGetDeviceIdRequestType = 0xa1;

// Printer class GET_DEVICE_ID (bmRequestType 0xA1, bRequest 0): a big-endian length that counts
// itself, then the IEEE 1284 id.
std::string DeviceId(libusb_device_handle* handle, const PrinterInterface& interface) {
    if (handle == nullptr) return {};
    std::array<unsigned char, 1024> reply{};
    const int got = libusb_control_transfer(
        handle, kGetDeviceIdRequestType, 0, 0,
        static_cast<std::uint16_t>((interface.number << 8) | interface.alt_setting), reply.data(),
        static_cast<std::uint16_t>(reply.size()), 1000);
    if (got < 2) return {};
    const std::size_t length = std::min<std::size_t>(
        static_cast<std::size_t>((reply[0] << 8) | reply[1]), static_cast<std::size_t>(got));
    if (length <= 2) return {};
    return std::string(reinterpret_cast<const char*>(reply.data()) + 2, length - 2);
}

UsbPrinterInfo DescribePrinter(libusb_device* device, libusb_device_handle* opened,
                               const PrinterInterface& interface) {
    UsbPrinterInfo info;
    libusb_device_descriptor descriptor{};
    libusb_get_device_descriptor(device, &descriptor);
    info.bus = libusb_get_bus_number(device);
    info.address = libusb_get_device_address(device);
    info.vendor_id = descriptor.idVendor;
    info.product_id = descriptor.idProduct;
    info.interface_number = interface.number;
    info.bidirectional = interface.endpoint_in != 0;
    info.manufacturer = StringDescriptor(opened, descriptor.iManufacturer);
    info.product = StringDescriptor(opened, descriptor.iProduct);
    info.serial = StringDescriptor(opened, descriptor.iSerialNumber);
    info.device_id = DeviceId(opened, interface);
    return info;
}

TransportFailure FailureOf(int rc) {
    switch (rc) {
        case LIBUSB_ERROR_NO_DEVICE:
            return TransportFailure::kDisconnected;
        case LIBUSB_ERROR_NOT_FOUND:
            return TransportFailure::kNotFound;
        case LIBUSB_ERROR_ACCESS:
            return TransportFailure::kDenied;
        case LIBUSB_ERROR_BUSY:
            return TransportFailure::kBusy;
        case LIBUSB_ERROR_TIMEOUT:
            return TransportFailure::kTimeout;
        default:
            return TransportFailure::kIoError;
    }
}

// At open time a device that went away is simply not there (any more).
TransportFailure OpenFailureOf(int rc) {
    return rc == LIBUSB_ERROR_NO_DEVICE ? TransportFailure::kNotFound : FailureOf(rc);
}

// libusb waits forever for a timeout of 0: never ask for that.
unsigned int LibusbTimeout(std::chrono::milliseconds timeout) {
    const auto ms = std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 1, 3'600'000);
    return static_cast<unsigned int>(ms);
}

}  // namespace

std::string UsbPrinterMatch::Describe() const {
    if (!vendor_id && !product_id) {
        return serial.empty() ? std::string("any USB printer")
                              : fmt::format("any USB printer serial {}", serial);
    }
    std::string text = fmt::format("{}:{}", vendor_id ? fmt::format("{:04x}", *vendor_id) : "*",
                                   product_id ? fmt::format("{:04x}", *product_id) : "*");
    if (!serial.empty()) text += fmt::format(" serial {}", serial);
    return text;
}

namespace {

// The printer chosen by Pick: open, or why none could be.
struct Picked {
    libusb_device_handle* handle = nullptr;  // holds its own reference to the device
    PrinterInterface interface;
    UsbPrinterInfo info;
    int list_error = 0;       // libusb_get_device_list failed
    int last_open_error = 0;  // a matching printer could not be opened
};

// Opens the first printer matching `match`. The device list lives only in here, so that it is
// always freed before the caller may end the context (the list's devices belong to it).
Picked Pick(libusb_context* context, const UsbPrinterMatch& match) {
    Picked picked;
    const DeviceList devices(context);
    if (devices.Count() < 0) {
        picked.list_error = static_cast<int>(devices.Count());
        return picked;
    }
    for (libusb_device* device : devices) {
        auto found = FindPrinterInterface(device, match);
        if (!found) continue;
        libusb_device_handle* opened = nullptr;
        if (const int rc = libusb_open(device, &opened); rc != 0) {
            picked.last_open_error = rc;
            continue;
        }
        UsbPrinterInfo info = DescribePrinter(device, opened, *found);
        if (!match.serial.empty() && info.serial != match.serial) {
            libusb_close(opened);
            continue;
        }
        picked.handle = opened;
        picked.interface = *found;
        picked.info = std::move(info);
        break;
    }
    return picked;
}

}  // namespace

struct UsbTransport::Impl {
    UsbTransportOptions options;
    ContextPtr context;  // one per open session: Open enumerates afresh
    libusb_device_handle* handle = nullptr;
    PrinterInterface interface;
    std::optional<UsbPrinterInfo> connected;
    std::string unread;           // bytes read beyond what the caller asked for
    bool unidirectional = false;  // the printer opened last has no bulk IN endpoint
    bool detached = false;        // we took the interface from its kernel driver (usblp)

    [[nodiscard]] std::string Where() const {
        if (!connected) return "usb " + options.match.Describe();
        return fmt::format("usb {:04x}:{:04x} (bus {} device {})", connected->vendor_id,
                           connected->product_id, connected->bus, connected->address);
    }

    void Close() {
        if (handle != nullptr) {
            libusb_release_interface(handle, interface.number);
            // Give the printer back to usblp, so /dev/usb/lp0 and CUPS work again after us.
            // Close cannot fail: NOT_FOUND (no driver wants it), NOT_SUPPORTED and NO_DEVICE
            // (unplugged) all leave nothing to do.
            if (detached) libusb_attach_kernel_driver(handle, interface.number);
            libusb_close(handle);
            handle = nullptr;
        }
        detached = false;
        context.reset();
        unread.clear();
    }

    TransportError Fail(TransportFailure failure, std::string_view what,
                        std::size_t bytes_sent = 0) {
        std::string message = fmt::format("{}: {}", Where(), what);
        Close();
        return MakeTransportError(failure, std::move(message), bytes_sent);
    }

    TransportStatus Open();
};

TransportStatus UsbTransport::Impl::Open() {
    auto made = MakeContext();
    if (!made) return std::unexpected(Fail(TransportFailure::kIoError, made.error()));
    context = std::move(*made);
    Picked picked = Pick(context.get(), options.match);
    if (picked.list_error != 0) {
        connected.reset();
        return std::unexpected(
            Fail(FailureOf(picked.list_error),
                 fmt::format("cannot list USB devices ({})", ErrorText(picked.list_error))));
    }
    if (picked.handle == nullptr) {
        connected.reset();
        if (picked.last_open_error != 0) {
            return std::unexpected(Fail(
                OpenFailureOf(picked.last_open_error),
                fmt::format("cannot open the printer ({})", ErrorText(picked.last_open_error))));
        }
        return std::unexpected(Fail(TransportFailure::kNotFound, "no such printer plugged in"));
    }
    handle = picked.handle;
    interface = picked.interface;
    unidirectional = interface.endpoint_in == 0;
    connected = std::move(picked.info);
    // usblp holds printer interfaces: detach it explicitly (umockdev 0.17.16 has no auto-detach).
    if (libusb_kernel_driver_active(handle, interface.number) == 1) {
        const int rc = libusb_detach_kernel_driver(handle, interface.number);
        if (rc != 0 && rc != LIBUSB_ERROR_NOT_FOUND) {
            return std::unexpected(
                Fail(OpenFailureOf(rc), fmt::format("cannot detach the kernel driver from "
                                                    "interface {} ({})",
                                                    interface.number, ErrorText(rc))));
        }
        detached = rc == 0;
    }
    if (const int rc = libusb_claim_interface(handle, interface.number); rc != 0) {
        const auto failure = OpenFailureOf(rc);
        const std::string why =
            rc == LIBUSB_ERROR_BUSY ? "another program holds it" : ErrorText(rc);
        return std::unexpected(
            Fail(failure, fmt::format("cannot claim interface {} ({})", interface.number, why)));
    }
    if (interface.alt_setting != 0) {
        if (const int rc =
                libusb_set_interface_alt_setting(handle, interface.number, interface.alt_setting);
            rc != 0) {
            return std::unexpected(
                Fail(OpenFailureOf(rc), fmt::format("cannot select alternate setting {} ({})",
                                                    interface.alt_setting, ErrorText(rc))));
        }
    }
    return {};
}

UsbTransport::UsbTransport(UsbTransportOptions options) : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
    if (m_impl->options.chunk_size == 0) m_impl->options.chunk_size = 4096;
}

UsbTransport::~UsbTransport() {
    Close();
}

std::string UsbTransport::Describe() const {
    return m_impl->Where();
}

TransportStatus UsbTransport::Open() {
    if (IsOpen()) return {};
    return m_impl->Open();
}

TransportStatus UsbTransport::Write(std::string_view bytes) {
    Impl& impl = *m_impl;
    if (!IsOpen()) {
        return std::unexpected(MakeTransportError(TransportFailure::kDisconnected,
                                                  fmt::format("{}: not open", impl.Where())));
    }
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const std::size_t length = std::min(impl.options.chunk_size, bytes.size() - sent);
        int transferred = 0;
        // libusb does not write through the pointer on OUT transfers.
        auto* data = reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data() + sent));
        const int rc = libusb_bulk_transfer(impl.handle, impl.interface.endpoint_out, data,
                                            static_cast<int>(length), &transferred,
                                            LibusbTimeout(impl.options.write_timeout));
        sent += static_cast<std::size_t>(std::max(transferred, 0));
        if (rc == 0) continue;
        if (rc == LIBUSB_ERROR_TIMEOUT) {
            // Paper out or cover open: the printer NAKs. Stay open so the spooler can ask why.
            return std::unexpected(MakeTransportError(
                TransportFailure::kTimeout,
                fmt::format("{}: the printer took no data for {} ms ({} of {} bytes sent)",
                            impl.Where(), impl.options.write_timeout.count(), sent, bytes.size()),
                sent));
        }
        if (rc == LIBUSB_ERROR_NO_DEVICE) {
            return std::unexpected(
                impl.Fail(TransportFailure::kDisconnected,
                          fmt::format("unplugged after {} of {} bytes", sent, bytes.size()), sent));
        }
        return std::unexpected(impl.Fail(FailureOf(rc),
                                         fmt::format("sending failed after {} of {} bytes ({})",
                                                     sent, bytes.size(), ErrorText(rc)),
                                         sent));
    }
    return {};
}

bool UsbTransport::CanRead() const {
    // Until the printer has been opened its descriptors are unknown: callers may Open() first
    // and ask again, so only a printer seen to be unidirectional says no.
    return !m_impl->unidirectional;
}

TransportResult<std::string> UsbTransport::Read(std::size_t max_bytes,
                                                std::chrono::milliseconds timeout) {
    Impl& impl = *m_impl;
    if (!IsOpen()) {
        return std::unexpected(MakeTransportError(TransportFailure::kDisconnected,
                                                  fmt::format("{}: not open", impl.Where())));
    }
    if (impl.interface.endpoint_in == 0) {
        return std::unexpected(MakeTransportError(
            TransportFailure::kUnsupported,
            fmt::format("{}: the printer has no IN endpoint (unidirectional)", impl.Where())));
    }
    if (max_bytes == 0) return std::string{};
    if (!impl.unread.empty()) {
        std::string reply = impl.unread.substr(0, max_bytes);
        impl.unread.erase(0, reply.size());
        return reply;
    }
    // Ask for whole packets: a shorter request overflows when the printer sends a full one.
    const std::size_t packet = std::max<std::size_t>(impl.interface.in_packet_size, 1);
    const std::size_t length = std::max(packet, (max_bytes + packet - 1) / packet * packet);
    std::string buffer(length, '\0');
    int transferred = 0;
    const int rc = libusb_bulk_transfer(
        impl.handle, impl.interface.endpoint_in, reinterpret_cast<unsigned char*>(buffer.data()),
        static_cast<int>(length), &transferred, LibusbTimeout(timeout));
    if (rc == LIBUSB_ERROR_TIMEOUT && transferred <= 0) {
        return std::unexpected(MakeTransportError(
            TransportFailure::kTimeout,
            fmt::format("{}: no reply within {} ms", impl.Where(), timeout.count())));
    }
    if (rc != 0 && rc != LIBUSB_ERROR_TIMEOUT) {
        const auto failure = FailureOf(rc);
        return std::unexpected(
            impl.Fail(failure, fmt::format("reading failed ({})", ErrorText(rc))));
    }
    buffer.resize(static_cast<std::size_t>(transferred));
    if (buffer.size() > max_bytes) {
        impl.unread = buffer.substr(max_bytes);
        buffer.resize(max_bytes);
    }
    return buffer;
}

void UsbTransport::Close() {
    m_impl->Close();
}

bool UsbTransport::IsOpen() const {
    return m_impl->handle != nullptr;
}

std::optional<UsbPrinterInfo> UsbTransport::Connected() const {
    return m_impl->connected;
}

Result<std::vector<UsbPrinterInfo>> ListUsbPrinters(const UsbPrinterMatch& extra) {
    auto made = MakeContext();
    if (!made) return std::unexpected(MakeError(ErrorCode::kDevice, made.error()));
    // Freed before the context (declared after it).
    const DeviceList devices(made->get());
    if (devices.Count() < 0) {
        return std::unexpected(MakeError(
            ErrorCode::kDevice, fmt::format("usb: cannot list devices ({})",
                                            ErrorText(static_cast<int>(devices.Count())))));
    }
    std::vector<UsbPrinterInfo> printers;
    for (libusb_device* device : devices) {
        auto info = usb_detail::InspectPrinter(device, UsbPrinterMatch{}, true);
        if (!info && extra.vendor_id) {
            info = usb_detail::InspectPrinter(device, extra, true);
            if (info && !extra.serial.empty() && info->serial != extra.serial) continue;
        }
        if (info) printers.push_back(std::move(*info));
    }
    return printers;
}

}  // namespace tillbook::drivers

namespace tillbook::drivers::usb_detail {

std::optional<UsbPrinterInfo> InspectPrinter(libusb_device* device, const UsbPrinterMatch& match,
                                             bool read_strings) {
    const auto found = FindPrinterInterface(device, match);
    if (!found) return std::nullopt;
    libusb_device_handle* opened = nullptr;
    if (read_strings && libusb_open(device, &opened) != 0) opened = nullptr;
    UsbPrinterInfo info = DescribePrinter(device, opened, *found);
    if (opened != nullptr) libusb_close(opened);
    return info;
}

}  // namespace tillbook::drivers::usb_detail
