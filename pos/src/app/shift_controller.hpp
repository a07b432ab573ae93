#pragma once
// Cash needs an open shift: after sign-in a till with none asks for the opening float, counted
// note by note and coin by coin (each count puts the total into the float field) or typed whole.
#include <string>

#include "denominations.hpp"
#include "till_context.hpp"

namespace tillbook::pos::app {

class ShiftController {
  public:
    explicit ShiftController(TillContext& context)
        : m_context(context), m_count(context.currency) {}

    // Whether this till has a shift open now (false when it cannot tell: ask for a float).
    [[nodiscard]] bool HasOpenShift();
    // Prepares the float prompt for the signed-in cashier: an empty count.
    void Prompt();
    // A row of the float's count as typed.
    void Count(std::size_t row, const std::string& count_text);
    // Opens the shift with the float typed; true when it is open.
    [[nodiscard]] bool Open(const std::string& amount_text);

  private:
    TillContext& m_context;
    DenominationCount m_count;
};

}  // namespace tillbook::pos::app
