#include "tillbook/office/auth/auth_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <iostream>

#include "staff_store.hpp"
#include "tillbook/core/characters.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/password_hash.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office {

namespace {
constexpr int kStaffSession = 1;
constexpr int kTerminalSession = 2;

std::string RandomText(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                      raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

Error Unauthorized() {
    return MakeError(ErrorCode::kUnauthorized, "unknown username or wrong password");
}

Status CheckLength(const std::string& text, std::size_t max_bytes, const char* field) {
    if (text.size() <= max_bytes) return {};
    return std::unexpected(MakeError(
        ErrorCode::kInvalidInput, fmt::format("{} is at most {} bytes", field, max_bytes), field));
}

// Failed logins are counted per source address and username together, so that failures from
// elsewhere never lock a member of staff out where they work.
std::string ThrottleKey(const std::string& remote_address, const std::string& username) {
    return remote_address + '\x1f' + username;
}

// What failed pairing attempts are counted under; no username can be it (a-z, 0-9, '.-_').
constexpr const char* kPairingAttempts = "#pairing";

Status EndSessions(store::Database& db, int kind, const std::string& subject) {
    auto q = db.Prepare("DELETE FROM sessions WHERE kind = ? AND subject = ?");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, kind).Bind(2, subject).Run();
}
// A till paired before under an origin. It is signed in while it holds a session that has not
// expired; one that signed itself out, or was revoked, holds none.
struct EarlierTerminal {
    std::string id;
    bool revoked = false;
    bool signed_in = false;
};

Result<std::optional<EarlierTerminal>> FindEarlierTerminal(store::Database& db,
                                                           const std::string& origin,
                                                           std::int64_t now) {
    auto q = db.Prepare(
        "SELECT t.id, t.revoked_at IS NOT NULL, EXISTS (SELECT 1 FROM sessions s WHERE s.kind = ? "
        "AND s.subject = t.id AND s.expires_at >= ?) FROM terminals t WHERE t.origin = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, kTerminalSession).Bind(2, now).Bind(3, origin);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<EarlierTerminal>();
    const bool revoked = q->Int64(1) != 0;
    return EarlierTerminal{q->Text(0), revoked, !revoked && q->Int64(2) != 0};
}

// A till paired again under a name it had, with a manager's new code: the same terminal and
// origin, a revocation lifted, and the highest origin_seq the ledger holds of that origin, from
// which the till counts on so that its events never meet the earlier ones.
Status PairAgain(OfficeContext& context, WriteContext& w, const EarlierTerminal& earlier,
                 const std::string& terminal_name, std::int64_t now, PairedTerminal& paired) {
    paired.terminal_id = earlier.id;
    auto q = w.db.Prepare("UPDATE terminals SET paired_at = ?, revoked_at = NULL WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->Bind(1, now).Bind(2, earlier.id).Run(); !ok) return ok;
    auto next = ledger::Ledger(w.db).NextOriginSeq(paired.origin);
    if (!next) return std::unexpected(next.error());
    paired.last_origin_seq = *next - 1;
    return RecordReferenceChange(
        context, w, paired.origin,
        {"terminal", earlier.id, "re-paired",
         fmt::format("{} at {} paired again as {} ({} before); its events go on from origin_seq "
                     "{}",
                     terminal_name, paired.store_code, paired.origin,
                     earlier.revoked ? "revoked" : "signed out", paired.last_origin_seq + 1)});
}

}  // namespace

Status AuthService::EndStaffSessions(store::Database& db, const std::string& staff_id) {
    return EndSessions(db, kStaffSession, staff_id);
}

Status AuthService::EndTerminalSessions(store::Database& db, const std::string& terminal_id) {
    return EndSessions(db, kTerminalSession, terminal_id);
}

std::string AuthService::HashToken(const std::string& token) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

Result<IssuedToken> AuthService::IssueToken(int kind, const std::string& subject,
                                            std::int64_t valid_ms) {
    IssuedToken issued{RandomText(32), m_context.clock.Now() + valid_ms};
    const std::string hash = HashToken(issued.token);
    const std::int64_t now = m_context.clock.Now();
    auto written = m_context.writer.Run([&](WriteContext& w) -> Status {
        auto q = w.db.Prepare(
            "INSERT INTO sessions (token_hash, kind, subject, created_at, expires_at) VALUES (?, "
            "?, ?, ?, ?)");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, hash)
                          .Bind(2, kind)
                          .Bind(3, subject)
                          .Bind(4, now)
                          .Bind(5, issued.expires_at)
                          .Run();
            !ok)
            return ok;
        auto purge = w.db.Prepare("DELETE FROM sessions WHERE expires_at < ?");
        if (!purge) return std::unexpected(purge.error());
        return purge->Bind(1, now).Run();
    });
    if (!written) return std::unexpected(written.error());
    return issued;
}

