// generate_catalogue N OUT.csv: writes an N-SKU catalogue in the import format (see
// tillbook/catalogue/catalogue_csv.hpp) for benchmarks. Deterministic: the same N gives the same
// bytes on every platform (own PRNG, no std distributions). Tax classes are the demo shop's
// (assets/demo/tax_classes.csv: standard, reduced, zero). Barcodes are valid and unique: EAN-13s
// 506 + 9 scrambled digits (a second one, 504 + ..., on every tenth SKU) and, for weighed SKUs,
// prefix-21 weight codes with weight 0.
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/barcode/gtin.hpp"
#include "tillbook/catalogue/catalogue_csv.hpp"

namespace {

using tillbook::catalogue::Catalogue;
using tillbook::catalogue::Sku;
using tillbook::catalogue::SoldBy;
using tillbook::money::Currency;
using tillbook::money::Money;

constexpr std::uint64_t kSeed = 20240601;
constexpr std::uint64_t kBarcodeSpace = 1'000'000'000;  // 9 digits after the 3-digit prefix
constexpr std::uint64_t kScramble = 387'420'489;        // 3^18: coprime to 10^9, so a bijection
constexpr std::int64_t kMaxSkus = 100'000'000;
constexpr int kMaxWeighedItems = 99'999;  // 5-digit scale item codes

// splitmix64: tiny, good enough, identical everywhere.
class Random {
  public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t Next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // In [low, high], high - low small; the modulo bias does not matter for test data.
    std::int64_t Between(std::int64_t low, std::int64_t high) {
        return low + static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(high - low + 1));
    }
    template <class T, std::size_t N>
    const T& Pick(const std::array<T, N>& items) {
        return items[Next() % N];
    }

  private:
    std::uint64_t m_state;
};

constexpr std::array<std::string_view, 8> kCategories{
    "Tea & coffee", "Bakery",   "Cheese & deli",      "Pantry",
    "Drinks",       "Homeware", "Chocolate & sweets", "Gifts & cards"};
constexpr std::array<std::string_view, 12> kAdjectives{
    "Organic", "Smoked",  "Crème",    "Wild",   "Heritage",  "Café",
    "Aged",    "Toasted", "Sicilian", "Salted", "Hand-made", "\"Best\""};
constexpr std::array<std::string_view, 12> kNouns{
    "honey", "olive oil", "shortbread", "Cheddar", "espresso beans", "chutney",
    "mug",   "tea towel", "fudge",      "jam",     "crackers, rye",  "Ñora paste"};
constexpr std::array<std::string_view, 8> kVariants{"100 g", "250 g", "500 g", "1 kg",
                                                    "small", "large", "",      "pack of 6"};
constexpr std::array<std::string_view, 3> kTaxClasses{"standard", "reduced", "zero"};

std::string ScrambledEan13(std::string_view prefix, std::uint64_t index) {
    const std::uint64_t digits = (index * kScramble) % kBarcodeSpace;
    std::array<char, 10> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%09llu", static_cast<unsigned long long>(digits));
    return tillbook::barcode::AppendCheckDigit(std::string(prefix) + buffer.data()).value();
}

std::string WeightCode(int item) {
    const tillbook::barcode::EmbeddedLayout layout{
        "21", 5, tillbook::barcode::EmbeddedKind::kWeight, 5, false};
    std::array<char, 6> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%05d", item);
    return tillbook::barcode::EncodeEmbedded(layout, buffer.data(), 0).value();
}

Catalogue Generate(std::int64_t count) {
    const Currency gbp{"GBP", 2};
    Catalogue catalogue;
    catalogue.tax_classes = {{"standard", 2000, tillbook::money::TaxMode::kInclusive},
                             {"reduced", 500, tillbook::money::TaxMode::kInclusive},
                             {"zero", 0, tillbook::money::TaxMode::kInclusive}};
    catalogue.skus.reserve(static_cast<std::size_t>(count));
    Random random(kSeed);
    int weighed = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<std::uint64_t>(i);
        const std::string product_id = "P" + std::to_string(i / 3);
        Sku sku;
        sku.code = "SKU-" + std::to_string(i);
        sku.product_id = product_id;
        // Variants of a product share its name: derive it from the product number alone.
        Random naming(kSeed ^ static_cast<std::uint64_t>(i / 3));
        sku.product_name =
            std::string(naming.Pick(kAdjectives)) + " " + std::string(naming.Pick(kNouns));
        sku.category = std::string(naming.Pick(kCategories));
        sku.tax_class = std::string(naming.Pick(kTaxClasses));
        const bool weigh = random.Between(0, 19) == 0 && weighed < kMaxWeighedItems;
        if (weigh) {
            sku.sold_by = SoldBy::kWeight;
            sku.barcodes.push_back(WeightCode(++weighed));
        } else {
            sku.variant_name = std::string(random.Pick(kVariants));
            sku.barcodes.push_back(ScrambledEan13("506", index));
            if (i % 10 == 0) sku.barcodes.push_back(ScrambledEan13("504", index));
        }
        const std::int64_t price = random.Between(50, 6000);             // pence
        const std::int64_t cost = price * random.Between(40, 70) / 100;  // below price
        sku.price = Money(price, gbp);
        sku.cost_price = Money(cost, gbp);
        sku.active = random.Between(0, 49) != 0;
        catalogue.skus.push_back(std::move(sku));
    }
    return catalogue;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv, argv + argc);
    std::int64_t count = 0;
    if (args.size() == 3) {
        const std::string_view n = args[1];
        const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), count);
        if (ec != std::errc{} || end != n.data() + n.size()) count = 0;
    }
    if (count <= 0 || count > kMaxSkus) {
        std::fprintf(stderr, "usage: generate_catalogue N OUT.csv  (1 <= N <= %lld)\n",
                     static_cast<long long>(kMaxSkus));
        return 2;
    }
    const std::string text = tillbook::catalogue::WriteCatalogueCsv(Generate(count));
    std::ofstream out(std::string(args[2]), std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        std::fprintf(stderr, "generate_catalogue: cannot write %s\n", argv[2]);
        return 1;
    }
    std::printf("wrote %lld SKUs to %s\n", static_cast<long long>(count), argv[2]);
    return 0;
}
