// Integration tests: staff and terminals over HTTP, against the real server on loopback.
#include <doctest/doctest.h>

#include <algorithm>

#include "office_fixture.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::OfficeUnderTest;

namespace {

httplib::Result Patch(OfficeUnderTest& office, const std::string& token, const std::string& id,
                      const json& body) {
    return office.Client(token)->Patch("/api/v1/staff/" + id, body.dump(), "application/json");
}

httplib::Result AddPerson(OfficeUnderTest& office, const std::string& token, const json& body) {
    return office.Client(token)->Post("/api/v1/staff", body.dump(), "application/json");
}

json NewCashier(const std::string& username) {
    return {{"username", username},
            {"display_name", "Maria Silva"},
            {"role", "cashier"},
            {"password", "a long enough password"},
            {"pin", "48213579"}};
}

std::string StaffId(OfficeUnderTest& office, const std::string& username) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto q = db->Prepare("SELECT id FROM staff WHERE username = ?");
    REQUIRE(q);
    q->Bind(1, username);
    REQUIRE(*q->Step());
    return q->Text(0);
}

struct AuditRow {
    std::string actor;
    json payload;
};

// The ReferenceChanged events (kind 16) in ledger order.
std::vector<AuditRow> ReferenceChanges(OfficeUnderTest& office) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto q = db->Prepare("SELECT actor, payload FROM ledger WHERE kind = 16 ORDER BY seq");
    REQUIRE(q);
    std::vector<AuditRow> rows;
    while (*q->Step())
        rows.push_back({q->Text(0), json::parse(q->Text(1))});
    return rows;
}

int SessionsOf(OfficeUnderTest& office, const std::string& subject) {
    return static_cast<int>(
        office.Scalar("SELECT count(*) FROM sessions WHERE subject = '" + subject + "'"));
}

// A till event: the shift it opens on its drawer.
json ShiftOpenedEvent(OfficeUnderTest& office, const OfficeUnderTest::Terminal& till,
                      std::int64_t origin_seq) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto s01 = store::FindLocationByCode(*db, "S01");
    REQUIRE(s01);
    REQUIRE(*s01);
    return ledger::EventToJson(
        {office.ids.NextString(), till.origin, origin_seq, "zoe", office.clock.Now(),
         ledger::ShiftOpened{office.ids.NextString(), (**s01).id, till.origin,
                             money::Money(10000, money::Currency{"GBP", 2})}});
}

httplib::Result Push(OfficeUnderTest& office, const std::string& token, const json& event) {
    return office.Client(token)->Post(
        "/api/v1/sync/push", json{{"protocol", 1}, {"events", json::array({event})}}.dump(),
        "application/json");
}

std::string TerminalId(OfficeUnderTest& office, const std::string& origin) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto q = db->Prepare("SELECT id FROM terminals WHERE origin = ?");
    REQUIRE(q);
    q->Bind(1, origin);
    REQUIRE(*q->Step());
    return q->Text(0);
}

}  // namespace

TEST_CASE(
    "a cashier gets 403 on every staff and terminal route, and a manager can list but not "
    "create, revoke or change a manager") {
    OfficeUnderTest office("staff-roles");
    const std::string cashier = office.Login("zoe", "demo-cashier-password");
    const std::string fulfilment = office.Login("kwame", "demo-fulfilment-password");
    const std::string manager = office.Manager();
    const std::string tom = StaffId(office, "tom");
    const auto till = office.Pair("S01", "T1");
    const std::string till_id = TerminalId(office, till.origin);
    const auto before = office.AllRows();
    for (const std::string& token : {cashier, fulfilment}) {
        CheckError(office.Client(token)->Get("/api/v1/staff"), 403);
        CheckError(AddPerson(office, token, NewCashier("maria")), 403);
        CheckError(Patch(office, token, tom, {{"role", "cashier"}}), 403);
        CheckError(office.Client(token)->Get("/api/v1/terminals"), 403);
        CheckError(office.Client(token)->Post("/api/v1/terminals/pairing-codes",
                                              R"({"store":"S01"})", "application/json"),
                   403);
        CheckError(office.Client(token)->Post("/api/v1/terminals/" + till_id + "/revoke", "",
                                              "application/json"),
                   403);
    }
    // A till's own token is no staff token.
    CheckError(office.Client(till.token)->Get("/api/v1/staff"), 403);
    CheckError(office.Client(till.token)->Get("/api/v1/terminals"), 403);
    CheckError(office.Client()->Get("/api/v1/staff"), 401);

    auto listed = office.Client(manager)->Get("/api/v1/staff");
    REQUIRE(listed);
    CHECK(listed->status == 200);
    CHECK(Body(listed)["staff"].size() == 7);
    auto terminals = office.Client(manager)->Get("/api/v1/terminals");
    REQUIRE(terminals);
    CHECK(terminals->status == 200);
    CHECK(Body(terminals)["terminals"].size() == 1);
    CheckError(AddPerson(office, manager, NewCashier("maria")), 403);
    CheckError(Patch(office, manager, tom, {{"role", "admin"}}), 403);
    CheckError(Patch(office, manager, tom, {{"display_name", "Thomas"}}), 403);
    CheckError(Patch(office, manager, StaffId(office, "admin"), {{"active", false}}), 403);
    // Nor make a cashier a manager.
    CheckError(Patch(office, manager, StaffId(office, "zoe"), {{"role", "manager"}}), 403, "role");
    CheckError(office.Client(manager)->Post("/api/v1/terminals/" + till_id + "/revoke", "",
                                            "application/json"),
               403);
    CHECK(office.AllRows() == before);
}

