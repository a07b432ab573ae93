#pragma once
// Reading channel payloads: small, forgiving readers that never throw and record what they could
// not read as attention reasons. Money only from decimal strings (never JSON floats).
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::office::channels {

// Parses untrusted text without exceptions; kInvalidInput "not valid JSON" / "not a JSON object".
[[nodiscard]] Result<nlohmann::json> ParseObject(std::string_view body);

// The value at a key path ("fulfillmentStartInstructions/0/shippingStep/shipTo"), or nullptr when
// any step is missing or of the wrong kind.
[[nodiscard]] const nlohmann::json* Find(const nlohmann::json& json, std::string_view path);

// A string at the path; numbers are given as their JSON text (ids like 450789469); else nullopt.
[[nodiscard]] std::optional<std::string> FindText(const nlohmann::json& json,
                                                  std::string_view path);

// A person's name: for the first of `candidates` that gives one, the texts at its paths joined by
// single spaces (["shipping_address/first_name", "shipping_address/last_name"]), each trimmed of
// spaces, the missing and empty left out; "" when none gives any.
[[nodiscard]] std::string FindName(
    const nlohmann::json& json,
    std::initializer_list<std::initializer_list<std::string_view>> candidates);

// A whole number at the path, as a JSON integer or a string of digits ("2"); else nullopt.
[[nodiscard]] std::optional<std::int64_t> FindInteger(const nlohmann::json& json,
                                                      std::string_view path);

// true/false, or the strings "true"/"false" (Amazon); else nullopt.
[[nodiscard]] std::optional<bool> FindBool(const nlohmann::json& json, std::string_view path);

// Collects reasons while reading one payload.
class AttentionList {
  public:
    void Add(std::string reason) { m_reasons.push_back(std::move(reason)); }
    [[nodiscard]] const std::vector<std::string>& Reasons() const { return m_reasons; }
    [[nodiscard]] std::vector<std::string> Take() { return std::move(m_reasons); }

  private:
    std::vector<std::string> m_reasons;
};

// Money from a decimal string at the path. Missing or empty: `fallback` (usually zero) silently
// when `required` is false, with a reason when true. A JSON number or a string that does not parse
// ("abc", "19.999" for GBP): zero and a reason naming `what` and the text.
[[nodiscard]] money::Money ReadMoney(const nlohmann::json& json, std::string_view path,
                                     const money::Currency& currency, std::string_view what,
                                     AttentionList& attention, bool required = true);

// A time at the path: ISO 8601; `assume_utc_without_zone` for WooCommerce's *_gmt fields.
// Unparseable: nullopt and a reason.
[[nodiscard]] std::optional<ids::UtcMillis> ReadTime(const nlohmann::json& json,
                                                     std::string_view path, std::string_view what,
                                                     AttentionList& attention,
                                                     bool assume_utc_without_zone = false);

// Fills unit_price and discount of a gross line so that unit_price x units - discount equals
// `line_total` exactly: unit_price = ceil(gross_before_discount / units), the rounding difference
// added to `discount_total`. units > 0.
struct GrossLinePrice {
    money::Money unit_price;
    money::Money discount;
};
[[nodiscard]] GrossLinePrice SplitLineTotal(const money::Money& gross_before_discount,
                                            const money::Money& discount_total, std::int64_t units);

// Amounts beyond 10^15 minor units are not orders; refusing them keeps every sum exact.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000'000;
// The most units ReadUnits takes on one line (eBay, Amazon).
inline constexpr std::int64_t kMaxUnits = 1'000'000;
// The most units ReadLineItemUnits takes on one line (Shopify, WooCommerce): milli-units fit in
// int64.
inline constexpr std::int64_t kMaxLineItemUnits = 1'000'000'000;

struct ImportedOrder;

// Set, not null and not "".
[[nodiscard]] bool Present(const nlohmann::json& json, std::string_view path);

// The money in `result`; else zero in `currency` and the reason "<what>: <error>".
[[nodiscard]] money::Money OrZero(const Result<money::Money>& result,
                                  const money::Currency& currency, std::string_view what,
                                  AttentionList& attention);

// a + b; when that overflows, `a` and the error message as a reason.
[[nodiscard]] money::Money AddOrKeep(const money::Money& a, const money::Money& b,
                                     AttentionList& attention);

// The amount without its sign.
[[nodiscard]] money::Money Magnitude(const money::Money& amount);

// The keys of a channel's amount object: eBay {"currency", "value"}, Amazon {"CurrencyCode",
// "Amount"}.
struct AmountKeys {
    std::string_view currency;
    std::string_view value;
};

// An amount object at `path` (`keys`), read with ReadMoney. Zero and a reason when it is in another
// currency than `currency` ("<what>: in 'USD', ...") or beyond kMaxAmountMinor
// ("<what>: <amount> is too large").
[[nodiscard]] money::Money ReadAmountObject(const nlohmann::json& json, std::string_view path,
                                            const AmountKeys& keys, const money::Currency& currency,
                                            std::string_view what, AttentionList& attention,
                                            bool required = false);

// The units at `key`: a whole number from 1 to kMaxUnits; else 1 and the reason
// "<label>: <key> <value> is not a whole number from 1 to 1000000; taken as 1".
[[nodiscard]] std::int64_t ReadUnits(const nlohmann::json& item, std::string_view key,
                                     std::string_view label, AttentionList& attention);

// The "quantity" of line item `position` (counted from 1) called `name`: a whole number from 1 to
// kMaxLineItemUnits; else nullopt and the reason "line item <position> <name>: quantity <value> is
// not a whole number above zero; not imported".
[[nodiscard]] std::optional<std::int64_t> ReadLineItemUnits(const nlohmann::json& item,
                                                            std::size_t position,
                                                            std::string_view name,
                                                            AttentionList& attention);

// A line before it is split into unit price and discount (SplitLineTotal).
struct GrossLine {
    orders::LineKind kind = orders::LineKind::kGoods;
    std::string sku;
    std::string description;
    std::int64_t units = 1;  // above zero
    money::Money gross;      // before discount, including the seller's tax
    money::Money discount;
    money::Money tax;  // the seller's tax inside `gross`: tax_given
};

// What MakeGrossLine does with amounts a line cannot hold; each fix adds a reason "line <n>: ...".
struct GrossLineChecks {
    // gross, discount or tax beyond kMaxAmountMinor: taken as zero (Shopify, WooCommerce).
    bool zero_out_of_range = false;
    // A negative gross taken as zero, the discount capped at the gross, a tax outside 0 and the
    // discounted amount taken as zero (eBay, Amazon).
    bool clamp_to_line = false;
    // The made line checked with orders::ComputeLineAmounts; its error message is a reason
    // (Shopify, WooCommerce).
    bool report_invalid = false;
};

// The order line numbered `line_no`: tax-inclusive, `units` whole units, unit price and discount
// from SplitLineTotal, tax_given = `draft.tax`.
[[nodiscard]] orders::OrderLine MakeGrossLine(int line_no, GrossLine draft,
                                              const GrossLineChecks& checks,
                                              AttentionList& attention);

// MakeGrossLine as the next line of `order`.
void AddGrossLine(orders::Order& order, GrossLine draft, const GrossLineChecks& checks,
                  AttentionList& attention);

// The channel's total against the sum of the lines (lines that do not compute already have a
// reason and are left out): "total differs from lines by 0.01" for one minor unit, else
// "total <total> differs from the lines' <sum> by <difference>". Nothing without a channel total.
void CompareWithChannelTotal(const ImportedOrder& imported, const money::Currency& currency,
                             AttentionList& attention);

}  // namespace tillbook::office::channels
