#pragma once
// How many connections are open, from each peer address and in all, so that one address (or a
// crowd of them) cannot take every worker: a connection over either cap is refused at once.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "tillbook/core/error.hpp"

namespace tillbook::office::http {

class ConnectionCounter;

// One admitted connection; gives its place back when destroyed.
class ConnectionTicket {
  public:
    ConnectionTicket(ConnectionCounter& counter, std::string address)
        : m_counter(&counter), m_address(std::move(address)) {}
    ConnectionTicket(ConnectionTicket&& other) noexcept
        : m_counter(std::exchange(other.m_counter, nullptr)),
          m_address(std::move(other.m_address)) {}
    ConnectionTicket(const ConnectionTicket&) = delete;
    ConnectionTicket& operator=(const ConnectionTicket&) = delete;
    ConnectionTicket& operator=(ConnectionTicket&&) = delete;
    ~ConnectionTicket();

  private:
    ConnectionCounter* m_counter;
    std::string m_address;
};

class ConnectionCounter {
  public:
    ConnectionCounter(std::size_t max_total, std::size_t max_per_address)
        : m_max_total(max_total), m_max_per_address(max_per_address) {}

    // A place for a connection from `address`, or kTooManyRequests saying which cap it met.
    [[nodiscard]] Result<ConnectionTicket> Admit(const std::string& address);
    // More than half of max_total are open: idle connections get a shorter wait.
    [[nodiscard]] bool Crowded() const;
    [[nodiscard]] std::size_t Open() const;

  private:
    friend class ConnectionTicket;
    void Release(const std::string& address);

    const std::size_t m_max_total;
    const std::size_t m_max_per_address;
    mutable std::mutex m_mutex;
    std::size_t m_total = 0;
    std::map<std::string, std::size_t, std::less<>> m_by_address;
};

}  // namespace tillbook::office::http
