// Integration test: every channel payload under tests/data/channels, imported through the real
// tillbook-office binary over HTTP as a manager would post it, checked against the expectation
// beside it (totals, lines, tax, payment, deadlines, attention reasons). The files are listed when
// the test runs, so a new one is imported without touching this file; a payload without its
// expectation, or an expectation without its payload, fails. The layout and the expectation's
// fields are in tests/data/channels/README.md.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "real_office.hpp"
#include "test_data.hpp"
#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

const fs::path kChannelsDir = fs::path(TILLBOOK_SOURCE_DIR) / "tests/data/channels";
constexpr std::string_view kExpectSuffix = ".expect.json";

// One payload file and the expectation beside it, as "shopify/markets.2.json" and
// "shopify/markets.2.expect.json".
struct Step {
    std::string payload;  // relative to tests/data/channels
    std::string expect;
    int number = 0;  // N in <case>.N.json; 0 for <case>.json
};

// A case: one channel's payloads imported in order into one fresh office.
struct ChannelCase {
    std::string channel;  // the folder: shopify, woocommerce, ebay or amazon
    std::string name;     // "shopify/markets"
    std::vector<Step> steps;
};

bool IsExpectation(const std::string& file_name) {
    return file_name.ends_with(kExpectSuffix);
}

std::string ExpectationOf(const std::string& payload) {
    return payload.substr(0, payload.size() - std::string_view(".json").size()) +
           std::string(kExpectSuffix);
}

