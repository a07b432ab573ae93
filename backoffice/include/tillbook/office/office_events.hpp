#pragma once
// Events the back office itself makes (origin "office"): appended inside a writer job, numbered
// by the office's own origin sequence, with the actor who asked for them.
#include <string>

#include "tillbook/ledger/event.hpp"
#include "tillbook/office/ledger_writer.hpp"
#include "tillbook/office/office_context.hpp"
#include "tillbook/services/ledger_session.hpp"

namespace tillbook::office {

[[nodiscard]] Result<ledger::Appended> AppendOfficeEvent(OfficeContext& context, WriteContext& w,
                                                         const std::string& actor,
                                                         ledger::EventPayload payload);
// The same in the caller's transaction on `ledger`, for the command line, which runs no server.
[[nodiscard]] Result<ledger::Appended> AppendOfficeEvent(ledger::Ledger& ledger,
                                                         const ids::Clock& clock,
                                                         ids::IdSource& ids,
                                                         const std::string& actor,
                                                         ledger::EventPayload payload);

// The audit record of a change to reference data (catalogue, staff, terminals, channels), written
// in the same writer job as the change itself: who changed what. `detail` never holds a secret.
[[nodiscard]] Status RecordReferenceChange(OfficeContext& context, WriteContext& w,
                                           const std::string& actor,
                                           ledger::ReferenceChanged change);

// The back office's sink for the shop's use cases (shared/services): each runs as one job of the
// writer, in its group commit, and its events come from the office's origin.
class OfficeSink final : public services::EventSink {
  public:
    explicit OfficeSink(OfficeContext& context) : m_context(context) {}
    [[nodiscard]] Status Run(const ledger::Actor& actor, const Work& work) override;

  private:
    OfficeContext& m_context;
};

}  // namespace tillbook::office
