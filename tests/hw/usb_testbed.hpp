#pragma once
// Emulated USB devices for real libusb, in-process under umockdev (docs/hardware.md §3a): a device
// is a sysfs entry with descriptors plus a usbdevfs node whose ioctls (URBs, claims, kernel-driver
// queries) are answered by a C++ device model. Printers and HID scanners are both models.
//
// Threads: umockdev answers ioctls on its own worker thread. Every model callback runs there
// with the device's mutex held; the same (recursive) mutex guards the model's state, so a model
// takes Mutex() in its own accessors and may call QueueIn from callbacks or from the test.
#include <umockdev.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tillbook::testing {

// The 8-byte setup packet of a control transfer.
struct UsbControlSetup {
    std::uint8_t request_type = 0;  // bmRequestType: 0x80 = device to host
    std::uint8_t request = 0;
    std::uint16_t value = 0;
    std::uint16_t index = 0;
    std::uint16_t length = 0;  // wLength
    [[nodiscard]] bool IsIn() const { return (request_type & 0x80) != 0; }
};

class UsbTestbed;
class EmulatedUsbDevice;

// What a device does with transfers. The defaults stall control requests and take all OUT data.
class UsbDeviceModel {
  public:
    UsbDeviceModel();
    virtual ~UsbDeviceModel();
    UsbDeviceModel(const UsbDeviceModel&) = delete;
    UsbDeviceModel& operator=(const UsbDeviceModel&) = delete;

    // A control request the testbed does not answer itself (it answers string descriptors).
    // For IN: the reply (cut to wLength); for OUT: any value means accepted. nullopt stalls.
    virtual std::optional<std::string> OnControl(const UsbControlSetup& setup,
                                                 std::string_view data_out);

    // Bytes on a bulk or interrupt OUT endpoint. Returns how many of them the device takes now
    // (0..size). Fewer than all leaves the URB pending, as a device that NAKs: the rest is
    // offered again on RetryPendingOut(), and libusb's timeout cancels it (actual_length = taken).
    virtual std::size_t OnOut(std::uint8_t endpoint, std::string_view data);

  protected:
    // Guards the model's state as well as the device's (recursive: callbacks already hold it).
    std::recursive_mutex& Mutex() const;

    // One packet for IN endpoint `endpoint` (0x81, 0x82...): completes one pending or future IN
    // URB (cut to its buffer length). Callable from callbacks and from the test thread.
    void QueueIn(std::uint8_t endpoint, std::string packet);

    // Offers stalled OUT data to OnOut again (e.g. after paper was loaded).
    void RetryPendingOut();

  private:
    friend class EmulatedUsbDevice;
    std::shared_ptr<std::recursive_mutex> m_mutex;
    EmulatedUsbDevice* m_device = nullptr;  // set while attached
};

struct UsbInterfaceSpec {
    std::uint8_t number = 0;
    std::uint8_t interface_class = 0;  // 7 printer, 3 HID
    std::uint8_t subclass = 0;
    std::uint8_t protocol = 0;
    std::uint8_t endpoints = 0;
    std::string kernel_driver;  // "usblp", "usbhid": bound at start, so libusb must detach it
};

struct UsbDeviceSpec {
    std::string sysfs_path = "/devices/usb1/1-1";  // under /sys
    int bus = 1;
    int address = 2;
    std::string descriptors_hex;  // device + configuration descriptors, as in a .umockdev H: line
    std::string manufacturer;     // string descriptor 1 and sysfs attribute (iManufacturer = 1)
    std::string product;          // string descriptor 2 (iProduct = 2)
    std::string serial;           // string descriptor 3 (iSerialNumber = 3)
    std::vector<UsbInterfaceSpec> interfaces;

    [[nodiscard]] std::string DevNode() const;  // "/dev/bus/usb/001/002"
};

