#pragma once
// What every call of the till to the back office shares (office_api.cpp, office_desk_api.cpp):
// the answer with the status wanted or the failure it is, a failure for an answer the till cannot
// read, and text made safe for a URL's query.
#include <string>
#include <string_view>

#include "tillbook/core/percent_encoding.hpp"
#include "tillbook/pos/office/office_client.hpp"

namespace tillbook::pos::office {

[[nodiscard]] OfficeFailure Unreadable(const Error& error, std::string_view what);

// The answer when it has the status wanted, else the failure it is.
[[nodiscard]] OfficeResult<OfficeAnswer> Expect(OfficeClient& client, const OfficeRequest& request,
                                                int wanted, std::string_view what);

// Query values and path segments the office is sent (the shared encoder).
using text::PercentEncode;

}  // namespace tillbook::pos::office
