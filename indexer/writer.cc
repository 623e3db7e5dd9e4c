#include "indexer/writer.h"

#include <chrono>
#include <malloc.h>
#include <variant>

#include "common/aa_reader.h"
#include "common/json.h"
#include "common/jsonl_reader.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/stop_signal.h"

namespace newsidx {

namespace {

// Tasks handed to the workers at once; with one batch being written while the next is
// analysed, this bounds the articles in memory.
constexpr size_t kTaskBatch = 512;

// The work of one thread on one task: read, parse, analyse. Never throws.
Outcome analyse(const Task& task, const BuildOptions& opts, TextAnalyzer& analyzer) {
    Outcome o;
    try {
        Read file_bytes;
        const Read* read = &task.text;
        if (task.file->kind == InputKind::kText) {
            file_bytes = read_whole_file(task.file->path, opts.max_article_bytes);
            read = &file_bytes;
        }
        if (auto* d = std::get_if<Diagnostic>(read)) {
            o.problem = *d;
            return o;
        }
        const auto& text = std::get<std::string>(*read);
        std::variant<Article, Diagnostic> parsed;
        if (task.file->kind == InputKind::kText) {
            o.file_hash = content_hash(text);
            if (task.old_hash == o.file_hash) {
                o.unchanged = true;
                return o;
            }
            parsed = read_aa_article(text, task.file->path);
        } else {
            parsed = read_jsonl_article(text, task.file->path, task.line);
        }
        if (auto* d = std::get_if<Diagnostic>(&parsed)) {
            o.problem = std::move(*d);
            return o;
        }
        o.article = std::move(std::get<Article>(parsed));
        if (o.article->language.empty()) {
            o.article->language = opts.language;  // else build_document() detects it
        }
        o.doc = build_document(*o.article, analyzer);
        // Xapian would throw, and drop every change not committed with it: say which.
        for (auto t = o.doc.termlist_begin(); t != o.doc.termlist_end(); ++t) {
            if ((*t).size() > kMaxTermBytes) {
                o.problem = Diagnostic{task.file->path, task.line, "cannot be indexed",
                                       "(a term over " + std::to_string(kMaxTermBytes) +
                                           " bytes: " + (*t).substr(0, 40) + "...)"};
                o.article.reset();
                return o;
            }
        }
        o.spelling = spelling_words(o.doc);
        if (task.file->kind != InputKind::kStdin) {
            o.doc.add_boolean_term(source_term(task.file->key));
        }
    } catch (const std::exception& e) {
        o.problem = Diagnostic{task.file->path, task.line, "internal error", e.what()};
    }
    return o;
}

// Whether two documents' data (article JSON) hold the same article, read from another line.
bool same_but_source(const std::string& a, const std::string& b) {
    Json x = Json::parse(a, nullptr, false), y = Json::parse(b, nullptr, false);
    if (x.is_discarded() || y.is_discarded() || !x.is_object() || !y.is_object()) {
        return false;
    }
    x.erase("source");
    y.erase("source");
    return x == y;
}

// "warning: b/x.txt: id x also read from a/x.txt; this one replaces it", terminal-safe.
std::string replaced_warning(const std::string& source, const std::string& id,
                             const std::string& earlier) {
    return terminal_safe("warning: " + source + ": id " + id + " also read from " + earlier +
                             "; this one replaces it",
                         Newlines::kReplace);
}

}  // namespace

// The files whose source terms are `gone` no longer give the article `docid` of `shard`: it
// is deleted (true), unless another file gives it too. Then it only loses those terms, and
// the others are survivors, read again before the build ends: its text may be the one of a
// file that is gone. `meta` holds the file states.
bool forget_sources(Xapian::WritableDatabase& shard, Xapian::WritableDatabase& meta,
                    Xapian::docid docid, const std::set<std::string>& gone, Survivors& survivors) {
    std::vector<std::string> sources = source_terms_of(shard, docid);
    bool kept = false;
    for (const auto& term : sources) {
        if (!gone.count(term)) {
            kept = true;
            if (auto state = state_of_source_term(meta, term)) {
                erase_source_state(meta, state->key);
                survivors.add(state->key);
            }
        }
    }
    if (!kept) {
        shard.delete_document(docid);
        return true;
    }
    Xapian::Document doc = shard.get_document(docid);
    for (const auto& term : sources) {
        if (gone.count(term)) {
            doc.remove_term(term);
        }
    }
    shard.replace_document(docid, doc);
    return false;
}

// The same id in two documents of `db` (two import shards, or an import killed before
// this ran, in an older version): the later one wins, as with one writer, and is warned of.
void drop_duplicate_ids(Xapian::WritableDatabase& db, Problems& problems) {
    std::string q(kIdPrefix);
    std::vector<std::vector<Xapian::docid>> duplicates;
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
        if (t.get_termfreq() > 1) {
            duplicates.emplace_back(db.postlist_begin(*t), db.postlist_end(*t));
        }
    }
    for (const auto& docs : duplicates) {
        Xapian::Document doc = db.get_document(docs.back());
        Article kept = article_from_json(Json::parse(doc.get_data()));
        for (size_t i = 0; i + 1 < docs.size(); ++i) {
            Article dropped = article_from_json(Json::parse(db.get_document(docs[i]).get_data()));
            problems.say(replaced_warning(kept.source, kept.id, dropped.source));
            for (const auto& term : source_terms_of(db, docs[i])) {
                doc.add_boolean_term(term);  // that file gives it too
            }
            db.delete_document(docs[i]);
        }
        db.replace_document(docs.back(), doc);
    }
}

