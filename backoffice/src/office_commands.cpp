#include "tillbook/office/office_commands.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <filesystem>

#include "serve.hpp"
#include "staff_store.hpp"
#include "tillbook/catalogue/catalogue_csv.hpp"
#include "tillbook/core/csv.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/office/channels/channel_settings.hpp"
#include "tillbook/office/channels/channel_stock.hpp"
#include "tillbook/office/channels/imported_order.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/office_schema.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/demo_shop.hpp"
#include "tillbook/store/schema.hpp"

namespace tillbook::office {

Result<store::Database> OpenExistingDb(const cli::Args& args, bool any_owner) {
    auto path = args.Required("db");
    if (!path) return std::unexpected(path.error());
    if (!std::filesystem::exists(*path)) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("{} does not exist; create it with: tillbook-office init --db {}",
                                  *path, *path),
                      "db"));
    }
    const store::OpenOptions options{store::Durability::kFull, 5000, false};
    if (any_owner) return store::OpenAndMigrate(*path, options);
    return OpenOfficeDatabase(*path, options);
}

namespace {

std::filesystem::path AssetsDir(const cli::Args& args) {
    if (auto dir = args.Option("assets")) return *dir;
    return TILLBOOK_ASSETS_DIR;
}

Status LoadDemoStaff(store::Database& db, const std::filesystem::path& file, ids::IdSource& ids,
                     std::ostream& out) {
    auto text = store::ReadTextFile(file);
    if (!text) return std::unexpected(text.error());
    auto rows = csv::ParseCsv(*text);
    if (!rows || rows->empty())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "staff.csv: no rows"));
    static constexpr std::string_view kColumns[] = {"username", "display_name", "role", "password",
                                                    "pin"};
    auto columns = csv::FindColumns(rows->front(), kColumns);
    if (!columns) return std::unexpected(columns.error().WithContext("staff.csv"));
    for (std::size_t i = 1; i < rows->size(); ++i) {
        const csv::CsvRow& row = (*rows)[i];
        const auto field = [&](std::size_t c) { return row.fields.at((*columns)[c]); };
        if (row.fields.size() != rows->front().fields.size()) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("staff.csv line {}: wrong number of fields", row.line)));
        }
        auto role = staff::ParseRole(field(2));
        if (!role) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("staff.csv line {}: role: unknown role \"{}\"", row.line, field(2)),
                "role"));
        }
        auto added = AddStaff(db, ids, NewStaff{field(0), field(1), *role, field(3), field(4)});
        if (!added)
            return std::unexpected(
                added.error().WithContext(fmt::format("staff.csv line {}", row.line)));
        out << fmt::format("  staff {} ({})\n", added->username, staff::ToString(added->role));
    }
    return {};
}

// The audit record of a change made from the command line: origin "office", actor "system", in
// the caller's transaction. `change.detail` never holds a password, PIN or secret.
Status RecordCommandChange(store::Database& db, const ids::Clock& clock, ids::IdSource& ids,
                           ledger::ReferenceChanged change) {
    ledger::Ledger ledger(db);
    auto appended = AppendOfficeEvent(ledger, clock, ids, "system", std::move(change));
    if (!appended) return std::unexpected(appended.error());
    return {};
}

int Fail(std::ostream& err, const Error& error) {
    err << "tillbook-office: " << error.message << "\n";
    return 1;
}

