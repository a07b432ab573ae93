#include "tillbook/sync/pull_json.hpp"

#include <utility>

#include "wire_fields.hpp"

namespace tillbook::sync {

namespace {
using nlohmann::json;
using wire::Fields;

// The defined values of each enum sent (-Wswitch flags a new enumerator missing here).
bool IsKnown(catalogue::SoldBy sold_by) {
    switch (sold_by) {
        case catalogue::SoldBy::kUnit:
        case catalogue::SoldBy::kWeight:
            return true;
    }
    return false;
}

bool IsKnown(staff::Role role) {
    switch (role) {
        case staff::Role::kCashier:
        case staff::Role::kFulfilment:
        case staff::Role::kManager:
        case staff::Role::kAdmin:
            return true;
    }
    return false;
}

template <class E>
int Number(E value) {
    return static_cast<int>(value);
}

json MoneyJson(const money::Money& amount) {
    return {{"minor", amount.Minor()}, {"currency", amount.GetCurrency().code}};
}

json StoreJson(const TillStore& store) {
    return {{"code", store.code},
            {"id", store.id},
            {"name", store.name},
            {"time_zone", store.time_zone}};
}

json TaxClassJson(const catalogue::TaxClass& tax) {
    return {{"code", tax.code}, {"rate_basis_points", tax.rate}, {"mode", Number(tax.mode)}};
}

json SkuJson(const TillSku& sku) {
    return {{"code", sku.code},
            {"product_id", sku.product_id},
            {"product_name", sku.product_name},
            {"variant_name", sku.variant_name},
            {"category", sku.category},
            {"price", MoneyJson(sku.price)},
            {"tax_class", sku.tax_class},
            {"sold_by", Number(sku.sold_by)},
            {"active", sku.active},
            {"barcodes", sku.barcodes}};
}

json StaffJson(const TillStaff& member) {
    return {{"id", member.id},
            {"username", member.username},
            {"display_name", member.display_name},
            {"role", Number(member.role)},
            {"pin_hash", member.pin_hash}};
}

json StockJson(const StoreStock& level) {
    return {{"sku", level.sku}, {"on_hand", level.on_hand}, {"reserved", level.reserved}};
}

template <class T, class Write>
json ArrayJson(const std::vector<T>& items, Write write) {
    json out = json::array();
    for (const T& item : items)
        out.push_back(write(item));
    return out;
}

void ReadStore(Fields& fields, TillStore& store) {
    fields.Read("code", store.code)
        .Read("id", store.id)
        .Read("name", store.name)
        .Read("time_zone", store.time_zone);
}

void ReadTaxClass(Fields& fields, catalogue::TaxClass& tax) {
    std::int64_t rate = 0;
    if (!fields.Read("code", tax.code).Read("rate_basis_points", rate).Ok()) return;
    if (!std::in_range<money::TaxRateBasisPoints>(rate)) {
        fields.Fail(wire::FieldError(fields.PathOf("rate_basis_points"), "out of range"));
        return;
    }
    tax.rate = static_cast<money::TaxRateBasisPoints>(rate);
    fields.Read("mode", tax.mode, money::IsKnown);
}

void ReadSku(Fields& fields, TillSku& sku) {
    fields.Read("code", sku.code)
        .Read("product_id", sku.product_id)
        .Read("product_name", sku.product_name)
        .Read("variant_name", sku.variant_name)
        .Read("category", sku.category)
        .Read("price", sku.price)
        .Read("tax_class", sku.tax_class)
        .Read("sold_by", sku.sold_by, IsKnown)
        .Read("active", sku.active)
        .Read("barcodes", sku.barcodes);
}

void ReadStaff(Fields& fields, TillStaff& member) {
    fields.Read("id", member.id)
        .Read("username", member.username)
        .Read("display_name", member.display_name)
        .Read("role", member.role, IsKnown)
        .Read("pin_hash", member.pin_hash);
}

void ReadStock(Fields& fields, StoreStock& level) {
    fields.Read("sku", level.sku).Read("on_hand", level.on_hand).Read("reserved", level.reserved);
}

}  // namespace

json ToJson(const PullSnapshot& snapshot) {
    return {{"protocol", snapshot.protocol},
            {"cursor", FormatCursor(snapshot.cursor)},
            {"more", snapshot.more},
            {"store", StoreJson(snapshot.store)},
            {"settings", snapshot.settings},
            {"tax_classes", ArrayJson(snapshot.tax_classes, TaxClassJson)},
            {"skus", ArrayJson(snapshot.skus, SkuJson)},
            {"staff", ArrayJson(snapshot.staff, StaffJson)},
            {"stock", ArrayJson(snapshot.stock, StockJson)}};
}

Result<PullSnapshot> PullSnapshotFromJson(const json& body) {
    if (auto ok = wire::CheckProtocol(body, "this till"); !ok) return std::unexpected(ok.error());
    PullSnapshot snapshot;
    Fields fields(body, "");
    std::string cursor;
    if (fields.Read("cursor", cursor).Ok()) {
        auto parsed = ParseCursor(cursor);
        if (parsed) {
            snapshot.cursor = std::move(*parsed);
        } else {
            fields.Fail(wire::FieldError("cursor", parsed.error().message));
        }
    }
    fields.Read("more", snapshot.more)
        .ReadObject("store", [&](Fields& store) { ReadStore(store, snapshot.store); })
        .Read("settings", snapshot.settings)
        .ReadEach("tax_classes", snapshot.tax_classes, ReadTaxClass)
        .ReadEach("skus", snapshot.skus, ReadSku)
        .ReadEach("staff", snapshot.staff, ReadStaff)
        .ReadEach("stock", snapshot.stock, ReadStock);
    if (auto ok = fields.Finish(); !ok) return std::unexpected(ok.error());
    return snapshot;
}

Result<PullSnapshot> ParsePullSnapshot(std::string_view text) {
    return wire::ParseAnswer(text, PullSnapshotFromJson);
}

}  // namespace tillbook::sync
