#pragma once
// The lock screen: a PIN signs a member of staff in (or switches to them), checked off the UI
// thread against the hashes pulled from the office, so it works offline. Three wrong PINs in a
// row and the pad waits 5 s, then twice as long after each further wrong one, up to 60 s.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pin_check.hpp"
#include "till_context.hpp"

namespace tillbook::pos::app {

class SignInController {
  public:
    explicit SignInController(TillContext& context) : m_context(context) {}

    void Submit(const std::string& pin);
    // Back to the PIN pad; whoever was signed in is no longer.
    void Lock();
    // Picks up a finished check: the member of staff who signed in, if one just did.
    [[nodiscard]] std::optional<SignedIn> Tick(ids::UtcMillis now);
    [[nodiscard]] bool Checking() const { return m_check != nullptr; }

  private:
    [[nodiscard]] std::int64_t WaitMillis(ids::UtcMillis now) const;
    void ShowWait(ids::UtcMillis now);

    TillContext& m_context;
    std::unique_ptr<PinCheck> m_check;
    std::vector<std::string> m_recent;  // who signed in here, the latest first: checked first
    std::int64_t m_failures = 0;        // wrong PINs in a row
    ids::UtcMillis m_wait_until = 0;
};

}  // namespace tillbook::pos::app
