#pragma once
// Text for a URL's path segment or query value: letters, digits and "-._~" as they are (and
// '/' when asked), every other byte as %XX (RFC 3986's unreserved set).
#include <string>
#include <string_view>

namespace tillbook::text {

[[nodiscard]] std::string PercentEncode(std::string_view text, bool keep_slash = false);

}  // namespace tillbook::text
