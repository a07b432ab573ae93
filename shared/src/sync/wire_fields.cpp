#include "wire_fields.hpp"

#include <fmt/format.h>

#include "tillbook/core/json_integer.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/sync/protocol.hpp"

namespace tillbook::sync::wire {

using nlohmann::json;

std::string ItemPath(std::string_view array_path, std::size_t index) {
    return fmt::format("{}[{}]", array_path, index);
}

Error FieldError(const std::string& path, std::string_view what) {
    return MakeError(ErrorCode::kInvalidInput,
                     path.empty() ? std::string(what) : fmt::format("{}: {}", path, what), path);
}

Error ErrorAt(const std::string& path, const Error& error) {
    Error out = error.WithContext(path);
    out.field = error.field.empty() ? path : fmt::format("{}.{}", path, error.field);
    return out;
}

Status CheckProtocol(const json& body, std::string_view speaker) {
    const auto protocol = body.is_object() && body.contains("protocol")
                              ? core::ReadJsonInteger(body.at("protocol"))
                              : std::unexpected(core::JsonIntegerProblem::kNotAnInteger);
    if (!protocol && protocol.error() == core::JsonIntegerProblem::kNotAnInteger)
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "protocol is required (an integer)", "protocol"));
    if (!protocol || *protocol != kProtocol) {
        return std::unexpected(
            MakeError(ErrorCode::kUnsupported,
                      fmt::format("protocol {} is not spoken here; {} speaks {}",
                                  body.at("protocol").dump(), speaker, kProtocol),
                      "protocol"));
    }
    return {};
}

Fields::Fields(const json& value, std::string path) : m_value(value), m_path(std::move(path)) {
    if (!m_value.is_object()) m_error = FieldError(m_path, "expected an object");
}

std::string Fields::PathOf(std::string_view key) const {
    return m_path.empty() ? std::string(key) : fmt::format("{}.{}", m_path, key);
}

void Fields::Fail(Error error) {
    if (!m_error) m_error = std::move(error);
}

Status Fields::Finish() {
    if (m_error) return std::unexpected(*m_error);
    return {};
}

const json* Fields::Find(std::string_view key) {
    if (m_error) return nullptr;
    if (!m_value.contains(key)) {
        m_error = FieldError(PathOf(key), "missing");
        return nullptr;
    }
    return &m_value.at(key);
}

const json::array_t* Fields::FindArray(std::string_view key) {
    const json* value = Find(key);
    if (value == nullptr) return nullptr;
    const auto* items = value->get_ptr<const json::array_t*>();
    if (items == nullptr) m_error = FieldError(PathOf(key), "expected an array");
    return items;
}

// Integers only: 19.99 and 1e3 are floats and refused, as are strings and booleans, and 2^63 is
// out of range rather than read back negative (core::ReadJsonInteger).
Fields& Fields::Read(std::string_view key, std::int64_t& out) {
    const json* value = Find(key);
    if (value == nullptr) return *this;
    auto number = core::ReadJsonInteger(*value);
    if (number) {
        out = *number;
    } else {
        m_error = FieldError(PathOf(key), number.error() == core::JsonIntegerProblem::kOutOfRange
                                              ? "out of range"
                                              : "expected an integer");
    }
    return *this;
}

Fields& Fields::Read(std::string_view key, std::string& out) {
    return ReadStored<json::string_t>(key, out, "expected a string");
}

Fields& Fields::Read(std::string_view key, bool& out) {
    return ReadStored<json::boolean_t>(key, out, "expected true or false");
}

Fields& Fields::Read(std::string_view key, money::Money& out) {
    return ReadObject(key, [&](Fields& amount) {
        std::int64_t minor = 0;
        std::string code;
        if (!amount.Read("minor", minor).Read("currency", code).Ok()) return;
        auto currency = money::FindCurrency(code);
        if (!currency) {
            // Unsupported for a currency not in ISO 4217, invalid for a malformed code.
            const std::string path = amount.PathOf("currency");
            Error error = currency.error().WithContext(path);
            error.field = path;
            amount.Fail(std::move(error));
            return;
        }
        out = money::Money(minor, std::move(*currency));
    });
}

Fields& Fields::Read(std::string_view key, std::vector<std::string>& out) {
    const json::array_t* items = FindArray(key);
    if (items == nullptr) return *this;
    out.clear();
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto* text = (*items)[i].get_ptr<const json::string_t*>();
        if (text == nullptr) {
            m_error = FieldError(ItemPath(PathOf(key), i), "expected a string");
            return *this;
        }
        out.push_back(*text);
    }
    return *this;
}

Fields& Fields::Read(std::string_view key, std::map<std::string, std::string>& out) {
    const json* value = Find(key);
    if (value == nullptr) return *this;
    const auto* object = value->get_ptr<const json::object_t*>();
    if (object == nullptr) {
        m_error = FieldError(PathOf(key), "expected an object");
        return *this;
    }
    out.clear();
    for (const auto& [name, item] : *object) {
        const auto* text = item.get_ptr<const json::string_t*>();
        if (text == nullptr) {
            m_error = FieldError(fmt::format("{}.{}", PathOf(key), name), "expected a string");
            return *this;
        }
        out.emplace(name, *text);
    }
    return *this;
}

}  // namespace tillbook::sync::wire
