#include "usb_testbed.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace tillbook::testing {
namespace {

constexpr std::size_t kSetupSize = 8;

// usbdevfs URB types (linux/usbdevice_fs.h), named for the switch below.
constexpr unsigned char kUrbControl = USBDEVFS_URB_TYPE_CONTROL;
constexpr unsigned char kUrbBulk = USBDEVFS_URB_TYPE_BULK;
constexpr unsigned char kUrbInterrupt = USBDEVFS_URB_TYPE_INTERRUPT;

struct DataRef {
    UMockdevIoctlData* data = nullptr;
    explicit DataRef(UMockdevIoctlData* resolved) : data(resolved) {}
    DataRef(const DataRef&) = delete;
    DataRef& operator=(const DataRef&) = delete;
    ~DataRef() {
        if (data != nullptr) g_object_unref(data);
    }
};

usbdevfs_urb* UrbOf(UMockdevIoctlData* data) {
    return reinterpret_cast<usbdevfs_urb*>(data->data);
}

// String descriptor `text` (ASCII) as UTF-16LE with its 2-byte header.
std::string StringDescriptor(std::string_view text) {
    std::string descriptor;
    descriptor.push_back(static_cast<char>(2 + 2 * text.size()));
    descriptor.push_back(0x03);
    for (const char c : text) {
        descriptor.push_back(c);
        descriptor.push_back('\0');
    }
    return descriptor;
}

}  // namespace

std::string BytesFromHex(std::string_view hex) {
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string bytes;
    int high = -1;
    for (const char c : hex) {
        const int value = nibble(c);
        if (value < 0) continue;  // spaces between bytes are fine
        if (high < 0) {
            high = value;
        } else {
            bytes.push_back(static_cast<char>(high * 16 + value));
            high = -1;
        }
    }
    return bytes;
}

std::string UsbDeviceSpec::DevNode() const {
    return fmt::format("/dev/bus/usb/{:03}/{:03}", bus, address);
}

// ---- UsbDeviceModel -------------------------------------------------------------------------

UsbDeviceModel::UsbDeviceModel() : m_mutex(std::make_shared<std::recursive_mutex>()) {}

UsbDeviceModel::~UsbDeviceModel() = default;

std::optional<std::string> UsbDeviceModel::OnControl(const UsbControlSetup& /*setup*/,
                                                     std::string_view /*data_out*/) {
    return std::nullopt;
}

std::size_t UsbDeviceModel::OnOut(std::uint8_t /*endpoint*/, std::string_view data) {
    return data.size();
}

std::recursive_mutex& UsbDeviceModel::Mutex() const {
    return *m_mutex;
}

void UsbDeviceModel::QueueIn(std::uint8_t endpoint, std::string packet) {
    const std::lock_guard lock(*m_mutex);
    if (m_device == nullptr) return;
    m_device->m_in_packets[endpoint].push_back(std::move(packet));
    m_device->CompleteIn();
}

void UsbDeviceModel::RetryPendingOut() {
    const std::lock_guard lock(*m_mutex);
    if (m_device != nullptr) m_device->OfferOut();
}

// ---- EmulatedUsbDevice ----------------------------------------------------------------------

EmulatedUsbDevice::EmulatedUsbDevice(UsbTestbed& testbed, UsbDeviceSpec spec,
                                     std::shared_ptr<UsbDeviceModel> model)
    : m_testbed(testbed),
      m_spec(std::move(spec)),
      m_model(std::move(model)),
      m_mutex(m_model->m_mutex) {
    {
        const std::lock_guard lock(*m_mutex);
        m_model->m_device = this;
        ResetBindings();
    }
    m_handler = umockdev_ioctl_base_new();
    g_signal_connect(m_handler, "handle-ioctl", G_CALLBACK(&EmulatedUsbDevice::HandleIoctl), this);
    AddToTestbed();
}

