#include "routes/order_json.hpp"

#include "routes/shop_names.hpp"
#include "staff_store.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/services/order_fulfilment.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

using nlohmann::json;

namespace {

// A quantity in units: whole units as a number (2); a fraction, as weighed goods have, as the
// decimal FormatQuantity writes ("0.25" for 250 g), so that nothing is rounded away.
json QuantityJson(std::int64_t milli) {
    if (const auto units = orders::ExactUnits(milli)) return *units;
    return orders::FormatQuantity(milli);
}

json TimeJson(const std::optional<ids::UtcMillis>& at) {
    return at ? json(ids::FormatIso8601(*at)) : json(nullptr);
}

json LinesJson(const std::vector<queries::OrderDetailLine>& order_lines) {
    json lines = json::array();
    for (const queries::OrderDetailLine& line : order_lines) {
        lines.push_back({{"line_no", line.line_no},
                         {"kind", static_cast<int>(line.kind)},
                         {"sku", line.sku},
                         {"description", line.description},
                         {"quantity", QuantityJson(line.quantity)},
                         {"quantity_milli", line.quantity},
                         {"unit_price_minor", line.unit_price_minor},
                         {"discount_minor", line.discount_minor},
                         {"total_minor", line.total_minor},
                         {"tax_minor", line.tax_minor},
                         {"returned_quantity_milli", line.returned_quantity}});
    }
    return lines;
}

}  // namespace

json ReturnsDeskOrderJson(const queries::OrderDetail& order) {
    return {{"id", order.id},
            {"channel", order.channel},
            {"external_id", order.external_id},
            {"number", order.number},
            {"currency", order.currency},
            {"total_minor", order.total_minor},
            {"tax_minor", order.tax_minor},
            {"paid_minor", order.paid_minor},
            {"refunded_minor", order.refunded_minor},
            {"status", std::string(orders::ToString(order.status))},
            {"placed_at", ids::FormatIso8601(order.placed_at)},
            {"lines", LinesJson(order.lines)}};
}

// The money taken and given back on an order, oldest first.
json PaymentsJson(const std::vector<queries::OrderPayment>& taken) {
    json payments = json::array();
    for (const queries::OrderPayment& payment : taken) {
        payments.push_back({{"seq", payment.seq},
                            {"tender", TenderName(payment.tender)},
                            {"amount_minor", payment.amount_minor},
                            {"tendered_minor", payment.tendered_minor},
                            {"reference", payment.reference},
                            {"occurred_at", ids::FormatIso8601(payment.occurred_at)}});
    }
    return payments;
}

json RefundsJson(const std::vector<queries::OrderRefund>& given) {
    json refunds = json::array();
    for (const queries::OrderRefund& refund : given) {
        refunds.push_back(
            {{"seq", refund.seq},
             {"return_id", refund.return_id.empty() ? json(nullptr) : json(refund.return_id)},
             {"tender", TenderName(refund.tender)},
             {"amount_minor", refund.amount_minor},
             {"reference", refund.reference},
             {"occurred_at", ids::FormatIso8601(refund.occurred_at)}});
    }
    return refunds;
}

json OrderJson(const queries::OrderDetail& order) {
    json reservations = json::array();
    for (const ledger::ReservationState& held : order.reservations) {
        reservations.push_back({{"location_id", held.location_id},
                                {"sku", held.sku},
                                {"quantity", QuantityJson(held.quantity)},
                                {"quantity_milli", held.quantity}});
    }
    json moves = json::array();
    for (const orders::OrderStatus step : services::FulfilmentMoves(order.channel, order.status))
        moves.push_back(std::string(orders::ToString(step)));
    json history = json::array();
    for (const queries::OrderHistoryEntry& entry : order.history) {
        json one = {{"seq", entry.seq},
                    {"event", std::string(ledger::ToString(entry.event))},
                    {"actor", entry.actor},
                    {"origin", entry.origin},
                    {"occurred_at", ids::FormatIso8601(entry.occurred_at)}};
        if (!entry.approver.empty()) one["approver"] = entry.approver;
        if (entry.to) one["to"] = std::string(orders::ToString(*entry.to));
        if (entry.event == ledger::EventKind::kOrderDispatched) one["tracking"] = entry.tracking;
        if (!entry.location.empty()) one["location"] = entry.location;
        if (!entry.via.empty()) one["via"] = entry.via;
        history.push_back(std::move(one));
    }
    json answer = ReturnsDeskOrderJson(order);
    answer["despatch_by"] = TimeJson(order.despatch_by);
    answer["deliver_by"] = TimeJson(order.deliver_by);
    answer["attention"] = order.attention;
    answer["location_id"] = order.location_id;
    answer["reservations"] = std::move(reservations);
    answer["payments"] = PaymentsJson(order.payments);
    answer["refunds"] = RefundsJson(order.refunds);
    answer["moves"] = std::move(moves);
    answer["history"] = std::move(history);
    return answer;
}

