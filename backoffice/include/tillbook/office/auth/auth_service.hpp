#pragma once
// Sessions for staff (username + password) and terminals (a one-time pairing code), bearer tokens
// of which only a SHA-256 is stored, and the slowing of repeated failed logins.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/office/auth/hashing_gate.hpp"
#include "tillbook/office/http/api.hpp"
#include "tillbook/office/office_context.hpp"

namespace tillbook::office {

// The longest sign-in and pairing fields accepted (docs/api.md, "Limits"); longer ones are
// refused before anything is kept, hashed or logged.
inline constexpr std::size_t kMaxUsernameBytes = 64;      // as a staff username is
inline constexpr std::size_t kMaxPasswordBytes = 256;     // passwords are set at 10 to 200
inline constexpr std::size_t kMaxPairingCodeBytes = 32;   // codes are "1234-5678-9012"
inline constexpr std::size_t kMaxTerminalNameBytes = 16;  // "T1"
inline constexpr std::size_t kMaxStoreCodeBytes = 32;     // "S01"

struct AuthSettings {
    std::int64_t staff_session_ms = 12LL * 3600 * 1000;           // a working day
    std::int64_t terminal_session_ms = 400LL * 24 * 3600 * 1000;  // re-pair yearly
    int free_failures = 3;  // then each failure doubles the wait
    std::int64_t max_lockout_ms = 15LL * 60 * 1000;
    // Pairs of address and username whose failures are remembered; beyond it, the pair that
    // failed longest ago is forgotten.
    std::size_t max_tracked_usernames = 10'000;
    // How many sign-ins may hash at once and wait for a turn (hashing_gate.hpp).
    HashingLimits hashing;
};

struct IssuedToken {
    std::string token;
    std::int64_t expires_at = 0;
};

struct PairedTerminal {
    std::string terminal_id;
    std::string origin;
    std::string store_code;
    IssuedToken token;
    // The highest origin_seq the ledger holds of the origin: 0 for a new till, else the till's
    // next event is this + 1.
    std::int64_t last_origin_seq = 0;
};

class AuthService {
  public:
    AuthService(OfficeContext& context, AuthSettings settings = {})
        : m_context(context), m_settings(settings), m_hashing(settings.hashing) {}

    // kUnauthorized for a wrong username or password (the same words for both), kTooManyRequests
    // while that username is locked out at that address after repeated failures from it or while
    // too many sign-ins are hashing (Hashing().RetryAfterSeconds()), kInvalidInput for a username
    // or password longer than kMaxUsernameBytes or kMaxPasswordBytes.
    [[nodiscard]] Result<IssuedToken> Login(const std::string& username,
                                            const std::string& password,
                                            const std::string& remote_address);
    // How long that username stays locked out at that address, in whole seconds (0: it is not).
    [[nodiscard]] std::int64_t LockedForSeconds(const std::string& username,
                                                const std::string& remote_address);
    // The gate every request's argon2id hash goes through, sign-ins' and new passwords' alike.
    [[nodiscard]] HashingGate& Hashing() { return m_hashing; }
    // The same for pairing attempts from that address.
    [[nodiscard]] std::int64_t PairingLockedForSeconds(const std::string& remote_address);
    [[nodiscard]] Status Logout(const std::string& token);
    // The caller a bearer token stands for, or kUnauthorized (unknown or expired).
    [[nodiscard]] Result<http::Caller> Authenticate(const std::string& token);

    // A one-time code (valid `valid_ms`) with which a new till pairs itself for `store_code`,
    // recorded as a reference change by `actor` (the command line is "system").
    [[nodiscard]] Result<std::string> CreatePairingCode(const std::string& store_code,
                                                        std::int64_t valid_ms,
                                                        const std::string& actor = "system");
    // A name paired at the store before keeps its terminal and origin: while that till is signed
    // in it is kConflict; after it signed itself out or was revoked, a manager's new code pairs a
    // till under it again (the revocation lifted, a "re-paired" audit), and the till's events go
    // on from last_origin_seq + 1.
    // Wrong codes are counted per address like failed logins: kTooManyRequests while that
    // address is slowed (PairingLockedForSeconds).
    [[nodiscard]] Result<PairedTerminal> Pair(const std::string& code,
                                              const std::string& terminal_name,
                                              const std::string& remote_address);

    // Ends every session of a member of staff or of a terminal, inside the caller's writer job.
    [[nodiscard]] static Status EndStaffSessions(store::Database& db, const std::string& staff_id);
    [[nodiscard]] static Status EndTerminalSessions(store::Database& db,
                                                    const std::string& terminal_id);

    // SHA-256 of a token, hex: what the sessions table keeps.
    [[nodiscard]] static std::string HashToken(const std::string& token);

  private:
    [[nodiscard]] Result<IssuedToken> IssueToken(int kind, const std::string& subject,
                                                 std::int64_t valid_ms);
    [[nodiscard]] std::optional<std::int64_t> LockedUntil(const std::string& key);
    void RecordFailure(const std::string& username, const std::string& remote_address);

    OfficeContext& m_context;
    AuthSettings m_settings;
    HashingGate m_hashing;
    std::mutex m_failures_mutex;
    struct Failures {
        int count = 0;
        std::int64_t locked_until = 0;
        std::int64_t last_failed_at = 0;
    };
    std::map<std::string, Failures> m_failures;  // by address and username (ThrottleKey)
};

}  // namespace tillbook::office
