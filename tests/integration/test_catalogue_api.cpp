// Integration tests: the catalogue over HTTP, against the real server on loopback.
#include <doctest/doctest.h>

#include <array>

#include "catalogue_payloads.hpp"
#include "office_fixture.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kJson = "application/json";

// A whole SKU record for PUT, valid in the demo shop (a new product, a free barcode).
json NewSku() {
    return testing::NewSkuRecord({"5012345678900"});
}

httplib::Result Put(httplib::Client& client, const std::string& code, const json& body) {
    return client.Put(("/api/v1/catalogue/skus/" + code).c_str(), body.dump(), kJson);
}

httplib::Result PostTo(httplib::Client& client, const std::string& path, const json& body) {
    return client.Post(path.c_str(), body.dump(), kJson);
}

// Pulls from `since` until the back office says there is no more; the SKUs and the last cursor.
std::pair<json, std::string> PullAll(httplib::Client& till, std::string since) {
    json skus = json::array();
    while (true) {
        const json page = Body(till.Get(("/api/v1/sync/pull?since=" + since).c_str()));
        REQUIRE(page.contains("cursor"));
        for (const json& sku : page["skus"])
            skus.push_back(sku);
        since = page["cursor"].get<std::string>();
        if (!page["more"].get<bool>()) return {skus, since};
    }
}

// The office's ReferenceChanged events for SKUs, oldest first: {actor, key, change, detail}.
std::vector<std::array<std::string, 4>> SkuChanges(OfficeUnderTest& office) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto q = db->Prepare("SELECT actor, payload FROM ledger WHERE kind = ? ORDER BY seq");
    REQUIRE(q);
    q->Bind(1, static_cast<std::int64_t>(ledger::EventKind::kReferenceChanged));
    std::vector<std::array<std::string, 4>> out;
    while (*q->Step()) {
        const json payload = json::parse(q->Text(1));
        if (payload["entity"] != "sku") continue;
        out.push_back({q->Text(0), payload["key"].get<std::string>(),
                       payload["change"].get<std::string>(), payload["detail"].get<std::string>()});
    }
    return out;
}

std::string StaffId(OfficeUnderTest& office, const std::string& token) {
    return Body(office.Client(token)->Get("/api/v1/session"))["id"].get<std::string>();
}

}  // namespace

TEST_CASE("cashiers and tills read the catalogue, and only a manager may change it") {
    OfficeUnderTest office("catalogue-roles");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    auto till = office.Client(office.Pair("S01", "T1").token);
    const auto before = office.AllRows();

    for (httplib::Client* reader : {cashier.get(), till.get()}) {
        const json sku = Body(reader->Get("/api/v1/catalogue/skus/TEA-EARL-125G"));
        CHECK(sku["code"] == "TEA-EARL-125G");
        CHECK(sku["price_minor"] == 650);
        CHECK(sku["currency"] == "GBP");
        CHECK(Body(reader->Get("/api/v1/catalogue/products"))["products"].size() > 0);
        CHECK(Body(reader->Get("/api/v1/catalogue/tax-classes"))["tax_classes"].size() == 3);
    }
    for (httplib::Client* writer : {cashier.get(), till.get()}) {
        CheckError(Put(*writer, "MUG-1", NewSku()), 403, "");
        CheckError(Put(*writer, "TEA-EARL-125G", NewSku()), 403, "");
        CheckError(
            PostTo(*writer, "/api/v1/catalogue/skus/TEA-EARL-125G/price", {{"price", "1.00"}}), 403,
            "");
        CheckError(PostTo(*writer, "/api/v1/catalogue/skus/TEA-EARL-125G/deactivate", json{}), 403,
                   "");
        CheckError(PostTo(*writer, "/api/v1/catalogue/skus/TEA-EARL-125G/activate", json{}), 403,
                   "");
        CheckError(PostTo(*writer, "/api/v1/catalogue/skus/TEA-EARL-125G/barcodes",
                          {{"barcode", "5012345678900"}}),
                   403, "");
        CheckError(writer->Delete("/api/v1/catalogue/skus/TEA-EARL-125G/barcodes/5060123450019"),
                   403, "");
    }
    CHECK(office.AllRows() == before);
}

