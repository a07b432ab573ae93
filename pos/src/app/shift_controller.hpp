#pragma once
// Cash needs an open shift: after sign-in a till with none asks for the opening float.
#include <string>

#include "till_context.hpp"

namespace tillbook::pos::app {

class ShiftController {
  public:
    explicit ShiftController(TillContext& context) : m_context(context) {}

    // Whether this till has a shift open now (false when it cannot tell: ask for a float).
    [[nodiscard]] bool HasOpenShift();
    // Prepares the float prompt for the signed-in cashier.
    void Prompt();
    // Opens the shift with the float typed; true when it is open.
    [[nodiscard]] bool Open(const std::string& amount_text);

  private:
    TillContext& m_context;
};

}  // namespace tillbook::pos::app
