#include "parked_sales.hpp"

#include <nlohmann/json.hpp>

namespace tillbook::pos::app {

namespace {

using Json = nlohmann::json;

Json DiscountJson(const std::optional<orders::Discount>& discount) {
    if (!discount) return nullptr;
    if (discount->kind == orders::DiscountKind::kPercent)
        return Json{{"kind", "percent"}, {"basis_points", discount->basis_points}};
    return Json{{"kind", "amount"}, {"minor", discount->amount.Minor()}};
}

Error BadCart(const std::string& what) {
    return MakeError(ErrorCode::kInvalidInput, "parked cart: " + what, "cart");
}

bool IsInt(const Json& object, const char* key) {
    return object.contains(key) && object.at(key).is_number_integer();
}

Result<std::optional<orders::Discount>> DiscountFromJson(const Json& json,
                                                         const money::Currency& currency) {
    if (json.is_null()) return std::nullopt;
    if (!json.is_object() || !json.contains("kind") || !json.at("kind").is_string())
        return std::unexpected(BadCart("a discount without its kind"));
    const std::string kind = json.at("kind").get<std::string>();
    if (kind == "percent" && IsInt(json, "basis_points")) {
        orders::Discount discount{orders::DiscountKind::kPercent, money::Money(0, currency),
                                  json.at("basis_points").get<std::int64_t>()};
        return discount;
    }
    if (kind == "amount" && IsInt(json, "minor")) {
        orders::Discount discount{orders::DiscountKind::kAmount,
                                  money::Money(json.at("minor").get<std::int64_t>(), currency), 0};
        return discount;
    }
    return std::unexpected(BadCart("a discount of an unknown kind"));
}

}  // namespace

std::string ParkedCartJson(const ParkedCart& cart) {
    Json lines = Json::array();
    for (const ParkedLine& line : cart.lines) {
        Json parked = {
            {"sku", line.sku},
            {"description", line.description},
            {"quantity", line.quantity},
            {"unit_price", line.unit_price_minor},
            {"line_price", line.line_price_minor ? Json(*line.line_price_minor) : Json(nullptr)},
            {"discount", DiscountJson(line.discount)}};
        // Written only when set: carts parked before it existed read the same.
        if (line.price_override_minor) parked["price_override"] = *line.price_override_minor;
        if (line.gift_card) parked["gift_card"] = true;
        lines.push_back(std::move(parked));
    }
    return Json{{"lines", lines}, {"order_discount", DiscountJson(cart.order_discount)}}.dump();
}

Result<ParkedCart> ParkedCartFromJson(std::string_view text, const money::Currency& currency) {
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("lines") ||
        !json.at("lines").is_array())
        return std::unexpected(BadCart("not a cart"));
    ParkedCart cart;
    for (const Json& line : json.at("lines")) {
        if (!line.is_object() || !line.contains("sku") || !line.at("sku").is_string() ||
            !IsInt(line, "quantity") || !IsInt(line, "unit_price"))
            return std::unexpected(BadCart("a line without its SKU, quantity or price"));
        ParkedLine parked;
        parked.sku = line.at("sku").get<std::string>();
        if (line.contains("description") && line.at("description").is_string())
            parked.description = line.at("description").get<std::string>();
        parked.quantity = line.at("quantity").get<std::int64_t>();
        parked.unit_price_minor = line.at("unit_price").get<std::int64_t>();
        parked.gift_card = line.contains("gift_card") && line.at("gift_card").is_boolean() &&
                           line.at("gift_card").get<bool>();
        if (IsInt(line, "line_price"))
            parked.line_price_minor = line.at("line_price").get<std::int64_t>();
        if (IsInt(line, "price_override"))
            parked.price_override_minor = line.at("price_override").get<std::int64_t>();
        if (line.contains("discount")) {
            auto discount = DiscountFromJson(line.at("discount"), currency);
            if (!discount) return std::unexpected(discount.error());
            parked.discount = *discount;
        }
        cart.lines.push_back(std::move(parked));
    }
    if (json.contains("order_discount")) {
        auto discount = DiscountFromJson(json.at("order_discount"), currency);
        if (!discount) return std::unexpected(discount.error());
        cart.order_discount = *discount;
    }
    return cart;
}

Result<std::int64_t> InsertParkedSale(store::Database& db, const ParkedSale& sale) {
    auto insert = db.Prepare(
        "INSERT INTO parked_sales (parked_at, staff_id, staff_name, label, cart) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->Bind(1, sale.parked_at)
        .Bind(2, sale.staff_id)
        .Bind(3, sale.staff_name)
        .Bind(4, sale.label)
        .Bind(5, ParkedCartJson(sale.cart));
    if (auto ok = insert->Run(); !ok) return std::unexpected(ok.error());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.Handle()));
}

Result<std::vector<ParkedSale>> ListParkedSales(store::Database& db) {
    auto select = db.Prepare(
        "SELECT id, parked_at, staff_id, staff_name, label FROM parked_sales ORDER BY id");
    if (!select) return std::unexpected(select.error());
    std::vector<ParkedSale> sales;
    while (true) {
        auto row = select->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        sales.push_back({select->Int64(0),
                         select->Int64(1),
                         select->Text(2),
                         select->Text(3),
                         select->Text(4),
                         {}});
    }
    return sales;
}

Status TakeParkedSale(store::Database& db, std::int64_t id, const money::Currency& currency,
                      const std::function<Status(const ParkedSale&)>& restore) {
    auto transaction = store::Transaction::Begin(db);
    if (!transaction) return std::unexpected(transaction.error());
    ParkedSale sale;
    std::string cart_json;
    {
        auto select = db.Prepare(
            "SELECT id, parked_at, staff_id, staff_name, label, cart FROM parked_sales "
            "WHERE id = ?");
        if (!select) return std::unexpected(select.error());
        select->Bind(1, id);
        auto row = select->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row)
            return std::unexpected(
                MakeError(ErrorCode::kNotFound, "That sale is no longer parked"));
        sale = {select->Int64(0), select->Int64(1), select->Text(2),
                select->Text(3),  select->Text(4),  {}};
        cart_json = select->Text(5);
    }
    auto cart = ParkedCartFromJson(cart_json, currency);
    if (!cart) return std::unexpected(cart.error());
    sale.cart = std::move(*cart);
    {
        auto remove = db.Prepare("DELETE FROM parked_sales WHERE id = ?");
        if (!remove) return std::unexpected(remove.error());
        remove->Bind(1, id);
        if (auto ok = remove->Run(); !ok) return ok;
    }
    if (auto ok = restore(sale); !ok) return ok;
    return transaction->Commit();
}

}  // namespace tillbook::pos::app
