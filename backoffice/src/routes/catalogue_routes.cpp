// The catalogue over HTTP. Reading: staff (cashier and above) and terminals. Writing: managers and
// above; every write is a new catalogue version (a till's next pull returns the SKU) and a
// ReferenceChanged event with the caller as actor, in one writer job. A SKU is never deleted:
// orders reference it; it is deactivated.
// GET    /api/v1/catalogue/skus?q=TEXT&after=CODE&limit=N   search by code, name or barcode, a
//                                                          page at a time by code
// GET    /api/v1/catalogue/skus/{code}                  one SKU
// GET    /api/v1/catalogue/products?category=&after=&limit=   SKUs grouped by product_id
// GET    /api/v1/catalogue/tax-classes
// PUT    /api/v1/catalogue/skus/{code}                  the whole record: created or updated
// POST   /api/v1/catalogue/skus/{code}/price            {"price": "4.75"}
// POST   /api/v1/catalogue/skus/{code}/deactivate
// POST   /api/v1/catalogue/skus/{code}/activate         brings a deactivated SKU back
// POST   /api/v1/catalogue/skus/{code}/barcodes         {"barcode": "5012345678900"}
// DELETE /api/v1/catalogue/skus/{code}/barcodes/{gtin}
// POST   /api/v1/catalogue/imports?file=NAME&currency=GBP   a catalogue CSV as the body: all or
//                                                          nothing, bad rows by file, line, field
// Prices are decimal strings in the shop's currency ("4.50"), parsed without floating point; the
// answers give them as minor units with the currency.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "tillbook/catalogue/catalogue_csv.hpp"
#include "tillbook/catalogue/sku_change.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/queries/sku_search.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using catalogue::Sku;
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

constexpr std::int64_t kDefaultProducts = 50;
constexpr std::int64_t kMaxProducts = 200;

json SkuJson(const Sku& sku) {
    return {{"code", sku.code},
            {"product_id", sku.product_id},
            {"product_name", sku.product_name},
            {"variant_name", sku.variant_name},
            {"category", sku.category},
            {"price_minor", sku.price.Minor()},
            {"cost_minor", sku.cost_price.Minor()},
            {"currency", sku.price.GetCurrency().code},
            {"tax_class", sku.tax_class},
            {"sold_by", std::string(catalogue::SoldByName(sku.sold_by))},
            {"barcodes", sku.barcodes},
            {"active", sku.active}};
}

// A rule's error (sku_rules.hpp) for a field of the request: "price: \"4.999\": more than ...".
Error FieldError(const Error& rule, const std::string& field,
                 std::optional<ErrorCode> code = std::nullopt) {
    return MakeError(code.value_or(rule.code), field + ": " + rule.message, field);
}

std::unexpected<Error> Refused(ErrorCode code, std::string message, std::string field) {
    return std::unexpected(MakeError(code, std::move(message), std::move(field)));
}

// ?limit=N: a whole number from 1 to `most`; `fallback` when the request names none.
Result<std::int64_t> LimitParam(const ApiRequest& request, std::int64_t fallback,
                                std::int64_t most) {
    const auto text = request.Query("limit");
    if (!text) return fallback;
    std::int64_t limit = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > most) {
        return Refused(ErrorCode::kInvalidInput,
                       fmt::format("limit: a whole number from 1 to {}", most), "limit");
    }
    return limit;
}

// A SKU code or product id, trimmed (catalogue::ParseSkuCode), or the rule's error for `field`.
Result<std::string> SkuCode(std::string_view text, const std::string& field) {
    auto code = catalogue::ParseSkuCode(text);
    if (!code) return std::unexpected(FieldError(code.error(), field));
    return code;
}

// "price is required (...)" when missing, "price: ..., not a JSON number" when of another type.
std::unexpected<Error> WrongType(const json& body, const std::string& field,
                                 const std::string& what) {
    if (!body.contains(field))
        return Refused(ErrorCode::kInvalidInput, fmt::format("{} is required ({})", field, what),
                       field);
    return Refused(ErrorCode::kInvalidInput,
                   fmt::format("{}: {}, not a JSON {}", field, what, body.at(field).type_name()),
                   field);
}

