#pragma once
// Where events are made: a till ("terminal:S01-T2"), a channel's importer ("channel:shopify") or
// the back office itself ("office"). Every event made anywhere comes from an Origin: a fresh id,
// the origin's next sequence number (1, 2, 3, ...), the clock's time and the actor who made it.
#include <string>
#include <string_view>

#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/ledger.hpp"

namespace tillbook::ledger {

// Who made an event: the member of staff (or "system"), and the manager who approved it where it
// needed an approval. A plain staff id is an actor with no approver.
struct Actor {
    Actor(std::string_view staff_id) : staff(staff_id) {}    // NOLINT(google-explicit-constructor)
    Actor(const std::string& staff_id) : staff(staff_id) {}  // NOLINT(google-explicit-constructor)
    Actor(const char* staff_id) : staff(staff_id) {}         // NOLINT(google-explicit-constructor)
    Actor(std::string_view staff_id, std::string_view approver_id)
        : staff(staff_id), approver(approver_id) {}
    std::string staff;
    std::string approver;  // empty: no approval was needed
    std::string via;       // the till the back office records for (Event::via); empty: none
};

class Origin {
  public:
    Origin(std::string name, const ids::Clock& clock, ids::IdSource& ids)
        : m_name(std::move(name)), m_clock(clock), m_ids(ids) {}

    [[nodiscard]] const std::string& Name() const { return m_name; }

    // The next event made here, numbered after the last one of this origin in `ledger` (within
    // the caller's transaction, if one is open).
    [[nodiscard]] Result<Event> Next(Ledger& ledger, const Actor& actor,
                                     EventPayload payload) const;

    // Makes the next event and appends it in the caller's transaction.
    [[nodiscard]] Result<Appended> AppendInCurrentTransaction(Ledger& ledger, const Actor& actor,
                                                              EventPayload payload) const;

  private:
    std::string m_name;
    const ids::Clock& m_clock;
    ids::IdSource& m_ids;
};

// The names of origins, made and read in one place.
inline constexpr std::string_view kTerminalOriginPrefix = "terminal:";
[[nodiscard]] std::string TerminalOrigin(std::string_view store_code, std::string_view terminal);
[[nodiscard]] std::string ChannelOrigin(std::string_view channel);
inline constexpr std::string_view kOfficeOrigin = "office";
// A till's origin ("terminal:S01-T1"), and its "S01-T1" (else the origin as it is).
[[nodiscard]] inline bool IsTerminalOrigin(std::string_view origin) {
    return origin.starts_with(kTerminalOriginPrefix);
}
[[nodiscard]] std::string_view TerminalOfOrigin(std::string_view origin);

}  // namespace tillbook::ledger
