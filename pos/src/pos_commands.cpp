#include "tillbook/pos/pos_commands.hpp"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

#include "tillbook/drivers/paper_text.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/pos/cash_up_report.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/sync_round.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/demo_shop.hpp"

namespace tillbook::pos {

namespace {

int Fail(std::ostream& err, const Error& error) {
    err << "tillbook-pos: " << error.message << "\n";
    return 1;
}

Result<money::Money> ParseGbp(const cli::Args& args, std::string_view name) {
    auto text = args.Required(name);
    if (!text) return std::unexpected(text.error());
    auto gbp = money::FindCurrency("GBP");
    if (!gbp) return std::unexpected(gbp.error());
    auto amount = money::ParseMoney(*text, *gbp);
    if (!amount) return std::unexpected(amount.error().WithContext(fmt::format("--{}", name)));
    return amount;
}

// "5060123450019" or "5060123450019x3".
Result<ScannedLine> ParseScan(std::string_view word) {
    ScannedLine line{std::string(word), 1};
    const auto x = word.rfind('x');
    if (x != std::string_view::npos && x > 0) {
        const std::string_view count = word.substr(x + 1);
        std::int64_t units = 0;
        const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), units);
        if (ec != std::errc{} || end != count.data() + count.size() || units <= 0 || units > 9999) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("\"{}\": the count after x must be 1 to 9999", word)));
        }
        line = ScannedLine{std::string(word.substr(0, x)), units};
    }
    return line;
}

struct OpenTill {
    explicit OpenTill(store::Database database) : db(std::move(database)) {}
    store::Database db;
    ids::SystemClock clock;
    ids::UuidV7Source ids{clock};
};

Result<std::unique_ptr<OpenTill>> OpenTillDb(const cli::Args& args) {
    auto path = args.Required("db");
    if (!path) return std::unexpected(path.error());
    if (!std::filesystem::exists(*path)) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("{} does not exist; run tillbook-pos init first", *path)));
    }
    auto db = OpenTillDatabase(*path, store::OpenOptions{store::Durability::kFull, 5000, false});
    if (!db) return std::unexpected(db.error());
    return std::make_unique<OpenTill>(std::move(*db));
}

int Init(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto path = args.Required("db");
    auto store_code = args.Required("store");
    auto terminal = args.Required("terminal");
    if (!path) return Fail(err, path.error());
    if (!store_code) return Fail(err, store_code.error());
    if (!terminal) return Fail(err, terminal.error());
    if (std::filesystem::exists(*path))
        return Fail(err, MakeError(ErrorCode::kConflict,
                                   fmt::format("{} already exists; nothing was changed", *path)));
    auto db = OpenTillDatabase(*path);
    if (!db) return Fail(err, db.error());
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    // Until the till syncs with the back office, it starts from the demo shop's catalogue.
    const std::filesystem::path assets = args.Option("assets").value_or(TILLBOOK_ASSETS_DIR);
    auto summary = store::LoadDemoShop(*db, assets / "demo", clock, ids);
    if (!summary) return Fail(err, summary.error());
    if (auto ok = TillJournal::Setup(*db, *store_code, *terminal); !ok) {
        db = Result<store::Database>(std::unexpected(ok.error()));
        std::filesystem::remove(*path);
        return Fail(err, ok.error());
    }
    out << fmt::format("till {}-{} ready in {}: {} SKUs in its catalogue\n", *store_code, *terminal,
                       *path, summary->skus);
    return 0;
}

// The X reading or Z report of `shift` as the receipt printer lays it out, as text.
Status PrintCashUp(OpenTill& till, const TillIdentity& identity, const queries::ShiftSummary& shift,
                   drivers::CashUpKind kind, const std::optional<money::Money>& counted,
                   std::ostream& out) {
    auto store = store::FindLocationByCode(till.db, identity.store_code);
    if (!store) return std::unexpected(store.error());
    if (!*store)
        return std::unexpected(MakeError(ErrorCode::kNotFound,
                                         fmt::format("store {} is unknown", identity.store_code)));
    auto profile = drivers::LoadPrinterProfile("epson-tm-t20");
    if (!profile) return std::unexpected(profile.error());
    auto report = CashUpReportFor(
        shift, kind, {{(*store)->name}, (*store)->time_zone, till.clock.Now()}, counted);
    if (!report) return std::unexpected(report.error());
    auto lines = drivers::LayOutCashUpReport(*report, *profile);
    if (!lines) return std::unexpected(lines.error());
    out << drivers::PaperText(*lines, profile->font_a_columns);
    return {};
}