void show_progress(std::future<void>& work, Progress& progress, const Counts& counts) {
    while (work.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
        progress.update(counts.files_done, counts.changed + counts.unchanged, counts.bytes_done);
    }
    work.get();  // rethrows what the writers threw
}

void Writer::add_shard_queues() {
    if (archive_.layout().sharded()) {
        while (shard_queues_.size() < archive_.size()) {
            shard_queues_.push_back(std::make_unique<SerialQueue>());
        }
    }
}

void Writer::on_shard(size_t k, std::function<void()> task) {
    if (shard_queues_.empty()) {
        task();
    } else {
        shard_queues_[k]->post(std::move(task));
    }
}

void Writer::wait_for_shards() {
    for (auto& q : shard_queues_) {
        q->wait();  // rethrows what a shard's writer threw
    }
}

bool Writer::known_bad_line(const Task& task) {
    JsonlFile& file = jsonl_[task.file];
    const auto* line = std::get_if<std::string>(&task.text);
    if (opts_.strict || task.file->kind != InputKind::kJsonl || !line) {
        file.failed = true;  // standard input, or a line too long to be known by its content
        return false;
    }
    uint64_t hash = content_hash(*line);
    file.bad.insert(hash);
    if (file.known_bad.count(hash)) {
        ++file.skipped_before;
        return true;
    }
    return false;
}

void Writer::save_state(const SourceState& state) {
    std::lock_guard lock(meta_mutex_);
    save_source_state(archive_.meta(), state);
}

void Writer::queue(Task task) {
    batch_.push_back(std::move(task));
    if (batch_.size() >= kTaskBatch) {
        flush_batch();
    }
}

// Analyses the filled batch on the workers while this thread writes the previous one.
void Writer::flush_batch() {
    std::vector<Task> tasks = std::move(batch_);
    batch_.clear();
    std::vector<Outcome> outcomes(tasks.size());
    std::future<void> analysing;
    if (!tasks.empty()) {
        analysing = std::async(std::launch::async, [&] {
            workers_.run(tasks.size(), [&](size_t i, unsigned worker) {
                if (!tasks[i].end_of_file) {
                    outcomes[i] = analyse(tasks[i], opts_, *analyzers_[worker]);
                }
            });
        });
    }
    write_batch(analysed_, analysed_outcomes_);
    if (analysing.valid()) {
        analysing.get();
    }
    analysed_ = std::move(tasks);
    analysed_outcomes_ = std::move(outcomes);
}

void Writer::write_batch(std::vector<Task>& tasks, std::vector<Outcome>& outcomes) {
    for (size_t i = 0; i < tasks.size() && !counts_.failed; ++i) {
        const Task& task = tasks[i];
        // Stopped by a signal: what was read from standard input is written still (it cannot
        // be read again, and is at most two batches); a file is read again by the next build.
        if (stop_requested() && task.file->kind != InputKind::kStdin) {
            continue;
        }
        if (task.end_of_file) {
            finish_jsonl_file(*task.file);
            continue;
        }
        Outcome& o = outcomes[i];
        if (task.file->kind == InputKind::kText) {
            ++counts_.files_done;
            counts_.bytes_done += task.file->size;
        } else if (auto* line = std::get_if<std::string>(&task.text)) {
            counts_.bytes_done += line->size() + 1;
        }
        if (o.problem) {
            if (task.file->kind != InputKind::kText && known_bad_line(task)) {
                continue;
            }
            problems_.report(*o.problem);
        } else if (o.unchanged) {
            ++counts_.unchanged;
            save_state({task.file->key, task.file->size, task.file->mtime_ns, o.file_hash, 1});
        } else {
            write_article(task, o);
        }
    }
    wait_for_shards();  // one batch in the shards' queues at most: bounds memory
    keep_sources_of_moved();
    tasks.clear();
    outcomes.clear();
}

