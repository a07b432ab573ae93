#pragma once
// Staff passwords and PINs are stored as argon2id hashes (libsodium's crypto_pwhash_str), each
// with its own salt and parameters encoded in the string.
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::office {

[[nodiscard]] Result<std::string> HashSecret(std::string_view secret);
[[nodiscard]] bool VerifySecret(std::string_view hash, std::string_view secret);

// Passwords: 10 to 200 characters. PINs: 4 to 8 digits.
[[nodiscard]] Status CheckPassword(std::string_view password);
[[nodiscard]] Status CheckPin(std::string_view pin);

}  // namespace tillbook::office
