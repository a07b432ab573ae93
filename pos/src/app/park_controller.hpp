#pragma once
// Parking and recalling a sale: the cart goes into the till's database (parked_sales.hpp) and the
// screen is empty for the next customer; later, with the cart empty, it comes back, re-priced from
// the catalogue as it is now, with the lines whose price changed named. Never money, never an
// event.
#include <cstdint>

#include "sale_controller.hpp"
#include "till_context.hpp"

namespace tillbook::pos::app {

class ParkController {
  public:
    ParkController(TillContext& context, SaleController& sale) : m_context(context), m_sale(sale) {}

    // True when the cart was parked (and emptied).
    bool Park();
    // True when parked sale `id` is the cart now (and no longer parked).
    bool Recall(std::int64_t id);
    // Reads the parked sales into the sale view.
    void Refresh();

  private:
    void Say(std::string message) { m_context.view.sale.message = std::move(message); }

    TillContext& m_context;
    SaleController& m_sale;
};

}  // namespace tillbook::pos::app
