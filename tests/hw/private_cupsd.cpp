#include "private_cupsd.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "loopback_socket.hpp"

namespace tillbook::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kCupsd = "/usr/sbin/cupsd";
constexpr const char* kLpadmin = "/usr/sbin/lpadmin";
constexpr const char* kCupsdisable = "/usr/sbin/cupsdisable";
constexpr const char* kCupsenable = "/usr/sbin/cupsenable";

// Starts `argv` with stdout and stderr appended to `log`. In the child only async-signal-safe
// calls are made; it dies with the test process (PR_SET_PDEATHSIG), so a crashed test leaves
// no cupsd behind.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& log) {
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
    }
    ::execv(args[0], args.data());
    ::_exit(127);
}

// Waits for `pid` at most `timeout`; its exit status, or -1 if it had to be killed.
int WaitFor(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (done < 0) return -1;
        if (Clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(10ms);
    }
}

bool Accepts(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    const bool connected =
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string Tail(const std::string& text, std::size_t lines) {
    std::deque<std::string> kept;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        kept.push_back(line);
        if (kept.size() > lines) kept.pop_front();
    }
    std::string tail;
    for (const std::string& line : kept)
        tail += line + "\n";
    return tail;
}

void WriteFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE_MESSAGE(out.good(), "cannot write " << path);
}

// cupsd runs its backends as lp, which must be able to read the spooled job.
void GiveToLp(const std::string& path, mode_t mode) {
    const group* lp = ::getgrnam("lp");
    REQUIRE_MESSAGE(lp != nullptr, "no group lp: is the cups package installed?");
    REQUIRE(::chown(path.c_str(), static_cast<uid_t>(-1), lp->gr_gid) == 0);
    REQUIRE(::chmod(path.c_str(), mode) == 0);
}

}  // namespace

int RunProgram(const std::vector<std::string>& argv, const std::string& log,
               std::chrono::milliseconds timeout) {
    const pid_t pid = Spawn(argv, log);
    if (pid < 0) return -1;
    return WaitFor(pid, timeout);
}

PrivateCupsd::PrivateCupsd() : m_dir("cupsd") {
    REQUIRE_MESSAGE(::access(kCupsd, X_OK) == 0,
                    kCupsd << " is missing: install cups (scripts/install-deps does)");
    REQUIRE_MESSAGE(::access(kLpadmin, X_OK) == 0,
                    kLpadmin << " is missing: install cups-client (scripts/install-deps does)");
    m_root = m_dir.File("cups");
    for (const char* sub : {"etc/ppd", "spool/tmp", "cache", "state", "log"})
        std::filesystem::create_directories(m_root + "/" + sub);
    GiveToLp(m_root + "/spool", 0710);
    GiveToLp(m_root + "/spool/tmp", 01770);
    GiveToLp(m_root + "/cache", 0770);

    // CUPS configuration files allow no trailing comments.
    WriteFile(m_root + "/etc/cups-files.conf",
              "ServerRoot " + m_root + "/etc\n" + "RequestRoot " + m_root + "/spool\n" +
                  "TempDir " + m_root + "/spool/tmp\n" + "CacheDir " + m_root + "/cache\n" +
                  "StateDir " + m_root + "/state\n" + "AccessLog " + m_root + "/log/access_log\n" +
                  "ErrorLog " + m_root + "/log/error_log\n" + "PageLog " + m_root +
                  "/log/page_log\n" + "User lp\nGroup lp\nSystemGroup root\n");
    m_port = FreePort();
    WriteFile(m_root + "/etc/cupsd.conf",
              "LogLevel debug\n"
              "Listen 127.0.0.1:" +
                  std::to_string(m_port) +
                  "\n"
                  "Browsing No\n"
                  "WebInterface No\n"
                  "DefaultAuthType Basic\n"
                  "<Location />\n  Order allow,deny\n"
                  "  Allow 127.0.0.1\n</Location>\n"
                  "<Location /admin>\n  Order allow,deny\n"
                  "  Allow 127.0.0.1\n</Location>\n"
                  "<Policy default>\n  <Limit All>\n"
                  "    Order deny,allow\n  </Limit>\n</Policy>\n");

    m_pid = Spawn(
        {kCupsd, "-f", "-c", m_root + "/etc/cupsd.conf", "-s", m_root + "/etc/cups-files.conf"},
        m_root + "/log/cupsd.out");
    REQUIRE_MESSAGE(m_pid > 0, "cannot fork cupsd");
    const auto deadline = Clock::now() + 10s;
    std::string problem;
    while (problem.empty() && !Accepts(m_port)) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            problem = "cupsd exited at start";
        } else if (Clock::now() >= deadline) {
            problem = "cupsd did not answer within 10 s";
        } else {
            std::this_thread::sleep_for(20ms);
        }
    }
    if (!problem.empty()) {
        Stop();  // the destructor does not run for a constructor that throws
        FAIL(problem << " on port " << m_port << "\n--- output\n"
                     << Tail(ReadAll(m_root + "/log/cupsd.out"), 20) << "--- error_log\n"
                     << ErrorLogTail());
    }
}

PrivateCupsd::~PrivateCupsd() {
    Stop();
}