std::vector<std::string> JsonFiles() {
    std::vector<std::string> files;
    for (const auto& channel : fs::directory_iterator(kChannelsDir)) {
        if (!channel.is_directory()) continue;
        for (const auto& file : fs::directory_iterator(channel.path())) {
            if (file.path().extension() == ".json")
                files.push_back(fs::relative(file.path(), kChannelsDir).generic_string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<ChannelCase> ListCases() {
    static const std::regex kStep(R"((.+)\.([0-9]+)\.json)");
    std::map<std::string, ChannelCase> cases;
    for (const std::string& file : JsonFiles()) {
        if (IsExpectation(file)) continue;
        const fs::path path(file);
        const std::string channel = path.parent_path().generic_string();
        const std::string file_name = path.filename().string();
        std::smatch step_match;
        Step step{file, ExpectationOf(file), 0};
        std::string stem = path.stem().string();
        if (std::regex_match(file_name, step_match, kStep)) {
            stem = step_match[1];
            step.number = std::stoi(step_match[2]);
        }
        ChannelCase& found = cases[channel + "/" + stem];
        found.channel = channel;
        found.name = channel + "/" + stem;
        found.steps.push_back(step);
    }
    std::vector<ChannelCase> out;
    for (auto& [name, found] : cases) {
        std::sort(found.steps.begin(), found.steps.end(),
                  [](const Step& a, const Step& b) { return a.number < b.number; });
        out.push_back(std::move(found));
    }
    return out;
}

json ReadJson(const std::string& relative) {
    const json parsed = json::parse(testing::ReadTestData("channels/" + relative), nullptr, false);
    REQUIRE_MESSAGE(!parsed.is_discarded(), relative << " is not JSON");
    return parsed;
}

// The line kinds as the expectations name them (the API answers the stored number).
int LineKindNumber(const std::string& name) {
    static const std::map<std::string, orders::LineKind> kKinds{
        {"goods", orders::LineKind::kGoods},
        {"shipping", orders::LineKind::kShipping},
        {"gift_card", orders::LineKind::kGiftCard},
        {"service", orders::LineKind::kService}};
    const auto found = kKinds.find(name);
    CHECK_MESSAGE(found != kKinds.end(), "no line kind \"" << name << "\"");
    return found == kKinds.end() ? -1 : static_cast<int>(found->second);
}

void CheckLines(const json& order, const json& expected) {
    const json& lines = order.at("lines");
    CHECK_MESSAGE(lines.size() == expected.size(), "lines: " << lines.dump());
    if (lines.size() != expected.size()) return;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        const json& line = lines.at(i);
        const json& want = expected.at(i);
        for (const char* required : {"sku", "quantity", "total_minor", "tax_minor"})
            CHECK_MESSAGE(want.contains(required), "line " << i + 1 << " needs " << required);
        for (const auto& [key, value] : want.items()) {
            if (key == "kind") {
                CHECK(line.at("kind") == LineKindNumber(value.get<std::string>()));
                continue;
            }
            CHECK_MESSAGE(line.contains(key), "an order line has no \"" << key << "\"");
            if (!line.contains(key)) continue;
            CHECK_MESSAGE(line.at(key) == value, "line " << i + 1 << " " << key << ": "
                                                         << line.at(key) << ", expected " << value);
        }
    }
}

// Every reason the order carries, in order, each holding its expected text.
void CheckAttention(const json& order, const json& expected) {
    const json& reasons = order.at("attention");
    CHECK_MESSAGE(reasons.size() == expected.size(), "attention: " << reasons.dump(2));
    for (std::size_t i = 0; i < std::min(reasons.size(), expected.size()); ++i) {
        const std::string reason = reasons.at(i).get<std::string>();
        const std::string part = expected.at(i).get<std::string>();
        CHECK_MESSAGE(reason.find(part) != std::string::npos, "reason " << i + 1 << " \"" << reason
                                                                        << "\" does not hold \""
                                                                        << part << "\"");
    }
}

// Units reserved per SKU, over every location.
void CheckReserved(const json& order, const json& expected) {
    std::map<std::string, json> reserved;
    for (const json& held : order.at("reservations"))
        reserved[held.at("sku").get<std::string>()] = held.at("quantity");
    std::map<std::string, json> wanted;
    for (const auto& [sku, quantity] : expected.items())
        wanted[sku] = quantity;
    CHECK_MESSAGE(reserved == wanted, "reservations: " << order.at("reservations").dump());
}

// What an expectation may say; anything else is a typo that would check nothing.
void CheckKeys(const json& expect) {
    static const std::vector<std::string> kKnown{
        "about",     "configure",  "http_status",    "error",  "currency",    "total_minor",
        "tax_minor", "paid_minor", "refunded_minor", "status", "despatch_by", "deliver_by",
        "lines",     "attention",  "reserved",       "number", "external_id"};
    for (const auto& [key, value] : expect.items()) {
        CHECK_MESSAGE(std::find(kKnown.begin(), kKnown.end(), key) != kKnown.end(),
                      "the expectation says \"" << key << "\", which this test does not know");
    }
}

void CheckOrder(const json& order, const json& expect) {
    bool complete = true;
    for (const char* key : {"currency", "total_minor", "tax_minor", "paid_minor", "refunded_minor",
                            "status", "despatch_by", "deliver_by", "lines", "attention"}) {
        CHECK_MESSAGE(expect.contains(key), "the expectation needs \"" << key << "\"");
        complete = complete && expect.contains(key);
    }
    if (!complete) return;
    for (const char* key : {"currency", "total_minor", "tax_minor", "paid_minor", "refunded_minor",
                            "status", "despatch_by", "deliver_by", "number", "external_id"}) {
        if (!expect.contains(key)) continue;
        CHECK_MESSAGE(order.at(key) == expect.at(key),
                      key << ": " << order.at(key) << ", expected " << expect.at(key));
    }
    CheckLines(order, expect.at("lines"));
    CheckAttention(order, expect.at("attention"));
    if (expect.contains("reserved")) CheckReserved(order, expect.at("reserved"));
}

// The real server, on a demo database whose channel is set up as the case's first expectation
// says ("configure": more words for `tillbook-office channel configure`).
struct OfficeForCase {
    OfficeForCase(const ChannelCase& c, const json& first_expect)
        : dir("channel-files"), db(dir.File("office.db")), log(dir.File("server.log")) {
        REQUIRE(testing::RunOffice({"init", "--db", db, "--demo"}) == 0);
        if (first_expect.contains("configure")) {
            std::vector<std::string> words{"channel", "configure", "--db",
                                           db,        "--channel", c.channel};
            for (const json& word : first_expect.at("configure"))
                words.push_back(word.get<std::string>());
            REQUIRE(testing::RunOffice(words) == 0);
        }
        server = std::make_unique<testing::ServerProcess>(db, port, log);
        httplib::Client client("127.0.0.1", port);
        auto res =
            client.Post("/api/v1/session",
                        json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump(),
                        "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        token = json::parse(res->body).at("token");
    }
    std::unique_ptr<httplib::Client> Client() const {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
        client->set_read_timeout(30);
        client->set_bearer_token_auth(token);
        return client;
    }
    testing::TempDir dir;
    std::string db;
    std::string log;
    int port = testing::FreePort();
    std::unique_ptr<testing::ServerProcess> server;
    std::string token;
};

void ImportCase(const ChannelCase& c) {
    INFO("case " << c.name);
    const json first_expect = ReadJson(c.steps.front().expect);
    OfficeForCase office(c, first_expect);
    auto client = office.Client();
    std::string order_id;
    for (const Step& step : c.steps) {
        INFO("importing " << step.payload);
        const json expect =
            step.number == c.steps.front().number ? first_expect : ReadJson(step.expect);
        CheckKeys(expect);
        CHECK_MESSAGE(expect.contains("http_status"), "the expectation needs \"http_status\"");
        if (!expect.contains("http_status")) return;
        if (step.number != c.steps.front().number)
            CHECK_MESSAGE(!expect.contains("configure"), "only a first step configures");
        // The payload's bytes as they are in the file, as the channel sent them.
        auto res =
            client->Post("/api/v1/channels/" + c.channel + "/orders",
                         testing::ReadTestData("channels/" + step.payload), "application/json");
        CHECK(res);
        if (!res) return;
        INFO(res->body);
        // A case whose step is answered otherwise is checked no further.
        CHECK(res->status == expect.at("http_status").get<int>());
        if (res->status != expect.at("http_status").get<int>()) return;
        const json answer = json::parse(res->body);
        if (res->status >= 400) {
            const std::string message = answer.at("error").at("message");
            const std::string part = expect.value("error", "");
            CHECK_MESSAGE(!part.empty(), "a refusal's expectation needs \"error\"");
            CHECK_MESSAGE(message.find(part) != std::string::npos, message);
            continue;
        }
        const std::string id = answer.at("id");
        if (!order_id.empty()) CHECK_MESSAGE(id == order_id, "a later step made a new order");
        order_id = id;
        // What the office shows for it afterwards, not only what the import answered.
        auto shown = client->Get("/api/v1/orders/" + id);
        CHECK(shown);
        if (!shown) return;
        CHECK(shown->status == 200);
        if (shown->status != 200) return;
        CheckOrder(json::parse(shown->body), expect);
    }
}

}  // namespace

TEST_CASE(
    "every file in tests/data/channels is a payload with its expectation, or that expectation") {
    const std::vector<std::string> files = JsonFiles();
    REQUIRE_FALSE(files.empty());
    for (const std::string& file : files) {
        CAPTURE(file);
        CHECK_MESSAGE(fs::path(file).parent_path().generic_string().find('/') == std::string::npos,
                      "payloads lie one folder deep, in their channel's");
        CHECK_MESSAGE(office::channels::ParseChannel(fs::path(file).parent_path().generic_string()),
                      "the folder is not a channel's");
        if (IsExpectation(file)) {
            const std::string payload =
                file.substr(0, file.size() - kExpectSuffix.size()) + ".json";
            CHECK_MESSAGE(std::binary_search(files.begin(), files.end(), payload),
                          "an expectation without its payload " << payload);
        } else {
            CHECK_MESSAGE(std::binary_search(files.begin(), files.end(), ExpectationOf(file)),
                          "a payload without its expectation " << ExpectationOf(file));
        }
    }
}

TEST_CASE(
    "every channel payload in tests/data/channels imports through the real server as its "
    "expectation says") {
    const std::vector<ChannelCase> cases = ListCases();
    REQUIRE_FALSE(cases.empty());
    // A case that fails is checked no further, and the cases after it still run.
    for (const ChannelCase& c : cases)
        ImportCase(c);
}
