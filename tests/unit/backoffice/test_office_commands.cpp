#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "temp_dir.hpp"
#include "tillbook/office/office_commands.hpp"
#include "tillbook/office/password_hash.hpp"
#include "tillbook/staff/staff.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;

namespace {

struct Run {
    int code = 0;
    std::string out;
    std::string err;
};

Run Office(std::vector<std::string> words) {
    std::vector<const char*> argv{"tillbook-office"};
    for (const auto& w : words)
        argv.push_back(w.c_str());
    auto args = cli::ParseArgs(static_cast<int>(argv.size()), argv.data(), {"demo"});
    REQUIRE(args);
    std::ostringstream out, err;
    const int code = office::RunOfficeCommand(*args, out, err);
    return Run{code, out.str(), err.str()};
}

std::string FileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace

TEST_CASE("init --demo creates a shop whose ledger verifies, and a second init changes nothing") {
    testing::TempDir dir("office-init");
    const auto db = dir.File("office.db");
    const Run init = Office({"init", "--db", db, "--demo"});
    INFO(init.err);
    REQUIRE(init.code == 0);
    CHECK(init.out.find("239 SKUs") != std::string::npos);
    const Run verify = Office({"verify", "--db", db});
    CHECK(verify.code == 0);
    CHECK(verify.out.find("every projection matches") != std::string::npos);
    const Run again = Office({"init", "--db", db, "--demo"});
    CHECK(again.code == 1);
    CHECK(again.err.find("already exists") != std::string::npos);
}

TEST_CASE("the real tillbook-office binary answers usage errors with exit code 2") {
    testing::TempDir dir("office-exe");
    const std::string command =
        std::string(TILLBOOK_OFFICE_EXE) + " frobnicate > " + dir.File("out.txt") + " 2>&1";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(FileBytes(dir.File("out.txt")).find("usage:") != std::string::npos);
}

TEST_CASE("staff passwords and PINs are stored as argon2id hashes, never in clear") {
    testing::TempDir dir("office-staff");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db}).code == 0);
    const Run added = Office({"staff", "add", "--db", db, "--username", "maria", "--password",
                              "correct horse battery", "--role", "cashier", "--pin", "4821"});
    INFO(added.err);
    REQUIRE(added.code == 0);
    {
        auto store = store::OpenAndMigrate(db);
        REQUIRE(store);
        auto q = store->Prepare(
            "SELECT password_hash, pin_hash, role FROM staff WHERE username = 'maria'");
        REQUIRE(q);
        REQUIRE(*q->Step());
        CHECK(q->Text(0).starts_with("$argon2id$"));
        CHECK(q->Text(1).starts_with("$argon2id$"));
        CHECK(office::VerifySecret(q->Text(0), "correct horse battery"));
        CHECK_FALSE(office::VerifySecret(q->Text(0), "correct horse batterY"));
        CHECK(office::VerifySecret(q->Text(1), "4821"));
        CHECK(q->Int64(2) == static_cast<int>(staff::Role::kCashier));
    }
    // Wherever SQLite keeps the row (main file or WAL), the clear text is not there.
    const std::string bytes = FileBytes(db) + FileBytes(db + "-wal");
    REQUIRE(bytes.find("maria") != std::string::npos);
    CHECK(bytes.find("correct horse battery") == std::string::npos);
}

