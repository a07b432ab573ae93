#include "office_call.hpp"

#include <fmt/format.h>

#include <cctype>

namespace tillbook::pos::office {

OfficeFailure Unreadable(const Error& error, std::string_view what) {
    return OfficeFailure{FailureKind::kRefused,
                         error.WithContext(fmt::format("{}: the office's answer", what)), 200,
                         std::nullopt};
}

OfficeResult<OfficeAnswer> Expect(OfficeClient& client, const OfficeRequest& request, int wanted,
                                  std::string_view what) {
    auto answer = client.Send(request);
    if (!answer) return std::unexpected(answer.error());
    if (answer->status != wanted) return std::unexpected(FailureFromAnswer(*answer, what));
    return answer;
}

}  // namespace tillbook::pos::office
