#include "till_settings.hpp"

#include <fmt/format.h>

#include "tillbook/core/text.hpp"

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

namespace {

// Every setting whose key starts with `prefix`, into `settings` under its key less the first
// `strip` characters.
Status ReadSettings(store::Database& db, const std::string& prefix, std::size_t strip,
                    std::map<std::string, std::string>& settings) {
    auto q = db.Prepare(
        "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, prefix);
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        settings[q->Text(0).substr(strip)] = q->Text(1);
    }
}

}  // namespace

Result<std::map<std::string, std::string>> ListTillSettings(store::Database& db) {
    std::map<std::string, std::string> settings;
    for (const std::string prefix : {"till.", "store."}) {
        if (auto ok = ReadSettings(db, prefix, 0, settings); !ok)
            return std::unexpected(ok.error());
    }
    return settings;
}

Result<std::map<std::string, std::string>> TillSettings(store::Database& db,
                                                        std::string_view store_code) {
    std::map<std::string, std::string> settings;
    // Shop-wide first, then the store's own, so the store's win.
    for (const std::string& prefix : {std::string("till."), fmt::format("store.{}.", store_code)}) {
        if (auto ok = ReadSettings(db, prefix, prefix.size(), settings); !ok)
            return std::unexpected(ok.error());
    }
    return settings;
}

}  // namespace tillbook::office
