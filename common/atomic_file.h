// Files replaced whole, so that a reader or a crash sees the old one or the new one.
#pragma once

#include <string>
#include <string_view>

namespace newsidx {

/// Replaces the file at `path` by `bytes`: a temporary file in the same folder, written and
/// fsynced, renamed over it, then the folder fsynced so that the rename itself is durable.
/// The caller holds whatever lock keeps two writers apart (one temporary name serves). A
/// symbolic link is followed: its target is replaced, with its mode kept. Throws
/// newsidx::Error naming the file.
void write_atomically(const std::string& path, std::string_view bytes);

}  // namespace newsidx
