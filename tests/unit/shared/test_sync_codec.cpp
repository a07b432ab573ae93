// The sync codec (tillbook/sync/): protocol 1 pinned by golden files in tests/data/sync/, which
// tests/integration/test_sync_wire.cpp checks against the real server. After a deliberate change
// of the wire format (a new protocol), regenerate them with
//   TILLBOOK_UPDATE_GOLDEN=1 build/NAME/tests/unit/shared/tillbook_shared_tests -tc="*golden*"
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "golden.hpp"
#include "sync_golden.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/sync/cursor.hpp"
#include "tillbook/sync/pull_json.hpp"
#include "tillbook/sync/push_json.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

// Compares the encoded bytes with tests/data/sync/NAME; with TILLBOOK_UPDATE_GOLDEN=1 writes them.
void CheckGolden(const std::string& name, const json& encoded) {
    const std::string bytes = encoded.dump();
    if (testing::WritingGoldenFiles()) {
        std::ofstream(testing::SyncGoldenPath(name), std::ios::binary) << bytes;
        MESSAGE("wrote tests/data/sync/" << name << ": read it before committing");
        return;
    }
    const std::string golden = testing::ReadSyncGolden(name);
    REQUIRE_MESSAGE(!golden.empty(), name << " is missing: run with TILLBOOK_UPDATE_GOLDEN=1");
    CHECK(bytes == golden);
}

json Golden(const std::string& name) {
    return json::parse(testing::ReadSyncGolden(name));
}

// The error's field, or "(no error)".
template <class T>
std::string FieldOf(const Result<T>& result) {
    return result ? std::string("(no error)") : result.error().field;
}

// The field `read` names after `spoil` changed the golden file NAME.
template <class T>
std::string FieldAfter(const std::string& name, Result<T> (*read)(const json&),
                       const std::function<void(json&)>& spoil) {
    json body = Golden(name);
    spoil(body);
    return FieldOf(read(body));
}

}  // namespace

TEST_CASE("a push, its results and a pull's answer are written exactly as the golden files") {
    CheckGolden("push-request.json", sync::ToJson(testing::GoldenPushRequest()));
    CheckGolden("push-results.json", sync::ToJson(testing::GoldenPushResults()));
    CheckGolden("pull-snapshot.json", sync::ToJson(testing::GoldenPullSnapshot()));
}

TEST_CASE("the golden files read back to the values they were written from") {
    auto request = sync::PushRequestFromJson(Golden("push-request.json"));
    REQUIRE_MESSAGE(request, request.error().message);
    CHECK(*request == testing::GoldenPushRequest());
    auto results = sync::ParsePushResults(testing::ReadSyncGolden("push-results.json"));
    REQUIRE_MESSAGE(results, results.error().message);
    CHECK(*results == testing::GoldenPushResults());
    auto snapshot = sync::ParsePullSnapshot(testing::ReadSyncGolden("pull-snapshot.json"));
    REQUIRE_MESSAGE(snapshot, snapshot.error().message);
    CHECK(*snapshot == testing::GoldenPullSnapshot());
}

TEST_CASE("a pull cursor survives formatting and parsing, whatever the SKU code holds") {
    for (const sync::PullCursor& cursor :
         {sync::PullCursor{}, sync::PullCursor{7, "TEA-EARL-125G", 594},
          sync::PullCursor{1, "A.B.C", 0}, sync::PullCursor{2, "Thé «vert» ☕ %2F&=", 10},
          sync::PullCursor{INT64_MAX, std::string("\0\xff", 2), INT64_MAX}}) {
        CAPTURE(sync::FormatCursor(cursor));
        auto parsed = sync::ParseCursor(sync::FormatCursor(cursor));
        REQUIRE(parsed);
        CHECK(*parsed == cursor);
    }
    CHECK(sync::FormatCursor({3, "TEA-EARL", 594}) == "1.3.5445412d4541524c.594");
    CHECK(*sync::ParseCursor("") == sync::PullCursor{});
    CHECK(*sync::ParseCursor("0") == sync::PullCursor{});
}

TEST_CASE("a pull cursor the back office did not give out is refused") {
    for (const std::string_view bad :
         {"garbage", "1", "1.2.3", "2.0..0", "1.0..0.0", "1.0.abc.0", "1.0.zz.0", "1.-1..0",
          "1.0..-5", "1.0..x", "1. 3..4", "1.3..4 ", "1.99999999999999999999..0", "1.0.4g.0",
          "1.+3..4", "1.0x3..4"}) {
        CAPTURE(bad);
        auto parsed = sync::ParseCursor(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == ErrorCode::kInvalidInput);
        CHECK(parsed.error().message == "not a cursor this back office gave out");
    }
}

