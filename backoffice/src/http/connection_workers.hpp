#pragma once
// httplib's task queue, replaced: each connection runs on a worker of its own, so a slow client
// holds one thread and never a place in a queue that well-behaved clients wait in. Workers start
// as connections arrive, up to a cap, and those idle for a while exit. Past the cap the accepted
// connection's task runs on the accepting thread, flagged so that it only refuses the connection.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace tillbook::office::http {

struct WorkerLimits {
    std::size_t max_workers = 1024 + 16;
    std::size_t kept_workers = 32;  // idle workers that wait for work rather than exit
    std::chrono::milliseconds idle_exit{30'000};
};

class ConnectionWorkers final : public httplib::TaskQueue {
  public:
    explicit ConnectionWorkers(WorkerLimits limits);
    ~ConnectionWorkers() override;
    ConnectionWorkers(const ConnectionWorkers&) = delete;
    ConnectionWorkers& operator=(const ConnectionWorkers&) = delete;

    void enqueue(std::function<void()> task) override;
    // Lets queued tasks and those running finish, then returns once every worker has exited.
    void shutdown() override;

    // True on the thread running a task that found every worker busy: refuse, do not serve.
    [[nodiscard]] static bool OverCapacity();

  private:
    struct State;
    static void RunWorker(const std::shared_ptr<State>& state, std::function<void()> task);
    std::shared_ptr<State> m_state;
};

}  // namespace tillbook::office::http