std::optional<std::int64_t> AuthService::LockedUntil(const std::string& key) {
    std::lock_guard lock(m_failures_mutex);
    const auto found = m_failures.find(key);
    if (found == m_failures.end() || found->second.locked_until <= m_context.clock.Now())
        return std::nullopt;
    return found->second.locked_until;
}

std::int64_t AuthService::LockedForSeconds(const std::string& username,
                                           const std::string& remote_address) {
    const auto until = LockedUntil(ThrottleKey(remote_address, username));
    return until ? (*until - m_context.clock.Now() + 999) / 1000 : 0;
}

std::int64_t AuthService::PairingLockedForSeconds(const std::string& remote_address) {
    return LockedForSeconds(kPairingAttempts, remote_address);
}

void AuthService::RecordFailure(const std::string& username, const std::string& remote_address) {
    const std::string key = ThrottleKey(remote_address, username);
    std::lock_guard lock(m_failures_mutex);
    const std::int64_t now = m_context.clock.Now();
    if (m_failures.size() >= m_settings.max_tracked_usernames && !m_failures.contains(key)) {
        // A linear scan, only when the table is full; each failure has cost an argon2id hash.
        const auto oldest = std::min_element(
            m_failures.begin(), m_failures.end(), [](const auto& a, const auto& b) {
                return a.second.last_failed_at < b.second.last_failed_at;
            });
        if (oldest != m_failures.end()) m_failures.erase(oldest);
    }
    Failures& failures = m_failures[key];
    ++failures.count;
    failures.last_failed_at = now;
    if (failures.count > m_settings.free_failures) {
        const int doublings = std::min(failures.count - m_settings.free_failures - 1, 20);
        const std::int64_t wait =
            std::min<std::int64_t>(1000LL << doublings, m_settings.max_lockout_ms);
        failures.locked_until = now + wait;
    }
    std::cerr << fmt::format("auth: failed sign-in for {} from {} ({} in a row)\n",
                             text::QuoteForLog(username, 100),
                             text::QuoteForLog(remote_address, 64), failures.count);
}

Result<IssuedToken> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& remote_address) {
    if (auto ok = CheckLength(username, kMaxUsernameBytes, "username"); !ok)
        return std::unexpected(ok.error());
    if (auto ok = CheckLength(password, kMaxPasswordBytes, "password"); !ok)
        return std::unexpected(ok.error());
    if (const std::int64_t seconds = LockedForSeconds(username, remote_address); seconds > 0) {
        return std::unexpected(
            MakeError(ErrorCode::kTooManyRequests,
                      fmt::format("too many failed logins; try again in {} s", seconds)));
    }
    std::optional<staff::StaffMember> member;
    bool ok = false;
    {
        // A turn at the gate before anything is read: a flood is refused cheaply.
        auto turn = m_hashing.Enter();
        if (!turn) return std::unexpected(turn.error());
        auto db = m_context.ReadDb();
        if (!db) return std::unexpected(db.error());
        auto found = FindStaff(**db, username);
        if (!found) return std::unexpected(found.error());
        member = std::move(*found);
        // Hash even for an unknown username, so timing does not tell which usernames exist.
        static const std::string kDummy = HashSecret("not a real password").value_or("");
        ok = VerifySecret(member ? member->password_hash : kDummy, password);
    }  // the turn ends: the next sign-in may hash
    if (!member || !ok || !member->active) {
        RecordFailure(username, remote_address);
        return std::unexpected(Unauthorized());
    }
    {
        std::lock_guard lock(m_failures_mutex);
        m_failures.erase(ThrottleKey(remote_address, username));
    }
    return IssueToken(kStaffSession, member->id, m_settings.staff_session_ms);
}