int Init(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto path = args.Required("db");
    if (!path) return Fail(err, path.error());
    if (std::filesystem::exists(*path)) {
        return Fail(err, MakeError(ErrorCode::kConflict,
                                   fmt::format("{} already exists; nothing was changed", *path)));
    }
    auto db = OpenOfficeDatabase(*path);
    if (!db) return Fail(err, db.error());
    out << fmt::format("created {} (schema version {})\n", *path, store::LatestSchemaVersion());
    if (!args.Has("demo")) return 0;
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    const auto demo_dir = AssetsDir(args) / "demo";
    auto summary = store::LoadDemoShop(*db, demo_dir, clock, ids);
    if (!summary) return Fail(err, summary.error());
    out << fmt::format("loaded the demo shop: {} SKUs, {} locations, {} opening stock events\n",
                       summary->skus, summary->locations, summary->stock_events);
    auto tx = store::Transaction::Begin(*db);
    if (!tx) return Fail(err, tx.error());
    if (auto ok = LoadDemoStaff(*db, demo_dir / "staff.csv", ids, out); !ok)
        return Fail(err, ok.error());
    if (auto ok = tx->Commit(); !ok) return Fail(err, ok.error());
    // The demo's online channels ship from the warehouse first, then the High Street store.
    for (const std::string& channel : channels::AllChannelCodes()) {
        channels::ChannelSetup setup;
        setup.code = channel;
        setup.location_codes = std::vector<std::string>{"W01", "S01"};
        if (auto ok = channels::ConfigureChannel(*db, setup); !ok) {
            return Fail(err, ok.error());
        }
    }
    out << "  channels shopify, woocommerce, ebay, amazon served by W01 then S01\n";
    return 0;
}

int Verify(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto db = OpenExistingDb(args, true);
    if (!db) return Fail(err, db.error());
    const std::string scratch = db->Path() + ".verify-scratch";
    auto report = ledger::VerifyDatabase(*db, scratch);
    if (!report) return Fail(err, report.error());
    for (const std::string& problem : report->problems)
        out << "PROBLEM " << problem << "\n";
    out << fmt::format(
        "{}: {} ledger events, {}\n", db->Path(), report->events,
        report->Ok() ? "every projection matches a replay of the ledger" : "problems found");
    return report->Ok() ? 0 : 1;
}

int StaffAdd(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto db = OpenExistingDb(args);
    if (!db) return Fail(err, db.error());
    auto username = args.Required("username");
    auto password = args.Required("password");
    auto role_text = args.Required("role");
    if (!username) return Fail(err, username.error());
    if (!password) return Fail(err, password.error());
    if (!role_text) return Fail(err, role_text.error());
    auto role = staff::ParseRole(*role_text);
    if (!role)
        return Fail(
            err,
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("--role: \"{}\" is not admin, manager, fulfilment or cashier",
                                  *role_text)));
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    auto taken = FindStaff(*db, *username);
    if (!taken) return Fail(err, taken.error());
    if (*taken)
        return Fail(err, MakeError(ErrorCode::kConflict,
                                   fmt::format("username {} is taken", *username), "username"));
    auto added = PrepareStaff(ids, NewStaff{*username, args.Option("name").value_or(""), *role,
                                            *password, args.Option("pin").value_or("")});
    if (!added) return Fail(err, added.error());
    auto tx = store::Transaction::Begin(*db);
    if (!tx) return Fail(err, tx.error());
    if (auto ok = InsertStaff(*db, *added); !ok) return Fail(err, ok.error());
    if (auto ok = RecordCommandChange(*db, clock, ids, StaffCreated(*added)); !ok)
        return Fail(err, ok.error());
    if (auto ok = tx->Commit(); !ok) return Fail(err, ok.error());
    out << fmt::format("added {} as {}{}\n", added->username, staff::ToString(added->role),
                       added->pin_hash.empty() ? "" : " with a till PIN");
    return 0;
}