TEST_CASE("an admin adds a member of staff who can sign in at once, and no answer holds a hash") {
    OfficeUnderTest office("staff-create");
    const std::string admin = office.Login("admin", "demo-admin-password");
    auto created = AddPerson(office, admin, NewCashier("maria"));
    REQUIRE(created);
    CHECK(created->status == 201);
    const json person = Body(created);
    CHECK(person["username"] == "maria");
    CHECK(person["display_name"] == "Maria Silva");
    CHECK(person["role"] == "cashier");
    CHECK(person["active"] == true);
    CHECK(person["has_pin"] == true);
    CHECK(created->body.find("argon2") == std::string::npos);

    const std::string maria = office.Login("maria", "a long enough password");
    auto me = office.Client(maria)->Get("/api/v1/session");
    REQUIRE(me);
    CHECK(me->status == 200);
    CHECK(Body(me)["id"] == person["id"]);
    CHECK(Body(me)["role"] == "cashier");
    CHECK(Body(me)["username"] == "maria");

    auto listed = office.Client(admin)->Get("/api/v1/staff");
    REQUIRE(listed);
    CHECK(Body(listed)["staff"].size() == 8);
    CHECK(listed->body.find("argon2") == std::string::npos);
    CHECK(listed->body.find("hash") == std::string::npos);
}

TEST_CASE("a username in use is 409 and writes nothing") {
    OfficeUnderTest office("staff-duplicate");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const auto before = office.AllRows();
    CheckError(AddPerson(office, admin, NewCashier("tom")), 409, "username");
    CHECK(office.AllRows() == before);
    // The demo manager's password still signs him in.
    CHECK(!office.Manager().empty());
}

TEST_CASE(
    "a bad role, a short password, a bad PIN or a bad username is 400 naming the field, and "
    "nothing is written") {
    OfficeUnderTest office("staff-bad-input");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string tom = StaffId(office, "tom");
    const auto before = office.AllRows();
    json bad_role = NewCashier("maria");
    bad_role["role"] = "boss";
    CheckError(AddPerson(office, admin, bad_role), 400, "role");
    json short_password = NewCashier("maria");
    short_password["password"] = "short";
    CheckError(AddPerson(office, admin, short_password), 400, "password");
    for (const char* pin : {"12a4", "123", "123456789", ""}) {
        json bad_pin = NewCashier("maria");
        bad_pin["pin"] = pin;
        CheckError(AddPerson(office, admin, bad_pin), 400, "pin");
    }
    json bad_name = NewCashier("Maria Silva");
    CheckError(AddPerson(office, admin, bad_name), 400, "username");
    json no_role = NewCashier("maria");
    no_role.erase("role");
    CheckError(AddPerson(office, admin, no_role), 400, "role");
    json number_password = NewCashier("maria");
    number_password["password"] = 1234567890123;
    CheckError(AddPerson(office, admin, number_password), 400, "password");
    CheckError(office.Client(admin)->Post("/api/v1/staff", "{not json", "application/json"), 400);

    CheckError(Patch(office, admin, tom, {{"role", "boss"}}), 400, "role");
    CheckError(Patch(office, admin, tom, {{"password", "short"}}), 400, "password");
    CheckError(Patch(office, admin, tom, {{"pin", "12345678901"}}), 400, "pin");
    CheckError(Patch(office, admin, tom, {{"active", "no"}}), 400, "active");
    CheckError(Patch(office, admin, tom, {{"display_name", ""}}), 400, "display_name");
    CheckError(Patch(office, admin, tom, {{"username", "thomas"}}), 400, "username");
    CheckError(Patch(office, admin, tom, json::object()), 400);
    // A good field beside a bad one changes nothing either.
    CheckError(Patch(office, admin, tom, {{"role", "admin"}, {"pin", "x"}}), 400, "pin");
    CheckError(Patch(office, admin, "no-such-person", {{"role", "cashier"}}), 404);
    CHECK(office.AllRows() == before);
}