TEST_CASE(
    "a manager creates a SKU and changes its price, and a till's next pull returns just that SKU "
    "with the new price") {
    OfficeUnderTest office("catalogue-create");
    auto manager = office.Client(office.Manager());
    auto till = office.Client(office.Pair("S01", "T1").token);
    const auto [everything, first_cursor] = PullAll(*till, "0");
    CHECK(everything.size() == 239);

    const auto created = Put(*manager, "MUG-ENAMEL-BLUE", NewSku());
    REQUIRE(created);
    CHECK(created->status == 201);
    const json sku = Body(manager->Get("/api/v1/catalogue/skus/MUG-ENAMEL-BLUE"));
    CHECK(sku["product_id"] == "MUG-ENAMEL");
    CHECK(sku["product_name"] == "Enamel mug");
    CHECK(sku["variant_name"] == "Blue");
    CHECK(sku["category"] == "Homeware");
    CHECK(sku["price_minor"] == 450);
    CHECK(sku["cost_minor"] == 200);
    CHECK(sku["currency"] == "GBP");
    CHECK(sku["tax_class"] == "standard");
    CHECK(sku["sold_by"] == "unit");
    CHECK(sku["active"] == true);
    CHECK(sku["barcodes"] == json::array({"5012345678900"}));
    // The till scanning the new barcode finds it through search too.
    CHECK(Body(till->Get("/api/v1/catalogue/skus?q=5012345678900"))["skus"][0]["code"] ==
          "MUG-ENAMEL-BLUE");

    const auto [after_create, second_cursor] = PullAll(*till, first_cursor);
    REQUIRE(after_create.size() == 1);
    CHECK(after_create[0]["code"] == "MUG-ENAMEL-BLUE");
    CHECK(after_create[0]["price"]["minor"] == 450);
    CHECK(after_create[0]["barcodes"] == json::array({"5012345678900"}));

    const auto repriced =
        PostTo(*manager, "/api/v1/catalogue/skus/MUG-ENAMEL-BLUE/price", {{"price", "4.75"}});
    CHECK(Body(repriced)["price_minor"] == 475);
    CHECK(repriced->status == 200);
    // And a demo SKU's price too: the till gets both changes, each once, and nothing else.
    CHECK(Body(PostTo(*manager, "/api/v1/catalogue/skus/TEA-EARL-125G/price",
                      {{"price", "6.95"}}))["price_minor"] == 695);
    const auto [after_price, third_cursor] = PullAll(*till, second_cursor);
    REQUIRE(after_price.size() == 2);
    CHECK(after_price[0]["code"] == "MUG-ENAMEL-BLUE");
    CHECK(after_price[0]["price"] == json{{"minor", 475}, {"currency", "GBP"}});
    CHECK(after_price[1]["code"] == "TEA-EARL-125G");
    CHECK(after_price[1]["price"]["minor"] == 695);
    // A till that missed both pulls gets the new SKU once, at its latest price.
    const auto [since_first, unused] = PullAll(*till, first_cursor);
    CHECK(since_first.size() == 2);
    CHECK(since_first[0]["price"]["minor"] == 475);
    CHECK(PullAll(*till, third_cursor).first.empty());

    // PUT on an existing SKU updates the whole record.
    json update = NewSku();
    update["variant_name"] = "Green";
    update["cost_price"] = "2.10";
    const auto updated = Put(*manager, "MUG-ENAMEL-BLUE", update);
    CHECK(updated->status == 200);
    CHECK(Body(updated)["variant_name"] == "Green");
    CHECK(Body(updated)["price_minor"] == 450);
    CHECK(Body(updated)["cost_minor"] == 210);
    CHECK(office.Verifies());
}

