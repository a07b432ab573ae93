#include "routes/order_json.hpp"

#include <fmt/format.h>

#include <utility>

#include "tillbook/ids/clock.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxUnits = 1'000'000;

template <class E>
struct Named {
    std::string_view name;
    E value;
};

constexpr Named<orders::ReturnReason> kReasons[] = {
    {"changed_mind", orders::ReturnReason::kChangedMind},
    {"faulty", orders::ReturnReason::kFaulty},
    {"wrong_item_sent", orders::ReturnReason::kWrongItemSent},
    {"damaged_in_transit", orders::ReturnReason::kDamagedInTransit},
    {"not_as_described", orders::ReturnReason::kNotAsDescribed},
    {"other", orders::ReturnReason::kOther}};
constexpr Named<orders::ItemCondition> kConditions[] = {
    {"restock", orders::ItemCondition::kRestock},
    {"damaged", orders::ItemCondition::kDamaged},
    {"write_off", orders::ItemCondition::kWriteOff}};
// The tenders people choose; the rest are shown but never taken from a request.
constexpr Named<orders::Tender> kChosenTenders[] = {{"cash", orders::Tender::kCash},
                                                    {"card", orders::Tender::kCard},
                                                    {"store_credit", orders::Tender::kStoreCredit},
                                                    {"original", orders::Tender::kChannel}};
constexpr Named<orders::Tender> kShownTenders[] = {
    {"gift_card", orders::Tender::kGiftCard},
    {"other", orders::Tender::kOther},
    {"exchange_credit", orders::Tender::kExchangeCredit}};

template <class E, std::size_t N>
Result<E> EnumField(const json& object, const char* key, const std::string& path,
                    const Named<E> (&names)[N]) {
    auto text = TextField(object, key, path);
    if (!text) return std::unexpected(text.error());
    std::string known;
    for (const auto& named : names) {
        if (named.name == *text) return named.value;
        known += (known.empty() ? "" : ", ") + std::string(named.name);
    }
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     fmt::format("{}{}: one of {}", path, key, known), path + key));
}

template <class E, std::size_t N>
std::string NameOf(E value, const Named<E> (&names)[N]) {
    for (const auto& named : names) {
        if (named.value == value) return std::string(named.name);
    }
    return std::to_string(static_cast<int>(value));
}

// A quantity in units: whole units as a number (2); a fraction, as weighed goods have, as the
// decimal FormatQuantity writes ("0.25" for 250 g), so that nothing is rounded away.
json QuantityJson(std::int64_t milli) {
    if (const auto units = orders::ExactUnits(milli)) return *units;
    return orders::FormatQuantity(milli);
}

std::string TenderName(orders::Tender tender) {
    for (const auto& named : kShownTenders) {
        if (named.value == tender) return std::string(named.name);
    }
    return NameOf(tender, kChosenTenders);
}

}  // namespace

