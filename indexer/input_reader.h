// Reads the bytes of the input files that file_walker found: a whole text file, or the lines
// of a JSON Lines file or of standard input. Never blocks on what is not a regular file, and
// stops when SIGINT or SIGTERM asks (StopSignals), even while standard input sends nothing.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "common/diagnostic.h"
#include "common/hash.h"
#include "indexer/file_walker.h"

namespace newsidx {

/// What was read of an input: its bytes, or why they could not be.
using Read = std::variant<std::string, Diagnostic>;

/// The bytes of the regular file at `path`; a Diagnostic if it cannot be opened or read, is
/// not a regular file (any more), or is larger than `limit` ("file too large").
Read read_whole_file(const std::string& path, size_t limit);

/// Calls on_line(line_no, Read) for each non-blank line of a JSON Lines input, without its
/// '\n' (1-based line numbers). A line longer than `limit` is a Diagnostic ("line too long"):
/// its rest is read, not kept, so a huge line costs no memory; on standard input, where an
/// endless line would never end, nothing after it is read. Every byte read goes into `hash`
/// (if given), each line followed by '\n'. Stops early when on_line returns false, or when a
/// stop signal comes. Returns a Diagnostic if the input cannot be opened or read.
std::optional<Diagnostic> read_lines(const InputFile& file, size_t limit, StreamHash* hash,
                                     const std::function<bool(size_t, Read&&)>& on_line);

}  // namespace newsidx