Result<std::string> TextField(const json& body, const std::string& field, bool required) {
    if (!body.contains(field) || !body.at(field).is_string())
        return WrongType(body, field, required ? "text" : "text, may be empty");
    const std::string text = body.at(field).get<std::string>();
    if (required) {
        if (auto ok = catalogue::CheckRequired(text); !ok)
            return std::unexpected(FieldError(ok.error(), field));
    }
    if (auto ok = catalogue::CheckUtf8(text); !ok)
        return std::unexpected(FieldError(ok.error(), field));
    return text;
}

Result<money::Money> AmountField(const json& body, const std::string& field,
                                 const money::Currency& currency) {
    if (!body.contains(field) || !body.at(field).is_string()) {
        return WrongType(body, field,
                         fmt::format("a decimal string in {} such as \"4.50\"", currency.code));
    }
    auto amount = catalogue::ParseShelfAmount(body.at(field).get<std::string>(), currency);
    if (!amount) return std::unexpected(FieldError(amount.error(), field));
    return *amount;
}

Result<catalogue::SkuBarcode> BarcodeText(const json& value, const std::string& field) {
    if (!value.is_string()) {
        return Refused(
            ErrorCode::kInvalidInput,
            fmt::format("{}: a GTIN as a string of digits such as \"5012345678900\"", field),
            field);
    }
    auto barcode = catalogue::ParseSkuBarcode(value.get<std::string>());
    if (!barcode) return std::unexpected(FieldError(barcode.error(), field));
    return *barcode;
}

// The whole record of PUT /skus/{code}; every field is required (variant_name and barcodes may be
// empty). Rules that need the database (tax class, barcodes of other SKUs) come later.
Result<Sku> SkuFromJson(const json& body, const std::string& code,
                        const money::Currency& currency) {
    static const std::vector<std::string> kFields{
        "code",       "product_id", "product_name", "variant_name", "category", "price",
        "cost_price", "tax_class",  "sold_by",      "active",       "barcodes"};
    for (const auto& [key, value] : body.items()) {
        if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
            return Refused(
                ErrorCode::kInvalidInput,
                fmt::format("{}: not a field of a SKU (fields: product_id, product_name, "
                            "variant_name, category, price, cost_price, tax_class, "
                            "sold_by, active, barcodes)",
                            text::QuoteForMessage(key)),
                key);
        }
    }
    if (body.contains("code") && body.at("code") != json(code)) {
        return Refused(ErrorCode::kInvalidInput, "code: differs from the SKU code in the address",
                       "code");
    }
    Sku sku;
    sku.code = code;
    auto product_id = TextField(body, "product_id", true);
    if (!product_id) return std::unexpected(product_id.error());
    auto product_code = SkuCode(*product_id, "product_id");
    if (!product_code) return std::unexpected(product_code.error());
    sku.product_id = std::move(*product_code);
    for (const auto& [field, required, is_name, target] :
         {std::tuple{"product_name", true, true, &sku.product_name},
          std::tuple{"variant_name", false, true, &sku.variant_name},
          std::tuple{"category", true, true, &sku.category},
          std::tuple{"tax_class", true, false, &sku.tax_class}}) {
        auto text = TextField(body, field, required);
        if (!text) return std::unexpected(text.error());
        if (auto ok = catalogue::CheckNameCharacters(*text); is_name && !ok)
            return std::unexpected(FieldError(ok.error(), field));
        *target = std::move(*text);
    }
    auto price = AmountField(body, "price", currency);
    if (!price) return std::unexpected(price.error());
    sku.price = *price;
    auto cost = AmountField(body, "cost_price", currency);
    if (!cost) return std::unexpected(cost.error());
    sku.cost_price = *cost;
    auto sold_by_text = TextField(body, "sold_by", true);
    if (!sold_by_text) return std::unexpected(sold_by_text.error());
    auto sold_by = catalogue::ParseSoldBy(*sold_by_text);
    if (!sold_by) return std::unexpected(FieldError(sold_by.error(), "sold_by"));
    sku.sold_by = *sold_by;
    if (!body.contains("active") || !body.at("active").is_boolean())
        return WrongType(body, "active", "true or false");
    sku.active = body.at("active").get<bool>();
    if (!body.contains("barcodes") || !body.at("barcodes").is_array())
        return WrongType(body, "barcodes", "an array of GTIN strings, may be empty");
    std::vector<std::string> seen;  // GTIN-14s
    for (const json& value : body.at("barcodes")) {
        auto barcode = BarcodeText(value, "barcodes");
        if (!barcode) return std::unexpected(barcode.error());
        if (std::find(seen.begin(), seen.end(), barcode->gtin14) != seen.end()) {
            return Refused(ErrorCode::kConflict,
                           fmt::format("barcodes: {} is listed twice", barcode->digits),
                           "barcodes");
        }
        seen.push_back(barcode->gtin14);
        sku.barcodes.push_back(std::move(barcode->digits));
    }
    std::sort(sku.barcodes.begin(), sku.barcodes.end());
    return sku;
}