// An X reading of the open shift, with the drawer's count when one is given.
int ShiftReport(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto till = OpenTillDb(args);
    if (!till) return Fail(err, till.error());
    auto journal = TillJournal::Open((*till)->db, (*till)->clock, (*till)->ids);
    if (!journal) return Fail(err, journal.error());
    std::optional<money::Money> counted;
    if (args.Option("counted")) {
        auto amount = ParseGbp(args, "counted");
        if (!amount) return Fail(err, amount.error());
        counted = *amount;
    }
    const TillIdentity& identity = journal->Identity();
    auto shift = queries::OpenShiftSummary((*till)->db, identity.Origin());
    if (!shift) return Fail(err, shift.error());
    if (!*shift) return Fail(err, MakeError(ErrorCode::kNotFound, "no shift is open on this till"));
    if (auto ok = PrintCashUp(**till, identity, **shift, drivers::CashUpKind::kX, counted, out);
        !ok)
        return Fail(err, ok.error());
    return 0;
}

int Shift(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto till = OpenTillDb(args);
    if (!till) return Fail(err, till.error());
    auto journal = TillJournal::Open((*till)->db, (*till)->clock, (*till)->ids);
    if (!journal) return Fail(err, journal.error());
    const std::string actor = args.Option("staff").value_or("till");
    if (args.words.at(1) == "open") {
        auto opening = ParseGbp(args, "float");
        if (!opening) return Fail(err, opening.error());
        auto shift = journal->OpenShift(*opening, actor);
        if (!shift) return Fail(err, shift.error());
        out << fmt::format("shift {} open with a float of £{}\n", *shift,
                           money::FormatMoney(*opening));
        return 0;
    }
    auto counted = ParseGbp(args, "counted");
    if (!counted) return Fail(err, counted.error());
    auto variance = journal->CloseShift(*counted, actor);
    if (!variance) return Fail(err, variance.error());
    out << fmt::format(
        "shift closed: counted £{}, {} £{}\n", money::FormatMoney(*counted),
        variance->IsNegative() ? "short by" : "over by",
        money::FormatMoney(variance->IsNegative()
                               ? money::Money(-variance->Minor(), variance->GetCurrency())
                               : *variance));
    // The Z report, as it prints.
    const TillIdentity& identity = journal->Identity();
    auto closed = queries::LastClosedShiftSummary((*till)->db, identity.Origin());
    if (!closed) return Fail(err, closed.error());
    if (*closed) {
        if (auto ok =
                PrintCashUp(**till, identity, **closed, drivers::CashUpKind::kZ, std::nullopt, out);
            !ok)
            return Fail(err, ok.error());
    }
    return 0;
}

int Sell(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto till = OpenTillDb(args);
    if (!till) return Fail(err, till.error());
    auto journal = TillJournal::Open((*till)->db, (*till)->clock, (*till)->ids);
    if (!journal) return Fail(err, journal.error());
    std::vector<ScannedLine> lines;
    for (std::size_t i = 1; i < args.words.size(); ++i) {
        auto line = ParseScan(args.words[i]);
        if (!line) return Fail(err, line.error());
        lines.push_back(*line);
    }
    const std::string tender_text = args.Option("tender").value_or("cash");
    orders::Tender tender = orders::Tender::kCash;
    if (tender_text == "card") {
        tender = orders::Tender::kCard;
    } else if (tender_text != "cash") {
        return Fail(err, MakeError(ErrorCode::kInvalidInput, "--tender: cash or card"));
    }
    std::optional<money::Money> tendered;
    if (args.Option("tendered")) {
        auto amount = ParseGbp(args, "tendered");
        if (!amount) return Fail(err, amount.error());
        tendered = *amount;
    }
    auto sale = journal->Sell(lines, tender, tendered, args.Option("staff").value_or("till"));
    if (!sale) return Fail(err, sale.error());
    out << fmt::format("sale {}\n", sale->order.number);
    for (const orders::OrderLine& line : sale->order.lines) {
        auto amounts = orders::ComputeLineAmounts(line);
        out << fmt::format(
            "  {:<40} {:>9}\n",
            fmt::format("{} x {}", orders::FormatQuantity(line.quantity), line.description),
            amounts ? money::FormatMoney(amounts->total) : "?");
    }
    out << fmt::format("  {:<40} {:>9}\n  {:<40} {:>9}\n", "TOTAL", money::FormatMoney(sale->total),
                       "change", money::FormatMoney(sale->change));
    out << fmt::format("recorded in the till's journal as ledger #{}\n", sale->seq);
    return 0;
}

// "2026-12-06T14:05:00.000Z (3 min ago)".
std::string WhenAndAge(ids::UtcMillis at, ids::UtcMillis now) {
    const std::int64_t seconds = std::max<std::int64_t>(0, (now - at) / 1000);
    const std::string age = seconds < 120      ? fmt::format("{} s ago", seconds)
                            : seconds < 7200   ? fmt::format("{} min ago", seconds / 60)
                            : seconds < 172800 ? fmt::format("{} h ago", seconds / 3600)
                                               : fmt::format("{} days ago", seconds / 86400);
    return fmt::format("{} ({})", ids::FormatIso8601(at), age);
}

