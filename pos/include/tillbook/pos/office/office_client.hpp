#pragma once
// The till's HTTP(S) client for the back office: cpp-httplib behind plain request and answer
// structs. Nothing here throws; a request that gets no answer is an OfficeFailure in words
// ("cannot reach the office at http://127.0.0.1:8080: connection refused").
//
// Over HTTPS the till trusts the office by a CA file (PEM), by the SHA-256 fingerprint of the
// office's own certificate (pinned), or else by the system's CAs. A certificate that does not
// pass is refused, and the failure says so.
#include <chrono>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::pos::office {

// How an https:// office is trusted. At most one of the two; neither: the system's CAs.
struct OfficeTrust {
    std::string ca_file;     // a PEM file of the CA (or the office's certificate itself)
    std::string pin_sha256;  // 64 lowercase hex digits: SHA-256 of the office's certificate (DER)
    friend bool operator==(const OfficeTrust&, const OfficeTrust&) = default;
};

// "AB:CD:…" or "abcd…" (64 hex digits, colons allowed) as 64 lowercase hex digits.
[[nodiscard]] Result<std::string> ParsePinSha256(std::string_view text);

// Why a request got no useful answer, for the sync worker to decide what to do next.
enum class FailureKind : int {
    kUnreachable = 1,  // no answer: connection refused, timed out, TLS failed
    kBusy = 2,         // 5xx, 503 with Retry-After, 408: try again later
    kSignedOut = 3,    // 401: the till's token is no longer good (revoked or signed out)
    kRefused = 4,      // another 4xx, or an answer the till cannot read: retrying will not help
};

struct OfficeFailure {
    FailureKind kind = FailureKind::kUnreachable;
    Error error;     // in words; the office's own message when it sent one
    int status = 0;  // the HTTP status, 0 when there was no answer
    std::optional<std::int64_t> retry_after_s;  // the office's Retry-After, in seconds
};

template <class T>
using OfficeResult = std::expected<T, OfficeFailure>;

struct OfficeRequest {
    std::string method;  // "GET", "POST" or "DELETE"
    std::string path;    // "/api/v1/sync/pull?since=…"
    std::string body;    // JSON, for POST
    std::string token;   // the till's bearer token; empty for pairing
};

struct OfficeAnswer {
    int status = 0;
    std::string body;
    std::optional<std::int64_t> retry_after_s;
};

struct ClientTimeouts {
    std::chrono::milliseconds connect{3000};
    std::chrono::milliseconds read{15000};
    std::chrono::milliseconds write{15000};
};

class OfficeClient {
  public:
    // Checks the URL (http:// or https://, a host, an optional port, nothing after but "/") and
    // the trust (a CA file that exists, a pin of 64 hex digits, either only for https://).
    [[nodiscard]] static Result<OfficeClient> Connect(std::string_view url,
                                                      const OfficeTrust& trust,
                                                      const ClientTimeouts& timeouts = {});
    OfficeClient(OfficeClient&&) noexcept;
    OfficeClient& operator=(OfficeClient&&) noexcept;
    ~OfficeClient();

    // Any answer the office gave, whatever its status; kUnreachable when there was none.
    [[nodiscard]] OfficeResult<OfficeAnswer> Send(const OfficeRequest& request);

    // From another thread: cuts the request under way short (it fails as kUnreachable), so that
    // a worker told to stop does not wait out a read timeout.
    void Interrupt();

    // The URL as given, without a trailing "/".
    [[nodiscard]] const std::string& Url() const;

  private:
    struct Impl;
    explicit OfficeClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// An answer that is not 2xx, as a failure: its kind from the status, its words from the office's
// error body ("office says: the pairing code is unknown or used") or the status.
[[nodiscard]] OfficeFailure FailureFromAnswer(const OfficeAnswer& answer, std::string_view what);

}  // namespace tillbook::pos::office