// Checks `after` against the database, saves it as a new catalogue version and records who
// changed what, all in the caller's writer job. Nothing is written when nothing changed.
// Answers with the change word ("created", "updated", "deactivated", "reactivated") or "" for no
// change.
// Barcode problems name `barcode_field`, the request's field they came from.
Result<std::string> SaveChecked(OfficeContext& context, WriteContext& w, const std::string& actor,
                                const std::optional<Sku>& before, const Sku& after,
                                const std::string& barcode_field) {
    auto tax_classes = store::ListTaxClasses(w.db);
    if (!tax_classes) return std::unexpected(tax_classes.error());
    if (auto ok = catalogue::CheckTaxClass(after.tax_class, *tax_classes); !ok)
        return std::unexpected(FieldError(ok.error(), "tax_class", ErrorCode::kInvalidInput));
    auto name = store::FindProductName(w.db, after.product_id, after.code);
    if (!name) return std::unexpected(name.error());
    if (*name && **name != after.product_name) {
        return Refused(ErrorCode::kConflict,
                       fmt::format("product_name: {} differs from {}, the name of the other "
                                   "variants of product {} (variants share one product name)",
                                   text::QuoteForMessage(after.product_name),
                                   text::QuoteForMessage(**name), after.product_id),
                       "product_name");
    }
    for (const std::string& code : after.barcodes) {
        auto barcode = catalogue::ParseSkuBarcode(code);
        if (!barcode) return std::unexpected(FieldError(barcode.error(), barcode_field));
        auto owner = store::FindBarcodeOwner(w.db, barcode->gtin14);
        if (!owner) return std::unexpected(owner.error());
        if (*owner && (*owner)->sku != after.code) {
            return Refused(
                ErrorCode::kConflict,
                fmt::format(
                    "{}: {} already belongs to SKU {}{}", barcode_field, code, (*owner)->sku,
                    (*owner)->barcode == code ? "" : fmt::format(" (as {})", (*owner)->barcode)),
                barcode_field);
        }
    }
    std::string detail = catalogue::DescribeSkuChange(before, after);
    if (detail.empty()) return std::string{};
    const std::string change = !before                           ? "created"
                               : before->active && !after.active ? "deactivated"
                               : !before->active && after.active ? "reactivated"
                                                                 : "updated";
    if (auto ok = store::SaveSku(w.db, after); !ok) return std::unexpected(ok.error());
    if (auto ok = RecordReferenceChange(
            context, w, actor,
            ledger::ReferenceChanged{"sku", after.code, change, std::move(detail)});
        !ok) {
        return std::unexpected(ok.error());
    }
    return change;
}

// Runs a change to one existing SKU in the writer: `edit` turns the SKU as it is now into what it
// should be (or refuses); the answer is the SKU as saved.
using SkuEdit = std::function<Result<Sku>(const Sku&)>;

ApiResponse ChangeSku(OfficeContext& context, const ApiRequest& request, const SkuEdit& edit,
                      const std::string& barcode_field = "barcodes") {
    const std::string& code = request.path_params.at(0);
    Sku saved;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto before = store::FindSku(w.db, code);
        if (!before) return std::unexpected(before.error());
        if (!*before) return Refused(ErrorCode::kNotFound, fmt::format("no SKU {}", code), "code");
        auto after = edit(**before);
        if (!after) return std::unexpected(after.error());
        auto change =
            SaveChecked(context, w, request.caller->Actor(), *before, *after, barcode_field);
        if (!change) return std::unexpected(change.error());
        saved = std::move(*after);
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(SkuJson(saved));
}

