#include "sign_in_controller.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace tillbook::pos::app {

namespace {

constexpr std::int64_t kFreeTries = 3;
constexpr std::int64_t kFirstWaitMillis = 5'000;
constexpr std::int64_t kLongestWaitMillis = 60'000;

// Who may sign in at a till: the roles that sell (cashiers, managers and admins; not fulfilment).
constexpr std::array kSellingRoles{staff::Role::kCashier, staff::Role::kManager,
                                   staff::Role::kAdmin};

}  // namespace

std::int64_t SignInController::WaitMillis(ids::UtcMillis now) const {
    return std::max<std::int64_t>(0, m_wait_until - now);
}

void SignInController::ShowWait(ids::UtcMillis now) {
    const std::int64_t wait = WaitMillis(now);
    m_context.view.sign_in.wait_seconds = (wait + 999) / 1000;
    if (wait > 0) {
        m_context.view.sign_in.message =
            fmt::format("Too many tries: wait {} s", m_context.view.sign_in.wait_seconds);
    }
}

void SignInController::Submit(const std::string& pin) {
    SignInView& view = m_context.view.sign_in;
    const ids::UtcMillis now = m_context.clock.Now();
    if (m_check) return;  // still checking the last one
    if (WaitMillis(now) > 0) {
        ShowWait(now);
        return;
    }
    if (pin.empty() || pin.size() > 12 ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        view.message = "A PIN is 4 to 8 digits";
        return;
    }
    auto holders = ReadPinHolders(m_context.db, kSellingRoles);
    if (!holders) {
        view.message = "Could not read the staff list: " + holders.error().message;
        return;
    }
    if (holders->empty()) {
        view.message = "No staff with a PIN yet: wait for the office";
        return;
    }
    // Each argon2id check takes its time: the people who signed in here lately go first, so a
    // switch between the shift's cashiers takes one check, not one per member of staff.
    const auto rank = [&](const PinHolder& holder) {
        const auto at = std::find(m_recent.begin(), m_recent.end(), holder.staff_id);
        return at - m_recent.begin();
    };
    std::stable_sort(holders->begin(), holders->end(),
                     [&](const PinHolder& a, const PinHolder& b) { return rank(a) < rank(b); });
    m_check = std::make_unique<PinCheck>(pin, std::move(*holders));
    view.digits_entered = 0;
    view.message = "Checking…";
    view.checking = true;
}

void SignInController::Lock() {
    m_context.cashier.reset();
    m_context.view.sign_in.message.clear();
    m_context.view.sign_in.digits_entered = 0;
}

std::optional<SignedIn> SignInController::Tick(ids::UtcMillis now) {
    std::optional<SignedIn> signed_in;
    if (m_check) {
        if (auto done = m_check->Poll()) {
            m_check.reset();
            m_context.view.sign_in.checking = false;
            if (*done) {
                m_failures = 0;
                m_wait_until = 0;
                m_context.view.sign_in.message.clear();
                signed_in = SignedIn{(*done)->staff_id, (*done)->display_name, (*done)->role};
                std::erase(m_recent, (*done)->staff_id);
                m_recent.insert(m_recent.begin(), (*done)->staff_id);
            } else {
                ++m_failures;
                m_context.view.sign_in.message = "Wrong PIN";
                if (m_failures >= kFreeTries) {
                    std::int64_t wait = kFirstWaitMillis;
                    for (std::int64_t i = kFreeTries; i < m_failures && wait < kLongestWaitMillis;
                         ++i)
                        wait *= 2;
                    m_wait_until = now + std::min(wait, kLongestWaitMillis);
                }
            }
        }
    }
    if (m_wait_until > 0) {
        ShowWait(now);
        if (WaitMillis(now) == 0) {
            m_wait_until = 0;
            m_context.view.sign_in.message.clear();
        }
    }
    return signed_in;
}

}  // namespace tillbook::pos::app