void Writer::write_article(const Task& task, Outcome& o) {
    const Article& article = *o.article;
    auto [it, fresh] = seen_ids_.try_emplace(article.id, article.source);
    if (!fresh) {
        problems_.say(replaced_warning(article.source, article.id, it->second));
        it->second = article.source;
    }
    if (task.file->kind != InputKind::kText) {
        jsonl_[task.file].ids.insert(id_term(article.id));
    }
    size_t k = archive_.shard_for(article);
    add_shard_queues();  // a year seen for the first time has a new shard
    // Only then may a shard hold this id already (a first build looks nothing up).
    bool may_exist = !fresh || !empty_at_start_;
    if (archive_.layout().kind == ShardLayout::Kind::kYear && may_exist) {
        // An article whose date changed moves to another year's shard: it leaves the old one.
        // The files that gave it there still give it (keep_sources_of_moved).
        std::string id_key = id_term(article.id);
        bool from_stdin = task.file->kind == InputKind::kStdin;
        for (size_t j = 0; j < archive_.size(); ++j) {
            if (j != k) {
                on_shard(j, [this, db = &archive_.shard(j), k, id_key, from_stdin] {
                    Xapian::WritableDatabase& shard = *db;
                    auto post = shard.postlist_begin(id_key);
                    if (post == shard.postlist_end(id_key)) {
                        return;
                    }
                    if (!from_stdin) {
                        std::lock_guard lock(moved_mutex_);
                        moved_.push_back({k, id_key, source_terms_of(shard, *post)});
                    }
                    shard.delete_document(id_key);
                });
            }
        }
    }
    auto written = std::make_shared<Outcome>(std::move(o));
    on_shard(k, [this, db = &archive_.shard(k), written, file = task.file, may_exist] {
        store(*db, *file, *written, may_exist);
    });
    maybe_commit();
}

// Writes one article into its shard (on the shard's thread).
void Writer::store(Xapian::WritableDatabase& shard, const InputFile& file, Outcome& o,
                   bool may_exist) {
    const Article& article = *o.article;
    std::string id_key = id_term(article.id);
    auto post = may_exist ? shard.postlist_begin(id_key) : shard.postlist_end(id_key);
    if (post != shard.postlist_end(id_key)) {
        // An unchanged line does not rewrite the database, nor does one that only moved
        // (a line deleted above it): its stored source ("FILE:LINE") is corrected, which
        // rewrites the document's data and none of its terms.
        if (file.kind != InputKind::kText) {
            Xapian::Document stored = shard.get_document(*post);
            std::string data = stored.get_data(), fresh = o.doc.get_data();
            if (data != fresh && same_but_source(data, fresh)) {
                stored.set_data(fresh);
                shard.replace_document(*post, stored);
                data = fresh;
            }
            if (data == fresh) {
                ++counts_.unchanged;
                return;
            }
        }
        // Other files that gave this id still give it: the article stays while one does.
        if (file.kind != InputKind::kStdin) {
            for (const auto& term : source_terms_of(shard, *post)) {
                o.doc.add_boolean_term(term);
            }
        }
    }
    shard.replace_document(id_key, o.doc);
    {
        // Frequencies only grow (an article indexed again counts again); a suggestion is only
        // shown if it finds more than the query typed, so a stale word does no harm.
        std::lock_guard lock(meta_mutex_);
        for (const auto& word : o.spelling) {
            archive_.meta().add_spelling(word);
        }
        if (file.kind == InputKind::kText) {
            save_source_state(archive_.meta(),
                              {file.key, file.size, file.mtime_ns, o.file_hash, 1});
        }
    }
    ++counts_.changed;
    if (opts_.verbose) {
        problems_.say("indexed " + terminal_safe(article.source, Newlines::kReplace));
    }
}

