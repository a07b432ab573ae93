#pragma once
// Webhook authenticity: Shopify (X-Shopify-Hmac-Sha256) and WooCommerce (X-WC-Webhook-Signature)
// both send base64(HMAC-SHA256(secret, raw body)). Checked over the raw bytes, before any parsing,
// in constant time.
#include <string>
#include <string_view>

namespace tillbook::office::channels {

[[nodiscard]] std::string WebhookSignature(std::string_view secret,
                                           std::string_view body);  // base64
[[nodiscard]] bool WebhookSignatureMatches(std::string_view secret, std::string_view body,
                                           std::string_view signature_base64);

}  // namespace tillbook::office::channels