TEST_CASE(
    "deactivating someone ends their sessions at once, blocks their login, and tills no "
    "longer pull their PIN hash") {
    OfficeUnderTest office("staff-deactivate");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string zoe_id = StaffId(office, "zoe");
    const std::string zoe = office.Login("zoe", "demo-cashier-password");
    const std::string zoe_again = office.Login("zoe", "demo-cashier-password");
    const auto till = office.Pair("S01", "T1");
    const auto pulled_names = [&] {
        const json pulled = Body(office.Client(till.token)->Get("/api/v1/sync/pull"));
        std::vector<std::string> names;
        for (const json& person : pulled["staff"])
            names.push_back(person["username"]);
        return names;
    };
    REQUIRE(std::ranges::count(pulled_names(), std::string("zoe")) == 1);
    REQUIRE(office.Client(zoe)->Get("/api/v1/session")->status == 200);
    CHECK(SessionsOf(office, zoe_id) == 2);

    auto off = Patch(office, admin, zoe_id, {{"active", false}});
    REQUIRE(off);
    CHECK(off->status == 200);
    CHECK(Body(off)["active"] == false);
    CHECK(SessionsOf(office, zoe_id) == 0);
    CheckError(office.Client(zoe)->Get("/api/v1/session"), 401);
    CheckError(office.Client(zoe_again)->Get("/api/v1/catalogue/skus?q=TEA"), 401);
    CheckError(office.Client()->Post("/api/v1/session",
                                     R"({"username":"zoe","password":"demo-cashier-password"})",
                                     "application/json"),
               401);
    CHECK(std::ranges::count(pulled_names(), std::string("zoe")) == 0);

    // Back again: she signs in and her PIN returns to the tills.
    auto on = Patch(office, admin, zoe_id, {{"active", true}});
    REQUIRE(on);
    CHECK(on->status == 200);
    CHECK(!office.Login("zoe", "demo-cashier-password").empty());
    CHECK(std::ranges::count(pulled_names(), std::string("zoe")) == 1);
    const auto audit = ReferenceChanges(office);
    REQUIRE(audit.size() >= 2);
    CHECK(audit[audit.size() - 2].payload["change"] == "deactivated");
    CHECK(audit.back().payload["change"] == "reactivated");
    CHECK(office.Verifies());
}

TEST_CASE("a role change takes effect on the person's very next request") {
    OfficeUnderTest office("staff-role-change");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string zoe_id = StaffId(office, "zoe");
    const std::string zoe = office.Login("zoe", "demo-cashier-password");
    CheckError(office.Client(zoe)->Get("/api/v1/staff"), 403);
    auto promoted = Patch(office, admin, zoe_id, {{"role", "manager"}});
    REQUIRE(promoted);
    CHECK(promoted->status == 200);
    CHECK(Body(promoted)["role"] == "manager");
    // The same token, no new sign-in.
    auto listed = office.Client(zoe)->Get("/api/v1/staff");
    REQUIRE(listed);
    CHECK(listed->status == 200);
    CHECK(Body(office.Client(zoe)->Get("/api/v1/session"))["role"] == "manager");
    REQUIRE(Patch(office, admin, zoe_id, {{"role", "cashier"}})->status == 200);
    CheckError(office.Client(zoe)->Get("/api/v1/staff"), 403);
    CHECK(ReferenceChanges(office).back().payload["detail"] == "zoe: role manager → cashier");
}

