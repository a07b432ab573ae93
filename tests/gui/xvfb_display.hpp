#pragma once
// A private X server (Xvfb) for the tests and benchmarks that open the till's window: started on
// a display number it picks itself (-displayfd), DISPLAY pointed at it, stopped when this goes.
// Mesa's software OpenGL draws into it, so no GPU and no desktop are needed (CI has neither).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "child_process.hpp"

namespace tillbook::testing {

class XvfbDisplay {
  public:
    // `screen` as Xvfb takes it: "1920x1080x24".
    explicit XvfbDisplay(const std::string& screen = "1920x1080x24") {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        fcntl(fds[0], F_SETFD, FD_CLOEXEC);  // only the write end goes to Xvfb
        m_pid = SpawnLogged({"/usr/bin/Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                             screen, "-nolisten", "tcp", "-noreset"},
                            "/dev/null");
        close(fds[1]);
        if (m_pid <= 0) {
            close(fds[0]);
            throw std::runtime_error("cannot start /usr/bin/Xvfb (install xvfb)");
        }
        // Xvfb writes its display number and a newline once it accepts connections.
        std::string number;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n')
            number += c;
        close(fds[0]);
        if (number.empty()) {
            Stop();
            throw std::runtime_error("Xvfb did not start");
        }
        m_display = ":" + number;
        setenv("DISPLAY", m_display.c_str(), 1);
        setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
    }
    ~XvfbDisplay() { Stop(); }
    XvfbDisplay(const XvfbDisplay&) = delete;
    XvfbDisplay& operator=(const XvfbDisplay&) = delete;

    [[nodiscard]] const std::string& Display() const { return m_display; }

  private:
    void Stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
    }

    pid_t m_pid = -1;
    std::string m_display;
};

}  // namespace tillbook::testing
