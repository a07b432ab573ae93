#include "tillbook/pos/office/office_credit.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "office_call.hpp"
#include "tillbook/core/json_integer.hpp"
#include "tillbook/credit/card_number.hpp"

namespace tillbook::pos::office {

namespace {

using nlohmann::json;

// The call, with its failures in the cashier's words: no answer means no store credit now.
OfficeResult<json> Call(OfficeClient& client, const OfficeRequest& request, int wanted,
                        std::string_view what) {
    auto answer = Expect(client, request, wanted, what);
    if (!answer) {
        OfficeFailure failure = answer.error();
        if (failure.kind == FailureKind::kUnreachable || failure.kind == FailureKind::kBusy) {
            failure.error = failure.error.WithContext(
                fmt::format("{}: store credit is taken only with the back office online, and it "
                            "does not answer",
                            what));
        }
        return std::unexpected(std::move(failure));
    }
    json body = json::parse(answer->body, nullptr, false);
    if (!body.is_object())
        return std::unexpected(Unreadable(MakeError(ErrorCode::kInvalidInput, "not JSON"), what));
    return body;
}

Result<std::string> Text(const json& body, const char* key) {
    if (!body.contains(key) || !body.at(key).is_string()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{} is missing or not text", key), key));
    }
    return body.at(key).get<std::string>();
}

Result<std::int64_t> Integer(const json& body, const char* key) {
    if (body.contains(key)) {
        if (auto number = core::ReadJsonInteger(body.at(key))) return *number;
    }
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     fmt::format("{} is missing or not a whole number", key), key));
}

OfficeResult<CreditRedemption> ReadRedemption(const json& body, std::string_view what) {
    CreditRedemption r;
    for (auto [key, into] :
         {std::pair{"redemption_id", &r.redemption_id}, std::pair{"card_number", &r.card_number},
          std::pair{"currency", &r.currency}}) {
        auto text = Text(body, key);
        if (!text) return std::unexpected(Unreadable(text.error(), what));
        *into = std::move(*text);
    }
    for (auto [key, into] : {std::pair{"amount_minor", &r.amount_minor},
                             std::pair{"balance_minor", &r.balance_minor}}) {
        auto number = Integer(body, key);
        if (!number) return std::unexpected(Unreadable(number.error(), what));
        *into = *number;
    }
    return r;
}

// A card number the cashier typed or scanned, checked before anything is sent.
OfficeResult<std::string> CardFrom(std::string_view card) {
    auto number = credit::ValidCardNumber(card);
    if (!number)
        return std::unexpected(OfficeFailure{FailureKind::kRefused, number.error(), 0, {}});
    return *number;
}

}  // namespace

OfficeResult<CreditBalance> CheckCredit(OfficeClient& client, const std::string& token,
                                        std::string_view card) {
    constexpr std::string_view kWhat = "balance check refused";
    auto number = CardFrom(card);
    if (!number) return std::unexpected(number.error());
    auto body = Call(client, {"GET", "/api/v1/credit/" + *number, "", token}, 200, kWhat);
    if (!body) return std::unexpected(body.error());
    CreditBalance balance;
    auto card_number = Text(*body, "card_number");
    auto currency = Text(*body, "currency");
    auto minor = Integer(*body, "balance_minor");
    if (!card_number) return std::unexpected(Unreadable(card_number.error(), kWhat));
    if (!currency) return std::unexpected(Unreadable(currency.error(), kWhat));
    if (!minor) return std::unexpected(Unreadable(minor.error(), kWhat));
    return CreditBalance{*card_number, *currency, *minor};
}

OfficeResult<CreditRedemption> RedeemCredit(OfficeClient& client, const std::string& token,
                                            std::string_view card, const money::Money& amount,
                                            std::string_view staff_id, std::string_view note) {
    constexpr std::string_view kWhat = "store credit refused";
    auto number = CardFrom(card);
    if (!number) return std::unexpected(number.error());
    const json request{{"amount", money::FormatMoney(amount)},
                       {"currency", amount.GetCurrency().code},
                       {"staff_id", staff_id},
                       {"note", note}};
    auto body =
        Call(client, {"POST", "/api/v1/credit/" + *number + "/redemptions", request.dump(), token},
             201, kWhat);
    if (!body) return std::unexpected(body.error());
    return ReadRedemption(*body, kWhat);
}

OfficeResult<CreditRedemption> CancelRedemption(OfficeClient& client, const std::string& token,
                                                std::string_view redemption_id,
                                                std::string_view staff_id) {
    constexpr std::string_view kWhat = "giving the store credit back refused";
    const json request{{"staff_id", staff_id}};
    auto body =
        Call(client,
             {"POST", "/api/v1/credit/redemptions/" + PercentEncode(redemption_id) + "/cancel",
              request.dump(), token},
             201, kWhat);
    if (!body) return std::unexpected(body.error());
    return ReadRedemption(*body, kWhat);
}

}  // namespace tillbook::pos::office
