// POST /api/v1/exchanges   goods back against an order of any channel and new goods handed over at
//                          the location, in one ExchangeCompleted event: the returned goods' value
//                          pays for the new ones and only the difference is paid or refunded.
//   {order, location, lines: [{line_no, quantity, reason, condition}],
//    new_goods: [{sku, quantity}], tender}      (weighed goods: quantity_milli, in grams)
#include <fmt/format.h>

#include "office_events.hpp"
#include "routes/goods_back_json.hpp"
#include "routes/request_json.hpp"
#include "routes/routes.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/ledger/validate.hpp"
#include "tillbook/orders/office_sale.hpp"
#include "tillbook/queries/order_lookup.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

struct NewGoods {
    std::string sku;
    std::int64_t quantity = 0;  // milli-units
};

// The next number of the office's series at a location: one above the highest taken. Runs in the
// writer, so two exchanges never take the same number.
Result<std::int64_t> NextOfficeSequence(store::Database& db, const std::string& location_code) {
    auto highest =
        queries::HighestOrderSequence(db, orders::OfficeOrderNumberPrefix(location_code));
    if (!highest) return std::unexpected(highest.error());
    return *highest + 1;
}

Result<std::vector<NewGoods>> NewGoodsFromJson(store::Database& db, const json& body,
                                               const std::string& currency) {
    if (!body.contains("new_goods") || !body.at("new_goods").is_array() ||
        body.at("new_goods").empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "new_goods: at least one {sku, quantity} is required",
                                         "new_goods"));
    }
    std::vector<NewGoods> goods;
    for (std::size_t i = 0; i < body.at("new_goods").size(); ++i) {
        const json& item = body.at("new_goods")[i];
        const std::string path = fmt::format("new_goods[{}].", i);
        if (!item.is_object()) {
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             fmt::format("new_goods[{}]: an object is required", i),
                                             fmt::format("new_goods[{}]", i)));
        }
        auto code = TextField(item, "sku", path);
        if (!code) return std::unexpected(code.error());
        auto sku = store::FindSku(db, *code);
        if (!sku) return std::unexpected(sku.error());
        if (!*sku) {
            return std::unexpected(MakeError(
                ErrorCode::kNotFound, fmt::format("{}sku: no SKU {}", path, *code), path + "sku"));
        }
        if (!(*sku)->active) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("{}sku: {} is no longer sold", path, *code), path + "sku"));
        }
        if ((*sku)->price.GetCurrency().code != currency) {
            return std::unexpected(
                MakeError(ErrorCode::kCurrencyMismatch,
                          fmt::format("{}sku: {} is priced in {}, the order was in {}", path, *code,
                                      (*sku)->price.GetCurrency().code, currency),
                          path + "sku"));
        }
        auto quantity = QuantityField(item, "quantity", (*sku)->sold_by, path, false);
        if (!quantity) return std::unexpected(quantity.error());
        goods.push_back({*code, *quantity});
    }
    return goods;
}

// The new goods priced from the catalogue and its tax classes as they are now, as a till prices a
// sale.
Result<orders::Order> PriceNewGoods(store::Database& db, const orders::OfficeSaleContext& sale,
                                    const std::vector<NewGoods>& goods) {
    std::vector<orders::SaleItem> items;
    std::vector<catalogue::TaxClass> tax_classes;
    for (std::size_t i = 0; i < goods.size(); ++i) {
        auto sku = store::FindSku(db, goods[i].sku);
        if (!sku) return std::unexpected(sku.error());
        if (!*sku) {
            return std::unexpected(MakeError(ErrorCode::kNotFound,
                                             fmt::format("no SKU {}", goods[i].sku),
                                             fmt::format("new_goods[{}].sku", i)));
        }
        auto tax = store::FindTaxClass(db, (*sku)->tax_class);
        if (!tax) return std::unexpected(tax.error());
        if (*tax) tax_classes.push_back(**tax);
        items.push_back({**sku, goods[i].quantity, std::nullopt});
    }
    auto order = orders::BuildOfficeSale(sale, items, tax_classes);
    if (!order) return std::unexpected(order.error().WithContext("new_goods"));
    return order;
}