EmulatedUsbDevice::~EmulatedUsbDevice() {
    umockdev_testbed_detach_ioctl(m_testbed.Raw(), m_spec.DevNode().c_str(), nullptr);
    const std::lock_guard lock(*m_mutex);
    m_model->m_device = nullptr;
    for (PendingUrb& urb : m_pending_in)
        g_object_unref(urb.urb);
    for (PendingUrb& urb : m_pending_out)
        g_object_unref(urb.urb);
    for (UMockdevIoctlData* urb : m_done)
        g_object_unref(urb);
    m_pending_in.clear();
    m_pending_out.clear();
    m_done.clear();
    g_clear_object(&m_handler);
}

void EmulatedUsbDevice::ResetBindings() {
    m_drivers.clear();
    m_claimed.clear();
    for (const UsbInterfaceSpec& interface : m_spec.interfaces)
        m_drivers[interface.number] = interface.kernel_driver;
}

void EmulatedUsbDevice::AddToTestbed() {
    // The ioctl handler first, so the node is a socket to it when libusb sees the device.
    GError* error = nullptr;
    if (!umockdev_testbed_attach_ioctl(m_testbed.Raw(), m_spec.DevNode().c_str(), m_handler,
                                       &error)) {
        const std::string message = error != nullptr ? error->message : "unknown error";
        g_clear_error(&error);
        throw std::runtime_error("umockdev attach_ioctl " + m_spec.DevNode() + ": " + message);
    }
    const std::string node = m_spec.DevNode().substr(5);  // without "/dev/"
    std::string text = fmt::format(
        "P: {}\nN: {}\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\nE: DRIVER=usb\n"
        "E: BUSNUM={:03}\nE: DEVNUM={:03}\nE: DEVNAME={}\n"
        "A: busnum={}\\n\nA: devnum={}\\n\nA: bConfigurationValue=1\\n\nA: speed=12\\n\n",
        m_spec.sysfs_path, node, m_spec.bus, m_spec.address, m_spec.DevNode(), m_spec.bus,
        m_spec.address);
    if (!m_spec.manufacturer.empty())
        text += fmt::format("A: manufacturer={}\\n\n", m_spec.manufacturer);
    if (!m_spec.product.empty()) text += fmt::format("A: product={}\\n\n", m_spec.product);
    if (!m_spec.serial.empty()) text += fmt::format("A: serial={}\\n\n", m_spec.serial);
    text += fmt::format("H: descriptors={}\n", m_spec.descriptors_hex);
    // The device's last path element ("1-1") names its interfaces ("1-1:1.0").
    const std::string port = m_spec.sysfs_path.substr(m_spec.sysfs_path.rfind('/') + 1);
    for (const UsbInterfaceSpec& interface : m_spec.interfaces) {
        text += fmt::format(
            "\nP: {}/{}:1.{}\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_interface\n"
            "E: INTERFACE={}/{}/{}\nA: bInterfaceNumber={:02x}\\n\nA: bInterfaceClass={:02x}\\n\n"
            "A: bInterfaceSubClass={:02x}\\n\nA: bInterfaceProtocol={:02x}\\n\n"
            "A: bNumEndpoints={:02x}\\n\n",
            m_spec.sysfs_path, port, interface.number, interface.interface_class,
            interface.subclass, interface.protocol, interface.number, interface.interface_class,
            interface.subclass, interface.protocol, interface.endpoints);
        if (!interface.kernel_driver.empty())
            text += fmt::format("E: DRIVER={}\n", interface.kernel_driver);
    }
    // Plugged before the device appears: a client quick off the mark (the watcher opens a
    // printer as soon as the uevent comes) must not be told ENODEV.
    {
        const std::lock_guard lock(*m_mutex);
        m_plugged = true;
    }
    if (!umockdev_testbed_add_from_string(m_testbed.Raw(), text.c_str(), &error)) {
        const std::string message = error != nullptr ? error->message : "unknown error";
        g_clear_error(&error);
        const std::lock_guard lock(*m_mutex);
        m_plugged = false;
        throw std::runtime_error("umockdev add " + m_spec.sysfs_path + ": " + message);
    }
}

