#include "tillbook/pos/office/till_pairing.hpp"

#include <fmt/format.h>

#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/pos/office/office_api.hpp"
#include "tillbook/pos/office/sync_round.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::office {

namespace {

// A journal that holds events of `origin` keeps that origin: they are its events for good.
Status CheckJournalIsEmpty(store::Database& db, const std::string& origin) {
    auto q = db.Prepare("SELECT count(*) FROM ledger WHERE origin = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, origin);
    if (auto row = q->Step(); !row) return std::unexpected(row.error());
    if (q->Int64(0) == 0) return {};
    return std::unexpected(MakeError(
        ErrorCode::kConflict,
        fmt::format("this till's journal holds {} event{} of {}; it cannot become another till",
                    q->Int64(0), q->Int64(0) == 1 ? "" : "s", origin),
        "name"));
}

// A till paired before may pair again only when the office signed it out, under its own name at
// its own store (its journal's origin is its name for good). A till set up by hand (init) may
// pair under another name only while its journal is empty.
Status CheckMayPair(store::Database& db, const PairingRequest& request) {
    auto link = LoadOfficeLink(db);
    if (!link) return std::unexpected(link.error());
    if (!*link) {
        auto store_code = store::GetSetting(db, "till.store_code");
        if (!store_code) return std::unexpected(store_code.error());
        auto terminal = store::GetSetting(db, "till.terminal");
        if (!terminal) return std::unexpected(terminal.error());
        if (!*store_code || !*terminal || **terminal == request.name) return {};
        return CheckJournalIsEmpty(db, ledger::TerminalOrigin(**store_code, **terminal));
    }
    if (!(*link)->signed_out) {
        return std::unexpected(MakeError(
            ErrorCode::kConflict,
            fmt::format("this till is already paired with the office at {} as {}; nothing was "
                        "changed",
                        (*link)->url, (*link)->origin)));
    }
    if (TerminalName(**link) != request.name) {
        return std::unexpected(
            MakeError(ErrorCode::kConflict,
                      fmt::format("this till was {}; it can only be paired again under the name {}",
                                  (*link)->origin, TerminalName(**link)),
                      "name"));
    }
    return {};
}

Status KeepLink(store::Database& db, const OfficeLink& link, std::int64_t last_origin_seq) {
    auto tx = store::Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto ok = SaveOfficeLink(db, link); !ok) return ok;
    if (last_origin_seq > 0) {
        // The office holds events of this name this database does not: the journal counts on
        // after them (ledger::Ledger::NextOriginSeq).
        if (auto ok = store::PutSetting(db, ledger::OriginSeqFloorKey(link.origin),
                                        std::to_string(last_origin_seq));
            !ok)
            return ok;
    }
    return tx->Commit();
}

Result<std::int64_t> Count(store::Database& db, std::string_view sql) {
    return db.QueryInt64(sql);
}

}  // namespace

std::string TerminalName(const OfficeLink& link) {
    const std::string prefix = ledger::TerminalOrigin(link.store_code, "");
    return link.origin.starts_with(prefix) ? link.origin.substr(prefix.size()) : std::string();
}

Status EnsureTillIdentity(store::Database& db, const OfficeLink& link) {
    auto store_code = store::GetSetting(db, "till.store_code");
    if (!store_code) return std::unexpected(store_code.error());
    auto terminal = store::GetSetting(db, "till.terminal");
    if (!terminal) return std::unexpected(terminal.error());
    if (*store_code && *terminal) {
        if (**store_code == link.store_code && **terminal == TerminalName(link)) return {};
        if (auto ok = CheckJournalIsEmpty(db, ledger::TerminalOrigin(**store_code, **terminal));
            !ok)
            return ok;
    }
    return TillJournal::Setup(db, link.store_code, TerminalName(link));
}

Result<PairedTill> PairTill(store::Database& db, const PairingRequest& request,
                            const ids::Clock& clock, const ClientTimeouts& timeouts) {
    if (auto ok = CheckMayPair(db, request); !ok) return std::unexpected(ok.error());
    auto client = OfficeClient::Connect(request.office_url, request.trust, timeouts);
    if (!client) return std::unexpected(client.error());
    auto answer = PairWithOffice(*client, request.code, request.name);
    if (!answer) return std::unexpected(answer.error().error);
    auto before = LoadOfficeLink(db);
    if (!before) return std::unexpected(before.error());
    if (*before && (*before)->origin != answer->origin) {
        return std::unexpected(MakeError(
            ErrorCode::kConflict,
            fmt::format("the office paired this till as {}, but its journal is {}'s; nothing was "
                        "changed on the till",
                        answer->origin, (*before)->origin)));
    }

    OfficeLink link;
    link.url = client->Url();
    link.trust = request.trust;
    if (!link.trust.pin_sha256.empty()) {
        auto pin = ParsePinSha256(link.trust.pin_sha256);
        if (!pin) return std::unexpected(pin.error());
        link.trust.pin_sha256 = *pin;
    }
    link.token = answer->token;
    link.terminal_id = answer->terminal_id;
    link.origin = answer->origin;
    link.store_code = answer->store;
    link.paired_at = clock.Now();
    if (auto ok = KeepLink(db, link, answer->last_origin_seq); !ok)
        return std::unexpected(ok.error().WithContext("keeping the office's link"));

    // Everything the till needs, before it sells: nothing is pushed yet (a new till has nothing).
    auto round = RunSyncRound(db, *client, clock);
    if (!round) return std::unexpected(round.error());
    if (round->failure) {
        return std::unexpected(round->failure->error.WithContext(
            "paired, but the first pull failed (tillbook-pos sync finishes it)"));
    }
    if (auto ok = EnsureTillIdentity(db, link); !ok) return std::unexpected(ok.error());

    PairedTill paired;
    paired.origin = link.origin;
    paired.store_code = link.store_code;
    paired.last_origin_seq = answer->last_origin_seq;
    auto store = store::FindLocationByCode(db, link.store_code);
    if (!store) return std::unexpected(store.error());
    if (*store) paired.store_name = (*store)->name;
    auto skus = Count(db, "SELECT count(*) FROM skus WHERE active = 1");
    if (!skus) return std::unexpected(skus.error());
    paired.skus = *skus;
    auto staff = Count(db, "SELECT count(*) FROM staff WHERE active = 1");
    if (!staff) return std::unexpected(staff.error());
    paired.staff = *staff;
    return paired;
}

}  // namespace tillbook::pos::office
