#pragma once
// Reading the sync protocol's JSON without exceptions: keys through contains()/at(), values through
// get_ptr<>(). Each error names the path of the field at fault ("results[3].seq: expected an
// integer") in its message and in Error::field; the first error wins and later reads are skipped.
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::sync::wire {

// "results" and 3: "results[3]".
[[nodiscard]] std::string ItemPath(std::string_view array_path, std::size_t index);
// kInvalidInput "PATH: WHAT", field PATH.
[[nodiscard]] Error FieldError(const std::string& path, std::string_view what);
// The error of a part read on its own (an event), placed at `path`: field "PATH.FIELD", message
// "PATH: MESSAGE".
[[nodiscard]] Error ErrorAt(const std::string& path, const Error& error);

// "protocol" is required, an integer, and the one this build speaks; kUnsupported otherwise,
// naming `speaker` ("this back office", "this till").
[[nodiscard]] Status CheckProtocol(const nlohmann::json& body, std::string_view speaker);

// The fields of one JSON object at `path` ("" for the whole body).
class Fields {
  public:
    Fields(const nlohmann::json& value, std::string path);

    Fields& Read(std::string_view key, std::int64_t& out);
    Fields& Read(std::string_view key, std::string& out);
    Fields& Read(std::string_view key, bool& out);
    Fields& Read(std::string_view key, money::Money& out);  // {"minor", "currency"}
    Fields& Read(std::string_view key, std::vector<std::string>& out);
    Fields& Read(std::string_view key, std::map<std::string, std::string>& out);

    // An enum by its stored integer; `known` says which values this build defines.
    template <class E>
    requires std::is_enum_v<E> Fields& Read(std::string_view key, E& out, bool (*known)(E)) {
        std::int64_t raw = 0;
        if (!Read(key, raw).Ok()) return *this;
        using Underlying = std::underlying_type_t<E>;
        const auto value = static_cast<E>(static_cast<Underlying>(raw));
        if (!std::in_range<Underlying>(raw) || !known(value)) {
            m_error = FieldError(PathOf(key), std::to_string(raw) + " is not a known value");
        } else {
            out = value;
        }
        return *this;
    }

    // The object at `key`, read by `read(Fields&)`.
    template <class ReadInner>
    Fields& ReadObject(std::string_view key, ReadInner read) {
        const nlohmann::json* value = Find(key);
        if (value == nullptr) return *this;
        Fields inner(*value, PathOf(key));
        read(inner);
        if (inner.m_error) m_error = std::move(inner.m_error);
        return *this;
    }

    // An array of objects at `key`, each read by `read(Fields&, T&)`.
    template <class T, class ReadItem>
    Fields& ReadEach(std::string_view key, std::vector<T>& out, ReadItem read) {
        const nlohmann::json::array_t* items = FindArray(key);
        if (items == nullptr) return *this;
        out.clear();
        out.reserve(items->size());
        for (std::size_t i = 0; i < items->size() && !m_error; ++i) {
            Fields item((*items)[i], ItemPath(PathOf(key), i));
            T value{};
            read(item, value);
            if (item.m_error) {
                m_error = std::move(item.m_error);
            } else {
                out.push_back(std::move(value));
            }
        }
        return *this;
    }

    // A string or boolean: the value stored as `Stored` (nlohmann's string_t, boolean_t).
    template <class Stored, class T>
    Fields& ReadStored(std::string_view key, T& out, std::string_view expected) {
        const nlohmann::json* value = Find(key);
        if (value == nullptr) return *this;
        if (const auto* stored = value->get_ptr<const Stored*>()) {
            out = *stored;
        } else {
            m_error = FieldError(PathOf(key), expected);
        }
        return *this;
    }

    // The array at `key` as it is (nullptr, and the error, when it is missing or not an array).
    [[nodiscard]] const nlohmann::json::array_t* FindArray(std::string_view key);
    void Fail(Error error);
    [[nodiscard]] bool Ok() const { return !m_error; }
    [[nodiscard]] std::string PathOf(std::string_view key) const;
    [[nodiscard]] Status Finish();

  private:
    // The value at `key` (nullptr, and the error, when it is missing or after an error).
    [[nodiscard]] const nlohmann::json* Find(std::string_view key);

    const nlohmann::json& m_value;
    std::string m_path;
    std::optional<Error> m_error;
};

// Parses a body without exceptions (kInvalidInput "not valid JSON") and reads it with `from_json`.
template <class T>
[[nodiscard]] Result<T> ParseAnswer(std::string_view text,
                                    Result<T> (*from_json)(const nlohmann::json&)) {
    const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
    if (body.is_discarded())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "not valid JSON"));
    return from_json(body);
}

}  // namespace tillbook::sync::wire