// The office link: where, as whom, and how old the last pull (the cursor) is.
Status PrintOfficeLink(store::Database& db, ids::UtcMillis now, std::ostream& out) {
    auto link = office::LoadOfficeLink(db);
    if (!link) return std::unexpected(link.error());
    if (!*link) {
        out << "office: not paired (tillbook-pos pair)\n";
        return {};
    }
    const office::OfficeLink& l = **link;
    out << fmt::format(
        "office: {} as {}{}\n", l.url, l.origin,
        l.trust.pin_sha256.empty()
            ? (l.trust.ca_file.empty() ? "" : ", trusting the CA in " + l.trust.ca_file)
            : ", its certificate pinned");
    out << fmt::format("last pull: {}\n",
                       l.last_pull_at ? WhenAndAge(*l.last_pull_at, now) + ", cursor " + l.cursor
                                      : std::string("never"));
    out << fmt::format("last push: {}\n",
                       l.last_push_at ? WhenAndAge(*l.last_push_at, now) : std::string("never"));
    if (l.signed_out)
        out << "the office no longer accepts this till (signed out or revoked): pair it again\n";
    return {};
}

int Status(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto till = OpenTillDb(args);
    if (!till) return Fail(err, till.error());
    auto journal = TillJournal::Open((*till)->db, (*till)->clock, (*till)->ids);
    if (!journal) return Fail(err, journal.error());
    auto status = journal->ReadStatus();
    if (!status) return Fail(err, status.error());
    out << fmt::format("till {}-{}: {} sales, {} events in the journal\n",
                       status->identity.store_code, status->identity.terminal, status->sales,
                       status->events);
    out << fmt::format("unsent to the back office: {} events{}\n", status->unsent_events,
                       status->oldest_unsent_at
                           ? ", oldest " + ids::FormatIso8601(*status->oldest_unsent_at)
                           : "");
    if (status->rejected_events > 0)
        out << fmt::format("rejected by the back office: {} of them, kept for staff to see\n",
                           status->rejected_events);
    if (status->open_shift) {
        out << fmt::format("shift {} open; the drawer should hold £{}\n", *status->open_shift,
                           money::FormatMoney(*status->expected_cash));
    } else {
        out << "no shift open\n";
    }
    if (auto ok = PrintOfficeLink((*till)->db, (*till)->clock.Now(), out); !ok)
        return Fail(err, ok.error());
    return 0;
}

int Pair(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto path = args.Required("db");
    auto url = args.Required("office");
    auto code = args.Required("code");
    auto name = args.Required("name");
    for (const auto* given : {&path, &url, &code, &name})
        if (!*given) return Fail(err, given->error());
    const bool existed = std::filesystem::exists(*path);
    std::optional<store::Database> db;
    {
        auto opened = OpenTillDatabase(*path);
        if (!opened) return Fail(err, opened.error());
        db.emplace(std::move(*opened));
    }
    ids::SystemClock clock;
    const office::OfficeTrust trust{args.Option("ca-file").value_or(""),
                                    args.Option("pin-sha256").value_or("")};
    auto paired = office::PairTill(*db, {*url, trust, *code, *name}, clock);
    if (!paired) {
        // A database made for this pairing goes again, unless the office's link is in it.
        auto link = office::LoadOfficeLink(*db);
        if (!existed && link && !*link) {
            db.reset();
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(*path + suffix);
        }
        return Fail(err, paired.error());
    }
    out << fmt::format("paired as {} with the office at {}: store {} ({}), {} items, {} staff\n",
                       paired->origin, *url, paired->store_code, paired->store_name, paired->skus,
                       paired->staff);
    if (paired->last_origin_seq > 0)
        out << fmt::format(
            "the office already holds {} events of {}: this till's journal counts on from #{}\n",
            paired->last_origin_seq, paired->origin, paired->last_origin_seq + 1);
    return 0;
}

