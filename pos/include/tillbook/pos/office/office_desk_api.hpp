#pragma once
// The returns desk's two calls to the back office (docs/sync-protocol.md, "The returns desk"):
// an order of any channel looked up by what the customer brought, and the goods of an order the
// till did not make received back at the till's store. Each carries its bytes through an
// OfficeClient; neither touches the till's database.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/orders/returns.hpp"
#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/office/office_client.hpp"
#include "tillbook/queries/order_detail.hpp"

namespace tillbook::pos::office {

// GET /api/v1/orders/lookup?code=…: a receipt's or packing slip's barcode, an order number of any
// channel, our id. A 404 is a kRefused failure with the office's words ("no order #1042").
[[nodiscard]] OfficeResult<queries::OrderDetail> LookupOrderAtOffice(OfficeClient& client,
                                                                     const std::string& token,
                                                                     std::string_view code);

// GET /api/v1/orders/search?email=… or ?date=YYYY-MM-DD&tz=…: orders of every channel, newest
// first. A 400 (a malformed e-mail or day) is a kRefused failure with the office's words.
[[nodiscard]] OfficeResult<std::vector<queries::OrderSearchHit>> SearchOrdersAtOffice(
    OfficeClient& client, const std::string& token, const app::OrderSearchRequest& search);

// What the till sends: the goods back (the return's id made at the till; its location the till's
// store), who received them and who approved, and a refund the office makes itself (to the
// channel the order was paid on), if any.
struct ReturnForOffice {
    orders::Return ret;
    std::string actor;
    std::string approver;
    std::optional<orders::Refund> refund;  // Tender::kChannel only: the till pays out nothing
};

struct ReturnAtOffice {
    std::string return_id;
    std::int64_t value_minor = 0;     // what the goods are worth, as the office valued them
    std::int64_t refunded_minor = 0;  // what the office refunded itself (to the channel)
};

// POST /api/v1/till/returns. Sent again after a lost answer, the same return is answered as
// recorded (200), never recorded twice.
[[nodiscard]] OfficeResult<ReturnAtOffice> ReceiveReturnAtOffice(OfficeClient& client,
                                                                 const std::string& token,
                                                                 const ReturnForOffice& request);

// The JSON of ReturnsDeskOrderJson (the back office's lookup answer) read back.
[[nodiscard]] Result<queries::OrderDetail> OrderDetailFromJson(const nlohmann::json& json);

}  // namespace tillbook::pos::office