Status AuthService::Logout(const std::string& token) {
    const std::string hash = HashToken(token);
    return m_context.writer.Run([&](WriteContext& w) -> Status {
        auto q = w.db.Prepare("DELETE FROM sessions WHERE token_hash = ?");
        if (!q) return std::unexpected(q.error());
        return q->Bind(1, hash).Run();
    });
}

Result<http::Caller> AuthService::Authenticate(const std::string& token) {
    if (token.empty())
        return std::unexpected(
            MakeError(ErrorCode::kUnauthorized, "sign in first (Authorization: Bearer TOKEN)"));
    auto db = m_context.ReadDb();
    if (!db) return std::unexpected(db.error());
    auto q = (*db)->Prepare(
        "SELECT s.kind, s.subject, s.expires_at, st.role, st.active, t.origin, t.store_code, "
        "t.revoked_at FROM sessions s "
        "LEFT JOIN staff st ON s.kind = 1 AND st.id = s.subject "
        "LEFT JOIN terminals t ON s.kind = 2 AND t.id = s.subject WHERE s.token_hash = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, HashToken(token));
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row || q->Int64(2) < m_context.clock.Now()) {
        return std::unexpected(MakeError(ErrorCode::kUnauthorized,
                                         "the token is unknown or has expired; sign in again"));
    }
    http::Caller caller;
    caller.id = q->Text(1);
    caller.expires_at = q->Int64(2);
    if (q->Int64(0) == kStaffSession) {
        if (q->IsNull(3) || q->Int64(4) == 0)
            return std::unexpected(MakeError(ErrorCode::kUnauthorized, "this account is disabled"));
        caller.kind = http::Caller::Kind::kStaff;
        caller.role = static_cast<staff::Role>(q->Int64(3));
    } else {
        if (q->IsNull(5))
            return std::unexpected(
                MakeError(ErrorCode::kUnauthorized, "this terminal is no longer paired"));
        if (!q->IsNull(7))
            return std::unexpected(
                MakeError(ErrorCode::kUnauthorized, "this terminal was revoked; pair a new one"));
        caller.kind = http::Caller::Kind::kTerminal;
        caller.origin = q->Text(5);
        caller.store_code = q->Text(6);
    }
    return caller;
}

Result<std::string> AuthService::CreatePairingCode(const std::string& store_code,
                                                   std::int64_t valid_ms,
                                                   const std::string& actor) {
    auto db = m_context.ReadDb();
    if (!db) return std::unexpected(db.error());
    auto location = store::FindLocationByCode(**db, store_code);
    if (!location) return std::unexpected(location.error());
    if (!*location || (*location)->kind != stock::LocationKind::kStore) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, fmt::format("no store with the code {}", store_code), "store"));
    }
    // 12 digits in groups of four: typed on a till's keypad.
    std::string code;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0) code += '-';
        code += static_cast<char>('0' + randombytes_uniform(10));
    }
    const std::string hash = HashToken(code);
    const std::int64_t expires = m_context.clock.Now() + valid_ms;
    auto written = m_context.writer.Run([&](WriteContext& w) -> Status {
        auto q = w.db.Prepare(
            "INSERT INTO pairing_codes (code_hash, store_code, expires_at) VALUES (?, ?, ?)");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, hash).Bind(2, store_code).Bind(3, expires).Run(); !ok) return ok;
        return RecordReferenceChange(
            m_context, w, actor,
            {"pairing_code", store_code, "created",
             fmt::format("a one-time code for a new till at {}, valid {} minutes", store_code,
                         valid_ms / 60'000)});
    });
    if (!written) return std::unexpected(written.error());
    return code;
}

