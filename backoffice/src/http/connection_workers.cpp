#include "connection_workers.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

namespace tillbook::office::http {

namespace {
thread_local bool t_over_capacity = false;
}

struct ConnectionWorkers::State {
    explicit State(WorkerLimits l) : limits(l) {}
    const WorkerLimits limits;
    std::mutex mutex;
    std::condition_variable work;     // a task queued, or shutdown
    std::condition_variable stopped;  // a worker exited
    std::deque<std::function<void()>> tasks;
    std::size_t live = 0;
    std::size_t idle = 0;
    bool shutting_down = false;
};

// Runs `task`, then waits for more until idle for too long (while more than kept_workers live)
// or shutdown. Holds the state by shared_ptr: the queue may be gone by the time it exits.
void ConnectionWorkers::RunWorker(const std::shared_ptr<State>& state, std::function<void()> task) {
    while (true) {
        task();
        task = nullptr;
        std::unique_lock lock(state->mutex);
        ++state->idle;
        while (state->tasks.empty() && !state->shutting_down) {
            const bool woken = state->work.wait_for(lock, state->limits.idle_exit, [&] {
                return !state->tasks.empty() || state->shutting_down;
            });
            if (!woken && state->live > state->limits.kept_workers) break;
        }
        --state->idle;
        if (state->tasks.empty()) {
            --state->live;
            state->stopped.notify_all();
            return;
        }
        task = std::move(state->tasks.front());
        state->tasks.pop_front();
    }
}

ConnectionWorkers::ConnectionWorkers(WorkerLimits limits)
    : m_state(std::make_shared<State>(limits)) {}

ConnectionWorkers::~ConnectionWorkers() {
    shutdown();
}

void ConnectionWorkers::enqueue(std::function<void()> task) {
    std::unique_lock lock(m_state->mutex);
    if (m_state->idle > m_state->tasks.size()) {
        m_state->tasks.push_back(std::move(task));
        m_state->work.notify_one();
        return;
    }
    if (m_state->live < m_state->limits.max_workers && !m_state->shutting_down) {
        try {
            std::thread(RunWorker, m_state, task).detach();
            ++m_state->live;
            return;
        } catch (const std::system_error&) {
            // No thread to be had: refused below, like a connection past the cap.
        }
    }
    lock.unlock();
    t_over_capacity = true;
    task();
    t_over_capacity = false;
}

void ConnectionWorkers::shutdown() {
    std::unique_lock lock(m_state->mutex);
    m_state->shutting_down = true;
    m_state->work.notify_all();
    m_state->stopped.wait(lock, [&] { return m_state->live == 0; });
}

bool ConnectionWorkers::OverCapacity() {
    return t_over_capacity;
}

}  // namespace tillbook::office::http
