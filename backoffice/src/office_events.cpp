#include "office_events.hpp"

namespace tillbook::office {

Result<ledger::Appended> AppendOfficeEvent(OfficeContext& context, WriteContext& w,
                                           const std::string& actor, ledger::EventPayload payload) {
    auto seq = w.ledger.NextOriginSeq("office");
    if (!seq) return std::unexpected(seq.error());
    return w.ledger.AppendInCurrentTransaction(
        {context.ids.NextString(), "office", *seq, actor, context.clock.Now(), std::move(payload)});
}

Status RecordReferenceChange(OfficeContext& context, WriteContext& w, const std::string& actor,
                             ledger::ReferenceChanged change) {
    auto appended = AppendOfficeEvent(context, w, actor, std::move(change));
    if (!appended) return std::unexpected(appended.error());
    return {};
}

}  // namespace tillbook::office
