#include "tillbook/pos/office/office_client.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tillbook/core/web_address.hpp"

namespace tillbook::pos::office {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::string Hex(const unsigned char* bytes, unsigned int size) {
    std::string hex;
    hex.reserve(size * 2U);
    for (unsigned int i = 0; i < size; ++i) {
        hex.push_back(kHexDigits[bytes[i] >> 4U]);
        hex.push_back(kHexDigits[bytes[i] & 0x0FU]);
    }
    return hex;
}

Result<text::WebAddress> ParseOfficeUrl(std::string_view url) {
    auto address = text::ParseWebAddress(url);
    if (!address) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("\"{}\" is not an office address: {} (e.g. http://192.168.1.10:8080)", url,
                        address.error().message),
            "office_url"));
    }
    return address;
}

std::string Words(httplib::Error error) {
    switch (error) {
        case httplib::Error::Connection:
            return "connection refused";
        case httplib::Error::ConnectionTimeout:
            return "no answer within the connect timeout";
        case httplib::Error::Read:
            return "the connection broke or timed out while reading the answer";
        case httplib::Error::Write:
            return "the connection broke while sending";
        case httplib::Error::SSLConnection:
            return "the secure connection (TLS) could not be set up";
        case httplib::Error::SSLLoadingCerts:
            return "the certificates to trust could not be loaded";
        case httplib::Error::SSLServerVerification:
            return "its certificate is not one this till trusts (not signed by the CA it was "
                   "given, or for another name): refused";
        default:
            return fmt::format("the request failed ({})", httplib::to_string(error));
    }
}

// A pinned link's check, and the fingerprint it last refused.
struct PinCheck {
    std::string pin;
    std::string seen;
};

// Replaces OpenSSL's chain check on a pinned link: the office's own certificate must have the
// pinned SHA-256, whoever signed it.
int CheckPinnedCertificate(X509_STORE_CTX* store, void* arg) {
    auto* check = static_cast<PinCheck*>(arg);
    X509* cert = X509_STORE_CTX_get0_cert(store);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (cert == nullptr || X509_digest(cert, EVP_sha256(), digest, &size) != 1) {
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    }
    const std::string seen = Hex(digest, size);
    if (seen == check->pin) return 1;
    check->seen = seen;
    X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
    return 0;
}

std::string EncodeAuth(const std::string& token) {
    return "Bearer " + token;
}

}  // namespace

struct OfficeClient::Impl {
    std::string url;
    OfficeTrust trust;
    std::unique_ptr<httplib::Client> client;
    PinCheck pin_check;
};

Result<std::string> ParsePinSha256(std::string_view text) {
    std::string hex;
    for (const char c : text) {
        if (c == ':') continue;
        const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (std::string_view(kHexDigits).find(lower) == std::string_view::npos) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                "a certificate fingerprint is 64 hex digits (colons allowed between them)",
                "pin_sha256"));
        }
        hex.push_back(lower);
    }
    if (hex.size() != 64) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("a SHA-256 fingerprint is 64 hex digits; this one has {}", hex.size()),
            "pin_sha256"));
    }
    return hex;
}

