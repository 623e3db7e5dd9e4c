// What the last build saw of each file, kept in a real database's metadata.
#include "indexer/source_state.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace newsidx {
namespace {

using test::TempDir;

TEST(SourceState, RoundTripsAndListsUnderAFolder) {
    TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    save_source_state(db, {"/news/a/1.txt", 10, 20, 0xabcdef, 1});
    save_source_state(db, {"/news/ab/2.txt", 11, 21, 0x1234, 2});
    db.commit();
    auto state = load_source_state(db, "/news/a/1.txt");
    ASSERT_TRUE(state);
    EXPECT_EQ(state->size, 10u);
    EXPECT_EQ(state->mtime_ns, 20);
    EXPECT_EQ(state->hash, 0xabcdefu);
    EXPECT_EQ(state->articles, 1u);
    // "/news/a" is not a prefix of "/news/ab".
    auto under = source_states_under(db, "/news/a");
    ASSERT_EQ(under.size(), 1u);
    EXPECT_EQ(under[0].key, "/news/a/1.txt");
    EXPECT_EQ(state_of_source_term(db, source_term("/news/ab/2.txt"))->key, "/news/ab/2.txt");
    erase_source_state(db, "/news/a/1.txt");
    EXPECT_FALSE(load_source_state(db, "/news/a/1.txt"));
}

// Regression: a corrupt record made std::stoull throw, and the whole build stop.
TEST(SourceState, ACorruptRecordIsAFileNotSeenBefore) {
    TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    save_source_state(db, {"/news/1.txt", 10, 20, 0xabc, 1});
    std::string key = *db.metadata_keys_begin();
    for (const char* value : {"10 20 zz 1 /news/1.txt", "garbage", "10 20 abc", ""}) {
        SCOPED_TRACE(value);
        db.set_metadata(key, value);
        EXPECT_FALSE(load_source_state(db, "/news/1.txt"));
        EXPECT_TRUE(source_states_under(db, "/news").empty());
    }
}

TEST(SourceState, SourceTermsOfADocument) {
    TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_boolean_term("Qid");
    doc.add_boolean_term(source_term("/a/x.txt"));
    doc.add_boolean_term(source_term("/b/x.txt"));
    doc.add_term("word");
    Xapian::docid docid = db.add_document(doc);
    auto terms = source_terms_of(db, docid);
    ASSERT_EQ(terms.size(), 2u);
    EXPECT_TRUE(terms[0].starts_with("XFILE"));
    EXPECT_FALSE(state_of_source_term(db, "Qid"));
}

}  // namespace
}  // namespace newsidx