void PrivateCupsd::Stop() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);  // cupsd stops its backends on the way out
    // WaitFor kills and reaps it if it takes too long; once reaped, its PID may be another
    // process's, so nothing more is sent to it.
    (void)WaitFor(m_pid, 3s);
    m_pid = -1;
}

std::string PrivateCupsd::Server() const {
    return "127.0.0.1:" + std::to_string(m_port);
}

std::string PrivateCupsd::ErrorLogTail(std::size_t lines) const {
    return Tail(ReadAll(m_root + "/log/error_log"), lines);
}

void PrivateCupsd::Run(const std::vector<std::string>& argv, const std::string& what) {
    const std::string log = m_root + "/log/commands.out";
    const int status = RunProgram(argv, log, 10s);
    REQUIRE_MESSAGE(status == 0, what << " failed (status " << status << ")\n--- output\n"
                                      << Tail(ReadAll(log), 10) << "--- error_log\n"
                                      << ErrorLogTail());
}

void PrivateCupsd::AddRawQueue(const std::string& name, const std::string& device_uri,
                               bool abort_on_error) {
    std::vector<std::string> argv{kLpadmin, "-h", Server(),   "-p", name,
                                  "-E",     "-v", device_uri, "-m", "raw"};
    if (abort_on_error) {
        argv.emplace_back("-o");
        argv.emplace_back("printer-error-policy=abort-job");
    }
    Run(argv, "lpadmin -p " + name);
}

void PrivateCupsd::StopQueue(const std::string& name, const std::string& reason) {
    Run({kCupsdisable, "-h", Server(), "-r", reason, name}, "cupsdisable " + name);
}

void PrivateCupsd::StartQueue(const std::string& name) {
    Run({kCupsenable, "-h", Server(), name}, "cupsenable " + name);
}

CupsdProxy::CupsdProxy(std::uint16_t upstream_port, Options options)
    : m_upstream(upstream_port), m_options(options) {
    const LoopbackSocket listener = ListenOnLoopback(8);
    m_listener = listener.fd;
    m_port = listener.port;
    m_thread = std::thread([this] { Serve(); });
}

CupsdProxy::~CupsdProxy() {
    m_stop = true;
    m_thread.join();
    for (const Pair& pair : m_pairs) {
        ::close(pair.client);
        ::close(pair.server);
    }
    ::close(m_listener);
}

std::string CupsdProxy::Server() const {
    return "127.0.0.1:" + std::to_string(m_port);
}

bool CupsdProxy::Stalled() const {
    return m_any_stalled;
}

void CupsdProxy::Accept() {
    const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) return;
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(m_upstream);
    if (server < 0 ||
        ::connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(client);
        if (server >= 0) ::close(server);
        return;
    }
    Pair pair{client, server};
    pair.stalled = m_options.quiet_after_stall && m_any_stalled;
    m_pairs.push_back(pair);
}

// Client to cupsd: always forwarded, counted to find where the stall begins.
bool CupsdProxy::FromClient(Pair& pair) {
    char buffer[16384];
    const ssize_t got = ::recv(pair.client, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    if (::send(pair.server, buffer, static_cast<std::size_t>(got), MSG_NOSIGNAL) != got)
        return false;
    if (!pair.crossed) {
        pair.from_client += static_cast<std::size_t>(got);
        if (pair.from_client > m_options.stall_after_client_bytes) {
            pair.crossed = true;
            pair.stalled = pair.stalled || m_options.replies_let_through == 0;
        }
    } else if (pair.server_replied) {  // a new request after an answer
        pair.server_replied = false;
        if (++pair.requests_after >= m_options.replies_let_through) pair.stalled = true;
    }
    if (pair.stalled) m_any_stalled = true;
    return true;
}

// cupsd to client: dropped once stalled, as if the answer were lost on the way.
bool CupsdProxy::FromServer(Pair& pair) {
    char buffer[16384];
    const ssize_t got = ::recv(pair.server, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    if (pair.stalled) return true;
    if (pair.crossed) pair.server_replied = true;
    return ::send(pair.client, buffer, static_cast<std::size_t>(got), MSG_NOSIGNAL) == got;
}

void CupsdProxy::Serve() {
    while (!m_stop) {
        std::vector<pollfd> fds{{m_listener, POLLIN, 0}};
        for (const Pair& pair : m_pairs) {
            fds.push_back({pair.client, POLLIN, 0});
            fds.push_back({pair.server, POLLIN, 0});
        }
        if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
        // Only the pairs that were polled have revents; one accepted now waits for the next round.
        const std::size_t polled = m_pairs.size();
        if ((fds[0].revents & POLLIN) != 0) Accept();
        std::vector<Pair> kept;
        for (std::size_t i = polled; i < m_pairs.size(); ++i)
            kept.push_back(m_pairs[i]);
        for (std::size_t i = 0; i < polled; ++i) {
            Pair& pair = m_pairs[i];
            bool open = true;
            if ((fds[1 + 2 * i].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
                open = FromClient(pair);
            if (open && (fds[2 + 2 * i].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
                open = FromServer(pair);
            if (open) {
                kept.push_back(pair);
            } else {
                ::close(pair.client);
                ::close(pair.server);
            }
        }
        m_pairs = std::move(kept);
    }
}

}  // namespace tillbook::testing
