#include "ui/frame_digest.hpp"

#include <cstddef>

namespace tillbook::pos::ui {

namespace {

constexpr std::uint64_t kOffsetBasis = 14695981039346656037ull;
constexpr std::uint64_t kPrime = 1099511628211ull;

void Mix(std::uint64_t& digest, const void* bytes, std::size_t size) {
    const auto* byte = static_cast<const unsigned char*>(bytes);
    for (std::size_t i = 0; i < size; ++i) {
        digest ^= byte[i];
        digest *= kPrime;
    }
}

template <class T>
void MixValue(std::uint64_t& digest, const T& value) {
    Mix(digest, &value, sizeof value);
}

}  // namespace

std::uint64_t DigestDrawData(const ImDrawData& data) {
    std::uint64_t digest = kOffsetBasis;
    MixValue(digest, data.DisplaySize.x);
    MixValue(digest, data.DisplaySize.y);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        Mix(digest, list.VtxBuffer.Data,
            static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        Mix(digest, list.IdxBuffer.Data,
            static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& command : list.CmdBuffer) {
            MixValue(digest, command.ClipRect);
            MixValue(digest, command.TextureId);
            MixValue(digest, command.VtxOffset);
            MixValue(digest, command.IdxOffset);
            MixValue(digest, command.ElemCount);
        }
    }
    return digest;
}

}  // namespace tillbook::pos::ui