ApiResponse PutSku(OfficeContext& context, const ApiRequest& request) {
    auto parsed_code = SkuCode(request.path_params.at(0), "code");
    if (!parsed_code) return http::ErrorResponse(parsed_code.error());
    const std::string& code = *parsed_code;
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    Sku saved;
    std::string change;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto before = store::FindSku(w.db, code);
        if (!before) return std::unexpected(before.error());
        auto currency = *before ? Result<money::Currency>((*before)->price.GetCurrency())
                                : store::ShopCurrency(w.db);
        if (!currency) return std::unexpected(currency.error());
        auto after = SkuFromJson(*body, code, *currency);
        if (!after) return std::unexpected(after.error());
        auto saved_change =
            SaveChecked(context, w, request.caller->Actor(), *before, *after, "barcodes");
        if (!saved_change) return std::unexpected(saved_change.error());
        change = std::move(*saved_change);
        saved = std::move(*after);
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(SkuJson(saved), change == "created" ? 201 : 200);
}

ApiResponse SetPrice(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    return ChangeSku(context, request, [&](const Sku& sku) -> Result<Sku> {
        auto price = AmountField(*body, "price", sku.price.GetCurrency());
        if (!price) return std::unexpected(price.error());
        Sku after = sku;
        after.price = *price;
        return after;
    });
}

// POST .../deactivate and .../activate: the SKU leaves the tills' sale or comes back to it.
ApiResponse SetActive(OfficeContext& context, const ApiRequest& request, bool active) {
    return ChangeSku(context, request, [active](const Sku& sku) -> Result<Sku> {
        Sku after = sku;
        after.active = active;
        return after;
    });
}

ApiResponse AddBarcode(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    if (!body->contains("barcode"))
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "barcode is required (a GTIN string)", "barcode"));
    auto barcode = BarcodeText(body->at("barcode"), "barcode");
    if (!barcode) return http::ErrorResponse(barcode.error());
    return ChangeSku(
        context, request,
        [&](const Sku& sku) -> Result<Sku> {
            Sku after = sku;
            for (const std::string& code : sku.barcodes) {
                auto have = catalogue::ParseSkuBarcode(code);
                if (have && have->gtin14 == barcode->gtin14) return after;  // already there
            }
            after.barcodes.push_back(barcode->digits);
            std::sort(after.barcodes.begin(), after.barcodes.end());
            return after;
        },
        "barcode");
}

ApiResponse RemoveBarcode(OfficeContext& context, const ApiRequest& request) {
    auto barcode = BarcodeText(json(request.path_params.at(1)), "barcode");
    if (!barcode) return http::ErrorResponse(barcode.error());
    return ChangeSku(
        context, request,
        [&](const Sku& sku) -> Result<Sku> {
            Sku after = sku;
            const auto held = std::find_if(after.barcodes.begin(), after.barcodes.end(),
                                           [&](const std::string& code) {
                                               auto have = catalogue::ParseSkuBarcode(code);
                                               return have && have->gtin14 == barcode->gtin14;
                                           });
            if (held == after.barcodes.end()) {
                return Refused(ErrorCode::kNotFound,
                               fmt::format("SKU {} has no barcode {}", sku.code, barcode->digits),
                               "barcode");
            }
            after.barcodes.erase(held);
            return after;
        },
        "barcode");
}

ApiResponse GetSku(OfficeContext& context, const ApiRequest& request) {
    const std::string& code = request.path_params.at(0);
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto sku = store::FindSku(**db, code);
    if (!sku) return http::ErrorResponse(sku.error());
    if (!*sku)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no SKU {}", code), "code"));
    return http::JsonResponse(SkuJson(**sku));
}

ApiResponse ListProducts(OfficeContext& context, const ApiRequest& request) {
    auto limit = LimitParam(request, kDefaultProducts, kMaxProducts);
    if (!limit) return http::ErrorResponse(limit.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto page = store::ListProducts(**db, request.Query("category").value_or(""),
                                    request.Query("after").value_or(""), *limit);
    if (!page) return http::ErrorResponse(page.error());
    json products = json::array();
    for (const store::Product& product : page->products) {
        json variants = json::array();
        for (const Sku& sku : product.variants)
            variants.push_back(SkuJson(sku));
        products.push_back({{"product_id", product.product_id},
                            {"product_name", product.product_name},
                            {"variants", variants}});
    }
    return http::JsonResponse(
        {{"products", products},
         {"more", page->more},
         {"next_after", page->more ? json(page->products.back().product_id) : json(nullptr)}});
}

ApiResponse ListTaxClasses(OfficeContext& context) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto tax_classes = store::ListTaxClasses(**db);
    if (!tax_classes) return http::ErrorResponse(tax_classes.error());
    json list = json::array();
    for (const catalogue::TaxClass& tax : *tax_classes) {
        list.push_back(
            {{"code", tax.code},
             {"rate_basis_points", tax.rate},
             {"mode", tax.mode == money::TaxMode::kInclusive ? "inclusive" : "exclusive"}});
    }
    return http::JsonResponse({{"tax_classes", list}});
}

