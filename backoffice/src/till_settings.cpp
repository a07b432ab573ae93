#include "till_settings.hpp"

#include <fmt/format.h>

#include "tillbook/core/text.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office {

namespace {

bool IsName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

bool IsStoreCode(std::string_view code) {
    if (code.empty() || code.size() > 32) return false;
    for (const char c : code) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

}  // namespace

Status CheckTillSettingKey(std::string_view key) {
    const auto bad = [&](std::string_view why) -> Status {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}: {}", text::QuoteForMessage(key, 80), why),
                                         "key"));
    };
    if (key.starts_with("till.")) {
        if (!IsName(key.substr(5)))
            return bad("after \"till.\" a name of a-z, 0-9 and _ (at most 64)");
        return {};
    }
    if (key.starts_with("store.")) {
        const std::string_view rest = key.substr(6);
        const auto dot = rest.find('.');
        if (dot == std::string_view::npos || !IsStoreCode(rest.substr(0, dot)) ||
            !IsName(rest.substr(dot + 1)))
            return bad("a store setting is store.CODE.name");
        return {};
    }
    return bad("tills' settings start with \"till.\" or \"store.CODE.\"");
}

Result<std::map<std::string, std::string>> ListTillSettings(store::Database& db) {
    auto settings = store::ListSettings(db, "till.");
    if (!settings) return settings;
    auto stores = store::ListSettings(db, "store.");
    if (!stores) return stores;
    settings->merge(*stores);
    return settings;
}

}  // namespace tillbook::office