ApiResponse CreateExchange(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    std::optional<orders::Tender> tender;
    if (body->contains("tender")) {
        auto chosen = TenderField(*body, "tender", "");
        if (!chosen) return http::ErrorResponse(chosen.error());
        tender = *chosen;
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto back = GoodsBackFromJson(**db, *body, context.ids.NextString());
    if (!back) return http::ErrorResponse(back.error());
    const orders::Return& ret = back->ret;
    const std::string& location_code = back->location_code;
    const money::Currency& currency = back->currency;
    auto goods = NewGoodsFromJson(**db, *body, currency.code);
    if (!goods) return http::ErrorResponse(goods.error());

    orders::OfficeSaleContext sale{context.ids.NextString(), ret.location_id, location_code, 0,
                                   context.clock.Now()};
    const std::string actor = request.caller->Actor();
    json answer;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        ledger::SqliteLedgerState state(w.db);
        // The return on its own first: an over-return is refused with the ledger's own words
        // before anything is priced or settled.
        if (auto ok = ledger::Validate(
                {ret.id, "office", 1, actor, sale.placed_at, ledger::ReturnReceived{ret}}, state);
            !ok)
            return ok;
        auto credit = ledger::ValueOfReturn(ret, state);
        if (!credit) return std::unexpected(credit.error());
        auto sequence = NextOfficeSequence(w.db, location_code);
        if (!sequence) return std::unexpected(sequence.error());
        sale.sequence = *sequence;
        auto new_order = PriceNewGoods(w.db, sale, *goods);
        if (!new_order) return std::unexpected(new_order.error());
        auto totals = orders::ComputeTotals(*new_order);
        if (!totals) return std::unexpected(totals.error());
        auto difference = totals->total.Minus(*credit);
        if (!difference) return std::unexpected(difference.error());
        ledger::ExchangeCompleted exchange{ret, *new_order, {}, {}};
        if (!difference->IsZero() && !tender) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("tender: the customer {} {}; say how (cash, card, store_credit{})",
                            difference->IsNegative() ? "is refunded" : "pays",
                            money::FormatMoney(difference->IsNegative() ? *difference->Negated()
                                                                        : *difference),
                            difference->IsNegative() ? ", original" : ""),
                "tender"));
        }
        if (!difference->IsZero() && !difference->IsNegative()) {
            if (*tender == orders::Tender::kChannel) {
                return std::unexpected(
                    MakeError(ErrorCode::kInvalidInput,
                              "tender: the customer pays the difference at the desk: cash, card or "
                              "store_credit",
                              "tender"));
            }
            exchange.payments.push_back({*tender, *difference, *difference, "", ""});
        } else if (difference->IsNegative()) {
            exchange.refunds.push_back({*tender, *difference->Negated(), "", ""});
        }
        auto appended = AppendOfficeEvent(context, w, actor, exchange);
        if (!appended) return std::unexpected(appended.error());
        const std::int64_t paid = difference->IsNegative() ? 0 : difference->Minor();
        const std::int64_t refunded = difference->IsNegative() ? -difference->Minor() : 0;
        answer =
            json{{"seq", appended->seq},
                 {"return_id", ret.id},
                 {"order_id", new_order->id},
                 {"order_number", new_order->number},
                 {"currency", currency.code},
                 {"credit_minor", credit->Minor()},
                 {"new_total_minor", totals->total.Minor()},
                 {"paid_minor", paid},
                 {"refunded_minor", refunded},
                 {"tender", difference->IsZero() ? json(nullptr)
                                                 : json(body->at("tender").get<std::string>())}};
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(answer, 201);
}

}  // namespace

std::vector<http::Route> ExchangeRoutes(OfficeContext& context) {
    return {
        {"POST", "/api/v1/exchanges", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return CreateExchange(context, r); }},
    };
}

}  // namespace tillbook::office::routes
