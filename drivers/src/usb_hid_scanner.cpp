#include "tillbook/drivers/usb_hid_scanner.hpp"

#include <fmt/format.h>
#include <libusb.h>

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <utility>

namespace tillbook::drivers {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kHidClass = LIBUSB_CLASS_HID;  // 3
constexpr std::uint8_t kBootSubclass = 1;
constexpr std::uint8_t kKeyboardProtocol = 1;
// HID 1.11 §7.2.6 SET_PROTOCOL, wValue 0 = boot protocol; §7.2.4 SET_IDLE, wValue 0 = report
// only on change (duration 0, all report ids).
constexpr std::uint8_t kClassToInterface = 0x21;  // host to device, class, interface
constexpr std::uint8_t kSetIdle = 0x0A;
constexpr std::uint8_t kSetProtocol = 0x0B;
constexpr std::uint16_t kBootProtocol = 0;
constexpr std::uint16_t kIdleOnlyOnChange = 0;
// Stalls cleared in one Next before the endpoint counts as broken.
constexpr int kMaxStallClears = 1;
constexpr unsigned int kControlTimeoutMs = 200;
// Read at least a full packet: asking for less than wMaxPacketSize risks an overflow error.
constexpr int kMinReadSize = 64;

ErrorCode CodeOf(int rc) {
    switch (rc) {
        case LIBUSB_ERROR_ACCESS:
            return ErrorCode::kForbidden;  // needs a udev rule giving the till the device
        case LIBUSB_ERROR_BUSY:
            return ErrorCode::kConflict;  // another program holds the interface
        case LIBUSB_ERROR_NO_DEVICE:
        case LIBUSB_ERROR_NOT_FOUND:
            return ErrorCode::kNotFound;  // unplugged meanwhile
        default:
            return ErrorCode::kDevice;  // there, but the device or libusb failed
    }
}

std::string Text(int rc) {
    return libusb_strerror(rc);
}

struct ConfigDeleter {
    void operator()(libusb_config_descriptor* config) const {
        libusb_free_config_descriptor(config);
    }
};
using ConfigPtr = std::unique_ptr<libusb_config_descriptor, ConfigDeleter>;

// The interface of one device to read scans from.
struct ScannerInterface {
    std::uint8_t number = 0;
    std::uint8_t endpoint = 0;  // interrupt IN
    int packet_size = kMinReadSize;
    bool boot = false;  // boot subclass: understands SET_PROTOCOL
};

ConfigPtr ActiveConfig(libusb_device* device) {
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(device, &config) != LIBUSB_SUCCESS || !config) {
        // Not configured yet (or the backend cannot tell): the first configuration is the one
        // a scanner has.
        config = nullptr;
        if (libusb_get_config_descriptor(device, 0, &config) != LIBUSB_SUCCESS) return nullptr;
    }
    return ConfigPtr(config);
}

// A HID interface with an interrupt IN endpoint; with `boot_keyboard_only` only boot keyboards.
std::optional<ScannerInterface> FindInterface(libusb_device* device, bool boot_keyboard_only) {
    const ConfigPtr config = ActiveConfig(device);
    if (!config) return std::nullopt;
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& interface = config->interface[i];
        for (int a = 0; a < interface.num_altsetting; ++a) {
            const libusb_interface_descriptor& setting = interface.altsetting[a];
            if (setting.bInterfaceClass != kHidClass) continue;
            if (boot_keyboard_only && (setting.bInterfaceSubClass != kBootSubclass ||
                                       setting.bInterfaceProtocol != kKeyboardProtocol))
                continue;
            for (int e = 0; e < setting.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
                const bool interrupt = (endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) ==
                                       LIBUSB_TRANSFER_TYPE_INTERRUPT;
                const bool in =
                    (endpoint.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN;
                if (!interrupt || !in) continue;
                ScannerInterface found;
                found.number = setting.bInterfaceNumber;
                found.endpoint = endpoint.bEndpointAddress;
                found.packet_size = std::max<int>(kMinReadSize, endpoint.wMaxPacketSize);
                found.boot = setting.bInterfaceSubClass == kBootSubclass;
                return found;
            }
        }
    }
    return std::nullopt;
}

}  // namespace

struct UsbHidScanner::Impl {
    explicit Impl(UsbHidScannerOptions options_in)
        : options(std::move(options_in)), decoder(options.layout) {}

