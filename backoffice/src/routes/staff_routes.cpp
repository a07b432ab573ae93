// Staff and their roles over HTTP. No answer ever holds a password or PIN hash.
// GET   /api/v1/staff         everyone, by username (manager)
// POST  /api/v1/staff         add a person: {"username","display_name","role","password","pin"}
// PATCH /api/v1/staff/{id}    change a person: any of {"display_name","role","active","password",
//                             "pin"} (a null PIN removes it); deactivating someone or giving
//                             them a new password ends their sessions at once. An admin changes
//                             anyone; a manager only cashiers and fulfilment staff, and never
//                             makes anyone a manager or an admin
// Passwords and PINs are hashed (argon2id, slow on purpose) here on the request thread, before
// the writer job, so the one writer thread never waits for a hash; each takes a turn at the
// hashing gate that sign-ins use (hashing_gate.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "staff_store.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/password_hash.hpp"
#include "tillbook/office/routes/routes.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

json StaffJson(const staff::StaffMember& member) {
    return {{"id", member.id},
            {"username", member.username},
            {"display_name", member.display_name},
            {"role", staff::ToString(member.role)},
            {"active", member.active},
            {"has_pin", !member.pin_hash.empty()}};
}

Error Invalid(std::string message, std::string field) {
    return MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field));
}

// A string field: nullopt when absent; an error when present but not a string.
Result<std::optional<std::string>> OptionalText(const json& body, const char* key) {
    if (!body.contains(key)) return std::optional<std::string>{};
    if (!body.at(key).is_string())
        return std::unexpected(Invalid(fmt::format("{}: a string", key), key));
    return std::optional<std::string>{body.at(key).get<std::string>()};
}

Result<std::string> RequiredText(const json& body, const char* key) {
    auto text = OptionalText(body, key);
    if (!text) return std::unexpected(text.error());
    if (!*text || (*text)->empty())
        return std::unexpected(Invalid(fmt::format("{} is required (a string)", key), key));
    return **text;
}

Result<staff::Role> RoleField(const json& body) {
    auto text = RequiredText(body, "role");
    if (!text) return std::unexpected(text.error());
    auto role = staff::ParseRole(*text);
    if (!role) {
        return std::unexpected(
            Invalid(fmt::format("role: \"{}\" is not admin, manager, fulfilment or cashier", *text),
                    "role"));
    }
    return *role;
}

Result<std::string> DisplayName(const std::string& text) {
    if (text.empty() || text.size() > 100)
        return std::unexpected(Invalid("a display name has 1 to 100 characters", "display_name"));
    if (auto ok = catalogue::CheckNameCharacters(text); !ok)
        return std::unexpected(Invalid("display_name: " + ok.error().message, "display_name"));
    return text;
}

ApiResponse List(OfficeContext& context) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto everyone = ListStaff(**db);
    if (!everyone) return http::ErrorResponse(everyone.error());
    json list = json::array();
    for (const staff::StaffMember& member : *everyone)
        list.push_back(StaffJson(member));
    return http::JsonResponse({{"staff", list}});
}

// A refusal; a 429 (too many hashing at once) says when to try again.
ApiResponse Refusal(const Error& error, const HashingGate& hashing) {
    ApiResponse response = http::ErrorResponse(error);
    if (response.status == 429)
        response.headers["Retry-After"] = std::to_string(hashing.RetryAfterSeconds());
    return response;
}

ApiResponse Create(OfficeContext& context, HashingGate& hashing, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto username = RequiredText(*body, "username");
    if (!username) return http::ErrorResponse(username.error());
    auto display_name = OptionalText(*body, "display_name");
    if (!display_name) return http::ErrorResponse(display_name.error());
    if (*display_name) {
        if (auto ok = DisplayName(**display_name); !ok) return http::ErrorResponse(ok.error());
    }
    auto role = RoleField(*body);
    if (!role) return http::ErrorResponse(role.error());
    auto password = RequiredText(*body, "password");
    if (!password) return http::ErrorResponse(password.error());
    if (auto ok = CheckPassword(*password); !ok) return http::ErrorResponse(ok.error());
    std::string pin;
    if (body->contains("pin") && !body->at("pin").is_null()) {
        auto text = OptionalText(*body, "pin");
        if (!text) return http::ErrorResponse(text.error());
        pin = **text;
        if (auto ok = CheckPin(pin); !ok) return http::ErrorResponse(ok.error());
    }
    {
        // A taken username is answered before the slow hashing; the writer checks again.
        auto db = context.ReadDb();
        if (!db) return http::ErrorResponse(db.error());
        auto taken = FindStaff(**db, *username);
        if (!taken) return http::ErrorResponse(taken.error());
        if (*taken) {
            return http::ErrorResponse(MakeError(
                ErrorCode::kConflict, fmt::format("username {} is taken", *username), "username"));
        }
    }
    Result<staff::StaffMember> member;
    {
        // The password and the PIN are hashed in one turn at the gate.
        auto turn = hashing.Enter();
        if (!turn) return Refusal(turn.error(), hashing);
        member = PrepareStaff(
            context.ids, NewStaff{*username, display_name->value_or(""), *role, *password, pin});
    }
    if (!member) return http::ErrorResponse(member.error());
    const std::string actor = request.caller->Actor();
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        if (auto ok = InsertStaff(w.db, *member); !ok) return ok;
        return RecordReferenceChange(context, w, actor, StaffCreated(*member));
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(StaffJson(*member), 201);
}