OfficeClient::OfficeClient(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OfficeClient::OfficeClient(OfficeClient&&) noexcept = default;
OfficeClient& OfficeClient::operator=(OfficeClient&&) noexcept = default;
OfficeClient::~OfficeClient() = default;

void OfficeClient::Interrupt() {
    m_impl->client->stop();
}

const std::string& OfficeClient::Url() const {
    return m_impl->url;
}

Result<OfficeClient> OfficeClient::Connect(std::string_view url, const OfficeTrust& trust,
                                           const ClientTimeouts& timeouts) {
    auto parsed = ParseOfficeUrl(url);
    if (!parsed) return std::unexpected(parsed.error());
    if (!trust.ca_file.empty() && !trust.pin_sha256.empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "trust the office by a CA file or by a pinned "
                                         "fingerprint, not both",
                                         "pin_sha256"));
    }
    if (!parsed->https && (!trust.ca_file.empty() || !trust.pin_sha256.empty())) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "a CA file or a pinned fingerprint is for an https:// "
                                         "office; this one is http://",
                                         "office_url"));
    }
    auto impl = std::make_unique<Impl>();
    impl->url = std::string(url);
    if (impl->url.ends_with('/')) impl->url.pop_back();
    impl->trust = trust;
    if (!trust.pin_sha256.empty()) {
        auto pin = ParsePinSha256(trust.pin_sha256);
        if (!pin) return std::unexpected(pin.error());
        impl->trust.pin_sha256 = *pin;
        impl->pin_check.pin = *pin;
    }
    if (!trust.ca_file.empty() && !std::filesystem::is_regular_file(trust.ca_file)) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("the CA file {} does not exist", trust.ca_file), "ca_file"));
    }
    const std::string host = parsed->host;
    impl->client = std::make_unique<httplib::Client>(
        fmt::format("{}://{}:{}", parsed->https ? "https" : "http", host, parsed->port));
    if (!impl->client->is_valid()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("\"{}\" is not an office address", url),
                                         "office_url"));
    }
    httplib::Client& client = *impl->client;
    client.set_connection_timeout(timeouts.connect);
    client.set_read_timeout(timeouts.read);
    client.set_write_timeout(timeouts.write);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    if (parsed->https) {
        if (!impl->trust.pin_sha256.empty()) {
            // httplib's own check (chain and host name) is off; the pin is checked in the
            // handshake instead, which fails when it does not match.
            client.enable_server_certificate_verification(false);
            SSL_CTX* ctx = client.ssl_context();
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
            SSL_CTX_set_cert_verify_callback(ctx, &CheckPinnedCertificate, &impl->pin_check);
        } else {
            if (!impl->trust.ca_file.empty()) client.set_ca_cert_path(impl->trust.ca_file);
            client.enable_server_certificate_verification(true);
        }
    }
    return OfficeClient(std::move(impl));
}

OfficeResult<OfficeAnswer> OfficeClient::Send(const OfficeRequest& request) {
    httplib::Client& client = *m_impl->client;
    httplib::Headers headers;
    if (!request.token.empty()) headers.emplace("Authorization", EncodeAuth(request.token));
    m_impl->pin_check.seen.clear();
    httplib::Result res = [&] {
        if (request.method == "POST")
            return client.Post(request.path, headers, request.body, "application/json");
        if (request.method == "DELETE") return client.Delete(request.path, headers);
        return client.Get(request.path, headers);
    }();
    if (!res) {
        std::string why = Words(res.error());
        if (!m_impl->pin_check.seen.empty()) {
            why = fmt::format(
                "its certificate's SHA-256 is {}, not the {} this till was paired to trust: "
                "refused",
                m_impl->pin_check.seen, m_impl->trust.pin_sha256);
        }
        return std::unexpected(OfficeFailure{
            FailureKind::kUnreachable,
            MakeError(ErrorCode::kDevice,
                      fmt::format("cannot reach the office at {}: {}", m_impl->url, why)),
            0, std::nullopt});
    }
    OfficeAnswer answer{res->status, res->body, std::nullopt};
    if (res->has_header("Retry-After")) {
        const std::string value = res->get_header_value("Retry-After");
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec == std::errc{} && end == value.data() + value.size() && seconds >= 0)
            answer.retry_after_s = seconds;
    }
    return answer;
}

OfficeFailure FailureFromAnswer(const OfficeAnswer& answer, std::string_view what) {
    const nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
    std::string words = fmt::format("HTTP {}", answer.status);
    std::string field;
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
        const nlohmann::json& error = body["error"];
        if (error.contains("message") && error["message"].is_string())
            words = "office says: " + error["message"].get<std::string>();
        if (error.contains("field") && error["field"].is_string())
            field = error["field"].get<std::string>();
    }
    FailureKind kind = FailureKind::kRefused;
    ErrorCode code = ErrorCode::kInvalidInput;
    if (answer.status == 401) {
        kind = FailureKind::kSignedOut;
        code = ErrorCode::kUnauthorized;
    } else if (answer.status == 408 || answer.status == 429 || answer.status >= 500) {
        kind = FailureKind::kBusy;
        code = ErrorCode::kStorage;
    } else if (answer.status == 403) {
        code = ErrorCode::kForbidden;
    } else if (answer.status == 409) {
        code = ErrorCode::kConflict;
    }
    return OfficeFailure{kind, MakeError(code, fmt::format("{}: {}", what, words), field),
                         answer.status, answer.retry_after_s};
}

}  // namespace tillbook::pos::office