    UsbHidScannerOptions options;
    HidScanDecoder decoder;
    libusb_context* context = nullptr;
    libusb_device_handle* handle = nullptr;
    ScannerInterface interface;
    bool claimed = false;
    bool detached = false;  // we took the interface from usbhid and give it back on Close
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    std::deque<ScannedBarcode> ready;  // scans decoded from one report beyond the first

    [[nodiscard]] std::string Describe() const {
        if (handle) return fmt::format("usb {:04x}:{:04x}", vendor_id, product_id);
        if (options.vendor_id && options.product_id)
            return fmt::format("usb {:04x}:{:04x}", *options.vendor_id, *options.product_id);
        if (options.vendor_id) return fmt::format("usb {:04x}:*", *options.vendor_id);
        if (options.product_id) return fmt::format("usb *:{:04x}", *options.product_id);
        return "usb hid keyboard";
    }

    [[nodiscard]] bool Matches(const libusb_device_descriptor& descriptor) const {
        if (options.vendor_id && descriptor.idVendor != *options.vendor_id) return false;
        if (options.product_id && descriptor.idProduct != *options.product_id) return false;
        return true;
    }

    [[nodiscard]] Error Fail(ErrorCode code, std::string_view what) {
        Error error = MakeError(code, fmt::format("{}: {}", Describe(), what));
        Close();
        return error;
    }

    Status Open() {
        if (handle) return {};
        if (const int rc = libusb_init(&context); rc != LIBUSB_SUCCESS) {
            context = nullptr;
            return std::unexpected(
                MakeError(ErrorCode::kUnsupported,
                          fmt::format("{}: cannot start libusb ({})", Describe(), Text(rc))));
        }
        libusb_device** list = nullptr;
        const ssize_t count = libusb_get_device_list(context, &list);
        if (count < 0) {
            return std::unexpected(
                Fail(ErrorCode::kDevice,
                     fmt::format("cannot list USB devices ({})", Text(static_cast<int>(count)))));
        }
        // A configured vendor:product may be a scanner without the boot subclass; otherwise
        // only a boot keyboard is taken for a scanner.
        const bool boot_keyboard_only = !options.vendor_id && !options.product_id;
        int open_error = LIBUSB_SUCCESS;
        for (ssize_t i = 0; i < count && !handle; ++i) {
            libusb_device* device = list[i];
            libusb_device_descriptor descriptor{};
            if (libusb_get_device_descriptor(device, &descriptor) != LIBUSB_SUCCESS) continue;
            if (!Matches(descriptor)) continue;
            const std::optional<ScannerInterface> found = FindInterface(device, boot_keyboard_only);
            if (!found) continue;
            libusb_device_handle* opened = nullptr;
            if (const int rc = libusb_open(device, &opened); rc != LIBUSB_SUCCESS) {
                open_error = rc;
                continue;
            }
            handle = opened;
            interface = *found;
            vendor_id = descriptor.idVendor;
            product_id = descriptor.idProduct;
        }
        libusb_free_device_list(list, 1);
        if (!handle) {
            if (open_error != LIBUSB_SUCCESS)
                return std::unexpected(
                    Fail(CodeOf(open_error), fmt::format("cannot open ({})", Text(open_error))));
            return std::unexpected(Fail(ErrorCode::kNotFound, "no such scanner plugged in"));
        }
        // Detach usbhid explicitly rather than through auto-detach: auto-detach uses
        // USBDEVFS_DISCONNECT_CLAIM, which older kernels and umockdev 0.17 do not know
        // (docs/hardware.md §3a), and the explicit call lets Close give the scanner back.
        if (libusb_kernel_driver_active(handle, interface.number) == 1) {
            if (const int rc = libusb_detach_kernel_driver(handle, interface.number);
                rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_NOT_FOUND) {
                return std::unexpected(
                    Fail(CodeOf(rc), fmt::format("cannot take the scanner from the keyboard driver "
                                                 "(interface {}: {})",
                                                 interface.number, Text(rc))));
            }
            detached = true;
        }
        if (const int rc = libusb_claim_interface(handle, interface.number); rc != LIBUSB_SUCCESS) {
            return std::unexpected(Fail(CodeOf(rc), fmt::format("cannot claim interface {} ({})",
                                                                interface.number, Text(rc))));
        }
        claimed = true;
        if (interface.boot) {
            // Devices start in report protocol; ask for the boot reports we decode. A scanner
            // that stalls this sends boot-shaped reports anyway (every keyboard does), so a
            // failure is not an error.
            (void)libusb_control_transfer(handle, kClassToInterface, kSetProtocol, kBootProtocol,
                                          interface.number, nullptr, 0, kControlTimeoutMs);
        }
        // Without SET_IDLE 0 a keyboard may repeat its last report every few milliseconds for as
        // long as it is plugged in. Optional for the device (many stall it), so a refusal is
        // ignored; Next bounds its wait by the deadline either way.
        (void)libusb_control_transfer(handle, kClassToInterface, kSetIdle, kIdleOnlyOnChange,
                                      interface.number, nullptr, 0, kControlTimeoutMs);
        decoder.Reset();
        ready.clear();
        return {};
    }

