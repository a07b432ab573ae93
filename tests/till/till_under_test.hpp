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

struct TillUnderTest {
    explicit TillUnderTest(const std::string& name)
        : office(name), till_dir(name + "-till"), till_db(till_dir.File("till.db")) {}

    std::string Url() const { return "http://127.0.0.1:" + std::to_string(office.port); }

    // `tillbook-pos pair` with a manager's one-time code, as a shop would set a till up.
    void Pair(const std::string& name = "T1") {
        httplib::Client client("127.0.0.1", office.port);
        const std::string code = PairingCodeFor(client);
        const ProgramRun run = RunProgram(
            TILLBOOK_POS_EXE,
            {"pair", "--office", Url(), "--code", code, "--name", name, "--db", till_db});
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

    // A printer and drawer on a file (the receipts' and kicks' ESC/POS bytes in `printed`).
    void PrintToFile() {
        printed = till_dir.File("printed.escpos");
        devices = till_dir.File("devices.json");
        std::ofstream(devices)
            << R"({"printer": {"uri": "file:)" << printed
            << R"(", "profile": "epson-tm-t20"}, "drawer": {"pin": 2, "open_when_pin3": "high"}})";
    }

    RealOffice office;
    TempDir till_dir;
    std::string till_db;
    std::string devices;  // --devices, when set
    std::string printed;

  private:
    int m_scripts = 0;
};

// A read-only look at a database file while its owner may still be writing.
inline store::Database ReadDatabase(const std::string& path) {
    auto db = store::Database::Open(path, {store::Durability::kNormal, 5000, false});
    REQUIRE_MESSAGE(db, path);
    return std::move(*db);
}

inline std::int64_t CountOf(store::Database& db, const std::string& sql) {
    auto value = db.QueryInt64(sql);
    REQUIRE_MESSAGE(value, sql);
    return *value;
}

}  // namespace tillbook::testing