TEST_CASE("a push without protocol 1, with events not an array, or with 501 events is refused") {
    const auto refused = [](const json& body) {
        auto read = sync::ReadPushedEvents(body);
        REQUIRE_FALSE(read);
        return read.error();
    };
    CHECK(refused(json{{"events", json::array()}}).field == "protocol");
    CHECK(refused(json{{"protocol", "1"}, {"events", json::array()}}).code ==
          ErrorCode::kInvalidInput);
    CHECK(refused(json{{"protocol", 1.0}, {"events", json::array()}}).field == "protocol");
    const Error other = refused(json{{"protocol", 2}, {"events", json::array()}});
    CHECK(other.code == ErrorCode::kUnsupported);
    CHECK(other.message == "protocol 2 is not spoken here; this back office speaks 1");
    CHECK(refused(json{{"protocol", 1}, {"events", "many"}}).field == "events");
    CHECK(refused(json{{"protocol", 1}}).message == "events is required (an array)");
    CHECK(refused(json::array()).field == "protocol");
    const json event = Golden("push-request.json")["events"][0];
    json too_many{{"protocol", 1}, {"events", json::array()}};
    for (int i = 0; i < 501; ++i)
        too_many["events"].push_back(event);
    CHECK(refused(too_many).code == ErrorCode::kTooLarge);
    too_many["events"].erase(too_many["events"].begin());
    auto five_hundred = sync::ReadPushedEvents(too_many);
    REQUIRE(five_hundred);
    CHECK(five_hundred->size() == 500);
}

TEST_CASE("an event of a push that cannot be read is refused alone, named by its position") {
    json body = Golden("push-request.json");
    body["events"][1]["payload"]["order"]["lines"][0]["quantity"] = 1.5;
    body["events"][2] = json{{"id", 42}};
    body["events"].push_back("not an event");
    auto read = sync::ReadPushedEvents(body);
    REQUIRE(read);
    REQUIRE(read->size() == 4);
    CHECK((*read)[0].event.has_value());
    CHECK((*read)[0].id == testing::kGoldenSaleId);
    REQUIRE_FALSE((*read)[1].event);
    CHECK((*read)[1].id == testing::kGoldenSaleId);
    CHECK((*read)[1].event.error().message ==
          "events[1]: payload.order.lines[0].quantity: expected an integer");
    CHECK((*read)[1].event.error().field == "events[1].payload.order.lines[0].quantity");
    CHECK((*read)[2].id.empty());
    CHECK_FALSE((*read)[2].event);
    CHECK((*read)[3].id.empty());
    CHECK(FieldOf((*read)[3].event) == "events[3]");
    // Read strictly (the till's own check), the first bad event fails the whole request.
    auto strict = sync::PushRequestFromJson(body);
    CHECK(FieldOf(strict) == "events[1].payload.order.lines[0].quantity");
}

TEST_CASE("push results name the field at fault") {
    const auto field_of = [](const std::function<void(json&)>& spoil) {
        return FieldAfter("push-results.json", sync::PushResultsFromJson, spoil);
    };
    CHECK(field_of([](json& b) { b["results"][0]["seq"] = "595"; }) == "results[0].seq");
    CHECK(field_of([](json& b) { b["results"][1]["seq"] = 1e3; }) == "results[1].seq");
    CHECK(field_of([](json& b) { b["results"][1].erase("duplicate"); }) == "results[1].duplicate");
    CHECK(field_of([](json& b) { b["results"][2]["status"] = "maybe"; }) == "results[2].status");
    CHECK(field_of([](json& b) { b["results"][2].erase("reason"); }) == "results[2].reason");
    CHECK(field_of([](json& b) { b["results"][2]["code"] = 6; }) == "results[2].code");
    CHECK(field_of([](json& b) { b["results"][0]["id"] = nullptr; }) == "results[0].id");
    CHECK(field_of([](json& b) { b["results"].push_back(7); }) == "results[3]");
    CHECK(field_of([](json& b) {
              b["results"].push_back(b["results"][0]);
              b["results"][3]["seq"] = 18446744073709551615ull;
          }) == "results[3].seq");
    CHECK(field_of([](json& b) { b["results"] = json::object(); }) == "results");
    CHECK(field_of([](json& b) { b["protocol"] = 2; }) == "protocol");
    auto newer = sync::PushResultsFromJson(json{{"protocol", 2}, {"results", json::array()}});
    REQUIRE_FALSE(newer);
    CHECK(newer.error().code == ErrorCode::kUnsupported);
    CHECK(newer.error().message == "protocol 2 is not spoken here; this till speaks 1");
}