TEST_CASE("a new password ends the person's sessions, and only the new one signs in") {
    OfficeUnderTest office("staff-password");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string tom_id = StaffId(office, "tom");
    const std::string tom = office.Manager();
    auto changed = Patch(office, admin, tom_id,
                         {{"password", "a brand new password"}, {"display_name", "Thomas Hughes"}});
    REQUIRE(changed);
    CHECK(changed->status == 200);
    CHECK(Body(changed)["display_name"] == "Thomas Hughes");
    CheckError(office.Client(tom)->Get("/api/v1/staff"), 401);
    CheckError(office.Client()->Post("/api/v1/session",
                                     R"({"username":"tom","password":"demo-manager-password"})",
                                     "application/json"),
               401);
    CHECK(!office.Login("tom", "a brand new password").empty());
    // Another person's sessions are untouched.
    CHECK(office.Client(admin)->Get("/api/v1/staff")->status == 200);
}

TEST_CASE(
    "the last active admin cannot be deactivated or demoted, and an admin cannot lock "
    "themselves out") {
    OfficeUnderTest office("staff-last-admin");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string admin_id = StaffId(office, "admin");
    const auto before = office.AllRows();
    CheckError(Patch(office, admin, admin_id, {{"active", false}}), 409, "active");
    CheckError(Patch(office, admin, admin_id, {{"role", "manager"}}), 409, "role");
    CHECK(office.AllRows() == before);

    // A second admin: still nobody demotes or deactivates themselves.
    auto added = AddPerson(
        office, admin,
        {{"username", "nadia"}, {"role", "admin"}, {"password", "another admin password"}});
    REQUIRE(added);
    REQUIRE(added->status == 201);
    const std::string nadia_id = Body(added)["id"];
    CheckError(Patch(office, admin, admin_id, {{"active", false}}), 409, "active");
    const std::string nadia = office.Login("nadia", "another admin password");
    // Another admin may, while one admin remains.
    auto demoted = Patch(office, nadia, admin_id, {{"role", "manager"}});
    REQUIRE(demoted);
    CHECK(demoted->status == 200);
    CheckError(AddPerson(office, admin, NewCashier("maria")), 403);
    // Now Nadia is the last admin: the demoted one cannot take her role away, and no one can.
    CheckError(Patch(office, admin, nadia_id, {{"active", false}}), 403);
    CheckError(Patch(office, nadia, nadia_id, {{"active", false}}), 409, "active");
    CheckError(Patch(office, nadia, nadia_id, {{"role", "cashier"}, {"active", false}}), 409);
    // An inactive admin does not count.
    CHECK(office.Scalar("SELECT count(*) FROM staff WHERE role = 4 AND active = 1") == 1);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a manager makes a pairing code over HTTP, an unknown store is 404, and the list shows "
    "each till with its last event") {
    OfficeUnderTest office("terminal-list");
    const std::string manager = office.Manager();
    auto code = office.Client(manager)->Post("/api/v1/terminals/pairing-codes",
                                             R"({"store":"S01"})", "application/json");
    REQUIRE(code);
    CHECK(code->status == 201);
    const json issued = Body(code);
    CHECK(issued["store"] == "S01");
    CHECK(issued["code"].get<std::string>().size() == 14);
    CheckError(office.Client(manager)->Post("/api/v1/terminals/pairing-codes", R"({"store":"S99"})",
                                            "application/json"),
               404, "store");
    // The warehouse is no store: no till there.
    CheckError(office.Client(manager)->Post("/api/v1/terminals/pairing-codes", R"({"store":"W01"})",
                                            "application/json"),
               404, "store");
    CheckError(office.Client(manager)->Post("/api/v1/terminals/pairing-codes", R"({})",
                                            "application/json"),
               400, "store");
    auto paired = office.Client()->Post("/api/v1/terminals/pair",
                                        json{{"code", issued["code"]}, {"name", "T7"}}.dump(),
                                        "application/json");
    REQUIRE(paired);
    REQUIRE(paired->status == 201);
    const OfficeUnderTest::Terminal till{Body(paired)["token"], Body(paired)["origin"]};
    const auto other = office.Pair("S01", "T8");

    auto pushed = Push(office, till.token, ShiftOpenedEvent(office, till, 1));
    REQUIRE(pushed);
    REQUIRE(Body(pushed)["results"][0]["status"] == "accepted");
    const json list = Body(office.Client(manager)->Get("/api/v1/terminals?store=S01"));
    REQUIRE(list["terminals"].size() == 2);
    const json& t7 = list["terminals"][0];
    CHECK(t7["name"] == "T7");
    CHECK(t7["store"] == "S01");
    CHECK(t7["origin"] == "terminal:S01-T7");
    CHECK(t7["revoked"] == false);
    CHECK(t7["paired_at"].is_string());
    CHECK(t7["last_event"]["origin_seq"] == 1);
    CHECK(t7["last_event"]["seq"] == Body(pushed)["results"][0]["seq"]);
    CHECK(list["terminals"][1]["name"] == "T8");
    CHECK(list["terminals"][1]["last_event"].is_null());
    CHECK(list.dump().find(till.token) == std::string::npos);
    CHECK(Body(office.Client(manager)->Get("/api/v1/terminals?store=S02"))["terminals"].empty());
    (void)other;
}

