#pragma once
// The number of a store-credit note or a gift card: 16 digits, the first 15 random (the number
// is bearer value: whoever holds it spends it, so it is never guessable or sequential) and the
// last a Luhn check digit, so a mistyped digit or two swapped neighbours are caught at the desk.
// Printed as a Code 128 barcode on the credit note; people may type it in groups of four.
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::credit {

inline constexpr std::size_t kCardNumberDigits = 16;

// A new number from the operating system's randomness (libsodium).
[[nodiscard]] std::string NewCardNumber();

// `text` as a card number: spaces (between groups) are removed; then 16 digits whose Luhn check
// holds. Errors (kInvalidInput, field "card_number") say what is wrong in the desk's words.
[[nodiscard]] Result<std::string> ValidCardNumber(std::string_view text);

// Whether `text` is already a card number as stored: 16 digits, Luhn check holds, no spaces.
[[nodiscard]] bool IsCardNumber(std::string_view text);

// "…1234": how a number appears in messages and on screens, never the whole bearer number.
[[nodiscard]] std::string CardNumberTail(std::string_view number);

}  // namespace tillbook::credit
