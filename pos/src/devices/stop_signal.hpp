#pragma once
// How the device worker's threads are told to stop: a flag with a condition variable, so that a
// thread sleeping between polls or retries wakes at once instead of at the end of its sleep.
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace tillbook::pos::devices {

class StopSignal {
  public:
    void RequestStop() {
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_changed.notify_all();
    }

    [[nodiscard]] bool Stopped() const {
        const std::lock_guard lock(m_mutex);
        return m_stopped;
    }

    // Sleeps for `wait` or until stopped, or until Wake; true when stopped.
    bool WaitFor(std::chrono::milliseconds wait) {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, wait, [this] { return m_stopped || m_woken; });
        m_woken = false;
        return m_stopped;
    }

    // Ends the current (or next) WaitFor early without stopping: there is new work.
    void Wake() {
        {
            const std::lock_guard lock(m_mutex);
            m_woken = true;
        }
        m_changed.notify_all();
    }

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stopped = false;
    bool m_woken = false;
};

}  // namespace tillbook::pos::devices
