#pragma once
// Staff records in the back office's database.
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/uuid.hpp"
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

// Checks the input, hashes the password and PIN, and stores the person. A username in use is
// kConflict.
[[nodiscard]] Result<staff::StaffMember> AddStaff(store::Database& db, ids::IdSource& ids,
                                                  const NewStaff& person);
[[nodiscard]] Result<std::optional<staff::StaffMember>> FindStaff(store::Database& db,
                                                                  std::string_view username);

}  // namespace tillbook::office
