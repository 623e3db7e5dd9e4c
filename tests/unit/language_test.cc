#include "common/language.h"

#include <gtest/gtest.h>

namespace newsidx {
namespace {

TEST(Language, NormalisesTagsAsBcp47WritesThem) {
    EXPECT_EQ(normalize_language_tag("TR"), "tr");
    EXPECT_EQ(normalize_language_tag("pt_br"), "pt-BR");
    EXPECT_EQ(normalize_language_tag("zh-hant"), "zh-Hant");
    EXPECT_EQ(normalize_language_tag("sr-latn-rs"), "sr-Latn-RS");
    EXPECT_EQ(normalize_language_tag("es-419"), "es-419");
    for (const char* bad :
         {"", "t", "turkish", "tr-", "-tr", "tr--x", "1a", "tr-toolongsubtag", "tr tr"}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(normalize_language_tag(bad));
    }
    EXPECT_EQ(primary_language("pt-BR"), "pt");
    EXPECT_EQ(primary_language("tr"), "tr");
}

TEST(Language, KnowsWhichLanguagesXapianStems) {
    for (const char* code : {"en", "tr", "ru", "ar", "de", "es", "fr", "pt", "nb", "ta"}) {
        EXPECT_TRUE(stemmer_for(code)) << code;
    }
    for (const char* code : {"zh", "ja", "el", "und", ""}) {
        EXPECT_FALSE(stemmer_for(code)) << code;
    }
}

// Real sentences, short (a headline) and long (a paragraph); text CLD2 cannot tell (digits,
// bytes that are not UTF-8) is "und".
TEST(Language, DetectsShortAndLongTexts) {
    struct Row {
        const char* text;
        const char* expected;
    };
    const Row rows[] = {
        {"Seçim Kanunu'nda değişiklik öngören teklif TBMM Başkanlığına sunuldu", "tr"},
        {"В Москве открылась выставка русского авангарда", "ru"},
        {"Bundesverfassungsgericht schränkt automatische Kennzeichenerfassung ein", "de"},
        {"Colombia publica el informe final sobre el ciberataque", "es"},
        {"الأردن يطلق أعمال البناء في مشروع تحلية مياه العقبة", "ar"},
        {"春节档电影票房开局强劲，观众重返影院", "zh"},
        {"Independent cafés and restaurants across London are facing a sharp rise in costs as "
         "the weaker pound pushes up the price of imported goods, an industry association said "
         "on Tuesday. Sterling has fallen nearly 18% against the US dollar since Britain voted "
         "in June to leave the European Union.",
         "en"},
        {"Le gouvernement a présenté mercredi un projet de loi destiné à réduire la consommation "
         "d'énergie des bâtiments publics d'ici la fin de la décennie.",
         "fr"},
        {"2025 - 10:30", "und"},
        {"\xff\xfe\xfd", "und"},
        {"", "und"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.text);
        EXPECT_EQ(detect_language(row.text), row.expected);
    }
}

TEST(Language, DetectsAnArticleFromItsTitleSummaryAndBody) {
    Article a;
    a.title = "Belediye yeni kütüphane açtı";
    a.summary = "Şehir merkezindeki kütüphane her gün açık olacak";
    a.body = {"Belediye başkanı, kütüphanenin öğrencilere ücretsiz hizmet vereceğini söyledi."};
    EXPECT_EQ(detect_language(a), "tr");
}

}  // namespace
}  // namespace newsidx
