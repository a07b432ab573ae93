#pragma once
// Reading channel payloads: small, forgiving readers that never throw and record what they could
// not read as attention reasons. Money only from decimal strings (never JSON floats).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::office::channels {

// Parses untrusted text without exceptions; kInvalidInput "not valid JSON" / "not a JSON object".
[[nodiscard]] Result<nlohmann::json> ParseObject(std::string_view body);

// The value at a key path ("fulfillmentStartInstructions/0/shippingStep/shipTo"), or nullptr when
// any step is missing or of the wrong kind.
[[nodiscard]] const nlohmann::json* Find(const nlohmann::json& json, std::string_view path);

// A string at the path; numbers are given as their JSON text (ids like 450789469); else nullopt.
[[nodiscard]] std::optional<std::string> FindText(const nlohmann::json& json,
                                                  std::string_view path);

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

}  // namespace tillbook::office::channels
