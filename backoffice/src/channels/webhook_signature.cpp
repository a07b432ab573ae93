#include "tillbook/office/channels/webhook_signature.hpp"

#include <sodium.h>

#include <array>

namespace tillbook::office::channels {

namespace {
std::array<unsigned char, crypto_auth_hmacsha256_BYTES> Mac(std::string_view secret,
                                                            std::string_view body) {
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    crypto_auth_hmacsha256_final(&state, mac.data());
    return mac;
}
}  // namespace

std::string WebhookSignature(std::string_view secret, std::string_view body) {
    if (sodium_init() < 0) return {};
    const auto mac = Mac(secret, body);
    std::string out(sodium_base64_ENCODED_LEN(mac.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), mac.data(), mac.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

bool WebhookSignatureMatches(std::string_view secret, std::string_view body,
                             std::string_view signature_base64) {
    if (sodium_init() < 0 || secret.empty() || signature_base64.empty()) return false;
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> given{};
    std::size_t length = 0;
    if (sodium_base642bin(given.data(), given.size(), signature_base64.data(),
                          signature_base64.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != given.size()) {
        return false;
    }
    const auto expected = Mac(secret, body);
    return sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace tillbook::office::channels
