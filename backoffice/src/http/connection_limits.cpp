#include "connection_limits.hpp"

#include <fmt/format.h>

namespace tillbook::office::http {

ConnectionTicket::~ConnectionTicket() {
    if (m_counter) m_counter->Release(m_address);
}

Result<ConnectionTicket> ConnectionCounter::Admit(const std::string& address) {
    std::lock_guard lock(m_mutex);
    if (m_total >= m_max_total) {
        return std::unexpected(
            MakeError(ErrorCode::kTooManyRequests,
                      fmt::format("the server has {} connections open, its most", m_max_total)));
    }
    auto found = m_by_address.find(address);
    if (found != m_by_address.end() && found->second >= m_max_per_address) {
        return std::unexpected(
            MakeError(ErrorCode::kTooManyRequests,
                      fmt::format("{} connections from one address are open, the most it may have",
                                  m_max_per_address)));
    }
    if (found == m_by_address.end()) found = m_by_address.emplace(address, 0).first;
    ++found->second;
    ++m_total;
    return ConnectionTicket(*this, address);
}

bool ConnectionCounter::Crowded() const {
    std::lock_guard lock(m_mutex);
    return m_total * 2 > m_max_total;
}

std::size_t ConnectionCounter::Open() const {
    std::lock_guard lock(m_mutex);
    return m_total;
}

void ConnectionCounter::Release(const std::string& address) {
    std::lock_guard lock(m_mutex);
    auto found = m_by_address.find(address);
    if (found == m_by_address.end()) return;
    --m_total;
    if (--found->second == 0) m_by_address.erase(found);
}

}  // namespace tillbook::office::http
