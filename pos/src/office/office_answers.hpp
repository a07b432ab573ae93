#pragma once
// Reading the office's answers, for each of the till's calls to it (office_api, office_credit).
#include <string>
#include <string_view>

#include "tillbook/pos/office/office_client.hpp"

namespace tillbook::pos::office {

// An answer with the status wanted, else the failure it is ("<what>: office says: …").
[[nodiscard]] OfficeResult<OfficeAnswer> Expect(OfficeClient& client, const OfficeRequest& request,
                                                int wanted, std::string_view what);

// A 2xx answer the till cannot read: refused, as retrying will not help.
[[nodiscard]] OfficeFailure Unreadable(const Error& error, std::string_view what);

// `text` for a path segment or a query value: unreserved characters as they are, others %XX.
[[nodiscard]] std::string PercentEncode(std::string_view text);

}  // namespace tillbook::pos::office
