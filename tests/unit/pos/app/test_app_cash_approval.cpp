// The manager's approval prompt as the cash screens use it: PINs that are not a manager's, PINs
// that are not PINs, the lock that cancels it, and only the prompt acting while it is open.
#include <doctest/doctest.h>

#include "cash_till.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

TEST_CASE("the approval prompt refuses a wrong PIN and what is not a PIN, and keeps asking") {
    AppTill till("app-approval-wrong");
    till.SignInAndOpenShift();
    till.Do(OpenCash{});
    till.Do(NoSale{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.why == "Opening the drawer with no sale needs a manager");
    till.Do(SubmitApprovalPin{"12ab"});
    CHECK(till.View().approval.message == "A PIN is 4 to 8 digits");
    CHECK_FALSE(till.View().approval.checking);
    testing::ApprovalPin(till, "9999");
    CHECK(till.View().approval.message == "Not a manager's PIN");
    testing::ApprovalPin(till, "1111");  // the cashier's own
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(till.View().approval.open);
    CHECK(std::count(till.devices.calls.begin(), till.devices.calls.end(), "kick") == 0);
}

TEST_CASE("locking the till cancels the approval: nothing it was asked for happens") {
    AppTill till("app-approval-lock");
    till.SignInAndOpenShift();
    till.Do(OpenCash{});
    till.Do(NoSale{});
    REQUIRE(till.View().approval.open);
    till.Do(LockTill{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.View().screen == Screen::kSignIn);
    till.Pin("1111");
    CHECK(till.View().screen == Screen::kSale);  // the drawer's screen is opened afresh
    CHECK(till.devices.calls.empty());
}

TEST_CASE("a manager signed in approves their own: no prompt") {
    AppTill till("app-approval-own");
    till.SignInAndOpenShift("2468");
    till.Do(OpenCash{});
    till.Do(NoSale{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.devices.calls == std::vector<std::string>{"kick"});
}