int ImportCatalogue(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (args.words.size() != 2)
        return Fail(err,
                    MakeError(ErrorCode::kInvalidInput, "import-catalogue takes one CSV file"));
    auto db = OpenExistingDb(args);
    if (!db) return Fail(err, db.error());
    const std::filesystem::path file = args.words[1];
    auto text = store::ReadTextFile(file);
    if (!text) return Fail(err, text.error());
    auto currency = money::FindCurrency(args.Option("currency").value_or("GBP"));
    if (!currency) return Fail(err, currency.error());
    auto tax_classes = store::ListTaxClasses(*db);
    if (!tax_classes) return Fail(err, tax_classes.error());
    auto parsed =
        catalogue::ParseCatalogueCsv(*text, file.filename().string(), *currency, *tax_classes);
    if (!parsed) return Fail(err, parsed.error());
    auto tx = store::Transaction::Begin(*db);
    if (!tx) return Fail(err, tx.error());
    if (auto ok = store::SaveCatalogue(*db, *parsed); !ok) return Fail(err, ok.error());
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    const std::string file_name = file.filename().string();
    if (auto ok = RecordCommandChange(
            *db, clock, ids,
            {"catalogue", file_name, "imported",
             fmt::format("{} SKUs added or updated from {}", parsed->skus.size(), file_name)});
        !ok) {
        return Fail(err, ok.error());
    }
    if (auto ok = tx->Commit(); !ok) return Fail(err, ok.error());
    out << fmt::format("imported {} SKUs from {}\n", parsed->skus.size(), file.string());
    return 0;
}

