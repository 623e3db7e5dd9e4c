#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace newsidx {

void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t, unsigned)>& fn) {
    unsigned threads = static_cast<unsigned>(std::min<size_t>(jobs, n));
    std::atomic<size_t> next{0};
    auto loop = [&](unsigned worker) {
        for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
            fn(i, worker);
        }
    };
    std::vector<std::jthread> helpers;
    for (unsigned w = 1; w < threads; ++w) {
        helpers.emplace_back(loop, w);
    }
    loop(0);
}

}  // namespace newsidx
