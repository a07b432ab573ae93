#include "tillbook/credit/card_number.hpp"

#include <sodium.h>

#include <cstdlib>

namespace tillbook::credit {

namespace {

// The Luhn sum of `digits` with a check digit still to come after them: from the right, every
// other digit doubled (the first one next to the check digit), 10..18 taken as their digit sum.
int LuhnSum(std::string_view digits, bool check_digit_follows) {
    int sum = 0;
    bool doubled = check_digit_follows;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int digit = *it - '0';
        if (doubled) {
            digit *= 2;
            if (digit > 9) digit -= 9;
        }
        sum += digit;
        doubled = !doubled;
    }
    return sum;
}

bool AllDigits(std::string_view text) {
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

std::unexpected<Error> Bad(std::string message) {
    return std::unexpected(MakeError(ErrorCode::kInvalidInput, std::move(message), "card_number"));
}

}  // namespace

std::string NewCardNumber() {
    if (sodium_init() < 0) std::abort();  // no randomness: nothing safe to hand out
    std::string number;
    number.reserve(kCardNumberDigits);
    // The first digit is never 0, so a number keeps its 16 digits wherever it is read as one.
    number.push_back(static_cast<char>('1' + randombytes_uniform(9)));
    while (number.size() < kCardNumberDigits - 1)
        number.push_back(static_cast<char>('0' + randombytes_uniform(10)));
    const int sum = LuhnSum(number, true);
    number.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
    return number;
}

bool IsCardNumber(std::string_view text) {
    return text.size() == kCardNumberDigits && AllDigits(text) && LuhnSum(text, false) % 10 == 0;
}

Result<std::string> ValidCardNumber(std::string_view text) {
    std::string digits;
    for (const char c : text) {
        if (c != ' ') digits.push_back(c);
    }
    if (digits.empty()) return Bad("a card number is needed");
    if (!AllDigits(digits)) return Bad("a card number has digits only");
    if (digits.size() != kCardNumberDigits) {
        return Bad("a card number has " + std::to_string(kCardNumberDigits) + " digits, not " +
                   std::to_string(digits.size()));
    }
    if (!IsCardNumber(digits)) return Bad("card number " + digits + " is mistyped: check it");
    return digits;
}

std::string CardNumberTail(std::string_view number) {
    const std::size_t shown = 4;
    if (number.size() <= shown) return "…" + std::string(number);
    return "…" + std::string(number.substr(number.size() - shown));
}

}  // namespace tillbook::credit