std::optional<nlohmann::json> OrderJson(store::Database& db, const std::string& id) {
    auto q = db.Prepare(
        "SELECT id, channel, external_id, number, currency, total_minor, tax_minor, paid_minor, "
        "refunded_minor, status, "
        "despatch_by, deliver_by, attention, location_id FROM orders WHERE id = ?");
    if (!q) return std::nullopt;
    q->Bind(1, id);
    auto row = q->Step();
    if (!row || !*row) return std::nullopt;
    const auto time = [&](int column) -> json {
        if (q->IsNull(column)) return nullptr;
        return ids::FormatIso8601(q->Int64(column));
    };
    json attention = json::array();
    const std::string reasons = q->Text(12);
    for (std::size_t start = 0; start < reasons.size();) {
        const auto end = reasons.find('\n', start);
        attention.push_back(
            reasons.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    json order{
        {"id", q->Text(0)},
        {"channel", q->Text(1)},
        {"external_id", q->Text(2)},
        {"number", q->Text(3)},
        {"currency", q->Text(4)},
        {"total_minor", q->Int64(5)},
        {"tax_minor", q->Int64(6)},
        {"paid_minor", q->Int64(7)},
        {"refunded_minor", q->Int64(8)},
        {"status", std::string(orders::ToString(static_cast<orders::OrderStatus>(q->Int64(9))))},
        {"despatch_by", time(10)},
        {"deliver_by", time(11)},
        {"attention", attention},
        {"location_id", q->Text(13)},
        {"lines", json::array()},
        {"reservations", json::array()}};
    auto lines = db.Prepare(
        "SELECT line_no, kind, sku, description, quantity, unit_price_minor, discount_minor, "
        "total_minor, tax_minor, returned_quantity "
        "FROM order_lines WHERE order_id = ? ORDER BY line_no");
    if (!lines) return std::nullopt;
    lines->Bind(1, id);
    while (*lines->Step()) {
        order["lines"].push_back({{"line_no", lines->Int64(0)},
                                  {"kind", lines->Int64(1)},
                                  {"sku", lines->Text(2)},
                                  {"description", lines->Text(3)},
                                  {"quantity", QuantityJson(lines->Int64(4))},
                                  {"quantity_milli", lines->Int64(4)},
                                  {"unit_price_minor", lines->Int64(5)},
                                  {"discount_minor", lines->Int64(6)},
                                  {"total_minor", lines->Int64(7)},
                                  {"tax_minor", lines->Int64(8)},
                                  {"returned_quantity_milli", lines->Int64(9)}});
    }
    auto held = db.Prepare(
        "SELECT location_id, sku, quantity FROM reservations WHERE order_id = ? ORDER BY "
        "location_id, sku");
    if (!held) return std::nullopt;
    held->Bind(1, id);
    while (*held->Step()) {
        order["reservations"].push_back({{"location_id", held->Text(0)},
                                         {"sku", held->Text(1)},
                                         {"quantity", QuantityJson(held->Int64(2))}});
    }
    auto history = db.Prepare(
        "SELECT l.seq, l.kind, l.actor, l.origin, l.occurred_at FROM order_events e JOIN ledger l "
        "ON l.seq = e.seq "
        "WHERE e.order_id = ? ORDER BY l.seq");
    if (!history) return std::nullopt;
    history->Bind(1, id);
    order["history"] = json::array();
    while (*history->Step()) {
        order["history"].push_back(
            {{"seq", history->Int64(0)},
             {"event",
              std::string(ledger::ToString(static_cast<ledger::EventKind>(history->Int64(1))))},
             {"actor", history->Text(2)},
             {"origin", history->Text(3)},
             {"occurred_at", ids::FormatIso8601(history->Int64(4))}});
    }
    return order;
}

Result<std::optional<json>> ReturnJson(store::Database& db, const std::string& id) {
    auto q = db.Prepare(
        "SELECT r.id, r.order_id, coalesce(o.number, ''), r.location_id, coalesce(l.code, ''), "
        "r.no_receipt, r.currency, r.value_minor, r.refunded_minor, r.received_seq, g.kind, "
        "g.actor, g.occurred_at FROM returns r LEFT JOIN orders o ON o.id = r.order_id "
        "LEFT JOIN locations l ON l.id = r.location_id JOIN ledger g ON g.seq = r.received_seq "
        "WHERE r.id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<json>{};
    const std::int64_t received_seq = q->Int64(9);
    const bool exchange = q->Int64(10) == static_cast<int>(ledger::EventKind::kExchangeCompleted);
    json ret{{"id", q->Text(0)},
             {"order_id", q->Text(1)},
             {"order_number", q->Text(2)},
             {"location_id", q->Text(3)},
             {"location", q->Text(4)},
             {"no_receipt", q->Int64(5) != 0},
             {"currency", q->Text(6)},
             {"value_minor", q->Int64(7)},
             {"refunded_minor", q->Int64(8)},
             {"received_seq", received_seq},
             {"received_by", q->Text(11)},
             {"received_at", ids::FormatIso8601(q->Int64(12))},
             {"exchange_order_id", nullptr},
             {"lines", json::array()},
             {"refunds", json::array()}};
    if (exchange) {
        auto placed = db.Prepare("SELECT id, number FROM orders WHERE placed_seq = ?");
        if (!placed) return std::unexpected(placed.error());
        placed->Bind(1, received_seq);
        auto found = placed->Step();
        if (!found) return std::unexpected(found.error());
        if (*found) {
            ret["exchange_order_id"] = placed->Text(0);
            ret["exchange_order_number"] = placed->Text(1);
        }
    }
    auto lines = db.Prepare(
        "SELECT order_line_no, sku, quantity, value_minor, reason, condition FROM return_lines "
        "WHERE return_id = ? ORDER BY position");
    if (!lines) return std::unexpected(lines.error());
    lines->Bind(1, id);
    for (;;) {
        auto next = lines->Step();
        if (!next) return std::unexpected(next.error());
        if (!*next) break;
        ret["lines"].push_back(
            {{"line_no", lines->Int64(0)},
             {"sku", lines->Text(1)},
             {"quantity_milli", lines->Int64(2)},
             {"value_minor", lines->Int64(3)},
             {"reason", NameOf(static_cast<orders::ReturnReason>(lines->Int64(4)), kReasons)},
             {"condition",
              NameOf(static_cast<orders::ItemCondition>(lines->Int64(5)), kConditions)}});
    }
    auto refunds = db.Prepare(
        "SELECT seq, tender, amount_minor, reference FROM refunds WHERE return_id = ? "
        "ORDER BY seq, position");
    if (!refunds) return std::unexpected(refunds.error());
    refunds->Bind(1, id);
    for (;;) {
        auto next = refunds->Step();
        if (!next) return std::unexpected(next.error());
        if (!*next) break;
        ret["refunds"].push_back(
            {{"seq", refunds->Int64(0)},
             {"tender", TenderName(static_cast<orders::Tender>(refunds->Int64(1)))},
             {"amount_minor", refunds->Int64(2)},
             {"reference", refunds->Text(3)}});
    }
    return std::optional<json>{std::move(ret)};
}

Result<std::vector<std::string>> ReturnsOfOrder(store::Database& db, const std::string& order_id) {
    auto q = db.Prepare("SELECT id FROM returns WHERE order_id = ? ORDER BY received_seq");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order_id);
    std::vector<std::string> ids;
    for (;;) {
        auto next = q->Step();
        if (!next) return std::unexpected(next.error());
        if (!*next) break;
        ids.push_back(q->Text(0));
    }
    return ids;
}

Result<std::optional<OrderRef>> FindOrderByCode(store::Database& db, std::string_view code) {
    auto q = db.Prepare(
        "SELECT id, currency FROM orders WHERE number = ?1 OR external_id = ?1 OR id = ?1 "
        "ORDER BY placed_seq LIMIT 1");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, code);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<OrderRef>{};
    return std::optional<OrderRef>{OrderRef{q->Text(0), q->Text(1)}};
}

Result<std::int64_t> IntField(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || !object.at(key).is_number_integer()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}{}: a whole number is required", path, key),
                                         path + key));
    }
    return object.at(key).get<std::int64_t>();
}