void EmulatedUsbDevice::Unplug() {
    {
        const std::lock_guard lock(*m_mutex);
        if (!m_plugged) return;
        m_plugged = false;
        // As the kernel does on disconnect: URBs in flight complete, with "no device".
        for (auto* list : {&m_pending_in, &m_pending_out}) {
            while (!list->empty()) {
                PendingUrb urb = std::move(list->front());
                list->pop_front();
                const int taken = static_cast<int>(urb.taken);
                Finish(std::move(urb), -ENODEV, taken);
            }
        }
        m_in_packets.clear();
    }
    const std::string sys = "/sys" + m_spec.sysfs_path;
    umockdev_testbed_uevent(m_testbed.Raw(), sys.c_str(), "remove");
    umockdev_testbed_remove_device(m_testbed.Raw(), sys.c_str());
    // umockdev 0.17.16 leaves the /sys/bus/usb/devices links behind, and adding the device
    // again would trip over them.
    gchar* root = umockdev_testbed_get_sys_dir(m_testbed.Raw());
    const std::filesystem::path links = std::filesystem::path(root) / "bus" / "usb" / "devices";
    g_free(root);
    const std::string port = m_spec.sysfs_path.substr(m_spec.sysfs_path.rfind('/') + 1);
    std::error_code ignored;
    std::filesystem::remove(links / port, ignored);
    for (const UsbInterfaceSpec& interface : m_spec.interfaces)
        std::filesystem::remove(links / fmt::format("{}:1.{}", port, interface.number), ignored);
}

void EmulatedUsbDevice::Replug() {
    {
        const std::lock_guard lock(*m_mutex);
        if (m_plugged) return;
        for (UMockdevIoctlData* urb : m_done)
            g_object_unref(urb);
        m_done.clear();
        ResetBindings();
    }
    umockdev_testbed_detach_ioctl(m_testbed.Raw(), m_spec.DevNode().c_str(), nullptr);
    AddToTestbed();
}

bool EmulatedUsbDevice::Plugged() const {
    const std::lock_guard lock(*m_mutex);
    return m_plugged;
}

std::string EmulatedUsbDevice::KernelDriver(std::uint8_t interface_number) const {
    const std::lock_guard lock(*m_mutex);
    const auto found = m_drivers.find(interface_number);
    return found == m_drivers.end() ? std::string{} : found->second;
}

int EmulatedUsbDevice::DetachCount() const {
    const std::lock_guard lock(*m_mutex);
    return m_detach_count;
}

int EmulatedUsbDevice::AttachCount() const {
    const std::lock_guard lock(*m_mutex);
    return m_attach_count;
}

bool EmulatedUsbDevice::Claimed(std::uint8_t interface_number) const {
    const std::lock_guard lock(*m_mutex);
    const auto found = m_claimed.find(interface_number);
    return found != m_claimed.end() && found->second;
}

std::size_t EmulatedUsbDevice::PendingUrbs() const {
    const std::lock_guard lock(*m_mutex);
    return m_pending_in.size() + m_pending_out.size();
}

gboolean EmulatedUsbDevice::HandleIoctl(UMockdevIoctlBase* /*handler*/, UMockdevIoctlClient* client,
                                        gpointer self) {
    return static_cast<EmulatedUsbDevice*>(self)->Handle(client) ? TRUE : FALSE;
}

