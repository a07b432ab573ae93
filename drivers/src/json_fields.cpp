#include "json_fields.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "tillbook/core/json_integer.hpp"

namespace tillbook::drivers::json_fields {

void FieldProblems::Add(std::string field, std::string_view must_be) {
    if (m_first_field.empty()) m_first_field = field;
    if (!m_message.empty()) m_message += "; ";
    m_message += field;
    m_message += ": ";
    m_message += must_be;
    ++m_count;
}

Error FieldProblems::ToError(std::string_view source) const {
    const std::string prefix = source.empty() ? std::string{} : std::string{source} + ": ";
    return MakeError(ErrorCode::kInvalidInput, prefix + m_message, m_first_field);
}

const json* Member(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

std::optional<std::string> Text(const json* value) {
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<int> WholeNumber(const json* value, int min, int max) {
    if (value == nullptr) return std::nullopt;
    const auto read = core::ReadJsonInteger(*value);
    if (!read) return std::nullopt;
    const std::int64_t number = *read;
    if (number < min || number > max) return std::nullopt;
    return static_cast<int>(number);
}

std::string WholeNumberFrom(int min, int max) {
    return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

void RefuseUnknown(const json& object, std::string_view where,
                   std::initializer_list<std::string_view> known, FieldProblems& problems) {
    for (const auto& [key, value] : object.items()) {
        if (std::ranges::find(known, std::string_view{key}) == known.end()) {
            const std::string prefix = where.empty() ? std::string{} : std::string{where} + ".";
            problems.Add(prefix + key, "not a setting here (misspelt?)");
        }
    }
}

}  // namespace tillbook::drivers::json_fields
