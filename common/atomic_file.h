// Small files read whole, and replaced whole so that a reader or a crash sees the old one
// or the new one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

/// Replaces the file at `path` by `bytes`: a temporary file in the same folder, written and
/// fsynced, renamed over it, then the folder fsynced so that the rename itself is durable.
/// The caller holds whatever lock keeps two writers apart (one temporary name serves). A
/// symbolic link is followed: its target is replaced, with its mode kept. Throws
/// newsidx::Error naming the file.
void write_atomically(const std::string& path, std::string_view bytes);

/// fsync()s the folder `dir`, so that a rename or removal in it survives a crash. Throws
/// newsidx::Error naming the folder.
void sync_folder(const std::string& dir);

/// The contents of the file at `path`; nullopt if it does not exist. Throws newsidx::Error
/// ("cannot read PATH: Is a directory") for any other failure.
std::optional<std::string> read_file(const std::string& path);

}  // namespace newsidx
