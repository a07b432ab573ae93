#include "tillbook/barcode/embedded_price.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <utility>

#include "tillbook/barcode/gtin.hpp"

namespace tillbook::barcode {
namespace {

constexpr std::size_t kEan13Digits = 13;

// Weighted products for the GS1 price/weight check digit, indexed by digit.
constexpr std::array<int, 10> kTwoMinus = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
constexpr std::array<int, 10> kThree = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
constexpr std::array<int, 10> kFivePlus = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
constexpr std::array<int, 10> kFiveMinus = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsAllDigits(std::string_view text) {
    return std::ranges::all_of(text, IsDigit);
}

std::size_t DigitIndex(char c) {
    return static_cast<std::size_t>(c - '0');
}

char DigitChar(int value) {
    return static_cast<char>('0' + value);
}

// Callers have checked that `value` is 4 or 5 ASCII digits.
int PriceWeightCheckDigitOf(std::string_view value) {
    if (value.size() == 4) {
        const int sum = kTwoMinus[DigitIndex(value[0])] + kTwoMinus[DigitIndex(value[1])] +
                        kThree[DigitIndex(value[2])] + kFiveMinus[DigitIndex(value[3])];
        return sum * 3 % 10;
    }
    const int sum = kFivePlus[DigitIndex(value[0])] + kTwoMinus[DigitIndex(value[1])] +
                    kFiveMinus[DigitIndex(value[2])] + kFivePlus[DigitIndex(value[3])] +
                    kTwoMinus[DigitIndex(value[4])];
    const int wanted = (10 - sum % 10) % 10;
    const auto it = std::ranges::find(kFiveMinus, wanted);  // 5- is a permutation of 0..9
    return static_cast<int>(it - kFiveMinus.begin());
}

std::size_t LayoutLength(const EmbeddedLayout& layout) {
    return layout.prefix.size() + static_cast<std::size_t>(layout.item_digits) +
           (layout.has_value_check_digit ? 1U : 0U) +
           static_cast<std::size_t>(layout.value_digits) + 1U;
}

std::int64_t PowerOfTen(int exponent) {
    std::int64_t result = 1;
    for (int i = 0; i < exponent; ++i)
        result *= 10;
    return result;
}

std::int64_t ParseDigits(std::string_view digits) {
    std::int64_t value = 0;
    for (const char c : digits)
        value = value * 10 + (c - '0');
    return value;
}

std::string LayoutName(const EmbeddedLayout& layout) {
    return "layout with prefix \"" + layout.prefix + "\"";
}

}  // namespace

std::vector<EmbeddedLayout> DefaultEmbeddedLayouts() {
    return {
        EmbeddedLayout{"20", 5, EmbeddedKind::kPrice, 4, true},
        EmbeddedLayout{"21", 5, EmbeddedKind::kWeight, 5, false},
        EmbeddedLayout{"22", 5, EmbeddedKind::kPrice, 5, false},
    };
}

Status ValidateLayout(const EmbeddedLayout& layout) {
    const auto invalid = [&layout](std::string problem) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, LayoutName(layout) + ": " + std::move(problem)));
    };
    if (layout.prefix.empty() || !IsAllDigits(layout.prefix)) {
        return invalid("the prefix must be digits");
    }
    if (!layout.prefix.starts_with('2') && !layout.prefix.starts_with("02")) {
        return invalid("the prefix must start with 2 or 02 (in-store numbers)");
    }
    if (layout.item_digits < 1) return invalid("item_digits must be at least 1");
    if (layout.value_digits < 1) return invalid("value_digits must be at least 1");
    // Checked before adding them up, so the sum cannot overflow.
    if (layout.item_digits > 12 || layout.value_digits > 12 ||
        LayoutLength(layout) != kEan13Digits) {
        return invalid("prefix, item, value check and value digits must add up to 12");
    }
    if (layout.has_value_check_digit && layout.value_digits != 4 && layout.value_digits != 5) {
        return std::unexpected(MakeError(
            ErrorCode::kUnsupported, LayoutName(layout) +
                                         ": a value check digit needs 4 or 5 value digits, not " +
                                         std::to_string(layout.value_digits)));
    }
    return {};
}

Result<int> ComputePriceWeightCheckDigit(std::string_view value) {
    if ((value.size() != 4 && value.size() != 5) || !IsAllDigits(value)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "a price/weight check digit needs 4 or 5 digits"));
    }
    return PriceWeightCheckDigitOf(value);
}

Result<EmbeddedCode> DecodeEmbedded(std::string_view ean13,
                                    std::span<const EmbeddedLayout> layouts) {
    if (ean13.size() != kEan13Digits || !IsAllDigits(ean13)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "an in-store code must be 13 digits"));
    }
    if (Result<Gtin> gtin = ParseGtin(ean13); !gtin) return std::unexpected(gtin.error());

    const EmbeddedLayout* match = nullptr;
    for (const EmbeddedLayout& layout : layouts) {
        if (Status valid = ValidateLayout(layout); !valid) return std::unexpected(valid.error());
        const bool longer = match == nullptr || layout.prefix.size() > match->prefix.size();
        if (longer && ean13.starts_with(layout.prefix)) match = &layout;
    }
    if (match == nullptr) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, std::string(ean13) + ": not an in-store price or weight code"));
    }

    const auto item_digits = static_cast<std::size_t>(match->item_digits);
    const auto value_digits = static_cast<std::size_t>(match->value_digits);
    const std::string_view item = ean13.substr(match->prefix.size(), item_digits);
    const std::string_view value = ean13.substr(kEan13Digits - 1 - value_digits, value_digits);
    if (match->has_value_check_digit) {
        const char printed = ean13[match->prefix.size() + item_digits];
        const int expected = PriceWeightCheckDigitOf(value);
        if (printed != DigitChar(expected)) {
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             std::string(ean13) +
                                                 ": bad price/weight check digit, expected " +
                                                 std::to_string(expected)));
        }
    }

    EmbeddedCode code{match->prefix, std::string(item), match->kind, 0, 0};
    if (match->kind == EmbeddedKind::kPrice) {
        code.price_minor = ParseDigits(value);
    } else {
        code.weight_grams = ParseDigits(value);
    }
    return code;
}

Result<std::string> EncodeEmbedded(const EmbeddedLayout& layout, std::string_view item_code,
                                   std::int64_t value) {
    if (Status valid = ValidateLayout(layout); !valid) return std::unexpected(valid.error());
    if (item_code.size() != static_cast<std::size_t>(layout.item_digits) ||
        !IsAllDigits(item_code)) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         LayoutName(layout) + ": the item code must be " +
                                             std::to_string(layout.item_digits) + " digits",
                                         "item_code"));
    }
    if (value < 0 || value >= PowerOfTen(layout.value_digits)) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         LayoutName(layout) + ": " + std::to_string(value) +
                                             " does not fit in " +
                                             std::to_string(layout.value_digits) + " digits",
                                         "value"));
    }
    std::string value_text = std::to_string(value);
    value_text.insert(0, static_cast<std::size_t>(layout.value_digits) - value_text.size(), '0');

    std::string body = layout.prefix + std::string(item_code);
    if (layout.has_value_check_digit) body += DigitChar(PriceWeightCheckDigitOf(value_text));
    body += value_text;
    return AppendCheckDigit(body);
}

}  // namespace tillbook::barcode