TEST_CASE(
    "the real tillbook-office hashes at argon2id's interactive cost, not the tests' minimum") {
    testing::TempDir dir("office-exe-cost");
    const auto db = dir.File("office.db");
    const std::string command = std::string(TILLBOOK_OFFICE_EXE) + " init --db " + db +
                                " --demo > " + dir.File("out.txt") + " 2>&1";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    auto store = store::OpenAndMigrate(db);
    REQUIRE(store);
    auto q = store->Prepare("SELECT password_hash, pin_hash FROM staff");
    REQUIRE(q);
    int rows = 0;
    while (*q->Step()) {
        ++rows;
        // libsodium's interactive limits: 64 MiB (m=65536 KiB), 2 passes, 1 lane.
        CHECK(q->Text(0).starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
        CHECK(q->Text(1).starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
    }
    CHECK(rows >= 2);
}

TEST_CASE("either hash cost verifies the same way, and only the right secret") {
    struct RestoreTestCost {
        ~RestoreTestCost() { office::SetHashCost(office::HashCost::kTestMinimum); }
    } restore;
    office::SetHashCost(office::HashCost::kInteractive);
    const auto interactive = office::HashSecret("a long enough password");
    office::SetHashCost(office::HashCost::kTestMinimum);
    const auto minimum = office::HashSecret("a long enough password");
    REQUIRE(interactive);
    REQUIRE(minimum);
    CHECK(interactive->starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
    CHECK(minimum->starts_with("$argon2id$v=19$m=8,t=1,p=1$"));
    for (const std::string& hash : {*interactive, *minimum}) {
        CHECK(office::VerifySecret(hash, "a long enough password"));
        CHECK_FALSE(office::VerifySecret(hash, "a long enough passwore"));
    }
}

TEST_CASE("staff add refuses a taken username, an unknown role, a short password and a bad PIN") {
    testing::TempDir dir("office-staff-bad");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db}).code == 0);
    REQUIRE(Office({"staff", "add", "--db", db, "--username", "sam", "--password", "long enough pw",
                    "--role", "manager"})
                .code == 0);
    const Run taken = Office({"staff", "add", "--db", db, "--username", "sam", "--password",
                              "long enough pw", "--role", "manager"});
    CHECK(taken.code == 1);
    CHECK(taken.err.find("taken") != std::string::npos);
    const Run role = Office({"staff", "add", "--db", db, "--username", "kim", "--password",
                             "long enough pw", "--role", "boss"});
    CHECK(role.code == 1);
    CHECK(role.err.find("boss") != std::string::npos);
    const Run short_pw = Office({"staff", "add", "--db", db, "--username", "kim", "--password",
                                 "short", "--role", "cashier"});
    CHECK(short_pw.code == 1);
    CHECK(short_pw.err.find("10 to 200") != std::string::npos);
    const Run pin = Office({"staff", "add", "--db", db, "--username", "kim", "--password",
                            "long enough pw", "--role", "cashier", "--pin", "12a4"});
    CHECK(pin.code == 1);
    CHECK(pin.err.find("PIN") != std::string::npos);
}

TEST_CASE("import-catalogue names the file, line and field of a bad row and imports nothing") {
    testing::TempDir dir("office-import");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db, "--demo"}).code == 0);
    const auto csv = dir.File("new-lines.csv");
    std::ofstream(csv) << "sku,product_id,product_name,variant_name,category,barcodes,price,cost_"
                          "price,tax_class,sold_by,active\n"
                          "NEW-1,NEW,New thing,,Gifts & cards,,4.99,2.00,standard,unit,true\n"
                          "NEW-2,NEW,New thing,,Gifts & cards,,4.999,2.00,standard,unit,true\n";
    const Run bad = Office({"import-catalogue", "--db", db, csv});
    CHECK(bad.code == 1);
    CHECK(bad.err.find("new-lines.csv line 3: price") != std::string::npos);
    auto store = store::OpenAndMigrate(db);
    REQUIRE(store);
    CHECK(*store->QueryInt64("SELECT count(*) FROM skus WHERE code LIKE 'NEW-%'") == 0);
}

TEST_CASE("verify reports a tampered projection and exits 1") {
    testing::TempDir dir("office-verify");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db, "--demo"}).code == 0);
    {
        auto store = store::OpenAndMigrate(db);
        REQUIRE(store);
        REQUIRE(
            store->Exec("UPDATE stock_levels SET on_hand = on_hand + 1 WHERE (location_id, sku) = "
                        "(SELECT location_id, sku FROM stock_levels LIMIT 1)"));
    }
    const Run verify = Office({"verify", "--db", db});
    CHECK(verify.code == 1);
    CHECK(verify.out.find("PROBLEM") != std::string::npos);
}

TEST_CASE("verify checks a till's database as well as the back office's, and leaves it a till's") {
    testing::TempDir dir("office-verify-till");
    const auto db = dir.File("till.db");
    {
        constexpr store::SchemaPart kTill{"till", {}, "office", nullptr};
        REQUIRE(store::OpenAndMigrate(db, {}, kTill));
    }
    const Run verify = Office({"verify", "--db", db});
    INFO(verify.err);
    CHECK(verify.code == 0);
    CHECK(verify.out.find("every projection matches") != std::string::npos);
    auto store = store::OpenAndMigrate(db);
    REQUIRE(store);
    CHECK_FALSE(*store::TableExists(*store, "sessions"));
    // The office's other commands refuse it: they would make it an office's.
    const Run staff = Office({"staff", "add", "--db", db, "--username", "u", "--password",
                              "a long enough password", "--role", "cashier"});
    CHECK(staff.code == 1);
    CHECK(staff.err.find("is a database of the till, not of the office") != std::string::npos);
}