Result<std::string> TextField(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || !object.at(key).is_string() ||
        object.at(key).get_ref<const std::string&>().empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}{}: text is required", path, key),
                                         path + key));
    }
    return object.at(key).get<std::string>();
}

Result<orders::Tender> TenderField(const json& object, const char* key, const std::string& path) {
    return EnumField(object, key, path, kChosenTenders);
}

Result<std::int64_t> QuantityField(const json& object, const std::string& key,
                                   catalogue::SoldBy sold_by, const std::string& path,
                                   bool zero_allowed) {
    const bool weighed = sold_by == catalogue::SoldBy::kWeight;
    const std::string milli_key = key + "_milli";
    const std::string& wanted = weighed ? milli_key : key;
    const std::string& other = weighed ? key : milli_key;
    if (object.contains(other)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("{}{}: {}; give {}", path, other,
                                  weighed ? "this SKU is sold by weight, counted in grams"
                                          : "this SKU is sold by the unit, counted in whole units",
                                  wanted),
                      path + other));
    }
    const std::int64_t scale = weighed ? 1 : orders::kMilliPerUnit;
    const std::int64_t low = zero_allowed ? 0 : 1;
    if (!object.contains(wanted) || !object.at(wanted).is_number_integer() ||
        object.at(wanted).get<std::int64_t>() < low ||
        object.at(wanted).get<std::int64_t>() > kMaxUnits * orders::kMilliPerUnit / scale) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}{}: a whole number of {} from {} to {}",
                                                     path, wanted, weighed ? "grams" : "units", low,
                                                     kMaxUnits * orders::kMilliPerUnit / scale),
                                         path + wanted));
    }
    return object.at(wanted).get<std::int64_t>() * scale;
}

