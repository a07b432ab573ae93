#include "staff_store.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/office/password_hash.hpp"

namespace tillbook::office {

namespace {

constexpr const char* kStaffColumns =
    "SELECT id, username, display_name, role, password_hash, pin_hash, active FROM staff ";

staff::StaffMember ReadMember(const store::StatementUse& q) {
    return staff::StaffMember{
        q.Text(0), q.Text(1), q.Text(2),      static_cast<staff::Role>(q.Int64(3)),
        q.Text(4), q.Text(5), q.Int64(6) != 0};
}

Result<std::optional<staff::StaffMember>> FindOne(store::Database& db, const char* where,
                                                  std::string_view value) {
    auto q = db.Prepare(std::string(kStaffColumns) + where);
    if (!q) return std::unexpected(q.error());
    q->Bind(1, value);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<staff::StaffMember>{};
    return std::optional<staff::StaffMember>{ReadMember(*q)};
}

Result<std::int64_t> CountActiveAdmins(store::Database& db) {
    auto q = db.Prepare("SELECT count(*) FROM staff WHERE active = 1 AND role = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, static_cast<std::int64_t>(staff::Role::kAdmin));
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return q->Int64(0);
}

// The shop keeps at least one active admin, and an admin cannot shut themselves out.
Status CheckAdminsRemain(store::Database& db, const staff::StaffMember& before,
                         const staff::StaffMember& after, std::string_view actor_id) {
    const bool was_admin = before.active && before.role == staff::Role::kAdmin;
    const bool is_admin = after.active && after.role == staff::Role::kAdmin;
    if (!was_admin || is_admin) return {};
    const std::string field = after.active ? "role" : "active";
    if (before.id == actor_id) {
        return std::unexpected(
            MakeError(ErrorCode::kConflict,
                      after.active ? "you cannot take away your own admin role; ask another admin"
                                   : "you cannot deactivate yourself; ask another admin",
                      field));
    }
    auto admins = CountActiveAdmins(db);
    if (!admins) return std::unexpected(admins.error());
    if (*admins <= 1) {
        return std::unexpected(
            MakeError(ErrorCode::kConflict,
                      fmt::format("{} is the last active admin; make someone else an admin first",
                                  before.username),
                      field));
    }
    return {};
}

}  // namespace

Result<staff::StaffMember> PrepareStaff(ids::IdSource& ids, const NewStaff& person) {
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
    if (person.display_name.size() > 100) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, "a display name has at most 100 characters", "display_name"));
    }
    if (auto ok = catalogue::CheckNameCharacters(person.display_name); !ok) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "display_name: " + ok.error().message, "display_name"));
    }
    if (auto ok = CheckPassword(person.password); !ok) return std::unexpected(ok.error());
    if (!person.pin.empty()) {
        if (auto ok = CheckPin(person.pin); !ok) return std::unexpected(ok.error());
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
    return member;
}

Status InsertStaff(store::Database& db, const staff::StaffMember& member) {
    auto existing = FindStaff(db, member.username);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(MakeError(ErrorCode::kConflict,
                                         fmt::format("username {} is taken", member.username),
                                         "username"));
    }
    auto q = db.Prepare(
        "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, member.id)
        .Bind(2, member.username)
        .Bind(3, member.display_name)
        .Bind(4, static_cast<std::int64_t>(member.role))
        .Bind(5, member.password_hash)
        .Bind(6, member.pin_hash)
        .Bind(7, member.active ? 1 : 0)
        .Run();
}

Result<staff::StaffMember> AddStaff(store::Database& db, ids::IdSource& ids,
                                    const NewStaff& person) {
    // A taken username is refused before the slow hashing.
    auto existing = FindStaff(db, person.username);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(MakeError(ErrorCode::kConflict,
                                         fmt::format("username {} is taken", person.username),
                                         "username"));
    }
    auto member = PrepareStaff(ids, person);
    if (!member) return std::unexpected(member.error());
    if (auto ok = InsertStaff(db, *member); !ok) return std::unexpected(ok.error());
    return member;
}

Result<std::optional<staff::StaffMember>> FindStaff(store::Database& db,
                                                    std::string_view username) {
    return FindOne(db, "WHERE username = ?", username);
}

Result<std::optional<staff::StaffMember>> FindStaffById(store::Database& db, std::string_view id) {
    return FindOne(db, "WHERE id = ?", id);
}

Result<std::vector<staff::StaffMember>> ListStaff(store::Database& db) {
    auto q = db.Prepare(std::string(kStaffColumns) + "ORDER BY username");
    if (!q) return std::unexpected(q.error());
    std::vector<staff::StaffMember> everyone;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        everyone.push_back(ReadMember(*q));
    }
    return everyone;
}

ledger::ReferenceChanged StaffCreated(const staff::StaffMember& member) {
    return ledger::ReferenceChanged{
        "staff", member.id, "created",
        fmt::format("{} ({}) as {}{}", member.username, member.display_name,
                    staff::ToString(member.role), member.pin_hash.empty() ? "" : ", with a PIN")};
}

Result<StaffUpdated> UpdateStaff(store::Database& db, std::string_view id,
                                 const StaffUpdate& update, std::string_view actor_id) {
    auto found = FindStaffById(db, id);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("no member of staff {}", id), "id"));
    }
    const staff::StaffMember before = **found;
    StaffUpdated result{before, false, false, {"staff", before.id, "updated", ""}};
    staff::StaffMember& after = result.member;
    std::vector<std::string> said;
    if (update.display_name && *update.display_name != before.display_name) {
        after.display_name = *update.display_name;
        said.push_back(
            fmt::format("display name \"{}\" → \"{}\"", before.display_name, after.display_name));
    }
    if (update.role && *update.role != before.role) {
        after.role = *update.role;
        said.push_back(
            fmt::format("role {} → {}", staff::ToString(before.role), staff::ToString(after.role)));
    }
    if (update.active && *update.active != before.active) {
        after.active = *update.active;
        result.audit.change = after.active ? "reactivated" : "deactivated";
        result.end_sessions = !after.active;
    }
    if (update.password_hash) {
        after.password_hash = *update.password_hash;
        said.push_back("password changed");
        result.end_sessions = true;
    }
    if (update.pin_hash && !(update.pin_hash->empty() && before.pin_hash.empty())) {
        after.pin_hash = *update.pin_hash;
        said.push_back(after.pin_hash.empty()    ? "PIN removed"
                       : before.pin_hash.empty() ? "PIN set"
                                                 : "PIN changed");
    }
    result.changed = !said.empty() || result.audit.change != "updated";
    if (!result.changed) return result;
    if (auto ok = CheckAdminsRemain(db, before, after, actor_id); !ok)
        return std::unexpected(ok.error());
    auto q = db.Prepare(
        "UPDATE staff SET display_name = ?, role = ?, active = ?, password_hash = ?, pin_hash = ? "
        "WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->Bind(1, after.display_name)
                      .Bind(2, static_cast<std::int64_t>(after.role))
                      .Bind(3, after.active ? 1 : 0)
                      .Bind(4, after.password_hash)
                      .Bind(5, after.pin_hash)
                      .Bind(6, after.id)
                      .Run();
        !ok) {
        return std::unexpected(ok.error());
    }
    std::string detail = fmt::format("{}", before.username);
    if (result.audit.change != "updated") detail += " " + result.audit.change;
    for (std::size_t i = 0; i < said.size(); ++i)
        detail += (i == 0 ? ": " : "; ") + said[i];
    result.audit.detail = detail;
    return result;
}

}  // namespace tillbook::office
