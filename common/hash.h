// A fast, stable 64-bit content hash (xxHash's XXH3), for change detection and derived ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsidx {

/// XXH3-64 of `bytes`: the same on every machine and in every version of newsidx.
uint64_t content_hash(std::string_view bytes);

/// The same hash, fed in pieces (for files read line by line).
class StreamHash {
  public:
    StreamHash();
    ~StreamHash();
    StreamHash(const StreamHash&) = delete;
    StreamHash& operator=(const StreamHash&) = delete;
    void update(std::string_view bytes);
    uint64_t digest() const;

  private:
    void* state_;
};

/// The hash as 16 lower-case hex digits.
std::string hash_hex(uint64_t hash);

}  // namespace newsidx