Result<std::vector<orders::ReturnLine>> ReturnLinesFromJson(store::Database& db, const json& body,
                                                            const std::string& order_id,
                                                            const money::Currency& currency) {
    if (!body.contains("lines") || !body.at("lines").is_array() || body.at("lines").empty()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "lines: at least one line is required", "lines"));
    }
    std::vector<orders::ReturnLine> lines;
    for (std::size_t i = 0; i < body.at("lines").size(); ++i) {
        const json& line = body.at("lines")[i];
        const std::string path = fmt::format("lines[{}].", i);
        if (!line.is_object()) {
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             fmt::format("lines[{}]: an object is required", i),
                                             fmt::format("lines[{}]", i)));
        }
        auto line_no = IntField(line, "line_no", path);
        if (!line_no) return std::unexpected(line_no.error());
        std::string sku;
        auto q = db.Prepare("SELECT sku FROM order_lines WHERE order_id = ? AND line_no = ?");
        if (!q) return std::unexpected(q.error());
        q->Bind(1, order_id).Bind(2, *line_no);
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound,
                          fmt::format("{}line_no: the order has no line {}", path, *line_no),
                          path + "line_no"));
        }
        sku = q->Text(0);
        auto known = store::FindSku(db, sku);
        if (!known) return std::unexpected(known.error());
        const auto sold_by = *known ? (*known)->sold_by : catalogue::SoldBy::kUnit;
        auto quantity = QuantityField(line, "quantity", sold_by, path, false);
        auto reason = EnumField(line, "reason", path, kReasons);
        auto condition = EnumField(line, "condition", path, kConditions);
        for (const Error* error :
             {quantity ? nullptr : &quantity.error(), reason ? nullptr : &reason.error(),
              condition ? nullptr : &condition.error()}) {
            if (error) return std::unexpected(*error);
        }
        lines.push_back({static_cast<int>(*line_no), sku, *quantity, money::Money(0, currency),
                         *reason, *condition});
    }
    return lines;
}

Result<GoodsBack> GoodsBackFromJson(store::Database& db, const json& body,
                                    const std::string& return_id) {
    auto code = TextField(body, "order", "");
    if (!code) return std::unexpected(code.error());
    auto location_code = TextField(body, "location", "");
    if (!location_code) return std::unexpected(location_code.error());
    auto location = store::FindLocationByCode(db, *location_code);
    if (!location) return std::unexpected(location.error());
    if (!*location) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, fmt::format("no location {}", *location_code), "location"));
    }
    auto found = FindOrderByCode(db, *code);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", *code), "order"));
    }
    auto currency = money::FindCurrency((*found)->currency);
    if (!currency) return std::unexpected(currency.error());
    auto lines = ReturnLinesFromJson(db, body, (*found)->id, *currency);
    if (!lines) return std::unexpected(lines.error());
    return GoodsBack{orders::Return{return_id, (*found)->id, (*location)->id, false,
                                    (*found)->currency, std::move(*lines)},
                     *location_code, *currency};
}

}  // namespace tillbook::office::routes