TEST_CASE("bad SKU input gets 400 or 409 naming the field and leaves every table unchanged") {
    OfficeUnderTest office("catalogue-bad-input");
    auto manager = office.Client(office.Manager());
    const auto before = office.AllRows();
    struct Case {
        const char* what;
        json change;  // merged into a valid record
        int status;
        const char* field;
    };
    const std::vector<Case> cases{
        {"more decimals than GBP has", {{"price", "4.999"}}, 400, "price"},
        {"a negative price", {{"price", "-1.00"}}, 400, "price"},
        {"a price as a JSON number", {{"price", 4.5}}, 400, "price"},
        {"a price in minor units in place of the string", {{"price", 450}}, 400, "price"},
        {"a cost price with a thousands separator",
         {{"cost_price", "1,000.00"}},
         400,
         "cost_price"},
        {"active as a string", {{"active", "true"}}, 400, "active"},
        {"a barcode as a number", {{"barcodes", {5012345678900}}}, 400, "barcodes"},
        {"a bad GTIN check digit", {{"barcodes", {"5012345678901"}}}, 400, "barcodes"},
        {"the barcode of another SKU", {{"barcodes", {"5060123450019"}}}, 409, "barcodes"},
        {"another SKU's barcode as a GTIN-14", {{"barcodes", {"05060123450019"}}}, 409, "barcodes"},
        {"a barcode listed twice",
         {{"barcodes", {"5012345678900", "05012345678900"}}},
         409,
         "barcodes"},
        {"an unknown tax class", {{"tax_class", "luxury"}}, 400, "tax_class"},
        {"an empty product name", {{"product_name", ""}}, 400, "product_name"},
        {"sold by the box", {{"sold_by", "box"}}, 400, "sold_by"},
        {"a product id with a line break", {{"product_id", "MUG\nX"}}, 400, "product_id"},
        {"another product's name for a variant",
         {{"product_id", "TEA-EARL"}, {"product_name", "Earl Grey"}},
         409,
         "product_name"},
        {"a field that is not a SKU's", {{"price_minor", 450}}, 400, "price_minor"},
    };
    for (const std::string code : {"MUG-NEW", "TEA-EARL-250G"}) {
        for (const Case& c : cases) {
            CAPTURE(code);
            CAPTURE(c.what);
            json body = NewSku();
            body.merge_patch(c.change);
            CheckError(Put(*manager, code, body), c.status, c.field);
        }
        json missing = NewSku();
        missing.erase("product_name");
        CheckError(Put(*manager, code, missing), 400, "product_name");
        missing = NewSku();
        missing.erase("barcodes");
        CheckError(Put(*manager, code, missing), 400, "barcodes");
    }
    CheckError(Put(*manager, "MUG-NEW", json::array({1, 2})), 400, "");
    const std::string price = "/api/v1/catalogue/skus/TEA-EARL-125G/price";
    CheckError(PostTo(*manager, price, {{"price", "6.505"}}), 400, "price");
    CheckError(PostTo(*manager, price, {{"price", "-0.01"}}), 400, "price");
    CheckError(PostTo(*manager, price, {{"price", 6.5}}), 400, "price");
    CheckError(PostTo(*manager, price, json::object()), 400, "price");
    CheckError(PostTo(*manager, "/api/v1/catalogue/skus/NO-SUCH/price", {{"price", "1.00"}}), 404,
               "code");
    const std::string barcodes = "/api/v1/catalogue/skus/TEA-EARL-125G/barcodes";
    CheckError(PostTo(*manager, barcodes, {{"barcode", "5012345678901"}}), 400, "barcode");
    CheckError(PostTo(*manager, barcodes, {{"barcode", 5012345678900}}), 400, "barcode");
    CheckError(PostTo(*manager, barcodes, {{"barcode", "5060123450026"}}), 409, "barcode");
    CheckError(manager->Delete("/api/v1/catalogue/skus/TEA-EARL-125G/barcodes/5012345678900"), 404,
               "barcode");
    CheckError(manager->Delete("/api/v1/catalogue/skus/TEA-EARL-125G/barcodes/12345"), 400,
               "barcode");
    CheckError(PostTo(*manager, "/api/v1/catalogue/skus/NO-SUCH/deactivate", json{}), 404, "code");
    CheckError(PostTo(*manager, "/api/v1/catalogue/skus/NO-SUCH/activate", json{}), 404, "code");
    CheckError(manager->Get("/api/v1/catalogue/skus/NO-SUCH"), 404, "code");
    CheckError(manager->Get("/api/v1/catalogue/products?limit=0"), 400, "limit");
    CheckError(manager->Get("/api/v1/catalogue/products?limit=ten"), 400, "limit");
    CheckError(manager->Get("/api/v1/catalogue/skus?q=TEA&limit=0"), 400, "limit");
    CheckError(manager->Get("/api/v1/catalogue/skus?q=TEA&limit=101"), 400, "limit");
    CheckError(manager->Get("/api/v1/catalogue/skus?q=TEA&limit=5x"), 400, "limit");
    CHECK(office.AllRows() == before);
}

