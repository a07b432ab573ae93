#include "pin_check.hpp"

#include <sodium.h>

#include <chrono>

namespace tillbook::pos::app {

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
