#pragma once
// Staff records in the back office's database: adding a person, finding and listing them, and
// changing them with the rule that the shop always keeps an active admin.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/staff/staff.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office {

struct NewStaff {
    std::string username;
    std::string display_name;
    staff::Role role = staff::Role::kCashier;
    std::string password;
    std::string pin;  // optional
};

// Checks the input and hashes the password and PIN (argon2id: slow on purpose). Touches no
// database, so the back office runs it on a request thread, never on the one writer thread.
[[nodiscard]] Result<staff::StaffMember> PrepareStaff(ids::IdSource& ids, const NewStaff& person);

// Stores a prepared person. A username in use is kConflict.
[[nodiscard]] Status InsertStaff(store::Database& db, const staff::StaffMember& member);

// Both of the above, for the command line.
[[nodiscard]] Result<staff::StaffMember> AddStaff(store::Database& db, ids::IdSource& ids,
                                                  const NewStaff& person);

[[nodiscard]] Result<std::optional<staff::StaffMember>> FindStaff(store::Database& db,
                                                                  std::string_view username);
[[nodiscard]] Result<std::optional<staff::StaffMember>> FindStaffById(store::Database& db,
                                                                      std::string_view id);
// Everyone, by username.
[[nodiscard]] Result<std::vector<staff::StaffMember>> ListStaff(store::Database& db);

// The audit record of a person added: what it says, never a hash.
[[nodiscard]] ledger::ReferenceChanged StaffCreated(const staff::StaffMember& member);

// A change to one person: only the fields given change. Hashes are made beforehand (on a request
// thread), like PrepareStaff's.
struct StaffUpdate {
    std::optional<std::string> display_name;
    std::optional<staff::Role> role;
    std::optional<bool> active;
    std::optional<std::string> password_hash;
    std::optional<std::string> pin_hash;  // "" removes the PIN
};

struct StaffUpdated {
    staff::StaffMember member;  // as it is now
    bool changed = false;       // false: the update asked for what was already so
    bool end_sessions = false;  // deactivated, or a new password
    ledger::ReferenceChanged audit;
};

// Applies `update` to the person with `id` (kNotFound). The last active admin cannot be
// deactivated or lose the admin role, and an admin (`actor_id`) cannot do either to themselves:
// kConflict, and nothing is written.
[[nodiscard]] Result<StaffUpdated> UpdateStaff(store::Database& db, std::string_view id,
                                               const StaffUpdate& update,
                                               std::string_view actor_id);

}  // namespace tillbook::office