bool EmulatedUsbDevice::Handle(UMockdevIoctlClient* client) {
    const gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
    const std::lock_guard lock(*m_mutex);
    // Closing a handle releases interfaces after an unplug: those calls fail like the kernel's.
    if (!m_plugged && request != USBDEVFS_REAPURB && request != USBDEVFS_REAPURBNDELAY) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return true;
    }
    switch (request) {
        case USBDEVFS_GET_CAPABILITIES: {
            const DataRef caps(umockdev_ioctl_data_resolve(arg, 0, sizeof(std::uint32_t), nullptr));
            const std::uint32_t value =
                USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM;
            std::memcpy(caps.data->data, &value, sizeof value);
            umockdev_ioctl_client_complete(client, 0, 0);
            return true;
        }
        case USBDEVFS_GETDRIVER: {
            const DataRef query(
                umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_getdriver), nullptr));
            auto* getdriver = reinterpret_cast<usbdevfs_getdriver*>(query.data->data);
            const auto found = m_drivers.find(static_cast<std::uint8_t>(getdriver->interface));
            if (found == m_drivers.end() || found->second.empty()) {
                umockdev_ioctl_client_complete(client, -1, ENODATA);
                return true;
            }
            std::memset(getdriver->driver, 0, sizeof getdriver->driver);
            std::memcpy(getdriver->driver, found->second.data(),
                        std::min(found->second.size(), sizeof getdriver->driver - 1));
            umockdev_ioctl_client_complete(client, 0, 0);
            return true;
        }
        case USBDEVFS_IOCTL: {  // libusb_detach_kernel_driver / attach: DISCONNECT / CONNECT
            const DataRef command(
                umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_ioctl), nullptr));
            const auto* ioctl = reinterpret_cast<const usbdevfs_ioctl*>(command.data->data);
            const auto number = static_cast<std::uint8_t>(ioctl->ifno);
            if (static_cast<unsigned long>(ioctl->ioctl_code) == USBDEVFS_DISCONNECT) {
                if (m_drivers[number].empty()) {
                    umockdev_ioctl_client_complete(client, -1, ENODATA);
                    return true;
                }
                m_drivers[number].clear();
                ++m_detach_count;
                umockdev_ioctl_client_complete(client, 0, 0);
                return true;
            }
            if (static_cast<unsigned long>(ioctl->ioctl_code) == USBDEVFS_CONNECT) {
                // As the kernel: EBUSY while a program has it claimed, and device_attach's
                // result otherwise (1: a driver bound, 0: none wants it, which libusb reports
                // as NOT_FOUND).
                if (m_claimed[number] || !m_drivers[number].empty()) {
                    umockdev_ioctl_client_complete(client, -1, EBUSY);
                    return true;
                }
                const auto spec =
                    std::ranges::find(m_spec.interfaces, number, &UsbInterfaceSpec::number);
                if (spec == m_spec.interfaces.end() || spec->kernel_driver.empty()) {
                    umockdev_ioctl_client_complete(client, 0, 0);
                    return true;
                }
                m_drivers[number] = spec->kernel_driver;
                ++m_attach_count;
                umockdev_ioctl_client_complete(client, 1, 0);
                return true;
            }
            umockdev_ioctl_client_complete(client, -1, ENOTTY);
            return true;
        }
        case USBDEVFS_DISCONNECT_CLAIM:  // auto-detach; libusb falls back (docs/hardware.md §3a)
            umockdev_ioctl_client_complete(client, -1, ENOTTY);
            return true;
        case USBDEVFS_CLAIMINTERFACE:
        case USBDEVFS_RELEASEINTERFACE: {
            const DataRef number(
                umockdev_ioctl_data_resolve(arg, 0, sizeof(unsigned int), nullptr));
            unsigned int interface = 0;
            std::memcpy(&interface, number.data->data, sizeof interface);
            const auto key = static_cast<std::uint8_t>(interface);
            if (request == USBDEVFS_CLAIMINTERFACE && !m_drivers[key].empty()) {
                umockdev_ioctl_client_complete(client, -1, EBUSY);  // usblp still has it
                return true;
            }
            m_claimed[key] = request == USBDEVFS_CLAIMINTERFACE;
            umockdev_ioctl_client_complete(client, 0, 0);
            return true;
        }
        case USBDEVFS_SETINTERFACE:
        case USBDEVFS_SETCONFIGURATION:
        case USBDEVFS_CLEAR_HALT:
        case USBDEVFS_RESET:
        case USBDEVFS_RESETEP:
            umockdev_ioctl_client_complete(client, 0, 0);
            return true;
        case USBDEVFS_SUBMITURB:
            SubmitUrb(client, arg);
            return true;
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY:
            Reap(client, arg);
            return true;
        case USBDEVFS_DISCARDURB:
            Discard(client, arg);
            return true;
        default:
            return false;  // umockdev answers ENOTTY
    }
}

