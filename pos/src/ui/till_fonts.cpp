#include "ui/till_fonts.hpp"

#include <fmt/format.h>
#include <fontconfig/fontconfig.h>

#include <memory>

namespace tillbook::pos::ui {

namespace {

// Latin-1 (£ U+00A3, ë U+00EB...), Latin Extended-A (ł, œ), the general punctuation block
// (dashes, quotes, bullet, ellipsis), € (U+20AC) and the minus sign.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027,
                                    0x20AC, 0x20AC, 0x2212, 0x2212, 0};

constexpr const char* kPackage = "fonts-dejavu-core";

struct ConfigDeleter {
    void operator()(FcConfig* config) const { FcConfigDestroy(config); }
};
struct PatternDeleter {
    void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
using ConfigPtr = std::unique_ptr<FcConfig, ConfigDeleter>;
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;

Result<std::string> MatchFont(FcConfig* config, const char* name) {
    PatternPtr pattern(FcNameParse(reinterpret_cast<const FcChar8*>(name)));
    if (!pattern) return std::unexpected(MakeError(ErrorCode::kInvalidInput, name));
    FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(config, pattern.get(), &result));
    const auto missing = [&](std::string_view why) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("the till's font \"{}\" {}: install the Debian package {}", name,
                                  why, kPackage)));
    };
    if (!match || result != FcResultMatch) return missing("is not installed");
    FcChar8* family = nullptr;
    FcChar8* file = nullptr;
    FcCharSet* characters = nullptr;
    if (FcPatternGetString(match.get(), FC_FAMILY, 0, &family) != FcResultMatch ||
        FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &characters) != FcResultMatch)
        return missing("is not installed");
    const std::string family_name(reinterpret_cast<const char*>(family));
    if (family_name.rfind("DejaVu Sans", 0) != 0)
        return missing(fmt::format("is not installed (fontconfig offered {})", family_name));
    for (const FcChar32 needed : {0x00A3u, 0x20ACu, 0x00EBu}) {
        if (!FcCharSetHasChar(characters, needed))
            return missing(fmt::format("has no U+{:04X}", static_cast<unsigned>(needed)));
    }
    return std::string(reinterpret_cast<const char*>(file));
}

}  // namespace

Result<TillFontFiles> FindTillFonts() {
    ConfigPtr config(FcInitLoadConfigAndFonts());
    if (!config)
        return std::unexpected(MakeError(ErrorCode::kNotFound, "fontconfig could not start"));
    auto regular = MatchFont(config.get(), "DejaVu Sans:style=Book");
    if (!regular) return std::unexpected(regular.error());
    auto bold = MatchFont(config.get(), "DejaVu Sans:style=Bold");
    if (!bold) return std::unexpected(bold.error());
    return TillFontFiles{std::move(*regular), std::move(*bold)};
}

Result<TillFonts> LoadTillFonts(const TillFontFiles& files, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    const auto load = [&](const std::string& file, float size) {
        return io.Fonts->AddFontFromFileTTF(file.c_str(), size * scale, &config, kGlyphRanges);
    };
    TillFonts fonts{load(files.regular, 30), load(files.bold, 48), load(files.bold, 88)};
    if (!fonts.body || !fonts.large || !fonts.huge)
        return std::unexpected(MakeError(
            ErrorCode::kNotFound,
            fmt::format("could not load the till's font from {} ({})", files.regular, kPackage)));
    return fonts;
}

}  // namespace tillbook::pos::ui
