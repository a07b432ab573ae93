#include "staff_store.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "password_hash.hpp"

namespace tillbook::office {

Result<staff::StaffMember> AddStaff(store::Database& db, ids::IdSource& ids,
                                    const NewStaff& person) {
    const bool good_name = !person.username.empty() && person.username.size() <= 64 &&
                           std::all_of(person.username.begin(), person.username.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                      c == '.' || c == '-' || c == '_';
                           });
    if (!good_name) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "a username is 1 to 64 of a-z, 0-9, '.', '-', '_'",
                                         "username"));
    }
    if (auto ok = CheckPassword(person.password); !ok) return std::unexpected(ok.error());
    if (!person.pin.empty()) {
        if (auto ok = CheckPin(person.pin); !ok) return std::unexpected(ok.error());
    }
    auto existing = FindStaff(db, person.username);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(MakeError(ErrorCode::kConflict,
                                         fmt::format("username {} is taken", person.username),
                                         "username"));
    }
    staff::StaffMember member{ids.NextString(),
                              person.username,
                              person.display_name.empty() ? person.username : person.display_name,
                              person.role,
                              "",
                              "",
                              true};
    auto password_hash = HashSecret(person.password);
    if (!password_hash) return std::unexpected(password_hash.error());
    member.password_hash = *password_hash;
    if (!person.pin.empty()) {
        auto pin_hash = HashSecret(person.pin);
        if (!pin_hash) return std::unexpected(pin_hash.error());
        member.pin_hash = *pin_hash;
    }
    auto q = db.Prepare(
        "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
        "VALUES (?, ?, ?, ?, ?, ?, 1)");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->Bind(1, member.id)
                      .Bind(2, member.username)
                      .Bind(3, member.display_name)
                      .Bind(4, static_cast<std::int64_t>(member.role))
                      .Bind(5, member.password_hash)
                      .Bind(6, member.pin_hash)
                      .Run();
        !ok) {
        return std::unexpected(ok.error());
    }
    return member;
}

Result<std::optional<staff::StaffMember>> FindStaff(store::Database& db,
                                                    std::string_view username) {
    auto q = db.Prepare(
        "SELECT id, username, display_name, role, password_hash, pin_hash, active FROM staff WHERE "
        "username = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, username);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<staff::StaffMember>{};
    return std::optional<staff::StaffMember>{staff::StaffMember{
        q->Text(0), q->Text(1), q->Text(2), static_cast<staff::Role>(q->Int64(3)), q->Text(4),
        q->Text(5), q->Int64(6) != 0}};
}

}  // namespace tillbook::office
