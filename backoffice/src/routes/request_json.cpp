#include "routes/request_json.hpp"

#include <fmt/format.h>

#include "routes/shop_names.hpp"
#include "tillbook/core/characters.hpp"
#include "tillbook/core/json_integer.hpp"
#include "tillbook/credit/card_number.hpp"

namespace tillbook::office::routes {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxUnits = 1'000'000;

template <class E, std::size_t N>
Result<E> EnumField(const json& object, const char* key, const std::string& path,
                    const Named<E> (&names)[N]) {
    auto text = TextField(object, key, path);
    if (!text) return std::unexpected(text.error());
    std::string known;
    for (const auto& named : names) {
        if (named.name == *text) return named.value;
        known += (known.empty() ? "" : ", ") + std::string(named.name);
    }
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     fmt::format("{}{}: one of {}", path, key, known), path + key));
}

}  // namespace

Status ItemIsObject(const json& item, std::string_view array, std::size_t index) {
    if (item.is_object()) return {};
    const std::string place = fmt::format("{}[{}]", array, index);
    return std::unexpected(
        MakeError(ErrorCode::kInvalidInput, place + ": an object is required", place));
}

Result<std::string> NoteField(const json& object, const char* key, const std::string& path) {
    constexpr std::size_t kMaxNoteBytes = 500;
    if (!object.contains(key)) return std::string();
    const json& value = object.at(key);
    if (!value.is_string() || value.get_ref<const std::string&>().size() > kMaxNoteBytes ||
        text::FindControlCharacter(value.get_ref<const std::string&>())) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("{}{}: text of at most {} bytes on one line", path, key, kMaxNoteBytes),
            path + key));
    }
    return value.get<std::string>();
}

Result<std::string> CardNumberField(const json& object, const std::string& path) {
    if (!object.contains("card_number")) return std::string();
    if (!object.at("card_number").is_string()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         path + "card_number: the card's 16 digits as a string",
                                         path + "card_number"));
    }
    auto number = credit::ValidCardNumber(object.at("card_number").get<std::string>());
    if (!number) {
        Error error = number.error().WithContext(path + "card_number");
        error.field = path + "card_number";
        return std::unexpected(std::move(error));
    }
    return *number;
}

Result<std::int64_t> IntField(const json& object, const char* key, const std::string& path,
                              std::int64_t min, std::int64_t max) {
    if (object.contains(key)) {
        auto number = core::ReadJsonInteger(object.at(key));
        if (number && *number >= min && *number <= max) return *number;
    }
    return std::unexpected(MakeError(
        ErrorCode::kInvalidInput,
        fmt::format("{}{}: a whole number from {} to {} is required", path, key, min, max),
        path + key));
}

Result<std::string> TextField(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || !object.at(key).is_string() ||
        object.at(key).get_ref<const std::string&>().empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}{}: text is required", path, key),
                                         path + key));
    }
    return object.at(key).get<std::string>();
}

Result<orders::Tender> TenderField(const json& object, const char* key, const std::string& path) {
    return EnumField(object, key, path, kChosenTenders);
}

Result<orders::ReturnReason> ReasonField(const json& object, const char* key,
                                         const std::string& path) {
    return EnumField(object, key, path, kReasons);
}

Result<orders::ItemCondition> ConditionField(const json& object, const char* key,
                                             const std::string& path) {
    return EnumField(object, key, path, kConditions);
}

Result<std::int64_t> QuantityField(const json& object, const std::string& key,
                                   catalogue::SoldBy sold_by, const std::string& path,
                                   bool zero_allowed) {
    const bool weighed = sold_by == catalogue::SoldBy::kWeight;
    const std::string milli_key = key + "_milli";
    const std::string& wanted = weighed ? milli_key : key;
    const std::string& other = weighed ? key : milli_key;
    if (object.contains(other)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("{}{}: {}; give {}", path, other,
                                  weighed ? "this SKU is sold by weight, counted in grams"
                                          : "this SKU is sold by the unit, counted in whole units",
                                  wanted),
                      path + other));
    }
    const std::int64_t scale = weighed ? 1 : orders::kMilliPerUnit;
    auto quantity = IntField(object, wanted.c_str(), path, zero_allowed ? 0 : 1,
                             kMaxUnits * orders::kMilliPerUnit / scale);
    if (!quantity) {
        Error error = quantity.error();
        error.message += fmt::format(" ({})", weighed ? "grams" : "whole units");
        return std::unexpected(std::move(error));
    }
    return *quantity * scale;
}

}  // namespace tillbook::office::routes
