#pragma once
// The real tillbook-office binary as a child process, serving a database on a free loopback port.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "loopback_socket.hpp"

namespace tillbook::testing {

class ServerProcess {
  public:
    // Starts `tillbook-office serve --db DB --port PORT EXTRA...` with its output appended to
    // `log`, and waits until `ready()` answers true (by default: GET /api/v1/health over plain
    // HTTP).
    ServerProcess(const std::string& db, int port, const std::string& log,
                  std::vector<std::string> extra = {}, std::function<bool()> ready = {}) {
        std::vector<std::string> words{TILLBOOK_OFFICE_EXE, "serve", "--db", db, "--port",
                                       std::to_string(port)};
        for (auto& word : extra)
            words.push_back(std::move(word));
        m_pid = SpawnLogged(std::move(words), log);
        REQUIRE(m_pid > 0);
        if (!ready) {
            ready = [port] {
                httplib::Client client("127.0.0.1", port);
                auto res = client.Get("/api/v1/health");
                return res && res->status == 200;
            };
        }
        for (int i = 0; i < 200; ++i) {
            if (ready()) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        FAIL("the server did not come up");
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess() {
        if (m_pid > 0) Kill(SIGTERM);
    }
    [[nodiscard]] pid_t Pid() const { return m_pid; }
    // Sends the signal and waits for the process; its exit status.
    int Kill(int signal_number) {
        ::kill(m_pid, signal_number);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        return status;
    }

  private:
    pid_t m_pid = -1;
};

}  // namespace tillbook::testing