TEST_CASE("commands on a missing database say how to create it") {
    testing::TempDir dir("office-missing");
    const Run verify = Office({"verify", "--db", dir.File("nope.db")});
    CHECK(verify.code == 1);
    CHECK(verify.err.find("tillbook-office init") != std::string::npos);
}

namespace {

struct CommandAudit {
    std::string actor;
    std::string entity;
    std::string key;
    std::string change;
    std::string payload;
};

std::vector<CommandAudit> ReferenceChanges(const std::string& db_path) {
    auto db = store::OpenAndMigrate(db_path);
    REQUIRE(db);
    auto q = db->Prepare(
        "SELECT actor, json_extract(payload, '$.entity'), json_extract(payload, '$.key'), "
        "json_extract(payload, '$.change'), payload FROM ledger WHERE kind = 16 ORDER BY seq");
    REQUIRE(q);
    std::vector<CommandAudit> rows;
    while (*q->Step())
        rows.push_back({q->Text(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4)});
    return rows;
}

}  // namespace

TEST_CASE(
    "staff add, import-catalogue, channel configure and pairing-code each record one "
    "reference change by system, with no secret in it") {
    testing::TempDir dir("office-audit");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db, "--demo"}).code == 0);
    const std::size_t before = ReferenceChanges(db).size();

    const Run added = Office({"staff", "add", "--db", db, "--username", "maria", "--password",
                              "correct horse battery", "--role", "cashier", "--pin", "48213579"});
    INFO(added.err);
    REQUIRE(added.code == 0);
    const auto csv = dir.File("spring-range.csv");
    std::ofstream(csv) << "sku,product_id,product_name,variant_name,category,barcodes,price,cost_"
                          "price,tax_class,sold_by,active\n"
                          "NEW-1,NEW,New thing,,Gifts & cards,,4.99,2.00,standard,unit,true\n"
                          "NEW-2,NEW,New thing,Large,Gifts & cards,,5.99,2.50,standard,unit,true\n";
    REQUIRE(Office({"import-catalogue", "--db", db, csv}).code == 0);
    REQUIRE(Office({"channel", "configure", "--db", db, "--channel", "shopify", "--buffer", "2",
                    "--locations", "W01", "--webhook-secret", "hush-hush-0451"})
                .code == 0);
    const Run code = Office({"pairing-code", "--db", db, "--store", "S01"});
    INFO(code.err);
    REQUIRE(code.code == 0);
    const std::string pairing_code = code.out.substr(code.out.find(": ") + 2, 14);

    const auto all = ReferenceChanges(db);
    REQUIRE(all.size() == before + 4);
    std::string maria_id;
    {
        auto store = store::OpenAndMigrate(db);
        REQUIRE(store);
        auto q = store->Prepare("SELECT id FROM staff WHERE username = 'maria'");
        REQUIRE(q);
        REQUIRE(*q->Step());
        maria_id = q->Text(0);
    }
    const auto& staff = all[before];
    CHECK(staff.entity == "staff");
    CHECK(staff.key == maria_id);
    CHECK(staff.change == "created");
    const auto& import = all[before + 1];
    CHECK(import.entity == "catalogue");
    CHECK(import.key == "spring-range.csv");
    CHECK(import.change == "imported");
    CHECK(import.payload.find("2 SKUs") != std::string::npos);
    const auto& channel = all[before + 2];
    CHECK(channel.entity == "channel");
    CHECK(channel.key == "shopify");
    CHECK(channel.payload.find("buffer 0 → 2 units") != std::string::npos);
    CHECK(channel.payload.find("webhook secret (changed)") != std::string::npos);
    const auto& pairing = all[before + 3];
    CHECK(pairing.entity == "pairing_code");
    CHECK(pairing.key == "S01");
    for (std::size_t i = before; i < all.size(); ++i) {
        CAPTURE(all[i].payload);
        CHECK(all[i].actor == "system");
        for (const std::string& secret :
             {std::string("correct horse battery"), std::string("48213579"),
              std::string("hush-hush-0451"), std::string("argon2"), pairing_code}) {
            CHECK(all[i].payload.find(secret) == std::string::npos);
        }
    }
    CHECK(Office({"verify", "--db", db}).code == 0);
}

