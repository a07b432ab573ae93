#include "pin_check.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>

namespace tillbook::pos::app {

Result<std::vector<PinHolder>> ReadPinHolders(store::Database& db,
                                              std::span<const staff::Role> roles) {
    auto q = db.Prepare(
        "SELECT id, display_name, role, pin_hash FROM staff WHERE active = 1 AND pin_hash != '' "
        "ORDER BY id");
    if (!q) return std::unexpected(q.error());
    std::vector<PinHolder> holders;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return holders;
        const auto role = static_cast<staff::Role>(q->Int64(2));
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) continue;
        holders.push_back({q->Text(0), q->Text(1), role, q->Text(3)});
    }
}

bool PinMatches(const std::string& pin_hash, const std::string& pin) {
    if (sodium_init() < 0 || pin_hash.empty() || pin_hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0;
}

PinCheck::PinCheck(std::string pin, std::vector<PinHolder> holders)
    : m_result(std::async(std::launch::async,
                          [pin = std::move(pin),
                           holders = std::move(holders)]() mutable -> std::optional<PinHolder> {
                              for (PinHolder& holder : holders) {
                                  if (PinMatches(holder.pin_hash, pin)) return std::move(holder);
                              }
                              sodium_memzero(pin.data(), pin.size());
                              return std::nullopt;
                          })) {}

std::optional<std::optional<PinHolder>> PinCheck::Poll() {
    if (!m_result.valid()) return std::optional<PinHolder>{};
    if (m_result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    return m_result.get();
}

}  // namespace tillbook::pos::app
