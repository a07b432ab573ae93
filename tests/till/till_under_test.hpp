#pragma once
// The real tillbook-pos binary paired with the real tillbook-office on loopback, its window under
// a private Xvfb driven by scripts (the README's script language), and what the office then holds.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "real_office.hpp"
#include "run_program.hpp"
#include "till_office.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::testing {

// Where the till's tests keep their screenshots: artefacts of the build, one folder a test.
inline std::filesystem::path TillArtefacts(const std::string& test) {
    const auto dir = std::filesystem::path(TILLBOOK_TILL_ARTEFACTS_DIR) / test;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// One real tillbook-pos: its own database and devices, paired with an office on loopback, its
// window run on scripts. A shop with two tills has two of these against one office.
struct TillProgram {
    explicit TillProgram(const std::string& name)
        : till_dir(name + "-till"), till_db(till_dir.File("till.db")) {}

    // `tillbook-pos pair` with a manager's one-time code, as a shop would set a till up.
    void PairWith(int office_port, const std::string& name) {
        httplib::Client client("127.0.0.1", office_port);
        const std::string code = PairingCodeFor(client);
        const std::string url = "http://127.0.0.1:" + std::to_string(office_port);
        const ProgramRun run =
            RunProgram(TILLBOOK_POS_EXE,
                       {"pair", "--office", url, "--code", code, "--name", name, "--db", till_db});
        INFO(run.command, "\n", run.out, run.err);
        REQUIRE(run.code == 0);
    }

    // Runs the till's window on `script` (one step a line) at `size`; answers the exit code, with
    // the window's own words in `log`.
    int RunScript(const std::string& script, const std::string& size,
                  const std::filesystem::path& screenshots, std::string* log = nullptr) {
        const std::string script_file = till_dir.File("script-" + std::to_string(++m_scripts));
        std::ofstream(script_file) << script;
        std::vector<std::string> words{"--db", till_db, "--script", script_file, "--size", size};
        if (!devices.empty()) {
            words.push_back("--devices");
            words.push_back(devices);
        }
        if (!screenshots.empty()) {
            words.push_back("--screenshot-dir");
            words.push_back(screenshots.string());
        }
        const ProgramRun run = RunProgram(TILLBOOK_POS_EXE, words);
        if (log != nullptr) *log = run.out + run.err;
        if (run.code != 0) MESSAGE(run.command, "\n", run.out, run.err);
        return run.code;
    }

    // A printer and drawer on a file (the receipts' and kicks' ESC/POS bytes in `printed`).
    void PrintToFile() {
        printed = till_dir.File("printed.escpos");
        devices = till_dir.File("devices.json");
        std::ofstream(devices)
            << R"({"printer": {"uri": "file:)" << printed
            << R"(", "profile": "epson-tm-t20"}, "drawer": {"pin": 2, "open_when_pin3": "high"}})";
    }

    TempDir till_dir;
    std::string till_db;
    std::string devices;  // --devices, when set
    std::string printed;

  private:
    int m_scripts = 0;
};

// A shop's first till with its own office.
struct TillUnderTest : TillProgram {
    explicit TillUnderTest(const std::string& name) : TillProgram(name), office(name) {}

    std::string Url() const { return "http://127.0.0.1:" + std::to_string(office.port); }

    void Pair(const std::string& name = "T1") { PairWith(office.port, name); }

    // The office's answer to GET `path` for its manager.
    nlohmann::json OfficeGet(const std::string& path) {
        httplib::Client client("127.0.0.1", office.port);
        client.set_bearer_token_auth(StaffToken(client, "tom", "demo-manager-password"));
        auto res = client.Get(path);
        REQUIRE(res);
        INFO(path, ": ", res->body);
        REQUIRE(res->status == 200);
        return nlohmann::json::parse(res->body);
    }

    RealOffice office;
};

// What a file printer was sent: its ESC/POS bytes ("" when nothing was printed).
inline std::string PrintedBytes(const std::string& printed) {
    std::ifstream in(printed, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// How many times the drawer was kicked (ESC p) in the ESC/POS bytes a file printer wrote.
inline std::int64_t DrawerKicks(const std::string& printed) {
    const std::string bytes = PrintedBytes(printed);
    std::int64_t kicks = 0;
    for (auto at = bytes.find("\x1bp"); at != std::string::npos; at = bytes.find("\x1bp", at + 2))
        ++kicks;
    return kicks;
}

// A read-only look at a database file while its owner may still be writing.
inline store::Database ReadDatabase(const std::string& path) {
    auto db = store::Database::Open(path, {store::Durability::kNormal, 5000, false});
    REQUIRE_MESSAGE(db, path);
    return std::move(*db);
}

// `tillbook-office verify` on each database: SQLite's own check, and the ledger replayed to its
// tables equal to the tables kept.
inline void CheckVerifies(const std::vector<std::string>& databases) {
    for (const std::string& db : databases) {
        const auto verify = RunProgram(TILLBOOK_OFFICE_EXE, {"verify", "--db", db});
        INFO(db, ": ", verify.out, verify.err);
        CHECK(verify.code == 0);
    }
}

inline std::int64_t CountOf(store::Database& db, const std::string& sql) {
    auto value = db.QueryInt64(sql);
    REQUIRE_MESSAGE(value, sql);
    return *value;
}

}  // namespace tillbook::testing