// After the last line of a JSON Lines file: forget the articles it no longer has, and
// record it as done, unless a line failed (then it is read again next time).
void Writer::finish_jsonl_file(const InputFile& file) {
    JsonlFile& done = jsonl_[&file];
    if (file.kind == InputKind::kJsonl && !done.failed) {
        size_t articles = done.ids.size();
        auto ids = std::make_shared<const std::unordered_set<std::string>>(std::move(done.ids));
        std::string term = source_term(file.key);
        for (size_t k = 0; k < archive_.size(); ++k) {
            on_shard(k, [this, db = &archive_.shard(k), ids, term] {
                Xapian::WritableDatabase& shard = *db;
                std::vector<Xapian::docid> gone;
                for (auto it = shard.postlist_begin(term); it != shard.postlist_end(term); ++it) {
                    auto t = shard.termlist_begin(*it);
                    t.skip_to(std::string(kIdPrefix));
                    if (t == shard.termlist_end(*it) || !ids->count(*t)) {
                        gone.push_back(*it);
                    }
                }
                for (auto docid : gone) {
                    counts_.removed += forget_source(shard, docid, {term}) ? 1 : 0;
                }
            });
        }
        // Committed after the shards (commit()), so never before the removals.
        save_state({file.key, file.size, file.mtime_ns, done.hash->digest(), articles});
        {
            std::lock_guard lock(meta_mutex_);
            save_bad_lines(archive_.meta(), file.key, done.bad);
        }
        if (done.skipped_before > 0 && opts_.verbose) {
            problems_.say(terminal_safe(file.path, Newlines::kReplace) + ": " +
                          std::to_string(done.skipped_before) +
                          (done.skipped_before == 1 ? " line" : " lines") +
                          " skipped as before (build --strict reports them)");
        }
        maybe_commit();
    }
    ++counts_.files_done;
    jsonl_.erase(&file);
}

// The files of `gone` no longer give the article `docid`: it is deleted (true), unless
// another file gives it too; then it loses their source terms, and the others are read again.
bool Writer::forget_source(Xapian::WritableDatabase& shard, Xapian::docid docid,
                           const std::set<std::string>& gone) {
    std::lock_guard lock(meta_mutex_);
    return forget_sources(shard, archive_.meta(), docid, gone, survivors_);
}

// On this thread, with the shards' queues idle.
void Writer::keep_sources_of_moved() {
    for (const auto& moved : std::exchange(moved_, {})) {
        Xapian::WritableDatabase& shard = archive_.shard(moved.shard);
        auto post = shard.postlist_begin(moved.id_key);
        if (post == shard.postlist_end(moved.id_key)) {
            continue;
        }
        Xapian::Document doc = shard.get_document(*post);
        for (const auto& term : moved.sources) {
            doc.add_boolean_term(term);
        }
        shard.replace_document(*post, doc);
    }
}

void Writer::maybe_commit() {
    if (++uncommitted_ >= opts_.batch_size) {
        commit();
    }
}

// A commit frees the writer's buffered postings (tens of KB an article). glibc keeps freed
// memory in the arena of the thread that allocated it, and pipeline threads come and go:
// give it back, or the peak creeps up with every batch.
//
// The shards commit first, in parallel, then the meta database: what it records of a file is
// never committed before the file's articles (a build stopped in between reads it again).
void Writer::commit() {
    wait_for_shards();
    keep_sources_of_moved();
    for (size_t k = 0; k < archive_.size(); ++k) {
        on_shard(k, [db = &archive_.shard(k)] { db->commit(); });
    }
    wait_for_shards();
    if (archive_.layout().sharded()) {
        archive_.meta().commit();
    }
    uncommitted_ = 0;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void Writer::index(const std::vector<Todo>& todo) {
    for (const auto& item : todo) {
        // Not a structured binding: clang 14 (the fuzz and sanitizer build) cannot capture
        // one in the lambda below.
        const auto& file = item.file;
        const auto& state = item.state;
        if (stopping()) {
            break;
        }
        if (file->kind == InputKind::kText) {
            queue(Task{file, 0, "", false, state ? std::optional(state->hash) : std::nullopt});
            continue;
        }
        if (file->kind == InputKind::kJsonl && !opts_.strict) {
            std::lock_guard lock(meta_mutex_);
            jsonl_[file].known_bad = load_bad_lines(archive_.meta(), file->key);
        }
        StreamHash* hash = jsonl_[file].hash.get();
        auto problem =
            read_lines(*file, opts_.max_article_bytes, hash, [&](size_t line_no, Read&& line) {
                queue(Task{file, line_no, std::move(line), false, std::nullopt});
                return !stopping();
            });
        if (problem) {
            problems_.report(*problem);
            jsonl_[file].failed = true;
        }
        queue(Task{file, 0, "", true, std::nullopt});
    }
    flush_batch();  // analyse the last batch...
    flush_batch();  // ...and write it
    commit();
}

}  // namespace newsidx
