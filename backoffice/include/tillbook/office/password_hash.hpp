#pragma once
// Staff passwords and PINs are stored as argon2id hashes (libsodium's crypto_pwhash_str), each
// with its own salt and parameters encoded in the string.
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::office {

// The argon2id cost of new hashes. The programs only ever use kInteractive: libsodium's
// interactive limits, 2 passes over 64 MiB, about 140 ms a hash on the machines we measured.
// kTestMinimum (1 pass over 8 KiB) is for the test executables, which create and check
// thousands of hashes; only their main() selects it, and nothing a user can set reaches it.
// A hash carries its own parameters, so VerifySecret checks either kind the same way.
enum class HashCost { kInteractive, kTestMinimum };
void SetHashCost(HashCost cost);

[[nodiscard]] Result<std::string> HashSecret(std::string_view secret);
[[nodiscard]] bool VerifySecret(std::string_view hash, std::string_view secret);

// Passwords: 10 to 200 characters. PINs: 4 to 8 digits.
[[nodiscard]] Status CheckPassword(std::string_view password);
[[nodiscard]] Status CheckPin(std::string_view pin);

}  // namespace tillbook::office
