#pragma once
// Barcode scanners in USB HID keyboard mode read directly through libusb (docs/hardware.md §2.2):
// finds a boot keyboard interface (class 3, subclass 1, protocol 1) or a configured
// vendor:product, detaches usbhid explicitly, claims the interface and reads 8-byte boot reports
// from its interrupt IN endpoint (taken from the descriptors), decoding them with HidScanDecoder
// (newly pressed keys only, US or UK layout). A scan ends on Enter, keypad Enter or Tab. This takes
// the scanner away from the input stack; prefer evdev where keys should still reach the desktop
// while the till is not running.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/barcode_source.hpp"
#include "tillbook/drivers/hid_keyboard.hpp"

namespace tillbook::drivers {

struct UsbHidScannerOptions {
    // Which scanner: both empty means the first boot keyboard interface found. With a
    // vendor:product the device's first HID interface with an interrupt IN endpoint is used,
    // boot protocol or not (scanners that report as "HID keyboard" without the boot subclass).
    std::optional<std::uint16_t> vendor_id;
    std::optional<std::uint16_t> product_id;
    KeyboardLayout layout = KeyboardLayout::kUs;
    // Longest single libusb wait inside Next, so a long Next still notices an unplug quickly.
    std::chrono::milliseconds transfer_timeout{200};
};

class UsbHidScanner final : public BarcodeSource {
  public:
    explicit UsbHidScanner(UsbHidScannerOptions options);
    ~UsbHidScanner() override;
    UsbHidScanner(const UsbHidScanner&) = delete;
    UsbHidScanner& operator=(const UsbHidScanner&) = delete;

    // "usb 05e0:1200" ("usb 05e0:*", "usb hid keyboard" when not configured and not yet open).
    [[nodiscard]] std::string Describe() const override;
    // kNotFound when no matching scanner is plugged in; kConflict when another program holds
    // the interface (LIBUSB_ERROR_BUSY).
    [[nodiscard]] Status Open() override;
    // Errors: "usb 05e0:1200: scanner disconnected" (LIBUSB_ERROR_NO_DEVICE).
    [[nodiscard]] Result<std::optional<ScannedBarcode>> Next(
        std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tillbook::drivers
