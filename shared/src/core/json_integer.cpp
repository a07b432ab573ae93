#include "tillbook/core/json_integer.hpp"

#include <utility>

namespace tillbook::core {

// The unsigned case comes first: get_ptr<number_integer_t*> also answers for an unsigned value
// (is_number_integer() covers both), which would read 2^63 back as INT64_MIN.
std::expected<std::int64_t, JsonIntegerProblem> ReadJsonInteger(const nlohmann::json& value) {
    if (const auto* number = value.get_ptr<const nlohmann::json::number_unsigned_t*>()) {
        if (!std::in_range<std::int64_t>(*number))
            return std::unexpected(JsonIntegerProblem::kOutOfRange);
        return static_cast<std::int64_t>(*number);
    }
    if (const auto* number = value.get_ptr<const nlohmann::json::number_integer_t*>())
        return *number;
    return std::unexpected(JsonIntegerProblem::kNotAnInteger);
}

}  // namespace tillbook::core
