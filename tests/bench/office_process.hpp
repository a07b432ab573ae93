#pragma once
// The real tillbook-office as a child process for the benchmarks that measure it from outside:
// `serve` on a port of its own choosing, its resident memory, stopped with SIGTERM.
#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"

namespace tillbook::bench {

inline pid_t Spawn(std::vector<std::string> words, const std::string& log) {
    const std::string program = words.at(0);
    const pid_t pid = testing::SpawnLogged(std::move(words), log);
    if (pid <= 0) throw std::runtime_error(fmt::format("cannot start {}", program));
    return pid;
}

inline int Wait(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A figure from /proc/PID/status: "VmRSS" (resident memory, kB), "VmHWM" (its peak), "Threads".
inline long StatusFigure(pid_t pid, const std::string& key = "VmRSS") {
    std::ifstream status(fmt::format("/proc/{}/status", pid));
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with(key + ":")) return std::stol(line.substr(key.size() + 1));
    }
    throw std::runtime_error("no " + key);
}

inline long ResidentKb(pid_t pid) {
    return StatusFigure(pid);
}

// `tillbook-office serve` on a port of its choosing (read back from its first line), stopped with
// SIGTERM.
class Server {
  public:
    // `extra`: more options for serve.
    Server(const std::string& office, const std::string& db, const std::string& log,
           std::vector<std::string> extra = {"--threads", "4"}) {
        std::filesystem::remove(log);
        std::vector<std::string> words{office, "serve", "--db", db, "--port", "0"};
        for (auto& word : extra)
            words.push_back(std::move(word));
        m_pid = Spawn(std::move(words), log);
        const std::string marker = "://127.0.0.1:";
        for (int i = 0; i < 400 && m_port == 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
            const std::string text = ReadFile(log);
            if (const auto at = text.find(marker); at != std::string::npos)
                m_port = std::stoi(text.substr(at + marker.size()));
        }
        if (m_port == 0) {
            Stop();
            throw std::runtime_error("the server did not come up: " + ReadFile(log));
        }
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server() { Stop(); }
    void Stop() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        Wait(m_pid);
        m_pid = -1;
    }
    [[nodiscard]] pid_t Pid() const { return m_pid; }
    [[nodiscard]] int Port() const { return m_port; }
    [[nodiscard]] httplib::Client Client(const std::string& token) const {
        httplib::Client client("127.0.0.1", m_port);
        client.set_tcp_nodelay(true);
        client.set_keep_alive(true);
        client.set_read_timeout(60);
        if (!token.empty()) client.set_bearer_token_auth(token);
        return client;
    }

  private:
    pid_t m_pid = -1;
    int m_port = 0;
};

}  // namespace tillbook::bench