TEST_CASE("a refused command records no reference change") {
    testing::TempDir dir("office-audit-refused");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db, "--demo"}).code == 0);
    const std::size_t before = ReferenceChanges(db).size();
    CHECK(Office({"staff", "add", "--db", db, "--username", "tom", "--password", "long enough pw",
                  "--role", "manager"})
              .code == 1);
    CHECK(Office({"staff", "add", "--db", db, "--username", "kim", "--password", "short", "--role",
                  "cashier"})
              .code == 1);
    CHECK(Office({"pairing-code", "--db", db, "--store", "S99"}).code == 1);
    CHECK(Office({"channel", "configure", "--db", db, "--channel", "shopify", "--locations", "X99"})
              .code == 1);
    CHECK(ReferenceChanges(db).size() == before);
}

TEST_CASE("issue 11: channel configure refuses a --buffer that is not 0 to 1,000,000 whole units") {
    testing::TempDir dir("office-channel-buffer");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db, "--demo"}).code == 0);
    // "5abc" was read as 5; 2^63 - 1 thousand-fold overflowed.
    for (const char* bad : {"5abc", "9223372036854775807", "1000001", "-1", "", "2.5"}) {
        INFO(std::string(bad));
        const Run refused =
            Office({"channel", "configure", "--db", db, "--channel", "shopify", "--buffer", bad});
        CHECK(refused.code == 1);
        CHECK(refused.err.find("--buffer: a whole number of units from 0 to 1000000") !=
              std::string::npos);
    }
    CHECK(
        Office({"channel", "configure", "--db", db, "--channel", "shopify", "--buffer", "1000000"})
            .code == 0);
}

TEST_CASE(
    "channel configure changes only what it is given, removes a setting given empty, queues the "
    "new figures when the buffer changes, and refuses a base URL that is not http(s)://host") {
    testing::TempDir dir("office-channel-partial");
    const auto db = dir.File("office.db");
    REQUIRE(Office({"init", "--db", db, "--demo"}).code == 0);
    const auto query = [&](const std::string& sql) {
        auto store = store::OpenAndMigrate(db);
        REQUIRE(store);
        auto q = store->Prepare(sql);
        REQUIRE(q);
        REQUIRE(*q->Step());
        return q->Text(0);
    };
    REQUIRE(Office({"channel", "configure", "--db", db, "--channel", "ebay", "--buffer", "3",
                    "--base-url", "https://ebay.example:8443"})
                .code == 0);
    // Stock figures for every SKU, less the buffer, are queued at once.
    CHECK(query("SELECT count(*) FROM outbox WHERE channel = 'ebay'") ==
          query("SELECT count(*) FROM skus"));
    CHECK(query("SELECT count(*) FROM outbox WHERE channel <> 'ebay'") == "0");
    // A despatch rule alone leaves the buffer and the base URL as they were.
    REQUIRE(Office({"channel", "configure", "--db", db, "--channel", "ebay", "--despatch-rule",
                    "Europe/London 12:00 +0 +1"})
                .code == 0);
    CHECK(query("SELECT buffer FROM channels WHERE code = 'ebay'") == "3000");
    CHECK(query("SELECT value FROM settings WHERE key = 'channel.ebay.base_url'") ==
          "https://ebay.example:8443");
    REQUIRE(
        Office({"channel", "configure", "--db", db, "--channel", "ebay", "--base-url", ""}).code ==
        0);
    CHECK(query("SELECT count(*) FROM settings WHERE key = 'channel.ebay.base_url'") == "0");
    for (const char* bad :
         {"ftp://ebay.example", "https://", "https://ebay.example/api", "https://ebay.example:0",
          "https://ebay.example:99999", "https://eb ay.example"}) {
        INFO(std::string(bad));
        const Run refused =
            Office({"channel", "configure", "--db", db, "--channel", "ebay", "--base-url", bad});
        CHECK(refused.code == 1);
        CHECK(refused.err.find("base_url: ") != std::string::npos);
    }
}
