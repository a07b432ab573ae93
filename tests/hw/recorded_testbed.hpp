#pragma once
// A umockdev testbed holding one device recorded in tests/data/hw/ (a .umockdev file), reached
// at its /dev node: a tty for the CDC-ACM scanner, an evdev node for the keyboard-mode scanner.
// The test feeds the device by writing to the master side of the node, and pulls the cable by
// taking that master side away. Set-up failures fail the test (doctest's REQUIRE).
#include <doctest/doctest.h>
#include <umockdev.h>
#include <unistd.h>

#include <string>
#include <string_view>
#include <utility>

namespace tillbook::testing {

// tests/data/hw/<name>.
inline std::string HwDataFile(std::string_view name) {
    return std::string(TILLBOOK_TEST_DATA_DIR) + "/hw/" + std::string(name);
}

class RecordedDeviceTestbed {
  public:
    RecordedDeviceTestbed(std::string_view recording, std::string node)
        : m_testbed(umockdev_testbed_new()), m_node(std::move(node)) {
        GError* error = nullptr;
        const bool added =
            umockdev_testbed_add_from_file(m_testbed, HwDataFile(recording).c_str(), &error);
        REQUIRE_MESSAGE(added, (error != nullptr ? error->message : "add_from_file failed"));
    }
    RecordedDeviceTestbed(const RecordedDeviceTestbed&) = delete;
    RecordedDeviceTestbed& operator=(const RecordedDeviceTestbed&) = delete;
    ~RecordedDeviceTestbed() { g_object_unref(m_testbed); }

    // A umockdev script (reads, writes, ioctls) the tty node plays back.
    void LoadScript(std::string_view name) {
        GError* error = nullptr;
        const bool loaded = umockdev_testbed_load_script(m_testbed, m_node.c_str(),
                                                         HwDataFile(name).c_str(), &error);
        REQUIRE_MESSAGE(loaded, (error != nullptr ? error->message : "load_script failed"));
    }

    // An evemu event file the evdev node plays back; also makes the node answer evdev ioctls
    // such as EVIOCGRAB.
    void LoadEvemuEvents(std::string_view name) {
        GError* error = nullptr;
        const bool loaded = umockdev_testbed_load_evemu_events(m_testbed, m_node.c_str(),
                                                               HwDataFile(name).c_str(), &error);
        REQUIRE_MESSAGE(loaded, (error != nullptr ? error->message : "load_evemu_events failed"));
    }

    // The master side of the node: what is written there, the device sends.
    [[nodiscard]] int MasterFd() const {
        const int master = umockdev_testbed_get_dev_fd(m_testbed, m_node.c_str());
        REQUIRE(master >= 0);
        return master;
    }

    void Send(std::string_view bytes) {
        REQUIRE(::write(MasterFd(), bytes.data(), bytes.size()) ==
                static_cast<ssize_t>(bytes.size()));
    }

    // The USB cable pulled: the master side closes, so a tty hangs up and an evdev node ends.
    // The descriptor number stays valid (now an empty pipe) because the testbed closes it again
    // at the end.
    void Unplug() {
        const int master = MasterFd();
        int pipe_ends[2] = {-1, -1};
        REQUIRE(::pipe(pipe_ends) == 0);
        REQUIRE(::dup2(pipe_ends[0], master) == master);
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
    }

  private:
    UMockdevTestbed* m_testbed;
    std::string m_node;
};

}  // namespace tillbook::testing