    // Decodes one report into `ready`.
    void Take(std::span<const std::uint8_t> report) {
        // Boot protocol reports are exactly 8 bytes; a longer packet (report protocol with
        // padding) starts with the same 8.
        if (report.size() < kBootReportSize) return;
        auto scans = decoder.Feed(report.first(kBootReportSize));
        if (!scans) return;
        for (const std::string& text : *scans) {
            if (auto scan = ReadScannedBarcode(text)) ready.push_back(std::move(*scan));
        }
    }

    Result<std::optional<ScannedBarcode>> Next(std::chrono::milliseconds timeout) {
        if (!handle)
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput, fmt::format("{}: not open", Describe())));
        const auto deadline = Clock::now() + std::max(timeout, std::chrono::milliseconds{0});
        std::vector<std::uint8_t> buffer(static_cast<std::size_t>(interface.packet_size));
        int stalls_cleared = 0;
        while (true) {
            if (!ready.empty()) {
                ScannedBarcode scan = std::move(ready.front());
                ready.pop_front();
                return std::optional<ScannedBarcode>(std::move(scan));
            }
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
            // Never 0: libusb reads 0 as "wait forever". Short slices keep an unplug prompt.
            const auto slice =
                std::clamp(left, std::chrono::milliseconds{1},
                           std::max(options.transfer_timeout, std::chrono::milliseconds{1}));
            int got = 0;
            const int rc = libusb_interrupt_transfer(handle, interface.endpoint, buffer.data(),
                                                     interface.packet_size, &got,
                                                     static_cast<unsigned int>(slice.count()));
            if (got > 0)
                Take(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(got)));
            if (rc == LIBUSB_ERROR_NO_DEVICE)
                return std::unexpected(Fail(ErrorCode::kNotFound, "scanner disconnected"));
            if (rc == LIBUSB_ERROR_PIPE) {
                // A stalled endpoint: clear it once and go on; a second stall is an error.
                if (stalls_cleared++ < kMaxStallClears &&
                    libusb_clear_halt(handle, interface.endpoint) == LIBUSB_SUCCESS)
                    continue;
                return std::unexpected(
                    Fail(ErrorCode::kDevice,
                         fmt::format("reading the scanner failed: the endpoint stays stalled ({})",
                                     Text(rc))));
            }
            if (rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_TIMEOUT &&
                rc != LIBUSB_ERROR_INTERRUPTED)
                return std::unexpected(
                    Fail(CodeOf(rc), fmt::format("reading the scanner failed ({})", Text(rc))));
            // Checked on every pass, not only on a timeout: a scanner that streams idle or
            // repeated reports never lets a transfer time out.
            if (ready.empty() && Clock::now() >= deadline) return std::optional<ScannedBarcode>{};
        }
    }

    void Close() {
        if (handle) {
            if (claimed) (void)libusb_release_interface(handle, interface.number);
            // Hands the scanner back to usbhid, so it types again while the till is closed.
            if (detached) (void)libusb_attach_kernel_driver(handle, interface.number);
            libusb_close(handle);
            handle = nullptr;
        }
        claimed = false;
        detached = false;
        ready.clear();
        decoder.Reset();
        // A fresh context on every Open: a scanner plugged in again is found by a new scan of
        // the bus rather than through a stale device list.
        if (context) {
            libusb_exit(context);
            context = nullptr;
        }
    }
};

UsbHidScanner::UsbHidScanner(UsbHidScannerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options))) {}

UsbHidScanner::~UsbHidScanner() {
    m_impl->Close();
}

std::string UsbHidScanner::Describe() const {
    return m_impl->Describe();
}

Status UsbHidScanner::Open() {
    return m_impl->Open();
}

Result<std::optional<ScannedBarcode>> UsbHidScanner::Next(std::chrono::milliseconds timeout) {
    return m_impl->Next(timeout);
}

void UsbHidScanner::Close() {
    m_impl->Close();
}

bool UsbHidScanner::IsOpen() const {
    return m_impl->handle != nullptr;
}

}  // namespace tillbook::drivers
