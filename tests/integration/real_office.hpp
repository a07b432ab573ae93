#pragma once
// The real tillbook-office binary serving a fresh demo database on a free loopback port, with its
// log in the test's directory.
#include <memory>
#include <string>

#include "loopback_socket.hpp"
#include "office_fixture.hpp"
#include "server_process.hpp"

namespace tillbook::testing {

struct RealOffice {
    explicit RealOffice(const std::string& name)
        : dir(name), db(dir.File("office.db")), log(dir.File("server.log")) {
        REQUIRE(RunOffice({"init", "--db", db, "--demo"}) == 0);
        server = std::make_unique<ServerProcess>(db, port, log);
    }
    TempDir dir;
    std::string db;
    std::string log;
    int port = FreePort();
    std::unique_ptr<ServerProcess> server;
};

}  // namespace tillbook::testing
