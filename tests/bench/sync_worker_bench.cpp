// A till's backlog drained by its sync worker: --sales card sales (10,000 by default) journalled on
// a till while its office was away, sent by pos::office::SyncWorker (reading its journal, 500 a
// push, taking each answer in at synchronous=FULL) to the real tillbook-office once it is back,
// beside the office's own push throughput for the very same events: their push bodies, made
// beforehand from the same journal, posted one after another by a plain HTTP client, as
// sync_bench pushes. Each sample starts both sides from the same copies (the office as paired,
// the till with its backlog), in an order drawn at random; the medians and the median of the
// samples' ratios. The ratio is what the till's side costs beside the office's. It names the
// filesystem of --dir and refuses tmpfs and ramfs unless --allow-tmpfs.
//
//   sync_worker_bench [--sales N] [--samples N] [--dir DIR] [--office PATH] [--allow-tmpfs]
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <variant>

#include "filesystem.hpp"
#include "office_process.hpp"
#include "side_order.hpp"
#include "tillbook/core/cli_args.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/pos/till_sync.hpp"
#include "tillbook/sync/push_json.hpp"

using namespace tillbook;
using SteadyClock = std::chrono::steady_clock;

namespace {

template <class T>
T Must(Result<T> result, std::string_view what) {
    if (!result) throw std::runtime_error(fmt::format("{}: {}", what, result.error().message));
    return std::move(*result);
}

void Must(const Status& status, std::string_view what) {
    if (!status) throw std::runtime_error(fmt::format("{}: {}", what, status.error().message));
}

void RemoveDatabase(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
}

void CopyDatabase(const std::string& from, const std::string& to) {
    RemoveDatabase(to);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        if (std::filesystem::exists(from + suffix))
            std::filesystem::copy_file(from + suffix, to + suffix);
    }
}

nlohmann::json Post(httplib::Client& client, const std::string& path, const nlohmann::json& body) {
    auto res = client.Post(path, body.dump(), "application/json");
    if (!res || res->status / 100 != 2)
        throw std::runtime_error(fmt::format("{}: {}", path, res ? res->body : "no answer"));
    return nlohmann::json::parse(res->body);
}

std::string PairingCode(const bench::OfficeProcess& office) {
    auto client = office.Client("");
    const std::string manager =
        Post(client, "/api/v1/session",
             {{"username", "tom"}, {"password", "demo-manager-password"}})["token"];
    client.set_bearer_token_auth(manager);
    return Post(client, "/api/v1/terminals/pairing-codes", {{"store", "S01"}})["code"];
}

std::string Url(const bench::OfficeProcess& office) {
    return fmt::format("http://127.0.0.1:{}", office.Port());
}

// The office as the till paired with it, and the till with `sales` sales it has not sent.
struct Start {
    std::string office_db;
    std::string till_db;
    std::string token;
    std::vector<std::string> push_bodies;  // the same events, 500 a push, in origin_seq order
};

Start Prepare(const std::string& office_exe, const std::filesystem::path& dir, int sales) {
    Start start{(dir / "till-sync-bench-office.db").string(),
                (dir / "till-sync-bench-till.db").string(),
                "",
                {}};
    const std::string log = (dir / "till-sync-bench-office.log").string();
    bench::InitDemo(office_exe, start.office_db, log);
    RemoveDatabase(start.till_db);
    ids::SystemClock clock;
    {
        bench::OfficeProcess office(office_exe, start.office_db, log);
        auto till = Must(pos::OpenTillDatabase(start.till_db), "the till's database");
        Must(pos::office::PairTill(till, {Url(office), {}, PairingCode(office), "T1"}, clock),
             "pairing");
    }
    // Journalled at synchronous=NORMAL to make the backlog quickly; the worker writes at FULL.
    auto till =
        Must(pos::OpenTillDatabase(start.till_db, {store::Durability::kNormal, 5000, false}),
             "the till's database");
    ids::UuidV7Source ids(clock);
    auto journal = Must(pos::TillJournal::Open(till, clock, ids), "the journal");
    const std::string zoe = [&] {
        auto q = Must(till.Prepare("SELECT id FROM staff WHERE username = 'zoe'"), "staff");
        if (!Must(q.Step(), "staff")) throw std::runtime_error("no zoe on the till");
        return q.Text(0);
    }();
    const std::vector<pos::ScannedLine> lines{{"5060123450019", 2}, {"5060456110017", 1}};
    for (int i = 0; i < sales; ++i)
        Must(journal.Sell(lines, orders::Tender::kCard, std::nullopt, zoe), "a sale");
    auto link = Must(pos::office::LoadOfficeLink(till), "the link");
    start.token = link->token;
    pos::TillSync till_sync(till, link->origin, clock);
    const sync::PushRequest all =
        Must(till_sync.NextPush(static_cast<std::size_t>(sales) + 1), "the backlog");
    for (std::size_t at = 0; at < all.events.size(); at += sync::kMaxEventsPerPush) {
        sync::PushRequest part;
        const std::size_t end = std::min(all.events.size(), at + sync::kMaxEventsPerPush);
        part.events.assign(all.events.begin() + static_cast<std::ptrdiff_t>(at),
                           all.events.begin() + static_cast<std::ptrdiff_t>(end));
        start.push_bodies.push_back(sync::ToJson(part).dump());
    }
    return start;
}

