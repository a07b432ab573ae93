#include "tillbook/office/http/office_server.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <iostream>
#include <regex>
#include <thread>

#include "connection_limits.hpp"
#include "connection_workers.hpp"
#include "deadline_stream.hpp"
#include "guarded_server.hpp"
#include "request_limits.hpp"
#include "tillbook/core/characters.hpp"
#include "tillbook/core/percent_encoding.hpp"
#include "tillbook/office/http/browser_session.hpp"

namespace tillbook::office::http {

struct OfficeServer::Impl {
    explicit Impl(const ConnectionLimits& limits)
        : counter(limits.max_connections, limits.max_connections_per_address) {}
    ConnectionCounter counter;
    std::unique_ptr<httplib::Server> server;
    std::thread thread;
    std::vector<std::regex> patterns;
};

namespace {

bool Allowed(const Access& access, const Caller& caller) {
    if (caller.kind == Caller::Kind::kTerminal) return access.terminals;
    return access.staff_allowed &&
           static_cast<int>(caller.role) >= static_cast<int>(access.min_role);
}

std::string Lower(std::string text) {
    for (char& c : text)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return text;
}

// A request whose header or body did not arrive by its deadline (DeadlineStream): 408, and the
// connection closes.
ApiResponse TooSlow() {
    ApiResponse response = ErrorResponse(
        MakeError(ErrorCode::kInvalidInput, "the request did not arrive in time; send it again"));
    response.status = 408;
    return response;
}

ConnectionRules RulesOf(const ServerConfig& config) {
    const ConnectionLimits& limits = config.connections;
    ConnectionRules rules;
    rules.deadlines = {limits.header_timeout, limits.body_timeout, limits.body_gap_timeout,
                       limits.write_timeout};
    rules.idle = limits.idle_timeout;
    rules.crowded_idle = limits.crowded_idle_timeout;
    rules.max_requests = limits.max_requests_per_connection;
    rules.retry_after_seconds = limits.refused_retry_after_seconds;
    rules.log = config.log_requests;
    return rules;
}

// A page asked for without a working session: to sign-in, which comes back to it (its path and
// query) afterwards.
ApiResponse SignInFirst(const std::string& page) {
    ApiResponse response{303, "", "text/plain", {}};
    response.headers["Location"] = "/sign-in?next=" + text::PercentEncode(page, true);
    response.headers["Cache-Control"] = "no-store";
    return response;
}

// A page the signed-in role may not open: a page in words, not JSON.
ApiResponse NotForYourRole() {
    return ApiResponse{
        403,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Not for your role - Tillbook</title>"
        "<link rel=\"stylesheet\" href=\"/web/app.css\"></head>"
        "<body class=\"plain-page\"><main><h1>Not for your role</h1>"
        "<p>You are signed in, but your role cannot open this page of the back "
        "office. Ask a manager, or sign in as someone who may.</p>"
        "<p><a href=\"/sign-in\">Sign in as someone else</a></p></main></body></html>\n",
        "text/html; charset=utf-8",
        {{"Cache-Control", "no-store"}}};
}

// Past this many workers an accepted connection is refused on the accepting thread itself.
constexpr std::size_t kRefusingWorkers = 16;

}  // namespace

OfficeServer::OfficeServer(ServerConfig config, AuthService& auth, std::vector<Route> routes)
    : m_impl(std::make_unique<Impl>(config.connections)),
      m_config(std::move(config)),
      m_auth(auth),
      m_routes(std::move(routes)) {
    for (const Route& route : m_routes)
        m_impl->patterns.emplace_back(route.pattern);
}

OfficeServer::~OfficeServer() {
    Stop();
}

ApiResponse OfficeServer::Dispatch(ApiRequest request) const {
    ApiResponse response = Answer(std::move(request));
    AddSecurityHeaders(response);
    // The session cookie is Secure whenever the office speaks HTTPS.
    if (!m_config.tls_cert.empty()) {
        if (auto cookie = response.headers.find("Set-Cookie"); cookie != response.headers.end())
            cookie->second += "; Secure";
    }
    return response;
}

ApiResponse OfficeServer::Answer(ApiRequest request) const {
    // HEAD is answered as GET; httplib leaves the body out.
    const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
    std::vector<std::string> allowed;
    for (std::size_t i = 0; i < m_routes.size(); ++i) {
        std::smatch match;
        if (!std::regex_match(request.path, match, m_impl->patterns[i])) continue;
        const Route& route = m_routes[i];
        if (route.method != method) {
            allowed.push_back(route.method);
            if (route.method == "GET") allowed.emplace_back("HEAD");
            continue;
        }
        for (std::size_t g = 1; g < match.size(); ++g)
            request.path_params.push_back(match[g].str());
        if (!route.access.public_route) {
            // A bearer token (tills, scripts), else the browser's session cookie.
            std::string token;
            bool by_cookie = false;
            if (auto header = request.Header("authorization");
                header && header->starts_with("Bearer ")) {
                token = header->substr(7);
            } else if (auto cookie = SessionCookieOf(request)) {
                token = std::move(*cookie);
                by_cookie = true;
            }
            auto caller = m_auth.Authenticate(token);
            if (!caller) {
                return route.access.page ? SignInFirst(request.raw_query.empty()
                                                           ? request.path
                                                           : request.path + "?" + request.raw_query)
                                         : ErrorResponse(caller.error());
            }
            if (!Allowed(route.access, *caller)) {
                return route.access.page
                           ? NotForYourRole()
                           : ErrorResponse(
                                 MakeError(ErrorCode::kForbidden, "your role does not allow this"));
            }
            if (by_cookie) {
                if (auto ok = CheckBrowserRequest(request, token); !ok)
                    return ErrorResponse(ok.error());
            }
            request.caller = *caller;
        }
        try {
            return route.handler(request);
        } catch (const std::exception& e) {
            // Handlers do not throw; this is the last line of defence.
            std::cerr << fmt::format("error: {} {}: {}\n", text::QuoteForLog(request.method, 16),
                                     text::QuoteForLog(request.path, 100), e.what());
            return ErrorResponse(MakeError(ErrorCode::kStorage, "internal error"));
        }
    }
    if (!allowed.empty()) {
        ApiResponse response = ErrorResponse(
            MakeError(ErrorCode::kUnsupported,
                      fmt::format("{} is not allowed on {}", request.method, request.path)));
        response.status = 405;
        response.headers["Allow"] = fmt::format("{}", fmt::join(allowed, ", "));
        return response;
    }
    return ErrorResponse(
        MakeError(ErrorCode::kNotFound, fmt::format("no such resource: {}", request.path)));
}

Status OfficeServer::Start() {
    const ConnectionRules rules = RulesOf(m_config);
    if (!m_config.tls_cert.empty() && !m_config.tls_key.empty()) {
        m_impl->server = std::make_unique<GuardedTlsServer>(
            m_config.tls_cert.c_str(), m_config.tls_key.c_str(), rules, m_impl->counter);
        if (!m_impl->server->is_valid()) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("{} and {}: not a PEM certificate and its private key",
                                      m_config.tls_cert, m_config.tls_key)));
        }
    } else {
        m_impl->server = std::make_unique<GuardedServer>(rules, m_impl->counter);
    }
    httplib::Server& server = *m_impl->server;
    server.set_tcp_nodelay(true);  // else each keep-alive request waits ~44 ms (docs/limits.md)
    const RequestLimits limits{m_config.max_body_bytes, m_config.max_discard_bytes,
                               m_config.max_header_fields, m_config.max_header_bytes};
    // ReadBody holds bodies to max_body_bytes; httplib only needs to let them reach it.
    server.set_payload_max_length(limits.max_body_bytes + limits.max_discard_bytes);
    // A worker for each connection (docs/limits.md); the keep-alive loop and its deadlines are
    // GuardedServer's.
    const WorkerLimits workers{m_config.connections.max_connections + kRefusingWorkers,
                               m_config.threads, m_config.connections.worker_idle_exit};
    server.new_task_queue = [workers] { return new ConnectionWorkers(workers); };

    const auto to_api_request = [](const httplib::Request& req) {
        ApiRequest request;
        request.method = req.method;
        request.path = req.path;
        request.remote_address = req.remote_addr;
        for (const auto& [name, value] : req.params) {
            if (!request.raw_query.empty()) request.raw_query += '&';
            request.raw_query += text::PercentEncode(name) + "=" + text::PercentEncode(value);
        }
        for (const auto& [name, value] : req.headers)
            request.headers.emplace(Lower(name), value);
        for (const auto& [name, value] : req.params)
            request.query.emplace(name, value);
        return request;
    };
    const auto send = [](const ApiResponse& response, httplib::Response& res) {
        res.status = response.status;
        for (const auto& [name, value] : response.headers)
            res.set_header(name, value);
        res.set_content(response.body, response.content_type);
    };
    // Requests without a body: GET, HEAD, OPTIONS.
    const auto handle = [this, to_api_request, send](const httplib::Request& req,
                                                     httplib::Response& res) {
        send(Dispatch(to_api_request(req)), res);
    };
    // Requests with a body read it through ReadBody, which keeps at most max_body_bytes however
    // it is framed; of a refused body at most max_discard_bytes more is read and thrown away, and
    // its connection is closed.
    const auto handle_with_body = [this, to_api_request, send, limits](
                                      const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
        auto body = ReadBody(reader, limits);
        if (!body && DeadlineStream::DeadlinePassedOnThisThread())
            return SendAndClose(TooSlow(), res);
        if (!body) return SendAndClose(ErrorResponse(body.error()), res);
        ApiRequest request = to_api_request(req);
        request.body = std::move(*body);
        send(Dispatch(std::move(request)), res);
    };
    // Every method and path goes to Dispatch, which knows the routes and their access rules.
    server.Get(".*", handle);
    server.Options(".*", handle);
    server.Post(".*", handle_with_body);
    server.Put(".*", handle_with_body);
    server.Delete(".*", handle_with_body);
    server.Patch(".*", handle_with_body);
    // Errors httplib produces itself (400 bad request, 414, 404) get our shape too, and close the
    // connection: after a request it could not read, the rest of the stream means nothing.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) return;
        if (res.status == 400 && DeadlineStream::DeadlinePassedOnThisThread())
            return SendAndClose(TooSlow(), res);
        const ErrorCode code = res.status == 413   ? ErrorCode::kTooLarge
                               : res.status == 404 ? ErrorCode::kNotFound
                                                   : ErrorCode::kInvalidInput;
        ApiResponse response = ErrorResponse(
            MakeError(code, res.status == 413 ? "the body is larger than the server accepts"
                                              : "bad request"));
        response.status = res.status;
        SendAndClose(response, res);
    });
    // httplib announces keep-alive on every response; not on those after which it closes.
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.get_header_value("Connection") == "close") res.headers.erase("Keep-Alive");
    });
    // The header block is checked here, before any body is read.
    server.set_pre_routing_handler([limits](const httplib::Request& req, httplib::Response& res) {
        if (auto refusal = RefuseBeforeBody(req, limits)) {
            SendAndClose(*refusal, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // One line per request with its time from its first byte; the connection's worker reads,
    // routes and logs it.
    if (m_config.log_requests) {
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            const std::chrono::duration<double, std::milli> took =
                std::chrono::steady_clock::now() - RequestStartedOnThisThread();
            std::cerr << fmt::format("{} {} {} {:.1f} ms\n", text::QuoteForLog(req.method, 16),
                                     text::QuoteForLog(req.path, 100), res.status, took.count());
        });
    }
    // httplib's default sets SO_REUSEPORT, which lets a second server share the port silently
    // (docs/limits.md); plain SO_REUSEADDR makes a port in use an error.
    auto listening = std::make_shared<socket_t>(INVALID_SOCKET);
    server.set_socket_options([listening](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
        *listening = sock;
    });
    if (m_config.port == 0) {
        m_port = server.bind_to_any_port(m_config.bind);
    } else {
        m_port = server.bind_to_port(m_config.bind, m_config.port) ? m_config.port : -1;
    }
    if (m_port <= 0) {
        return std::unexpected(
            MakeError(ErrorCode::kConflict,
                      fmt::format("cannot listen on {}:{}", m_config.bind, m_config.port)));
    }
    // Debian's cpp-httplib listens with a backlog of 5: a burst of tills or webhooks connecting at
    // once would see connections dropped. Listening again on the bound socket raises the backlog.
    if (*listening != INVALID_SOCKET) ::listen(*listening, SOMAXCONN);
    m_impl->thread = std::thread([&server] { server.listen_after_bind(); });
    return {};
}

void OfficeServer::Stop() {
    if (m_impl && m_impl->server) m_impl->server->stop();
    if (m_impl && m_impl->thread.joinable()) m_impl->thread.join();
}

}  // namespace tillbook::office::http