int ChannelConfigure(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto db = OpenExistingDb(args);
    if (!db) return Fail(err, db.error());
    auto code = args.Required("channel");
    if (!code) return Fail(err, code.error());
    if (!channels::ParseChannel(*code)) {
        return Fail(
            err,
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("--channel: \"{}\" is not shopify, woocommerce, ebay or amazon",
                                  *code)));
    }
    channels::ChannelSetup setup;
    setup.code = *code;
    setup.base_url = args.Option("base-url");
    setup.webhook_secret = args.Option("webhook-secret");
    setup.despatch_rule = args.Option("despatch-rule");
    if (auto locations = args.Option("locations")) {
        setup.location_codes.emplace();
        for (std::size_t start = 0; start <= locations->size();) {
            const auto comma = locations->find(',', start);
            setup.location_codes->push_back(locations->substr(
                start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    if (auto buffer = args.Option("buffer")) {
        constexpr std::int64_t kMaxBufferUnits = 1'000'000;
        std::int64_t units = -1;
        const char* end = buffer->data() + buffer->size();
        const auto [stop, ec] = std::from_chars(buffer->data(), end, units);
        if (ec != std::errc{} || stop != end || units < 0 || units > kMaxBufferUnits) {
            return Fail(err, MakeError(ErrorCode::kInvalidInput,
                                       fmt::format("--buffer: a whole number of units from 0 to {}",
                                                   kMaxBufferUnits)));
        }
        setup.buffer = units * orders::kMilliPerUnit;
    }
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    auto tx = store::Transaction::Begin(*db);
    if (!tx) return Fail(err, tx.error());
    auto change = channels::ConfigureChannelInCurrentTransaction(*db, setup);
    if (!change) return Fail(err, change.error());
    if (change->stock_changed) {
        if (auto ok = channels::QueueChannelFigures(*db, *code, clock.Now()); !ok)
            return Fail(err, ok.error());
    }
    if (!change->detail.empty()) {
        if (auto ok =
                RecordCommandChange(*db, clock, ids, {"channel", *code, "updated", change->detail});
            !ok)
            return Fail(err, ok.error());
    }
    if (auto ok = tx->Commit(); !ok) return Fail(err, ok.error());
    out << fmt::format("channel {} configured\n", *code);
    return 0;
}

}  // namespace

namespace {

constexpr cli::CommandUsage kCommands[] = {
    {"init", "init --db FILE [--demo] [--assets DIR]",
     "create a back-office database; --demo loads the demo shop (catalogue, stock, staff and\n"
     "channels) from DIR/demo, by default the assets folder the program was built with"},
    {"verify", "verify --db FILE",
     "check a database, the back office's or a till's: SQLite's integrity checks, every stock\n"
     "level against its movements, every order's totals against its rows, and a replay of the\n"
     "whole ledger into a scratch copy; exit 1 on a problem"},
    {"staff add",
     "staff add --db FILE --username U --password P\n"
     "--role admin|manager|fulfilment|cashier [--pin NNNN] [--name \"Full Name\"]",
     "add a member of staff; the password and the till PIN are stored as argon2id hashes only"},
    {"import-catalogue", "import-catalogue --db FILE CSV [--currency GBP]",
     "add or update SKUs from a CSV file (format in assets/demo/README.md); a bad row names its\n"
     "file, line and field, and then nothing is imported"},
    {"serve",
     "serve --db FILE [--bind 127.0.0.1] [--port 8080] [--threads 32]\n"
     "[--tls-cert FILE --tls-key FILE] [--max-connections 1024]\n"
     "[--max-connections-per-address 32] [--idle-timeout-ms 5000]\n"
     "[--header-timeout-ms 10000] [--body-timeout-ms 60000]\n"
     "[--sign-in-hashes N] [--sign-in-queue 4] [--web DIR]",
     "serve the API and the web app (from --web, else the source's assets/web), over HTTPS\n"
     "with both PEM files (--port 0: any free port); SIGTERM or\n"
     "Ctrl-C lets requests in flight finish and every write commit before it exits. Each\n"
     "connection has a worker of its own (--threads of them are kept when idle); connections\n"
     "past the caps, in all or from one address, are refused at once (503, Retry-After).\n"
     "A connection is closed when no request starts within the idle timeout (1 s while over\n"
     "half the cap are open), when a request's header is not in within the header timeout of\n"
     "its first byte, or its body within the body timeout of the header (docs/api.md, Limits).\n"
     "At most --sign-in-hashes password hashes run at once (the cores but one, 1 to 4) and\n"
     "--sign-in-queue wait; other sign-ins are answered 429 with Retry-After"},
    {"pairing-code", "pairing-code --db FILE --store CODE",
     "print a one-time code, valid 15 minutes, with which a new till pairs itself for the store"},
    {"channel configure",
     "channel configure --db FILE --channel shopify|woocommerce|ebay|amazon\n"
     "[--locations W01,S01] [--buffer UNITS] [--base-url URL] [--webhook-secret SECRET]\n"
     "[--despatch-rule \"ZONE HH:MM +HANDLING +TRANSIT [YYYY-MM-DD,...]\"]",
     "set up a sales channel: the locations that ship its orders, in order of preference; the\n"
     "units held back from it; where its stock updates go; its webhook secret; and the rule\n"
     "for orders without a deadline of their own, e.g. \"Europe/London 14:00 +0 +2 2026-12-25\":\n"
     "in by 14:00 on a business day, despatched that day, delivered 2 business days later"},
};

}  // namespace

const cli::ProgramUsage& OfficeUsage() {
    static constexpr cli::ProgramUsage kUsage{"tillbook-office", kCommands, ""};
    return kUsage;
}

int RunOfficeCommand(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (auto answered = cli::AnswerHelp(OfficeUsage(), args, out, err)) return *answered;
    if (auto refused = cli::RefuseUnknownOptions(OfficeUsage(), args, err)) return *refused;
    const auto word = [&](std::size_t i) {
        return i < args.words.size() ? args.words[i] : std::string();
    };
    if (word(0) == "init" && args.words.size() == 1) return Init(args, out, err);
    if (word(0) == "verify" && args.words.size() == 1) return Verify(args, out, err);
    if (word(0) == "staff" && word(1) == "add" && args.words.size() == 2)
        return StaffAdd(args, out, err);
    if (word(0) == "import-catalogue") return ImportCatalogue(args, out, err);
    if (word(0) == "serve" && args.words.size() == 1) return Serve(args, out, err);
    if (word(0) == "pairing-code" && args.words.size() == 1)
        return PrintPairingCode(args, out, err);
    if (word(0) == "channel" && word(1) == "configure" && args.words.size() == 2) {
        return ChannelConfigure(args, out, err);
    }
    return cli::WrongUsage(OfficeUsage(), args.words, err);
}

}  // namespace tillbook::office