TEST_CASE("a deactivated SKU stays readable, is marked inactive, and reaches the tills so") {
    OfficeUnderTest office("catalogue-deactivate");
    auto manager = office.Client(office.Manager());
    auto till = office.Client(office.Pair("S01", "T1").token);
    const std::string cursor = PullAll(*till, "0").second;
    const std::string path = "/api/v1/catalogue/skus/TEA-EARL-250G/deactivate";
    const auto deactivated = PostTo(*manager, path, json{});
    CHECK(deactivated->status == 200);
    CHECK(Body(deactivated)["active"] == false);
    const json read = Body(till->Get("/api/v1/catalogue/skus/TEA-EARL-250G"));
    CHECK(read["active"] == false);
    CHECK(read["price_minor"] == 1150);
    CHECK(read["barcodes"].size() == 2);
    const auto pulled = PullAll(*till, cursor).first;
    REQUIRE(pulled.size() == 1);
    CHECK(pulled[0]["code"] == "TEA-EARL-250G");
    CHECK(pulled[0]["active"] == false);
    // Deactivating it again changes nothing: no new version, no new event.
    const auto rows = office.AllRows();
    CHECK(PostTo(*manager, path, json{})->status == 200);
    CHECK(office.AllRows() == rows);
    // Its product still lists it, inactive.
    const json products = Body(manager->Get("/api/v1/catalogue/products?after=TEA-EARK&limit=1"));
    REQUIRE(products["products"].size() == 1);
    CHECK(products["products"][0]["product_id"] == "TEA-EARL");
    CHECK(products["products"][0]["variants"][1]["active"] == false);
}

TEST_CASE(
    "a deactivated SKU is brought back by activate: one audited change, and the tills get it") {
    OfficeUnderTest office("catalogue-activate");
    const std::string token = office.Manager();
    auto manager = office.Client(token);
    auto till = office.Client(office.Pair("S01", "T1").token);
    const std::string sku = "/api/v1/catalogue/skus/TEA-EARL-250G";
    REQUIRE(PostTo(*manager, sku + "/deactivate", json{})->status == 200);
    const std::string cursor = PullAll(*till, "0").second;
    const auto activated = PostTo(*manager, sku + "/activate", json{});
    CHECK(activated->status == 200);
    CHECK(Body(activated)["active"] == true);
    CHECK(Body(manager->Get(sku.c_str()))["active"] == true);
    // Nothing else of it changed.
    CHECK(Body(activated)["price_minor"] == 1150);
    CHECK(Body(activated)["barcodes"].size() == 2);
    const auto pulled = PullAll(*till, cursor).first;
    REQUIRE(pulled.size() == 1);
    CHECK(pulled[0]["code"] == "TEA-EARL-250G");
    CHECK(pulled[0]["active"] == true);
    const auto changes = SkuChanges(office);
    REQUIRE(changes.size() == 2);
    CHECK(changes[1][0] == StaffId(office, token));
    CHECK(changes[1][1] == "TEA-EARL-250G");
    CHECK(changes[1][2] == "reactivated");
    CHECK(changes[1][3] == "active false → true");
    // Activating an active SKU changes nothing: no new version, no new event.
    const auto rows = office.AllRows();
    CHECK(PostTo(*manager, sku + "/activate", json{})->status == 200);
    CHECK(office.AllRows() == rows);
    CHECK(office.Verifies());
}

TEST_CASE("the SKU search answers a page at a time by code, with where the next page starts") {
    OfficeUnderTest office("catalogue-search-pages");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    const json all = Body(cashier->Get("/api/v1/catalogue/skus?q=TEA&limit=100"));
    REQUIRE(all["skus"].size() > 6);
    CHECK(all["more"] == false);
    CHECK(all["next_after"].is_null());
    std::vector<std::string> paged;
    std::string after;
    while (true) {
        httplib::Params params{{"q", "TEA"}, {"limit", "4"}, {"after", after}};
        const json page = Body(cashier->Get("/api/v1/catalogue/skus", params, {}));
        REQUIRE(page["skus"].size() <= 4);
        for (const json& found : page["skus"])
            paged.push_back(found["code"].get<std::string>());
        if (page["more"] == false) break;
        after = page["next_after"].get<std::string>();
        CHECK(after == paged.back());
    }
    std::vector<std::string> whole;
    for (const json& found : all["skus"])
        whole.push_back(found["code"].get<std::string>());
    CHECK(paged == whole);
    // Without a limit a page is 50 at most.
    const json first = Body(cashier->Get("/api/v1/catalogue/skus"));
    CHECK(first["skus"].size() == 50);
    CHECK(first["more"] == true);
}

