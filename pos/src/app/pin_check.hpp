#pragma once
// Checking a PIN against the staff's argon2id hashes (pulled from the back office, which made
// them with libsodium's crypto_pwhash_str) takes tens to hundreds of milliseconds a hash, so it
// runs on a thread of its own; the UI thread polls it once a frame and never waits.
#include <future>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/staff/staff.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

struct PinHolder {
    std::string staff_id;
    std::string display_name;
    staff::Role role = staff::Role::kCashier;
    std::string pin_hash;
};

// The staff whose PIN may be checked at a till: active, with a PIN, in one of `roles`, by id.
[[nodiscard]] Result<std::vector<PinHolder>> ReadPinHolders(store::Database& db,
                                                            std::span<const staff::Role> roles);

// True when `pin` is the one `pin_hash` was made from (crypto_pwhash_str_verify).
[[nodiscard]] bool PinMatches(const std::string& pin_hash, const std::string& pin);

class PinCheck {
  public:
    // Starts checking `pin` against each holder in turn, on its own thread.
    PinCheck(std::string pin, std::vector<PinHolder> holders);
    // Done: the holder whose PIN it is (or none). Not done yet: nullopt.
    [[nodiscard]] std::optional<std::optional<PinHolder>> Poll();

  private:
    std::future<std::optional<PinHolder>> m_result;
};

}  // namespace tillbook::pos::app