void EmulatedUsbDevice::SubmitUrb(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    UMockdevIoctlData* data = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
    usbdevfs_urb* urb = UrbOf(data);
    const auto length = static_cast<std::size_t>(std::max(urb->buffer_length, 0));
    PendingUrb pending;
    pending.urb = data;
    pending.endpoint = urb->endpoint;
    if (urb->type == kUrbControl) {
        if (length < kSetupSize) {
            g_object_unref(data);
            umockdev_ioctl_client_complete(client, -1, EINVAL);
            return;
        }
        const DataRef buffer(umockdev_ioctl_data_resolve(
            data, G_STRUCT_OFFSET(usbdevfs_urb, buffer), length, nullptr));
        const auto* raw = buffer.data->data;
        UsbControlSetup setup;
        setup.request_type = raw[0];
        setup.request = raw[1];
        setup.value = static_cast<std::uint16_t>(raw[2] | (raw[3] << 8));
        setup.index = static_cast<std::uint16_t>(raw[4] | (raw[5] << 8));
        setup.length = static_cast<std::uint16_t>(raw[6] | (raw[7] << 8));
        const std::string_view out(reinterpret_cast<const char*>(raw) + kSetupSize,
                                   setup.IsIn() ? 0 : length - kSetupSize);
        const auto reply = AnswerControl(setup, out);
        umockdev_ioctl_client_complete(client, 0, 0);
        if (!reply) {
            Finish(std::move(pending), -EPIPE, 0);  // stall
            return;
        }
        std::size_t actual = out.size();
        if (setup.IsIn()) {
            actual = std::min({reply->size(), length - kSetupSize, std::size_t{setup.length}});
            std::memcpy(buffer.data->data + kSetupSize, reply->data(), actual);
        }
        Finish(std::move(pending), 0, static_cast<int>(actual));
        return;
    }
    if (urb->type != kUrbBulk && urb->type != kUrbInterrupt) {
        g_object_unref(data);
        umockdev_ioctl_client_complete(client, -1, EINVAL);
        return;
    }
    if ((urb->endpoint & 0x80) != 0) {
        // Resolve the buffer now, on umockdev's thread: resolving reads the client's memory over
        // umockdev's socket, which QueueIn on another thread must not do. Later resolves of
        // the same buffer return this one, which the URB keeps.
        const DataRef buffer(umockdev_ioctl_data_resolve(
            data, G_STRUCT_OFFSET(usbdevfs_urb, buffer), length, nullptr));
        m_pending_in.push_back(std::move(pending));
        umockdev_ioctl_client_complete(client, 0, 0);
        CompleteIn();
        return;
    }
    {
        const DataRef buffer(umockdev_ioctl_data_resolve(
            data, G_STRUCT_OFFSET(usbdevfs_urb, buffer), length, nullptr));
        pending.out_data.assign(reinterpret_cast<const char*>(buffer.data->data), length);
    }
    m_pending_out.push_back(std::move(pending));
    umockdev_ioctl_client_complete(client, 0, 0);
    OfferOut();
}

std::optional<std::string> EmulatedUsbDevice::AnswerControl(const UsbControlSetup& setup,
                                                            std::string_view data_out) {
    // Standard GET_DESCRIPTOR for strings: libusb reads the others from sysfs.
    if (setup.request_type == 0x80 && setup.request == 0x06 && (setup.value >> 8) == 0x03) {
        const int index = setup.value & 0xff;
        if (index == 0) return std::string("\x04\x03\x09\x04", 4);  // English (US)
        const std::string* text = index == 1   ? &m_spec.manufacturer
                                  : index == 2 ? &m_spec.product
                                  : index == 3 ? &m_spec.serial
                                               : nullptr;
        if (text == nullptr || text->empty()) return std::nullopt;
        return StringDescriptor(*text);
    }
    return m_model->OnControl(setup, data_out);
}

void EmulatedUsbDevice::Finish(PendingUrb urb, int status, int actual_length) {
    usbdevfs_urb* raw = UrbOf(urb.urb);
    raw->status = status;
    raw->actual_length = actual_length;
    m_done.push_back(urb.urb);
}