ApiResponse SearchSkus(OfficeContext& context, const ApiRequest& request) {
    auto limit = LimitParam(request, queries::kSkuSearchPage, queries::kSkuSearchLimit);
    if (!limit) return http::ErrorResponse(limit.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto page = queries::SearchSkus(
        **db, {request.Query("q").value_or(""), request.Query("after").value_or(""), *limit});
    if (!page) return http::ErrorResponse(page.error());
    json list = json::array();
    for (const Sku& sku : page->skus)
        list.push_back(SkuJson(sku));
    return http::JsonResponse(
        {{"skus", list},
         {"more", page->more},
         {"next_after", page->more ? json(page->skus.back().code) : json(nullptr)}});
}

// A catalogue CSV (assets/demo/README.md) as the request's body, named by ?file=: every row
// checked first; one bad row and nothing is imported, each bad row named by file, line and field.
ApiResponse ImportCsv(OfficeContext& context, const ApiRequest& request) {
    const std::string file = request.Query("file").value_or("catalogue.csv");
    if (file.empty() || file.size() > 200) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "file: the CSV's name, 1 to 200 bytes", "file"));
    }
    auto currency = money::FindCurrency(request.Query("currency").value_or("GBP"));
    if (!currency) return http::ErrorResponse(currency.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto tax_classes = store::ListTaxClasses(**db);
    if (!tax_classes) return http::ErrorResponse(tax_classes.error());
    auto parsed = catalogue::ParseCatalogueCsv(request.body, file, *currency, *tax_classes);
    if (!parsed) {
        // Whatever is wrong in the file (an unknown tax class too) is bad input: 400.
        Error bad = parsed.error();
        bad.code = ErrorCode::kInvalidInput;
        return http::ErrorResponse(bad);
    }
    const std::string actor = request.caller->Actor();
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        if (auto ok = store::SaveCatalogue(w.db, *parsed); !ok) return ok;
        return RecordReferenceChange(
            context, w, actor,
            {"catalogue", file, "imported",
             fmt::format("{} SKUs added or updated from {}", parsed->skus.size(), file)});
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse({{"imported", parsed->skus.size()}, {"file", file}}, 201);
}

}  // namespace

std::vector<http::Route> CatalogueRoutes(OfficeContext& context) {
    const auto readers = http::Access::StaffOrTerminal(staff::Role::kCashier);
    const auto writers = http::Access::Staff(staff::Role::kManager);
    const std::string sku = "/api/v1/catalogue/skus/([^/]+)";
    return {
        {"GET", "/api/v1/catalogue/skus", readers,
         [&context](const ApiRequest& r) { return SearchSkus(context, r); }},
        {"GET", sku, readers, [&context](const ApiRequest& r) { return GetSku(context, r); }},
        {"GET", "/api/v1/catalogue/products", readers,
         [&context](const ApiRequest& r) { return ListProducts(context, r); }},
        {"GET", "/api/v1/catalogue/tax-classes", readers,
         [&context](const ApiRequest&) { return ListTaxClasses(context); }},
        {"POST", "/api/v1/catalogue/imports", writers,
         [&context](const ApiRequest& r) { return ImportCsv(context, r); }},
        {"PUT", sku, writers, [&context](const ApiRequest& r) { return PutSku(context, r); }},
        {"POST", sku + "/price", writers,
         [&context](const ApiRequest& r) { return SetPrice(context, r); }},
        {"POST", sku + "/deactivate", writers,
         [&context](const ApiRequest& r) { return SetActive(context, r, false); }},
        {"POST", sku + "/activate", writers,
         [&context](const ApiRequest& r) { return SetActive(context, r, true); }},
        {"POST", sku + "/barcodes", writers,
         [&context](const ApiRequest& r) { return AddBarcode(context, r); }},
        {"DELETE", sku + "/barcodes/([^/]+)", writers,
         [&context](const ApiRequest& r) { return RemoveBarcode(context, r); }},
    };
}

}  // namespace tillbook::office::routes