// The PATCH body as a StaffUpdate, with the new password and PIN already hashed.
Result<StaffUpdate> ReadUpdate(const json& body, HashingGate& hashing) {
    static constexpr std::string_view kFields[] = {"display_name", "role", "active", "password",
                                                   "pin"};
    bool any = false;
    for (const auto& item : body.items()) {
        const std::string& key = item.key();
        if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) {
            return std::unexpected(Invalid(
                fmt::format("{} cannot be changed here (display_name, role, active, password, pin)",
                            key),
                key));
        }
        any = true;
    }
    if (!any) {
        return std::unexpected(
            Invalid("nothing to change: give display_name, role, active, password or pin", ""));
    }
    StaffUpdate update;
    auto display_name = OptionalText(body, "display_name");
    if (!display_name) return std::unexpected(display_name.error());
    if (*display_name) {
        auto checked = DisplayName(**display_name);
        if (!checked) return std::unexpected(checked.error());
        update.display_name = *checked;
    }
    if (body.contains("role")) {
        auto role = RoleField(body);
        if (!role) return std::unexpected(role.error());
        update.role = *role;
    }
    if (body.contains("active")) {
        if (!body.at("active").is_boolean())
            return std::unexpected(Invalid("active: true or false", "active"));
        update.active = body.at("active").get<bool>();
    }
    auto password = OptionalText(body, "password");
    if (!password) return std::unexpected(password.error());
    std::optional<std::string> pin;
    if (body.contains("pin") && !body.at("pin").is_null()) {
        auto text = OptionalText(body, "pin");
        if (!text) return std::unexpected(text.error());
        if (auto ok = CheckPin(**text); !ok) return std::unexpected(ok.error());
        pin = **text;
    }
    if (*password) {
        if (auto ok = CheckPassword(**password); !ok) return std::unexpected(ok.error());
    }
    // Every field is checked before any hashing.
    if (*password) {
        auto hash = hashing.Hash(**password);
        if (!hash) return std::unexpected(hash.error());
        update.password_hash = *hash;
    }
    if (pin) {
        auto hash = hashing.Hash(*pin);
        if (!hash) return std::unexpected(hash.error());
        update.pin_hash = *hash;
    } else if (body.contains("pin")) {
        update.pin_hash = "";  // null: the person no longer has a till PIN
    }
    return update;
}

// A manager runs the shop floor: they may change cashiers and fulfilment staff (deactivate them,
// reset a password or PIN) but not a manager or an admin, nor give those roles.
Status ManagerMayChange(store::Database& db, const std::string& id, const StaffUpdate& update) {
    const auto below_manager = [](staff::Role role) {
        return static_cast<int>(role) < static_cast<int>(staff::Role::kManager);
    };
    if (update.role && !below_manager(*update.role)) {
        return std::unexpected(MakeError(
            ErrorCode::kForbidden,
            fmt::format("role: only an admin makes someone {}", staff::ToString(*update.role)),
            "role"));
    }
    auto member = FindStaffById(db, id);
    if (!member) return std::unexpected(member.error());
    if (*member && !below_manager((*member)->role)) {
        return std::unexpected(MakeError(
            ErrorCode::kForbidden,
            fmt::format("{} is {}: a manager changes cashiers and fulfilment staff; ask an admin",
                        (*member)->username, staff::ToString((*member)->role))));
    }
    return {};
}

ApiResponse Update(OfficeContext& context, HashingGate& hashing, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto update = ReadUpdate(*body, hashing);
    if (!update) return Refusal(update.error(), hashing);
    const std::string& id = request.path_params.at(0);
    const std::string actor = request.caller->Actor();
    std::optional<StaffUpdated> updated;
    const bool manager = request.caller->role == staff::Role::kManager;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        if (manager) {
            if (auto ok = ManagerMayChange(w.db, id, *update); !ok) return ok;
        }
        auto result = UpdateStaff(w.db, id, *update, request.caller->id);
        if (!result) return std::unexpected(result.error());
        updated = std::move(*result);
        if (!updated->changed) return {};
        if (updated->end_sessions) {
            if (auto ok = AuthService::EndStaffSessions(w.db, id); !ok) return ok;
        }
        return RecordReferenceChange(context, w, actor, updated->audit);
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(StaffJson(updated->member));
}

}  // namespace

std::vector<http::Route> StaffRoutes(OfficeContext& context, HashingGate& hashing) {
    return {
        {"GET", "/api/v1/staff", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest&) { return List(context); }},
        {"POST", "/api/v1/staff", http::Access::Staff(staff::Role::kAdmin),
         [&context, &hashing](const ApiRequest& r) { return Create(context, hashing, r); }},
        {"PATCH", "/api/v1/staff/([^/]+)", http::Access::Staff(staff::Role::kManager),
         [&context, &hashing](const ApiRequest& r) { return Update(context, hashing, r); }},
    };
}

}  // namespace tillbook::office::routes
