// Issue 11, findings 9 and 10: numbers and text from outside, against the real server on loopback.
// Each refusal is a 400 naming the field, and writes nothing.
#include <doctest/doctest.h>

#include <string>

#include "catalogue_payloads.hpp"
#include "office_fixture.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kJson = "application/json";

// 2^64 - 1 and 2^63: nlohmann-json keeps both as unsigned; get<std::int64_t>() wraps them to -1
// and INT64_MIN.
constexpr const char* kHugeNumbers[] = {"18446744073709551615", "9223372036854775808"};

httplib::Result PostText(httplib::Client& client, const std::string& path,
                         const std::string& body) {
    return client.Post(path.c_str(), body, kJson);
}

// A new SKU's whole record for PUT, valid in the demo shop.
json NewSku() {
    return testing::NewSkuRecord();
}

}  // namespace

TEST_CASE(
    "issue 11: a whole number too large for 64 bits is refused naming the field, never booked "
    "wrapped") {
    OfficeUnderTest office("input-huge-numbers");
    auto manager = office.Client(office.Manager());
    const auto before = office.AllRows();
    for (const std::string huge : kHugeNumbers) {
        INFO(huge);
        CheckError(PostText(*manager, "/api/v1/stock/adjustments",
                            R"({"location":"S01","sku":"TEA-EARL-125G","delta":)" + huge +
                                R"(,"reason":"other"})"),
                   400, "delta");
        CheckError(PostText(*manager, "/api/v1/stock/transfers",
                            R"({"from":"W01","to":"S01","lines":[{"sku":"TEA-EARL-125G",)"
                            R"("quantity":)" +
                                huge + "}]}"),
                   400, "lines[0].quantity");
        CheckError(PostText(*manager, "/api/v1/stock/counts",
                            R"({"location":"S01","lines":[{"sku":"TEA-EARL-125G","counted":)" +
                                huge + "}]}"),
                   400, "lines[0].counted");
        CheckError(PostText(*manager, "/api/v1/returns/any-return/refunds",
                            R"({"tender":"cash","amount_minor":)" + huge + "}"),
                   400, "amount_minor");
    }
    CHECK(office.AllRows() == before);
}

TEST_CASE("issue 11: a price or cost above a million pounds is refused naming the field") {
    OfficeUnderTest office("input-price-limit");
    auto manager = office.Client(office.Manager());
    json sku = NewSku();
    const auto before = office.AllRows();
    for (const char* field : {"price", "cost_price"}) {
        for (const char* too_much : {"92233720368547758.07", "1000000.01"}) {
            json bad = sku;
            bad[field] = too_much;
            CheckError(manager->Put("/api/v1/catalogue/skus/MUG-ENAMEL-BLUE", bad.dump(), kJson),
                       400, field);
        }
    }
    CheckError(PostText(*manager, "/api/v1/catalogue/skus/TEA-EARL-125G/price",
                        R"({"price":"1000000.01"})"),
               400, "price");
    CHECK(office.AllRows() == before);
    sku["price"] = "1000000.00";
    auto res = manager->Put("/api/v1/catalogue/skus/MUG-ENAMEL-BLUE", sku.dump(), kJson);
    REQUIRE(res);
    CHECK(res->status == 201);
}

TEST_CASE(
    "issue 11: a SKU code is trimmed and refuses invisible and control characters, and names "
    "refuse control characters such as printer commands") {
    OfficeUnderTest office("input-text");
    auto manager = office.Client(office.Manager());
    auto admin = office.Client(office.Login("admin", "demo-admin-password"));
    const json sku = NewSku();
    const auto before = office.AllRows();
    // A zero-width space, a right-to-left mark, a right-to-left override, a no-break space and an
    // escape inside the code, each percent-encoded in the address.
    for (const char* code :
         {"MUG%E2%80%8B1", "MUG%E2%80%8F1", "MUG%E2%80%AE1", "MUG%C2%A01", "MUG%1B1"}) {
        INFO(std::string(code));
        CheckError(manager->Put((std::string("/api/v1/catalogue/skus/") + code).c_str(), sku.dump(),
                                kJson),
                   400, "code");
    }
    for (const auto& [field, value] : {std::pair{"product_id", std::string("MUG\u200BENAMEL")},
                                       std::pair{"product_name", std::string("Enamel mug\x1B@")},
                                       std::pair{"variant_name", std::string("Blue\x1DV\x01")},
                                       std::pair{"category", std::string("Home\nware")},
                                       std::pair{"product_name", std::string("Enamel\0mug", 10)}}) {
        INFO(field);
        json bad = sku;
        bad[field] = value;
        CheckError(manager->Put("/api/v1/catalogue/skus/MUG-1", bad.dump(), kJson), 400, field);
    }
    CheckError(admin->Post("/api/v1/staff",
                           json{{"username", "ann"},
                                {"display_name", "Ann\nauth: admin signed in"},
                                {"role", "cashier"},
                                {"password", "a-long-enough-password"}}
                               .dump(),
                           kJson),
               400, "display_name");
    CHECK(office.AllRows() == before);

    // White space around the code is not part of it: " MUG-1\u00A0" is MUG-1.
    auto created = manager->Put("/api/v1/catalogue/skus/%20MUG-1%C2%A0", sku.dump(), kJson);
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(Body(created)["code"] == "MUG-1");
    auto again = manager->Put("/api/v1/catalogue/skus/MUG-1%20", sku.dump(), kJson);
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(office.Scalar("SELECT count(*) FROM skus WHERE code LIKE '%MUG-1%'") == 1);
}
