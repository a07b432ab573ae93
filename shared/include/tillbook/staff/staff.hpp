#pragma once
// Staff and what their role lets them do. Hashes only: no password or PIN is ever stored in clear.
#include <optional>
#include <string>
#include <string_view>

namespace tillbook::staff {

// Stored and synced: explicit values, never reused.
enum class Role : int {
    kCashier = 1,     // sells, takes returns with a receipt, opens and closes own shift
    kFulfilment = 2,  // picks, packs and dispatches online orders
    kManager = 3,     // everything a cashier does, plus refunds without receipt, stock, reports
    kAdmin = 4,       // everything, plus staff, terminals and settings
};

[[nodiscard]] std::string_view ToString(Role role);
[[nodiscard]] std::optional<Role> ParseRole(std::string_view text);

struct StaffMember {
    std::string id;
    std::string username;
    std::string display_name;
    Role role = Role::kCashier;
    std::string password_hash;  // argon2id, encoded with its parameters and salt
    std::string pin_hash;       // argon2id; empty when the person has no till PIN
    bool active = true;
};

}  // namespace tillbook::staff
