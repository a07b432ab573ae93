#pragma once
// Takes one channel order (API call or webhook) into the ledger exactly once: the first delivery
// places the order, takes the channel's payment, and reserves stock at the serving locations in
// priority order, never more than is available (what cannot be reserved is flagged as short).
// Re-deliveries and re-imports update the same order, never duplicate it: the same payload or an
// older version changes nothing; a newer one records its channel refunds once (by refund id),
// cancels the order if the channel did, else amends it (OrderAmended, then reserves what the new
// lines need beyond what is still reserved) while nothing is picked, and only flags it, naming
// what changed, once picking has started. Unknown SKUs, bad money, a missing address: imported
// with the reason, never dropped.
#include <optional>
#include <string>
#include <vector>

#include "tillbook/office/channels/imported_order.hpp"
#include "tillbook/office/office_context.hpp"

namespace tillbook::office::channels {

struct ImportOutcome {
    std::string order_id;
    bool created = false;  // false: we had it already (re-delivery or re-import)
};

class ImportService {
  public:
    explicit ImportService(OfficeContext& context) : m_context(context) {}

    // `delivery_id`: a webhook delivery's id that its retries keep (Shopify's
    // X-Shopify-Webhook-Id), when there is one: a delivery already taken is answered with its order
    // and changes nothing, whatever its body.
    [[nodiscard]] Result<ImportOutcome> Import(Channel channel, std::string_view body,
                                               const std::string& actor,
                                               const std::string& delivery_id = {});

  private:
    // The order by its channel's id: placed, amended, or left as it is.
    [[nodiscard]] Status ImportInto(WriteContext& w, const std::string& code,
                                    ImportedOrder& imported, const std::string& payload_hash,
                                    const std::string& actor, ImportOutcome& outcome);

    OfficeContext& m_context;
};

}  // namespace tillbook::office::channels
