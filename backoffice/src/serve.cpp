#include "serve.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>

#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/channels/outbox_delivery.hpp"
#include "tillbook/office/http/office_server.hpp"
#include "tillbook/office/office_commands.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/schema.hpp"

namespace tillbook::office {

namespace {

int Fail(std::ostream& err, const Error& error) {
    err << "tillbook-office: " << error.message << "\n";
    return 1;
}

Result<int> IntOption(const cli::Args& args, std::string_view name, int fallback, int low,
                      int high) {
    auto text = args.Option(name);
    if (!text) return fallback;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size() || value < low || value > high) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("--{}: a whole number from {} to {}", name, low, high), std::string(name)));
    }
    return value;
}

// The path of the database named by --db, checked to exist and migrated.
Result<std::string> ExistingDb(const cli::Args& args) {
    auto db = OpenExistingDb(args);
    if (!db) return std::unexpected(db.error());
    return db->Path();
}

}  // namespace

int Serve(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto path = ExistingDb(args);
    if (!path) return Fail(err, path.error());
    auto port = IntOption(args, "port", 8080, 0, 65535);
    auto threads = IntOption(args, "threads", 32, 2, 1024);
    if (!port) return Fail(err, port.error());
    if (!threads) return Fail(err, threads.error());
    AuthSettings auth_settings;
    auto hashes = IntOption(args, "sign-in-hashes",
                            static_cast<int>(auth_settings.hashing.max_running), 1, 64);
    auto queue = IntOption(args, "sign-in-queue",
                           static_cast<int>(auth_settings.hashing.max_waiting), 0, 1024);
    if (!hashes) return Fail(err, hashes.error());
    if (!queue) return Fail(err, queue.error());
    auth_settings.hashing.max_running = static_cast<std::size_t>(*hashes);
    auth_settings.hashing.max_waiting = static_cast<std::size_t>(*queue);
    const http::ConnectionLimits defaults;
    auto max_connections =
        IntOption(args, "max-connections", static_cast<int>(defaults.max_connections), 1, 100'000);
    auto per_address =
        IntOption(args, "max-connections-per-address",
                  static_cast<int>(defaults.max_connections_per_address), 1, 100'000);
    auto idle_ms = IntOption(args, "idle-timeout-ms",
                             static_cast<int>(defaults.idle_timeout.count()), 100, 3'600'000);
    auto header_ms = IntOption(args, "header-timeout-ms",
                               static_cast<int>(defaults.header_timeout.count()), 100, 3'600'000);
    auto body_ms = IntOption(args, "body-timeout-ms",
                             static_cast<int>(defaults.body_timeout.count()), 100, 3'600'000);
    for (const auto* option : {&max_connections, &per_address, &idle_ms, &header_ms, &body_ms}) {
        if (!*option) return Fail(err, option->error());
    }
    const std::string tls_cert = args.Option("tls-cert").value_or("");
    const std::string tls_key = args.Option("tls-key").value_or("");
    if (tls_cert.empty() != tls_key.empty()) {
        return Fail(err, MakeError(ErrorCode::kInvalidInput,
                                   "HTTPS needs both --tls-cert and --tls-key (PEM files); give "
                                   "both, or neither for plain HTTP"));
    }
    for (const std::string& file : {tls_cert, tls_key}) {
        std::error_code ec;
        if (!file.empty() && !std::filesystem::is_regular_file(file, ec)) {
            return Fail(err,
                        MakeError(ErrorCode::kNotFound, fmt::format("{}: no such file", file)));
        }
    }

    // Signals go to the thread that waits for them, not to the pool.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto writer = LedgerWriter::Start(*path, store::Durability::kFull);
    if (!writer) return Fail(err, writer.error());
    ids::SystemClock clock;
    LockedIdSource ids(clock);
    OfficeContext context{*path, **writer, clock, ids};
    if (auto web = args.Option("web")) context.web_root = *web;
    if (std::error_code ec;
        !std::filesystem::is_regular_file(context.web_root + "/index.html", ec)) {
        return Fail(err, MakeError(ErrorCode::kNotFound,
                                   fmt::format("--web {}: no web app there (index.html is missing)",
                                               context.web_root)));
    }
    AuthService auth(context, auth_settings);
    http::ServerConfig config;
    config.bind = args.Option("bind").value_or("127.0.0.1");
    config.port = *port;
    config.threads = static_cast<std::size_t>(*threads);
    http::ConnectionLimits& limits = config.connections;
    limits.max_connections = static_cast<std::size_t>(*max_connections);
    limits.max_connections_per_address = static_cast<std::size_t>(*per_address);
    limits.idle_timeout = std::chrono::milliseconds(*idle_ms);
    limits.crowded_idle_timeout = std::min(limits.crowded_idle_timeout, limits.idle_timeout);
    limits.header_timeout = std::chrono::milliseconds(*header_ms);
    limits.body_timeout = std::chrono::milliseconds(*body_ms);
    limits.body_gap_timeout = std::min(limits.body_gap_timeout, limits.body_timeout);
    config.tls_cert = tls_cert;
    config.tls_key = tls_key;
    http::OfficeServer server(config, auth, routes::AllRoutes(context, auth));
    if (auto ok = server.Start(); !ok) return Fail(err, ok.error());
    channels::OutboxDelivery outbox(context);
    outbox.Start();
    out << fmt::format("tillbook-office serving {} on {}://{}:{}\n", *path,
                       config.tls_cert.empty() ? "http" : "https", config.bind, server.Port())
        << std::flush;

    int signal_number = 0;
    sigwait(&signals, &signal_number);
    out << fmt::format("tillbook-office: {} received; finishing requests in flight\n",
                       signal_number == SIGTERM ? "SIGTERM" : "SIGINT")
        << std::flush;
    server.Stop();
    outbox.Stop();
    (*writer)->Stop();
    writer->reset();  // drains the queue and joins
    out << "tillbook-office: stopped cleanly\n";
    return 0;
}

int PrintPairingCode(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto path = ExistingDb(args);
    if (!path) return Fail(err, path.error());
    auto store_code = args.Required("store");
    if (!store_code) return Fail(err, store_code.error());
    auto writer = LedgerWriter::Start(*path, store::Durability::kFull);
    if (!writer) return Fail(err, writer.error());
    ids::SystemClock clock;
    LockedIdSource ids(clock);
    OfficeContext context{*path, **writer, clock, ids};
    AuthService auth(context);
    auto code = auth.CreatePairingCode(*store_code, 15 * 60 * 1000);
    if (!code) return Fail(err, code.error());
    out << fmt::format("pairing code for a new till at {}: {} (valid 15 minutes, once)\n",
                       *store_code, *code);
    return 0;
}

}  // namespace tillbook::office