int Sync(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto till = OpenTillDb(args);
    if (!till) return Fail(err, till.error());
    auto link = office::LoadOfficeLink((*till)->db);
    if (!link) return Fail(err, link.error());
    if (!*link)
        return Fail(err, MakeError(ErrorCode::kNotFound,
                                   "this till is not paired with a back office; pair it first "
                                   "(tillbook-pos pair)"));
    auto client = office::OfficeClient::Connect((*link)->url, (*link)->trust);
    if (!client) return Fail(err, client.error());
    auto round = office::RunSyncRound((*till)->db, *client, (*till)->clock);
    if (!round) return Fail(err, round.error());
    out << fmt::format("pushed {} events in {} pushes: {} accepted, {} held already, {} rejected\n",
                       round->pushed.accepted + round->pushed.duplicates + round->pushed.rejected,
                       round->pushes, round->pushed.accepted, round->pushed.duplicates,
                       round->pushed.rejected);
    out << fmt::format("pulled {} times: {} items changed{}\n", round->pulls, round->skus_pulled,
                       round->reference_data_changed ? "; staff, settings or prices changed" : "");
    out << fmt::format("unsent to the back office: {} events{}{}\n", round->backlog.unsent,
                       round->backlog.oldest_unsent_at
                           ? ", oldest " + ids::FormatIso8601(*round->backlog.oldest_unsent_at)
                           : "",
                       round->backlog.rejected > 0
                           ? fmt::format(", {} of them rejected", round->backlog.rejected)
                           : "");
    if (round->failure) return Fail(err, round->failure->error);
    return 0;
}

}  // namespace

namespace {

constexpr cli::CommandUsage kCommands[] = {
    {"init", "init --db FILE --store CODE --terminal NAME [--assets DIR]",
     "create the till's journal for a store and terminal; until the till syncs with the back\n"
     "office, its catalogue is the demo shop's, from DIR/demo (by default the assets folder the\n"
     "program was built with)"},
    {"shift open", "shift open --db FILE --float 100.00 [--staff NAME]",
     "open the drawer's shift with its float in pounds"},
    {"sell",
     "sell --db FILE CODE[xCOUNT]... [--tender cash|card] [--tendered 20.00]\n"
     "[--staff NAME]",
     "one sale: barcodes (EAN/UPC, deli-scale labels) or SKUs, each with an optional count\n"
     "(5060456110017x2), paid by cash (the default) or card; cash needs an open shift, and\n"
     "--tendered is the cash handed over, from which the change is worked out"},
    {"status", "status --db FILE",
     "what the till holds: its sales, the events not yet sent to the back office, the cash the\n"
     "drawer should hold, and its office link with the age of its last pull"},
    {"shift report", "shift report --db FILE [--counted 123.45]",
     "an X reading of the open shift as the receipt printer prints it: the float, cash sales and\n"
     "refunds, paid in and out, what the drawer should hold, and card takings; with --counted,\n"
     "the drawer's count now and its variance. The shift stays open"},
    {"shift close", "shift close --db FILE --counted 123.45 [--staff NAME]",
     "cash-up: close the shift, print the counted cash against what the ledger expects, and the\n"
     "shift's Z report"},
    {"pair",
     "pair --office URL --code CODE --name NAME --db FILE\n"
     "[--ca-file PEM | --pin-sha256 HEX]",
     "pair the till with its back office using a one-time code from a manager (tillbook-office\n"
     "pairing-code), under the till's name (1 to 16 of A-Z, 0-9), then pull its store, catalogue,\n"
     "staff and settings; creates FILE if need be, and refuses a till already paired. An https://\n"
     "office is trusted by the CA in PEM, by its certificate's SHA-256 (64 hex digits, colons\n"
     "allowed), or else by the system's CAs"},
    {"sync", "sync --db FILE",
     "one round with the back office: push every event it has not accepted yet, then pull what\n"
     "changed since the last pull; prints what was sent, taken in and is left"},
};

}  // namespace

const cli::ProgramUsage& PosUsage() {
    static constexpr cli::ProgramUsage kUsage{
        "tillbook-pos", kCommands,
        "--staff NAME: who the till's journal records as doing it (by default: till)\n"};
    return kUsage;
}

int RunPosCommand(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (auto answered = cli::AnswerHelp(PosUsage(), args, out, err)) return *answered;
    if (auto refused = cli::RefuseUnknownOptions(PosUsage(), args, err)) return *refused;
    const auto word = [&](std::size_t i) {
        return i < args.words.size() ? args.words[i] : std::string();
    };
    if (word(0) == "init" && args.words.size() == 1) return Init(args, out, err);
    if (word(0) == "shift" && (word(1) == "open" || word(1) == "close") && args.words.size() == 2)
        return Shift(args, out, err);
    if (word(0) == "shift" && word(1) == "report" && args.words.size() == 2)
        return ShiftReport(args, out, err);
    if (word(0) == "sell" && args.words.size() >= 2) return Sell(args, out, err);
    if (word(0) == "status" && args.words.size() == 1) return Status(args, out, err);
    if (word(0) == "pair" && args.words.size() == 1) return Pair(args, out, err);
    if (word(0) == "sync" && args.words.size() == 1) return Sync(args, out, err);
    return cli::WrongUsage(PosUsage(), args.words, err);
}

}  // namespace tillbook::pos