TEST_CASE("barcodes are added and removed one at a time and compared as GTIN-14") {
    OfficeUnderTest office("catalogue-barcodes");
    auto manager = office.Client(office.Manager());
    const std::string barcodes = "/api/v1/catalogue/skus/TEA-EARL-125G/barcodes";
    CHECK(Body(PostTo(*manager, barcodes, {{"barcode", "5012345678900"}}))["barcodes"] ==
          json::array({"5012345678900", "5060123450019"}));
    // The same code in its GTIN-14 form is already there: nothing changes.
    const auto rows = office.AllRows();
    CHECK(PostTo(*manager, barcodes, {{"barcode", "05012345678900"}})->status == 200);
    CHECK(office.AllRows() == rows);
    // A UPC-A on one SKU and its EAN-13 form on another clash.
    CHECK(Body(PostTo(*manager, "/api/v1/catalogue/skus/TEA-EARL-250G/barcodes",
                      {{"barcode", "036000291452"}}))["barcodes"]
              .size() == 3);
    CheckError(PostTo(*manager, barcodes, {{"barcode", "0036000291452"}}), 409, "barcode");
    // Removed by any of its forms; then it is free for another SKU.
    const auto removed =
        manager->Delete("/api/v1/catalogue/skus/TEA-EARL-250G/barcodes/0036000291452");
    CHECK(removed->status == 200);
    CHECK(Body(removed)["barcodes"].size() == 2);
    CHECK(Body(PostTo(*manager, barcodes, {{"barcode", "0036000291452"}}))["barcodes"].size() == 3);
    CHECK(office.Verifies());
}

TEST_CASE(
    "every catalogue change is a ReferenceChanged event with the manager as actor and the change "
    "in words") {
    OfficeUnderTest office("catalogue-audit");
    const std::string token = office.Manager();
    const std::string manager_id = StaffId(office, token);
    auto manager = office.Client(token);
    REQUIRE(Put(*manager, "MUG-ENAMEL-BLUE", NewSku())->status == 201);
    REQUIRE(PostTo(*manager, "/api/v1/catalogue/skus/MUG-ENAMEL-BLUE/price", {{"price", "4.75"}})
                ->status == 200);
    REQUIRE(PostTo(*manager, "/api/v1/catalogue/skus/MUG-ENAMEL-BLUE/barcodes",
                   {{"barcode", "036000291452"}})
                ->status == 200);
    REQUIRE(
        manager->Delete("/api/v1/catalogue/skus/MUG-ENAMEL-BLUE/barcodes/5012345678900")->status ==
        200);
    REQUIRE(PostTo(*manager, "/api/v1/catalogue/skus/MUG-ENAMEL-BLUE/deactivate", json{})->status ==
            200);
    json reactivate = NewSku();
    reactivate["barcodes"] = {"036000291452"};
    reactivate["price"] = "4.75";
    REQUIRE(Put(*manager, "MUG-ENAMEL-BLUE", reactivate)->status == 200);

    const auto changes = SkuChanges(office);
    REQUIRE(changes.size() == 6);
    for (const auto& change : changes) {
        CHECK(change[0] == manager_id);
        CHECK(change[1] == "MUG-ENAMEL-BLUE");
    }
    CHECK(changes[0][2] == "created");
    CHECK(changes[0][3] ==
          "product_id \"MUG-ENAMEL\"; product_name \"Enamel mug\"; variant_name \"Blue\"; "
          "category \"Homeware\"; price 4.50; cost_price 2.00; tax_class \"standard\"; sold_by "
          "unit; active true; barcode +5012345678900");
    CHECK(changes[1][2] == "updated");
    CHECK(changes[1][3] == "price 4.50 → 4.75");
    CHECK(changes[2][3] == "barcode +036000291452");
    CHECK(changes[3][3] == "barcode -5012345678900");
    CHECK(changes[4][2] == "deactivated");
    CHECK(changes[4][3] == "active true → false");
    CHECK(changes[5][2] == "reactivated");
    CHECK(changes[5][3] == "active false → true");
    CHECK(office.Verifies());
}

