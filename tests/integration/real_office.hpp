#pragma once
// The real tillbook-office binary serving a fresh demo database on a free loopback port, with its
// log in the test's directory.
#include <memory>
#include <string>
#include <vector>

#include "loopback_socket.hpp"
#include "office_fixture.hpp"
#include "server_process.hpp"

namespace tillbook::testing {

struct RealOffice {
    // `serve_options`: more options for `tillbook-office serve`.
    explicit RealOffice(const std::string& name, std::vector<std::string> serve_options = {})
        : dir(name), db(dir.File("office.db")), log(dir.File("server.log")) {
        REQUIRE(RunOffice({"init", "--db", db, "--demo"}) == 0);
        server = std::make_unique<ServerProcess>(db, port, log, std::move(serve_options));
    }
    TempDir dir;
    std::string db;
    std::string log;
    int port = FreePort();
    std::unique_ptr<ServerProcess> server;
};

}  // namespace tillbook::testing