TEST_CASE(
    "revoking a terminal makes its push and pull 401 at once while its earlier events stay, "
    "and only a manager's new code pairs a till under its name again") {
    OfficeUnderTest office("terminal-revoke");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const auto till = office.Pair("S01", "T1");
    const auto neighbour = office.Pair("S01", "T2");
    const std::string till_id = TerminalId(office, till.origin);
    auto pushed = Push(office, till.token, ShiftOpenedEvent(office, till, 1));
    REQUIRE(pushed);
    REQUIRE(Body(pushed)["results"][0]["status"] == "accepted");
    const std::string origin_count =
        "SELECT count(*) FROM ledger WHERE origin = '" + till.origin + "'";
    REQUIRE(office.Scalar(origin_count) == 1);

    auto revoked = office.Client(admin)->Post("/api/v1/terminals/" + till_id + "/revoke", "",
                                              "application/json");
    REQUIRE(revoked);
    CHECK(revoked->status == 200);
    CHECK(Body(revoked)["revoked"] == true);
    CHECK(Body(revoked)["revoked_at"].is_string());
    CheckError(Push(office, till.token, ShiftOpenedEvent(office, till, 2)), 401);
    CheckError(office.Client(till.token)->Get("/api/v1/sync/pull"), 401);
    CHECK(office.Scalar(origin_count) == 1);
    CHECK(SessionsOf(office, till_id) == 0);
    // The other till goes on.
    CHECK(office.Client(neighbour.token)->Get("/api/v1/sync/pull")->status == 200);
    CheckError(office.Client(admin)->Post("/api/v1/terminals/" + till_id + "/revoke", "",
                                          "application/json"),
               409);
    CheckError(office.Client(admin)->Post("/api/v1/terminals/nope/revoke", "", "application/json"),
               404);

    const json list = Body(office.Client(admin)->Get("/api/v1/terminals"));
    REQUIRE(list["terminals"].size() == 2);
    CHECK(list["terminals"][0]["revoked"] == true);
    CHECK(list["terminals"][0]["last_event"]["origin_seq"] == 1);

    // Only a manager's new code pairs a till under the revoked name again: as the same terminal
    // and origin, counting on after the old origin's events (test_pair_again.cpp).
    auto code = office.auth->CreatePairingCode("S01", 60'000);
    REQUIRE(code);
    auto again = office.Client()->Post(
        "/api/v1/terminals/pair", json{{"code", *code}, {"name", "T1"}}.dump(), "application/json");
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(Body(again)["origin"] == till.origin);
    CHECK(Body(again)["last_origin_seq"] == 1);
    CHECK(Body(office.Client(admin)->Get("/api/v1/terminals"))["terminals"][0]["revoked"] == false);
    CHECK(office.Verifies());
}

TEST_CASE(
    "every staff and terminal change is a ReferenceChanged by the person who made it, with "
    "no secret in it, and the ledger verifies") {
    OfficeUnderTest office("staff-audit");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string admin_id = StaffId(office, "admin");
    const std::string manager = office.Manager();
    const std::string tom_id = StaffId(office, "tom");
    const std::size_t before = ReferenceChanges(office).size();

    auto created = AddPerson(office, admin, NewCashier("maria"));
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const std::string maria_id = Body(created)["id"];
    REQUIRE(Patch(office, admin, maria_id,
                  {{"role", "manager"}, {"pin", "9753108"}, {"password", "her second password"}})
                ->status == 200);
    REQUIRE(Patch(office, admin, maria_id, {{"pin", nullptr}})->status == 200);
    REQUIRE(Patch(office, admin, maria_id, {{"active", false}})->status == 200);
    // Asking for what is already so writes nothing.
    REQUIRE(Patch(office, admin, maria_id, {{"active", false}})->status == 200);
    REQUIRE(office.Client(manager)
                ->Post("/api/v1/terminals/pairing-codes", R"({"store":"S01"})", "application/json")
                ->status == 201);
    const auto till = office.Pair("S01", "T1");
    const std::string till_id = TerminalId(office, till.origin);
    REQUIRE(office.Client(admin)
                ->Post("/api/v1/terminals/" + till_id + "/revoke", "", "application/json")
                ->status == 200);

    const auto all = ReferenceChanges(office);
    REQUIRE(all.size() == before + 8);
    const std::vector<AuditRow> audit(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
    const auto check = [&](std::size_t i, const std::string& actor, const std::string& entity,
                           const std::string& key, const std::string& change) {
        CAPTURE(i);
        CHECK(audit[i].actor == actor);
        CHECK(audit[i].payload["entity"] == entity);
        CHECK(audit[i].payload["key"] == key);
        CHECK(audit[i].payload["change"] == change);
    };
    check(0, admin_id, "staff", maria_id, "created");
    check(1, admin_id, "staff", maria_id, "updated");
    CHECK(audit[1].payload["detail"] ==
          "maria: role cashier → manager; password changed; PIN changed");
    check(2, admin_id, "staff", maria_id, "updated");
    CHECK(audit[2].payload["detail"] == "maria: PIN removed");
    check(3, admin_id, "staff", maria_id, "deactivated");
    check(4, tom_id, "pairing_code", "S01", "created");
    check(5, "system", "pairing_code", "S01", "created");  // the fixture's, as the command line's
    check(6, till.origin, "terminal", till_id, "created");
    check(7, admin_id, "terminal", till_id, "revoked");
    for (const AuditRow& row : audit) {
        const std::string text = row.payload.dump();
        CAPTURE(text);
        for (const char* secret : {"a long enough password", "her second password", "48213579",
                                   "9753108", "argon2", "$"}) {
            CHECK(text.find(secret) == std::string::npos);
        }
        CHECK(text.find(till.token) == std::string::npos);
    }
    CHECK(office.Verifies());
}

TEST_CASE("the session says who its token belongs to, for staff and for a till") {
    OfficeUnderTest office("session-who");
    const std::string manager = office.Manager();
    const json me = Body(office.Client(manager)->Get("/api/v1/session"));
    CHECK(me["kind"] == "staff");
    CHECK(me["username"] == "tom");
    CHECK(me["display_name"] == "Tom Hughes");
    CHECK(me["role"] == "manager");
    CHECK(me["id"] == StaffId(office, "tom"));
    const auto till = office.Pair("S01", "T1");
    const json it = Body(office.Client(till.token)->Get("/api/v1/session"));
    CHECK(it["kind"] == "terminal");
    CHECK(it["origin"] == till.origin);
    CHECK(it["store"] == "S01");
    CheckError(office.Client()->Get("/api/v1/session"), 401);
}

TEST_CASE("a manager deactivates a cashier, who is signed out at once, and resets their PIN") {
    OfficeUnderTest office("staff-manager-deactivates");
    const std::string manager = office.Manager();
    const std::string zoe = office.Login("zoe", "demo-cashier-password");
    const std::string zoe_id = StaffId(office, "zoe");
    auto pin = Patch(office, manager, zoe_id, {{"pin", "4321"}});
    REQUIRE(pin);
    CHECK(pin->status == 200);
    auto off = Patch(office, manager, zoe_id, {{"active", false}});
    REQUIRE(off);
    CHECK(off->status == 200);
    CHECK(Body(off)["active"] == false);
    CheckError(office.Client(zoe)->Get("/api/v1/session"), 401);
    // The change is on the audit trail with the manager as its actor.
    CHECK(office.Scalar("SELECT count(*) FROM ledger WHERE kind = 16 AND actor = '" +
                        StaffId(office, "tom") + "'") >= 2);
}
