#include "tillbook/catalogue/sku_rules.hpp"

#include <algorithm>
#include <cstddef>
#include <expected>
#include <utility>

#include "tillbook/barcode/gtin.hpp"
#include "tillbook/core/characters.hpp"
#include "tillbook/core/text.hpp"

namespace tillbook::catalogue {

namespace {

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    const auto lower = [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

bool HasControlCharacter(std::string_view text) {
    return text::FindControlCharacter(text).has_value();
}

Status CheckRequired(std::string_view text) {
    if (!text.empty()) return {};
    return std::unexpected(MakeError(ErrorCode::kInvalidInput, "empty"));
}

Status CheckUtf8(std::string_view text) {
    if (text::IsValidUtf8(text)) return {};
    return std::unexpected(MakeError(ErrorCode::kInvalidInput, "not valid UTF-8"));
}

Status CheckSkuCodeCharacters(std::string_view text) {
    if (const auto control = text::FindControlCharacter(text)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, text::QuoteForMessage(text) +
                                                    ": a line break or control character (" +
                                                    text::CodePointName(*control) + ") in a code"));
    }
    if (const auto invisible = text::FindInvisibleCharacter(text)) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, text::QuoteForMessage(text) + ": an invisible character (" +
                                          text::CodePointName(*invisible) +
                                          ") in a code, such as a zero-width space, a "
                                          "direction mark or a space other than a plain one"));
    }
    return {};
}

Result<std::string> ParseSkuCode(std::string_view text) {
    const std::string_view code = text::TrimWhiteSpace(text);
    for (const auto& rule : {CheckRequired(code), CheckUtf8(code), CheckSkuCodeCharacters(code)}) {
        if (!rule) return std::unexpected(rule.error());
    }
    return std::string(code);
}

Status CheckNameCharacters(std::string_view text) {
    const auto control = text::FindControlCharacter(text);
    if (!control) return {};
    return std::unexpected(
        MakeError(ErrorCode::kInvalidInput, text::QuoteForMessage(text) +
                                                ": a line break or control character (" +
                                                text::CodePointName(*control) + ") in a name"));
}

Result<money::Money> ParseShelfAmount(std::string_view text, const money::Currency& currency) {
    auto amount = money::ParseMoney(text, currency);
    if (!amount) return std::unexpected(MakeError(amount.error().code, amount.error().message));
    if (amount->IsNegative()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         text::QuoteForMessage(text) + ": must not be negative"));
    }
    std::int64_t most = kMaxShelfPriceMajor;
    for (int i = 0; i < currency.exponent; ++i)
        most *= 10;
    if (amount->Minor() > most) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         text::QuoteForMessage(text) + ": more than " +
                                             money::FormatMoney(money::Money(most, currency)) +
                                             ", the most a price may be"));
    }
    return *amount;
}

Result<SoldBy> ParseSoldBy(std::string_view text) {
    if (EqualsIgnoringAsciiCase(text, "unit")) return SoldBy::kUnit;
    if (EqualsIgnoringAsciiCase(text, "weight")) return SoldBy::kWeight;
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     text::QuoteForMessage(text) + ": expected unit or weight"));
}

std::string_view SoldByName(SoldBy sold_by) {
    return sold_by == SoldBy::kWeight ? "weight" : "unit";
}

Result<bool> ParseActive(std::string_view text) {
    if (text.empty() || text == "1" || EqualsIgnoringAsciiCase(text, "true")) return true;
    if (text == "0" || EqualsIgnoringAsciiCase(text, "false")) return false;
    return std::unexpected(MakeError(
        ErrorCode::kInvalidInput, text::QuoteForMessage(text) + ": expected true, false, 1 or 0"));
}

Result<SkuBarcode> ParseSkuBarcode(std::string_view text) {
    auto gtin = barcode::ParseGtin(text);
    if (!gtin) {
        // Some messages name the code ("...: bad check digit"), some do not ("character 3").
        const std::string& why = gtin.error().message;
        return std::unexpected(
            MakeError(gtin.error().code, why.starts_with(text) && !text.empty()
                                             ? why
                                             : text::QuoteForMessage(text) + ": " + why));
    }
    std::string gtin14 = barcode::NormalisedGtin14(*gtin);
    return SkuBarcode{std::move(gtin->digits), std::move(gtin14)};
}

std::vector<std::string> StoredFormsOf(std::string_view gtin14) {
    std::vector<std::string> forms;
    for (const std::size_t length :
         {std::size_t{14}, std::size_t{13}, std::size_t{12}, std::size_t{8}}) {
        if (length > gtin14.size()) continue;
        const std::string_view dropped = gtin14.substr(0, gtin14.size() - length);
        if (dropped.find_first_not_of('0') != std::string_view::npos) continue;
        forms.emplace_back(gtin14.substr(gtin14.size() - length));
    }
    return forms;
}

Status CheckTaxClass(std::string_view code, std::span<const TaxClass> tax_classes) {
    std::string known;
    for (const TaxClass& tax_class : tax_classes) {
        if (tax_class.code == code) return {};
        known += known.empty() ? "" : ", ";
        known += tax_class.code;
    }
    return std::unexpected(
        MakeError(ErrorCode::kNotFound,
                  text::QuoteForMessage(code) + " is not a tax class (known: " + known + ")"));
}

}  // namespace tillbook::catalogue
