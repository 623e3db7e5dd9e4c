// What the fuzz harnesses share: a check that stops the run where a property does not hold.
#pragma once

#include <cstdio>
#include <cstdlib>

// A failed property is a finding like a crash: libFuzzer saves the input that made it.
#define NEWSIDX_FUZZ_CHECK(cond)                                                          \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                 \
        }                                                                                 \
    } while (false)
