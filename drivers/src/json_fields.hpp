#pragma once
// Reading settings files (printer profiles, device configs) with nlohmann::json: every bad field
// is collected with what it must be, so one load names them all, and unknown keys are refused.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::drivers::json_fields {

using nlohmann::json;

// Collects "field: what it must be" for every bad field.
class FieldProblems {
  public:
    void Add(std::string field, std::string_view must_be);
    // An error from a parser, whose message is already "what is wrong".
    void Add(std::string field, const Error& error) { Add(std::move(field), error.message); }
    [[nodiscard]] bool Empty() const { return m_count == 0; }
    [[nodiscard]] std::size_t Count() const { return m_count; }
    // kInvalidInput "SOURCE: a: ...; b: ...", with the first field as the error's field.
    [[nodiscard]] Error ToError(std::string_view source) const;

  private:
    std::string m_message;
    std::string m_first_field;
    std::size_t m_count = 0;
};

// The member `key` of `object`; nullptr when missing or when `object` is not an object.
[[nodiscard]] const json* Member(const json& object, std::string_view key);

[[nodiscard]] std::optional<std::string> Text(const json* value);

// An integer in [min, max]; nullopt for anything else (fractions, strings, out of range).
[[nodiscard]] std::optional<int> WholeNumber(const json* value, int min, int max);

// "a whole number from MIN to MAX", for FieldProblems.
[[nodiscard]] std::string WholeNumberFrom(int min, int max);

// Names every key of `object` not in `known` ("WHERE.key: not a setting here (misspelt?)").
void RefuseUnknown(const json& object, std::string_view where,
                   std::initializer_list<std::string_view> known, FieldProblems& problems);

}  // namespace tillbook::drivers::json_fields
