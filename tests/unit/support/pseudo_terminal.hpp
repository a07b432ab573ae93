#pragma once
// A pseudo-terminal standing in for a CDC-ACM scanner: a scanner reader opens the slave side
// (SlavePath) like /dev/ttyACM0, and what the test sends on the master side arrives there.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace tillbook::testing {

class PseudoTerminal {
  public:
    PseudoTerminal() {
        m_master = ::posix_openpt(O_RDWR | O_NOCTTY);
        REQUIRE(m_master >= 0);
        REQUIRE(::grantpt(m_master) == 0);
        REQUIRE(::unlockpt(m_master) == 0);
        char name[128] = {};
        REQUIRE(::ptsname_r(m_master, name, sizeof name) == 0);
        m_slave_path = name;
    }
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;
    ~PseudoTerminal() {
        if (m_sender.joinable()) m_sender.join();
        ::close(m_master);
    }

    [[nodiscard]] const std::string& SlavePath() const { return m_slave_path; }

    // Sends `bytes` now: the reader must already have the line open and raw.
    void Send(const std::string& bytes) const {
        REQUIRE(::write(m_master, bytes.data(), bytes.size()) ==
                static_cast<ssize_t>(bytes.size()));
    }

    // Sends `bytes` from another thread once the reader has set the line raw (the master sees
    // the slave's termios), or after 5 s; so that nothing is typed into a line still in
    // canonical mode.
    void SendWhenRaw(std::string bytes) {
        m_sender = std::thread([this, bytes = std::move(bytes)] {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{5};
            termios mode{};
            while (std::chrono::steady_clock::now() < deadline) {
                if (::tcgetattr(m_master, &mode) == 0 && (mode.c_lflag & ICANON) == 0) break;
                std::this_thread::sleep_for(std::chrono::milliseconds{10});
            }
            (void)::write(m_master, bytes.data(), bytes.size());
        });
    }

  private:
    int m_master = -1;
    std::string m_slave_path;
    std::thread m_sender;
};

}  // namespace tillbook::testing