void EmulatedUsbDevice::CompleteIn() {
    for (auto urb = m_pending_in.begin(); urb != m_pending_in.end();) {
        auto& packets = m_in_packets[urb->endpoint];
        if (packets.empty()) {
            ++urb;
            continue;
        }
        std::string packet = std::move(packets.front());
        packets.pop_front();
        usbdevfs_urb* raw = UrbOf(urb->urb);
        const auto capacity = static_cast<std::size_t>(std::max(raw->buffer_length, 0));
        const std::size_t n = std::min(capacity, packet.size());
        {
            const DataRef buffer(umockdev_ioctl_data_resolve(
                urb->urb, G_STRUCT_OFFSET(usbdevfs_urb, buffer), capacity, nullptr));
            std::memcpy(buffer.data->data, packet.data(), n);
        }
        PendingUrb done = std::move(*urb);
        urb = m_pending_in.erase(urb);
        Finish(std::move(done), n < packet.size() ? -EOVERFLOW : 0, static_cast<int>(n));
    }
}

void EmulatedUsbDevice::OfferOut() {
    // In order per endpoint: a stalled URB holds back the ones behind it, as on the wire.
    std::map<std::uint8_t, bool> stalled;
    for (auto urb = m_pending_out.begin(); urb != m_pending_out.end();) {
        if (stalled[urb->endpoint]) {
            ++urb;
            continue;
        }
        const std::string_view rest = std::string_view(urb->out_data).substr(urb->taken);
        const std::size_t taken =
            rest.empty() ? 0 : std::min(rest.size(), m_model->OnOut(urb->endpoint, rest));
        urb->taken += taken;
        if (urb->taken < urb->out_data.size()) {
            stalled[urb->endpoint] = true;
            ++urb;
            continue;
        }
        PendingUrb done = std::move(*urb);
        urb = m_pending_out.erase(urb);
        const int actual = static_cast<int>(done.taken);
        Finish(std::move(done), 0, actual);
    }
}

void EmulatedUsbDevice::Reap(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    if (m_done.empty()) {
        umockdev_ioctl_client_complete(client, -1, m_plugged ? EAGAIN : ENODEV);
        return;
    }
    UMockdevIoctlData* urb = m_done.front();
    m_done.pop_front();
    const DataRef slot(umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), nullptr));
    umockdev_ioctl_data_set_ptr(slot.data, 0, urb);
    umockdev_ioctl_client_complete(client, 0, 0);
    g_object_unref(urb);
}

void EmulatedUsbDevice::Discard(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    gpointer address = nullptr;
    std::memcpy(&address, arg->data, sizeof address);
    for (auto* list : {&m_pending_in, &m_pending_out}) {
        for (auto urb = list->begin(); urb != list->end(); ++urb) {
            if (reinterpret_cast<gpointer>(urb->urb->client_addr) != address) continue;
            PendingUrb cancelled = std::move(*urb);
            list->erase(urb);
            const int taken = static_cast<int>(cancelled.taken);
            Finish(std::move(cancelled), -ENOENT, taken);
            umockdev_ioctl_client_complete(client, 0, 0);
            return;
        }
    }
    umockdev_ioctl_client_complete(client, -1, EINVAL);  // already completed
}

// ---- UsbTestbed -----------------------------------------------------------------------------

UsbTestbed::UsbTestbed() : m_testbed(umockdev_testbed_new()) {
    REQUIRE_MESSAGE(umockdev_in_mock_environment(),
                    "the umockdev preload library must be linked first (tests/hw/CMakeLists.txt)");
}

UsbTestbed::~UsbTestbed() {
    m_devices.clear();
    g_clear_object(&m_testbed);
}

EmulatedUsbDevice& UsbTestbed::AddDevice(UsbDeviceSpec spec,
                                         std::shared_ptr<UsbDeviceModel> model) {
    m_devices.push_back(
        std::make_unique<EmulatedUsbDevice>(*this, std::move(spec), std::move(model)));
    return *m_devices.back();
}

}  // namespace tillbook::testing