Result<PairedTerminal> AuthService::Pair(const std::string& code, const std::string& terminal_name,
                                         const std::string& remote_address) {
    if (auto ok = CheckLength(code, kMaxPairingCodeBytes, "code"); !ok)
        return std::unexpected(ok.error());
    if (const std::int64_t seconds = PairingLockedForSeconds(remote_address); seconds > 0) {
        return std::unexpected(
            MakeError(ErrorCode::kTooManyRequests,
                      fmt::format("too many wrong pairing codes; try again in {} s", seconds)));
    }
    const bool good_name =
        !terminal_name.empty() && terminal_name.size() <= kMaxTerminalNameBytes &&
        std::all_of(terminal_name.begin(), terminal_name.end(),
                    [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
    if (!good_name) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "a terminal name is 1 to 16 of A-Z and 0-9 (\"T1\")",
                                         "name"));
    }
    const std::string hash = HashToken(code);
    const std::int64_t now = m_context.clock.Now();
    PairedTerminal paired;
    paired.terminal_id = m_context.ids.NextString();
    auto written = m_context.writer.Run([&](WriteContext& w) -> Status {
        auto q = w.db.Prepare(
            "SELECT store_code, expires_at, used_at FROM pairing_codes WHERE code_hash = ?");
        if (!q) return std::unexpected(q.error());
        q->Bind(1, hash);
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row || q->Int64(1) < now || !q->IsNull(2)) {
            return std::unexpected(MakeError(
                ErrorCode::kUnauthorized, "the pairing code is unknown, used or expired", "code"));
        }
        paired.store_code = q->Text(0);
        paired.origin = ledger::TerminalOrigin(paired.store_code, terminal_name);
        auto earlier = FindEarlierTerminal(w.db, paired.origin, now);
        if (!earlier) return std::unexpected(earlier.error());
        if (*earlier && (*earlier)->signed_in) {
            return std::unexpected(
                MakeError(ErrorCode::kConflict,
                          fmt::format("store {} already has a terminal {}, signed in; sign it out "
                                      "or revoke it to pair another till under its name",
                                      paired.store_code, terminal_name),
                          "name"));
        }
        auto use = w.db.Prepare("UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?");
        if (!use) return std::unexpected(use.error());
        if (auto ok = use->Bind(1, now).Bind(2, hash).Run(); !ok) return ok;
        if (*earlier) return PairAgain(m_context, w, **earlier, terminal_name, now, paired);
        auto insert = w.db.Prepare(
            "INSERT INTO terminals (id, store_code, name, origin, paired_at) VALUES (?, ?, ?, ?, "
            "?)");
        if (!insert) return std::unexpected(insert.error());
        if (auto ok = insert->Bind(1, paired.terminal_id)
                          .Bind(2, paired.store_code)
                          .Bind(3, terminal_name)
                          .Bind(4, paired.origin)
                          .Bind(5, now)
                          .Run();
            !ok) {
            return std::unexpected(MakeError(
                ErrorCode::kConflict,
                fmt::format("store {} already has a terminal {}", paired.store_code, terminal_name),
                "name"));
        }
        return RecordReferenceChange(m_context, w, paired.origin,
                                     {"terminal", paired.terminal_id, "created",
                                      fmt::format("{} at {} paired as {}", terminal_name,
                                                  paired.store_code, paired.origin)});
    });
    if (!written) {
        if (written.error().code == ErrorCode::kUnauthorized)
            RecordFailure(kPairingAttempts, remote_address);
        return std::unexpected(written.error());
    }
    auto token = IssueToken(kTerminalSession, paired.terminal_id, m_settings.terminal_session_ms);
    if (!token) return std::unexpected(token.error());
    paired.token = *token;
    return paired;
}

}  // namespace tillbook::office
