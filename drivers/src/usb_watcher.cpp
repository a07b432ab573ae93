#include "tillbook/drivers/usb_watcher.hpp"

#include <fmt/format.h>
#include <libusb-1.0/libusb.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace tillbook::drivers {
namespace {

constexpr long kEventPollMicroseconds = 100'000;  // how soon the thread notices Stop
constexpr int kOpenAttempts = 10;
constexpr std::chrono::milliseconds kOpenRetryDelay{20};

struct RawEvent {
    libusb_hotplug_event event{};
    libusb_device* device = nullptr;  // referenced
};

}  // namespace

struct UsbWatcher::Impl {
    UsbPrinterMatch match;
    libusb_context* context = nullptr;
    libusb_hotplug_callback_handle callback{};
    bool registered = false;

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<RawEvent> raw;            // posted by libusb's callback
    std::deque<UsbPrinterEvent> events;  // for WaitForEvent
    std::map<std::pair<std::uint8_t, std::uint8_t>, UsbPrinterInfo> present;  // thread only
    std::atomic<bool> stopping{false};
    std::thread thread;

    // Called by libusb in the thread that handles events (or in Start, for printers already
    // there): only posts, as libusb asks of hotplug callbacks.
    static int LIBUSB_CALL OnHotplug(libusb_context* /*context*/, libusb_device* device,
                                     libusb_hotplug_event event, void* self) {
        auto* impl = static_cast<Impl*>(self);
        libusb_ref_device(device);
        const std::lock_guard lock(impl->mutex);
        impl->raw.push_back(RawEvent{event, device});
        return 0;  // stay registered
    }

    void Run() {
        while (!stopping) {
            timeval wait{0, kEventPollMicroseconds};
            libusb_handle_events_timeout_completed(context, &wait, nullptr);
            Process();
        }
    }

    // The arriving printer with its strings. The arrival event can come before the device node
    // may be opened (udev sets its permissions just after; umockdev also lags a little), so a
    // failed open is tried again for a short while.
    std::optional<UsbPrinterInfo> InspectArrival(libusb_device* device) const {
        auto info = usb_detail::InspectPrinter(device, match, true);
        for (int attempt = 0; attempt < kOpenAttempts && info && !Opened(*info); ++attempt) {
            std::this_thread::sleep_for(kOpenRetryDelay);
            info = usb_detail::InspectPrinter(device, match, true);
        }
        return info;
    }

    // Whether the strings could be read (a printer with none at all is rare and only waits).
    static bool Opened(const UsbPrinterInfo& info) {
        return !info.serial.empty() || !info.product.empty() || !info.device_id.empty();
    }

    // A printer whose serial could not be read (it did not open within the retries, or has no
    // serial string) is still reported when vendor:product are configured and match: dropping
    // it would hide that printer for good, as its arrival is not reported again.
    [[nodiscard]] bool Wanted(const UsbPrinterInfo& info) const {
        if (match.serial.empty() || info.serial == match.serial) return true;
        return info.serial.empty() && match.vendor_id && match.product_id;
    }

    // Turns posted device events into printer events; opens arriving printers for their strings.
    void Process() {
        std::deque<RawEvent> posted;
        {
            const std::lock_guard lock(mutex);
            posted.swap(raw);
        }
        for (const RawEvent& item : posted) {
            const std::pair key{libusb_get_bus_number(item.device),
                                libusb_get_device_address(item.device)};
            std::optional<UsbPrinterEvent> event;
            if (item.event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED) {
                auto info = InspectArrival(item.device);
                if (info && Wanted(*info)) {
                    present[key] = *info;
                    event.emplace();
                    event->kind = UsbPrinterEventKind::kArrived;
                    event->serial_unknown = info->serial.empty();
                    event->printer = std::move(*info);
                }
            } else if (const auto known = present.find(key); known != present.end()) {
                event.emplace();
                event->kind = UsbPrinterEventKind::kLeft;
                event->serial_unknown = known->second.serial.empty();
                event->printer = known->second;
                present.erase(known);
            }
            libusb_unref_device(item.device);
            if (!event) continue;
            {
                const std::lock_guard lock(mutex);
                events.push_back(std::move(*event));
            }
            changed.notify_all();
        }
    }

    ~Impl() {
        stopping = true;
        // Deregistering also wakes the event thread out of libusb_handle_events.
        if (registered) libusb_hotplug_deregister_callback(context, callback);
        if (thread.joinable()) thread.join();
        for (const RawEvent& item : raw)
            libusb_unref_device(item.device);
        if (context != nullptr) libusb_exit(context);
    }
};

std::string_view ToString(UsbPrinterEventKind kind) {
    switch (kind) {
        case UsbPrinterEventKind::kArrived:
            return "arrived";
        case UsbPrinterEventKind::kLeft:
            return "left";
    }
    return "unknown";
}

Result<std::unique_ptr<UsbWatcher>> UsbWatcher::Start(UsbPrinterMatch match) {
    if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) == 0) {
        return std::unexpected(
            MakeError(ErrorCode::kUnsupported, "usb: this libusb cannot report hotplug events"));
    }
    auto impl = std::make_unique<Impl>();
    impl->match = std::move(match);
    if (const int rc = libusb_init(&impl->context); rc != 0) {
        impl->context = nullptr;
        return std::unexpected(MakeError(
            ErrorCode::kDevice, fmt::format("usb: cannot start libusb ({})", libusb_strerror(rc))));
    }
    const int vendor = impl->match.vendor_id ? *impl->match.vendor_id : LIBUSB_HOTPLUG_MATCH_ANY;
    const int product = impl->match.product_id ? *impl->match.product_id : LIBUSB_HOTPLUG_MATCH_ANY;
    // The class filter would look at bDeviceClass, which is 0 for printers: interfaces are
    // checked in Process instead.
    const int rc = libusb_hotplug_register_callback(
        impl->context,
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        LIBUSB_HOTPLUG_ENUMERATE, vendor, product, LIBUSB_HOTPLUG_MATCH_ANY, &Impl::OnHotplug,
        impl.get(), &impl->callback);
    if (rc != 0) {
        const auto code =
            rc == LIBUSB_ERROR_NOT_SUPPORTED ? ErrorCode::kUnsupported : ErrorCode::kDevice;
        return std::unexpected(
            MakeError(code, fmt::format("usb {}: cannot watch for hotplug ({})",
                                        impl->match.Describe(), libusb_strerror(rc))));
    }
    impl->registered = true;
    Impl* raw_impl = impl.get();
    impl->thread = std::thread([raw_impl] { raw_impl->Run(); });
    return std::unique_ptr<UsbWatcher>(new UsbWatcher(std::move(impl)));
}

UsbWatcher::UsbWatcher(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

UsbWatcher::~UsbWatcher() = default;

std::optional<UsbPrinterEvent> UsbWatcher::WaitForEvent(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_impl->mutex);
    if (!m_impl->changed.wait_for(lock, timeout, [this] { return !m_impl->events.empty(); }))
        return std::nullopt;
    UsbPrinterEvent event = std::move(m_impl->events.front());
    m_impl->events.pop_front();
    return event;
}

std::vector<UsbPrinterEvent> UsbWatcher::TakeEvents() {
    const std::lock_guard lock(m_impl->mutex);
    std::vector<UsbPrinterEvent> taken(m_impl->events.begin(), m_impl->events.end());
    m_impl->events.clear();
    return taken;
}

}  // namespace tillbook::drivers