TEST_CASE("a pull's answer names the field at fault") {
    const auto field_of = [](const std::function<void(json&)>& spoil) {
        return FieldAfter("pull-snapshot.json", sync::PullSnapshotFromJson, spoil);
    };
    CHECK(field_of([](json& b) { b["cursor"] = "1.2"; }) == "cursor");
    CHECK(field_of([](json& b) { b["more"] = 0; }) == "more");
    CHECK(field_of([](json& b) { b["store"].erase("time_zone"); }) == "store.time_zone");
    CHECK(field_of([](json& b) { b["settings"]["shop_name"] = 5; }) == "settings.shop_name");
    CHECK(field_of([](json& b) { b["tax_classes"][0]["mode"] = 3; }) == "tax_classes[0].mode");
    CHECK(field_of([](json& b) { b["tax_classes"][1]["rate_basis_points"] = 1e12; }) ==
          "tax_classes[1].rate_basis_points");
    CHECK(field_of([](json& b) { b["tax_classes"][1]["rate_basis_points"] = 5'000'000'000; }) ==
          "tax_classes[1].rate_basis_points");
    CHECK(field_of([](json& b) { b["skus"][1]["price"]["currency"] = "XXY"; }) ==
          "skus[1].price.currency");
    CHECK(field_of([](json& b) { b["skus"][1]["price"]["minor"] = 8.99; }) ==
          "skus[1].price.minor");
    CHECK(field_of([](json& b) { b["skus"][2]["barcodes"][1] = 5060990000010; }) ==
          "skus[2].barcodes[1]");
    CHECK(field_of([](json& b) { b["skus"][0]["sold_by"] = "weight"; }) == "skus[0].sold_by");
    CHECK(field_of([](json& b) { b["staff"][0]["role"] = 0; }) == "staff[0].role");
    CHECK(field_of([](json& b) { b["stock"][1]["on_hand"] = 20.5; }) == "stock[1].on_hand");
    CHECK(field_of([](json& b) { b.erase("stock"); }) == "stock");
    json unknown_currency = Golden("pull-snapshot.json");
    unknown_currency["skus"][0]["price"]["currency"] = "ZZZ";
    auto read = sync::PullSnapshotFromJson(unknown_currency);
    REQUIRE_FALSE(read);
    CHECK(read.error().code == ErrorCode::kUnsupported);
    CHECK(read.error().field == "skus[0].price.currency");
    CHECK(read.error().message.starts_with("skus[0].price.currency: currency code \"ZZZ\""));
}

TEST_CASE("answers that are not JSON, or not objects, are refused without an exception") {
    for (const std::string_view text : std::initializer_list<std::string_view>{
             "", "{", "[]", "null", "17", "\"x\"", "{\"protocol\":1}",
             "{\"protocol\":1,\"results\":{}", std::string_view("\0\0", 2),
             "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}) {
        CAPTURE(text);
        CHECK_FALSE(sync::ParsePushResults(text));
        CHECK_FALSE(sync::ParsePullSnapshot(text));
    }
    auto not_json = sync::ParsePullSnapshot("{not json");
    CHECK(not_json.error().message == "not valid JSON");
}

TEST_CASE("unknown keys in an answer are ignored, so an office may add to protocol 1") {
    json body = Golden("pull-snapshot.json");
    body["news"] = "a later office's addition";
    body["skus"][0]["colour"] = "blue";
    auto snapshot = sync::PullSnapshotFromJson(body);
    REQUIRE(snapshot);
    CHECK(*snapshot == testing::GoldenPullSnapshot());
}

TEST_CASE("TILLBOOK_UPDATE_GOLDEN=1 writes the golden files by hand and is refused under CI") {
    using testing::GoldenMode;
    using testing::GoldenModeFor;
    CHECK(GoldenModeFor(nullptr, nullptr) == GoldenMode::kCompare);
    CHECK(GoldenModeFor("0", nullptr) == GoldenMode::kCompare);
    CHECK(GoldenModeFor(nullptr, "true") == GoldenMode::kCompare);
    CHECK(GoldenModeFor("1", nullptr) == GoldenMode::kWrite);
    CHECK(GoldenModeFor("1", "") == GoldenMode::kWrite);
    CHECK(GoldenModeFor("1", "false") == GoldenMode::kWrite);
    CHECK(GoldenModeFor("1", "true") == GoldenMode::kRefused);
    CHECK(GoldenModeFor("1", "1") == GoldenMode::kRefused);
}