// Seconds for the sync worker to drain the till's backlog into the office once it is back.
double WorkerSide(const std::string& office_exe, const std::filesystem::path& dir,
                  const Start& start, std::int64_t events) {
    const std::string office_db = (dir / "till-sync-bench-office-w.db").string();
    const std::string till_db = (dir / "till-sync-bench-till-w.db").string();
    CopyDatabase(start.office_db, office_db);
    CopyDatabase(start.till_db, till_db);
    bench::OfficeProcess office(office_exe, office_db, (dir / "till-sync-bench-w.log").string());
    {
        auto till = Must(pos::OpenTillDatabase(till_db), "the till's copy");
        auto q = Must(till.Prepare("UPDATE office_link SET url = ?"), "the link");
        Must(q.Bind(1, Url(office)).Run(), "the link");
    }
    ids::SystemClock clock;
    pos::app::ReportQueue queue;
    pos::office::SyncWorkerOptions options;
    options.db_path = till_db;
    options.idle_wait = std::chrono::minutes(1);
    pos::office::SyncWorker worker(options, queue, clock);
    const auto began = SteadyClock::now();
    worker.Start();
    bool drained = false;
    while (!drained) {
        for (const auto& report : queue.Drain()) {
            const auto* sync_report = std::get_if<pos::app::SyncReport>(&report);
            if (sync_report == nullptr) continue;
            if (!sync_report->problem.empty())
                throw std::runtime_error("the worker: " + sync_report->problem);
            if (sync_report->unsent == 0 && sync_report->last_push_at) drained = true;
        }
        if (!drained) std::this_thread::sleep_for(std::chrono::microseconds(500));
        if (SteadyClock::now() - began > std::chrono::minutes(10))
            throw std::runtime_error("the worker did not drain the till in 10 minutes");
    }
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - began).count();
    worker.Stop();
    office.Stop();
    auto db = Must(store::Database::Open(office_db), "the office's copy");
    if (Must(db.QueryInt64("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'"),
             "count") != events)
        throw std::runtime_error("the office does not hold every event the worker sent");
    return seconds;
}

// Seconds for a plain HTTP client to push the same events' bodies to the office.
double OfficeSide(const std::string& office_exe, const std::filesystem::path& dir,
                  const Start& start) {
    const std::string office_db = (dir / "till-sync-bench-office-r.db").string();
    CopyDatabase(start.office_db, office_db);
    bench::OfficeProcess office(office_exe, office_db, (dir / "till-sync-bench-r.log").string());
    auto client = office.Client(start.token);
    const auto began = SteadyClock::now();
    for (const std::string& body : start.push_bodies) {
        auto res = client.Post("/api/v1/sync/push", body, "application/json");
        if (!res || res->status != 200)
            throw std::runtime_error("a push: " + (res ? res->body : std::string("no answer")));
        auto results = Must(sync::ParsePushResults(res->body), "a push's answer");
        for (const auto& result : results.results)
            if (!std::holds_alternative<sync::Accepted>(result.outcome))
                throw std::runtime_error("a push's event was rejected");
    }
    return std::chrono::duration<double>(SteadyClock::now() - began).count();
}

double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    auto args = cli::ParseArgs(argc, argv, {"allow-tmpfs"});
    if (!args) {
        fmt::print(stderr,
                   "usage: sync_worker_bench [--sales 10000] [--samples 3] [--dir DIR] "
                   "[--office PATH] [--allow-tmpfs]\n");
        return 2;
    }
    const int sales = std::max(1, std::stoi(args->Option("sales").value_or("10000")));
    const int samples = std::max(1, std::stoi(args->Option("samples").value_or("3")));
    const std::string office_exe = args->Option("office").value_or(TILLBOOK_OFFICE_EXE);
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    try {
        const bench::Filesystem fs = bench::FilesystemOf(dir);
        if (fs.in_memory && !args->Has("allow-tmpfs")) {
            fmt::print(stderr, "{} is on {}: an fsync costs nothing there (--allow-tmpfs)\n",
                       dir.string(), fs.name);
            return 2;
        }
        fmt::print("{} card sales journalled on a till while its office was away, on {} ({})\n",
                   sales, dir.string(), fs.name);
        const Start start = Prepare(office_exe, dir, sales);
        bench::SideOrder order;
        std::vector<double> worker_rates, office_rates, ratios;
        for (int s = 0; s < samples; ++s) {
            double worker = 0, office = 0;
            const bool worker_first =
                order.Run([&] { worker = WorkerSide(office_exe, dir, start, sales); },
                          [&] { office = OfficeSide(office_exe, dir, start); });
            worker_rates.push_back(sales / worker);
            office_rates.push_back(sales / office);
            ratios.push_back(worker_rates.back() / office_rates.back());
            fmt::print(
                "sample {} ({} first): sync worker {:.0f} events/s ({:.2f} s), the office's own "
                "push {:.0f} events/s ({:.2f} s)\n",
                s + 1, worker_first ? "worker" : "office", worker_rates.back(), worker,
                office_rates.back(), office);
        }
        fmt::print(
            "median: the till's sync worker drains {:.0f} events/s; the office takes the same "
            "pushes at {:.0f} events/s; worker/office {:.2f} (median of the samples' ratios; "
            "target >= 2,000 events/s)\n",
            Median(worker_rates), Median(office_rates), Median(ratios));
        for (const char* name : {"office", "till", "office-w", "till-w", "office-r"})
            RemoveDatabase((dir / fmt::format("till-sync-bench-{}.db", name)).string());
    } catch (const std::exception& e) {
        fmt::print(stderr, "sync_worker_bench: {}\n", e.what());
        return 1;
    }
    return 0;
}