TEST_CASE("products list their variants together, a page at a time, by category") {
    OfficeUnderTest office("catalogue-products");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    const json first = Body(cashier->Get("/api/v1/catalogue/products?limit=2"));
    REQUIRE(first["products"].size() == 2);
    CHECK(first["more"] == true);
    CHECK(first["next_after"] == first["products"][1]["product_id"]);
    const json second = Body(cashier->Get(
        ("/api/v1/catalogue/products?limit=2&after=" + first["next_after"].get<std::string>())
            .c_str()));
    REQUIRE(second["products"].size() == 2);
    CHECK(second["products"][0]["product_id"].get<std::string>() >
          first["products"][1]["product_id"].get<std::string>());

    // Every page of one category holds only that category, and the pages hold every SKU of it.
    std::size_t variants = 0;
    std::string after;
    while (true) {
        httplib::Params params{{"category", "Tea & coffee"}, {"limit", "7"}, {"after", after}};
        const json page = Body(cashier->Get("/api/v1/catalogue/products", params, {}));
        for (const json& product : page["products"]) {
            for (const json& variant : product["variants"]) {
                CHECK(variant["category"] == "Tea & coffee");
                CHECK(variant["product_id"] == product["product_id"]);
                ++variants;
            }
        }
        if (!page["more"].get<bool>()) break;
        after = page["next_after"].get<std::string>();
    }
    CHECK(static_cast<std::int64_t>(variants) ==
          office.Scalar("SELECT count(*) FROM skus WHERE category = 'Tea & coffee'"));
    CHECK(variants > 2);

    const json tea = Body(cashier->Get("/api/v1/catalogue/products?after=TEA-EARK&limit=1"));
    REQUIRE(tea["products"].size() == 1);
    CHECK(tea["products"][0]["product_name"] == "Earl Grey loose leaf tea");
    REQUIRE(tea["products"][0]["variants"].size() == 2);
    CHECK(tea["products"][0]["variants"][0]["code"] == "TEA-EARL-125G");
    CHECK(tea["products"][0]["variants"][1]["code"] == "TEA-EARL-250G");

    const json tax = Body(cashier->Get("/api/v1/catalogue/tax-classes"));
    CHECK(tax["tax_classes"][1] ==
          json{{"code", "standard"}, {"rate_basis_points", 2000}, {"mode", "inclusive"}});
}

TEST_CASE("a catalogue CSV sent to the office imports all its rows, or none when one is bad") {
    OfficeUnderTest office("catalogue-csv-import");
    auto manager = office.Client(office.Manager());
    const std::string header =
        "sku,product_id,product_name,variant_name,category,barcodes,price,cost_price,tax_class,"
        "sold_by,active\n";
    const std::string good =
        "TEA-ROOIBOS-100G,TEA-ROOIBOS,Rooibos loose leaf tea,100 g,Tea & coffee,,5.25,2.10,zero,"
        "unit,true\n";
    const std::string bad =
        "TEA-MATE-100G,TEA-MATE,Yerba mate,100 g,Tea & coffee,,4.50,2.00,no-such-tax,unit,true\n";
    const auto before = office.AllRows();
    auto refused =
        manager->Post("/api/v1/catalogue/imports?file=autumn.csv", header + good + bad, "text/csv");
    REQUIRE(refused);
    CHECK(refused->status == 400);
    const std::string message = Body(refused)["error"]["message"];
    CHECK(message.find("autumn.csv line 3") != std::string::npos);
    CHECK(message.find("tax_class") != std::string::npos);
    CHECK(office.AllRows() == before);

    // A cashier may not import at all.
    CheckError(office.Client(office.Login("zoe", "demo-cashier-password"))
                   ->Post("/api/v1/catalogue/imports", header + good, "text/csv"),
               403);

    auto imported =
        manager->Post("/api/v1/catalogue/imports?file=autumn.csv", header + good, "text/csv");
    REQUIRE(imported);
    CHECK(imported->status == 201);
    CHECK(Body(imported)["imported"] == 1);
    auto sku = manager->Get("/api/v1/catalogue/skus/TEA-ROOIBOS-100G");
    REQUIRE(sku);
    CHECK(sku->status == 200);
    CHECK(Body(sku)["price_minor"] == 525);
    CHECK(office.Scalar("SELECT count(*) FROM ledger WHERE kind = 16 AND payload LIKE "
                        "'%autumn.csv%'") == 1);
    CHECK(office.Verifies());
}