// One emulated device: the usbdevfs side (URB queues, claims, drivers) and its plug state.
class EmulatedUsbDevice {
  public:
    EmulatedUsbDevice(UsbTestbed& testbed, UsbDeviceSpec spec,
                      std::shared_ptr<UsbDeviceModel> model);
    ~EmulatedUsbDevice();
    EmulatedUsbDevice(const EmulatedUsbDevice&) = delete;
    EmulatedUsbDevice& operator=(const EmulatedUsbDevice&) = delete;

    // Unplug: uevent remove and the sysfs entry goes; URBs in flight complete with ENODEV and
    // every later ioctl fails with ENODEV. Replug: the device is added again (uevent add) with
    // its kernel drivers bound as in the spec.
    void Unplug();
    void Replug();
    [[nodiscard]] bool Plugged() const;

    // The kernel driver bound to `interface_number` now ("" when none) and how many times a
    // program detached a driver. A program may bind the spec's driver again (attach).
    [[nodiscard]] std::string KernelDriver(std::uint8_t interface_number) const;
    [[nodiscard]] int DetachCount() const;
    // How many times a program gave an interface back to its kernel driver (USBDEVFS_CONNECT).
    [[nodiscard]] int AttachCount() const;
    [[nodiscard]] bool Claimed(std::uint8_t interface_number) const;
    // IN and OUT URBs in flight now (submitted, not completed).
    [[nodiscard]] std::size_t PendingUrbs() const;

    [[nodiscard]] const UsbDeviceSpec& Spec() const { return m_spec; }
    [[nodiscard]] UsbDeviceModel& Model() const { return *m_model; }

  private:
    friend class UsbDeviceModel;
    struct PendingUrb {
        UMockdevIoctlData* urb = nullptr;  // owned reference
        std::uint8_t endpoint = 0;
        std::string out_data;   // OUT: what is still to be taken
        std::size_t taken = 0;  // OUT: bytes taken so far
    };

    static gboolean HandleIoctl(UMockdevIoctlBase* handler, UMockdevIoctlClient* client,
                                gpointer self);
    bool Handle(UMockdevIoctlClient* client);
    void SubmitUrb(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
    void Reap(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
    void Discard(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
    std::optional<std::string> AnswerControl(const UsbControlSetup& setup,
                                             std::string_view data_out);
    void CompleteIn();                                           // mutex held
    void OfferOut();                                             // mutex held
    void Finish(PendingUrb urb, int status, int actual_length);  // to the done queue
    void AddToTestbed();
    void ResetBindings();

    UsbTestbed& m_testbed;
    UsbDeviceSpec m_spec;
    std::shared_ptr<UsbDeviceModel> m_model;
    std::shared_ptr<std::recursive_mutex> m_mutex;
    UMockdevIoctlBase* m_handler = nullptr;

    bool m_plugged = false;
    std::map<std::uint8_t, std::string> m_drivers;
    std::map<std::uint8_t, bool> m_claimed;
    int m_detach_count = 0;
    int m_attach_count = 0;
    std::list<PendingUrb> m_pending_in;
    std::list<PendingUrb> m_pending_out;
    std::deque<UMockdevIoctlData*> m_done;  // completed URBs waiting for REAP (owned refs)
    std::map<std::uint8_t, std::deque<std::string>> m_in_packets;
};

// The umockdev testbed for one test: create it before any libusb context and destroy it after
// the last one (declare it first). Only one may exist at a time.
class UsbTestbed {
  public:
    UsbTestbed();
    ~UsbTestbed();
    UsbTestbed(const UsbTestbed&) = delete;
    UsbTestbed& operator=(const UsbTestbed&) = delete;

    // Adds (plugs in) a device answered by `model`; the reference lives as long as the testbed.
    EmulatedUsbDevice& AddDevice(UsbDeviceSpec spec, std::shared_ptr<UsbDeviceModel> model);

    [[nodiscard]] UMockdevTestbed* Raw() const { return m_testbed; }

  private:
    UMockdevTestbed* m_testbed = nullptr;
    std::list<std::unique_ptr<EmulatedUsbDevice>> m_devices;
};

// Hex text ("1201...") to bytes; for descriptors and tests.
[[nodiscard]] std::string BytesFromHex(std::string_view hex);

}  // namespace tillbook::testing
