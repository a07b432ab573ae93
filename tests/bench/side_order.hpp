#pragma once
// Neither side of a benchmark always runs first: each round, the order of its two sides is drawn
// at random and said, so a warm cache, a file the other side grew or a quieter minute on a shared
// machine favours neither side by construction.
#include <random>

namespace tillbook::bench {

class SideOrder {
  public:
    SideOrder() : m_seed(std::random_device{}()), m_random(m_seed) {}

    [[nodiscard]] unsigned Seed() const { return m_seed; }

    // Runs `a` and `b`, in an order drawn now; true when `a` ran first.
    template <class A, class B>
    bool Run(A&& a, B&& b) {
        const bool a_first = std::bernoulli_distribution(0.5)(m_random);
        if (a_first) {
            a();
            b();
        } else {
            b();
            a();
        }
        return a_first;
    }

    [[nodiscard]] std::mt19937& Random() { return m_random; }

  private:
    unsigned m_seed;
    std::mt19937 m_random;
};

}  // namespace tillbook::bench