Result<json> OrderJson(store::Database& db, const std::string& id) {
    auto order = queries::FindOrderDetail(db, id);
    if (!order) return std::unexpected(order.error());
    if (!*order) return std::unexpected(MakeError(ErrorCode::kNotFound, "no such order"));
    json answer = OrderJson(**order);
    // Where, by the location's code (as people say it) beside its id.
    auto locations = store::ListLocations(db);
    if (!locations) return std::unexpected(locations.error());
    const auto code_of = [&](const std::string& location_id) {
        for (const stock::Location& location : *locations) {
            if (location.id == location_id) return location.code;
        }
        return std::string();
    };
    answer["location"] = code_of((*order)->location_id);
    for (json& held : answer["reservations"])
        held["location"] = code_of(held["location_id"].get<std::string>());
    auto returns = queries::ReturnsOfOrder(db, (*order)->id);
    if (!returns) return std::unexpected(returns.error());
    answer["returns"] = json::array();
    for (const queries::ReturnDetail& ret : *returns)
        answer["returns"].push_back(ReturnJson(ret));
    // Who, in words: a member of staff's name beside their id, or their username as a till's
    // command line records it (a till or a channel is its origin).
    for (json& entry : answer["history"]) {
        for (const char* key : {"actor", "approver"}) {
            if (!entry.contains(key)) continue;
            const std::string who = entry[key].get<std::string>();
            auto member = FindStaffById(db, who);
            if (member && !*member) member = FindStaff(db, who);
            if (!member) return std::unexpected(member.error());
            if (*member) entry[std::string(key) + "_name"] = (*member)->display_name;
        }
    }
    return answer;
}

json ReturnJson(const queries::ReturnDetail& ret) {
    json lines = json::array();
    for (const queries::ReturnDetailLine& line : ret.lines) {
        lines.push_back({{"line_no", line.line_no},
                         {"sku", line.sku},
                         {"quantity_milli", line.quantity},
                         {"value_minor", line.value_minor},
                         {"reason", NameOf(line.reason, kReasons)},
                         {"condition", NameOf(line.condition, kConditions)}});
    }
    json refunds = json::array();
    for (const queries::ReturnRefund& refund : ret.refunds) {
        refunds.push_back({{"seq", refund.seq},
                           {"tender", TenderName(refund.tender)},
                           {"amount_minor", refund.amount_minor},
                           {"reference", refund.reference}});
    }
    json answer{{"id", ret.id},
                {"order_id", ret.order_id},
                {"order_number", ret.order_number},
                {"location_id", ret.location_id},
                {"location", ret.location_code},
                {"no_receipt", ret.no_receipt},
                {"currency", ret.currency},
                {"value_minor", ret.value_minor},
                {"refunded_minor", ret.refunded_minor},
                {"received_seq", ret.received_seq},
                {"received_by", ret.received_by},
                {"received_at", ids::FormatIso8601(ret.received_at)},
                {"exchange_order_id", nullptr},
                {"lines", std::move(lines)},
                {"refunds", std::move(refunds)}};
    if (ret.exchange_order) {
        answer["exchange_order_id"] = ret.exchange_order->id;
        answer["exchange_order_number"] = ret.exchange_order->number;
    }
    return answer;
}

json OrderListEntryJson(const queries::OrderListEntry& order) {
    return {{"id", order.id},
            {"number", order.number},
            {"channel", order.channel},
            {"external_id", order.external_id},
            {"status", std::string(orders::ToString(order.status))},
            {"total_minor", order.total_minor},
            {"currency", order.currency},
            {"despatch_by", TimeJson(order.despatch_by)},
            {"overdue", order.overdue},
            {"needs_attention", order.needs_attention},
            {"customer_name", order.customer_name},
            {"customer_email", order.customer_email},
            {"placed_at", ids::FormatIso8601(order.placed_at)},
            {"location", order.location},
            {"deadline", std::string(queries::ToString(order.deadline))}};
}

}  // namespace tillbook::office::routes
