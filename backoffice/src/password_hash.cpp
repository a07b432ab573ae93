#include "tillbook/office/password_hash.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>

namespace tillbook::office {

namespace {
std::atomic<HashCost> g_hash_cost{HashCost::kInteractive};

Status EnsureSodium() {
    if (sodium_init() < 0)
        return std::unexpected(MakeError(ErrorCode::kStorage, "libsodium could not start"));
    return {};
}
}  // namespace

void SetHashCost(HashCost cost) {
    g_hash_cost.store(cost);
}

Result<std::string> HashSecret(std::string_view secret) {
    if (auto ok = EnsureSodium(); !ok) return std::unexpected(ok.error());
    const bool minimum = g_hash_cost.load() == HashCost::kTestMinimum;
    const auto passes = minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto memory = minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), passes, memory,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return std::unexpected(MakeError(ErrorCode::kStorage, "hashing ran out of memory"));
    }
    return std::string(out);
}

bool VerifySecret(std::string_view hash, std::string_view secret) {
    if (!EnsureSodium() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), secret.data(), secret.size()) == 0;
}

Status CheckPassword(std::string_view password) {
    if (password.size() < 10 || password.size() > 200) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "a password needs 10 to 200 characters", "password"));
    }
    return {};
}

Status CheckPin(std::string_view pin) {
    const bool digits =
        std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || pin.size() < 4 || pin.size() > 8) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "a PIN is 4 to 8 digits", "pin"));
    }
    return {};
}

}  // namespace tillbook::office
