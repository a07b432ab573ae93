#pragma once
// The one reader of whole numbers from JSON. nlohmann-json keeps a number above INT64_MAX as an
// unsigned, and get<std::int64_t>() wraps it: 18446744073709551615 read that way is -1. Every
// integer the back office, the sync codec, the event JSON and the channel parsers read goes
// through here, and the caller then checks the field's own range.
#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>

namespace tillbook::core {

enum class JsonIntegerProblem {
    kNotAnInteger,  // a float (19.99, 1e3, 1000.0), a string, a boolean, null, ...
    kOutOfRange,    // a whole number that does not fit int64
};

[[nodiscard]] std::expected<std::int64_t, JsonIntegerProblem> ReadJsonInteger(
    const nlohmann::json& value);

}  // namespace tillbook::core
