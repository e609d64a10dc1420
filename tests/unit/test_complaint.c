/* SPDX-License-Identifier: MIT
 * Unit tests of the complaints stage: category rules (in-word Korean, negation, English word
 * bounds, exclusions), severity, recurring/spike rules on synthetic timelines, emerging phrases
 * and group key stability. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"

static struct hugi_complaint_tax *tax;

static int setup(void **state)
{
    (void)state;
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_complaint_tax_load(&tax, HUGI_SOURCE_DIR "/lexicons/complaints", &err);
    if (rc != HUGI_OK)
        fprintf(stderr, "load: %s (%s)\n", err.msg, err.where);
    return rc == HUGI_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hugi_complaint_tax_free(tax);
    return 0;
}

static uint64_t bit(const char *key)
{
    int i = hugi_complaint_tax_find(tax, key, strlen(key));
    assert_true(i >= 0);
    return (uint64_t)1 << i;
}

static uint64_t cats_of(const char *text)
{
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    struct hugi_err err;
    assert_int_equal(hugi_complaint_categorize(tax, text, strlen(text), &m, &err), HUGI_OK);
    uint64_t c = m.cats;
    hugi_complaint_match_release(&m);
    return c;
}

static bool has(const char *text, const char *key)
{
    return (cats_of(text) & bit(key)) != 0;
}

static void test_taxonomy(void **state)
{
    (void)state;
    assert_true(hugi_complaint_tax_count(tax) >= 20);
    const char *critical[] = {"safety", "legal", "privacy"};
    for (size_t i = 0; i < 3; i++)
        assert_true(hugi_complaint_tax_critical(
            tax, hugi_complaint_tax_find(tax, critical[i], strlen(critical[i]))));
    assert_false(hugi_complaint_tax_critical(tax, hugi_complaint_tax_find(tax, "delivery", 8)));
    assert_int_equal(hugi_complaint_tax_find(tax, "nope", 4), -1);
}

static void test_korean_in_word_and_spacing(void **state)
{
    (void)state;
    /* the same complaint spaced three ways */
    assert_true(has("배송이 안 와요", "delivery"));
    assert_true(has("배송이안와요", "delivery"));
    assert_true(has("배송이 안와요", "delivery"));
    assert_true(has("앱이 자꾸 튕겨요", "app_crash"));
    assert_true(has("로그인이 안 돼요", "app_login"));
    assert_true(has("박스가 찌그러져서 왔어요", "packaging"));
    assert_true(has("국이 너무 싱거워요", "taste"));
    assert_true(has("다 식어서 왔어요", "delivery"));
    assert_true(has("업데이트 후 기능이 사라졌어요", "app_update"));
    /* a praise of the same topic is not a complaint */
    assert_int_equal(cats_of("배송 빨라요"), 0);
    assert_int_equal(cats_of("포장 꼼꼼하고 좋아요"), 0);
}

static void test_korean_negation(void **state)
{
    (void)state;
    assert_false(has("배송 늦지 않았어요", "delivery"));
    assert_false(has("파손 없이 잘 왔어요", "packaging"));
    assert_false(has("불량 없어요", "defect"));
    assert_false(has("안 짜요", "taste"));
    assert_false(has("오류 안 나요", "app_crash"));
    /* "안" after a topic is the complaint itself */
    assert_true(has("환불이 안 돼요", "refund"));
    assert_true(has("환불 해주지 않아요", "refund"));
}

static void test_subject_decides_category(void **state)
{
    (void)state;
    /* slowness of the delivery is a delivery complaint, not an app one, adverb or not */
    assert_true(has("배송 너무 느려요", "delivery"));
    assert_false(has("배송 너무 느려요", "app_slow"));
    assert_true(has("앱이 너무 느려요", "app_slow"));
    /* a product's design is not the app's interface; the app's design still is */
    assert_false(has("디자인이 예뻐요", "app_ui"));
    assert_true(has("앱 디자인이 바뀌어서 불편해요", "app_ui"));
    /* a leaking product is a defect */
    assert_true(has("The lid leaks after a week", "defect"));
    assert_true(has("뚜껑 닫아도 물이 새요", "defect"));
}

static void test_exclusions_and_cross_space(void **state)
{
    (void)state;
    assert_false(has("진짜 맛있어요", "taste"));      /* 진짜 holds 짜 */
    assert_false(has("이거 너무짜증나요", "taste"));  /* 짜증 overlaps 너무짜 */
    assert_false(has("장난하고 장난하냐", "defect")); /* 하고 장 is not 고장 */
    assert_false(has("화상영어 수업이 별로", "safety"));
    assert_true(has("고장났어요", "defect"));
    /* one term, a pattern of one category and an exclusion of another */
    assert_true(has("소스가 안 왔어요", "wrong_item"));
    assert_false(has("소스가 안 왔어요", "delivery"));
    assert_true(has("주문한 게 아직 안 왔어요", "delivery"));
}

static void test_english(void **state)
{
    (void)state;
    assert_true(has("It never arrived.", "delivery"));
    assert_true(has("The battery caught fire", "safety"));
    assert_true(has("it broke after a week", "defect"));
    assert_false(has("not broken at all", "defect"));
    assert_true(has("Customer service never responded", "service"));
    assert_true(has("I want a refund", "refund"));
    assert_true(has("refunded", "refund"));            /* refund* is a prefix */
    assert_false(has("fired up and ready", "safety")); /* fire is a whole word */
    assert_true(has("Don't waste your money", "price"));
    assert_true(has("we got food poisoning", "safety"));
}

/* Typical shopping and food-delivery complaints (written for this test, not from a data set). */
static void test_shopping_examples(void **state)
{
    (void)state;
    static const struct {
        const char *text, *cat;
    } cases[] = {
        {"한 번 빨았는데 줄어들었어요", "defect"},
        {"화면에 줄이 생겼어요", "defect"},
        {"나사가 하나 없어요", "wrong_item"},
        {"콜라 빠졌어요", "wrong_item"},
        {"출고가 계속 늦어지네요", "delivery"},
        {"음식이 다 식어서 왔어요", "delivery"},
        {"국물이 다 새서 왔어요", "packaging"},
        {"비닐 조각이 들어있었어요", "safety"},
        {"아이가 먹고 두드러기가 났어요", "safety"},
        {"유통기한이 지난 제품이 왔어요", "hygiene"},
        {"Received the wrong size", "wrong_item"},
        {"It runs two sizes small.", "size"},
        {"Can't log in since the last update.", "app_login"},
        {"The color is nothing like the photo.", "defect"},
        {"Package arrived two weeks late.", "delivery"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (!has(cases[i].text, cases[i].cat))
            fail_msg("'%s' should be %s", cases[i].text, cases[i].cat);
    }
    /* the same words in praise or in another sense are not complaints */
    assert_false(has("소리가 너무 작아요", "size"));
    assert_false(has("세탁 후 색이 빠졌어요", "wrong_item"));
    assert_false(has("충전이 안 돼요", "app_crash"));
}

static hugi_rc add_pat(struct hugi_complaint_tax *t, int idx, const char *pat, struct hugi_err *err)
{
    return hugi_complaint_tax_add_pattern(t, idx, pat, strlen(pat), "r", err);
}

static hugi_rc cue(struct hugi_complaint_tax *t, const char *name, const char *pat,
                   struct hugi_err *err)
{
    return hugi_complaint_tax_add_cue(t, name, pat, strlen(pat), "c", err);
}

static uint64_t cats_in(const struct hugi_complaint_tax *t, const char *s,
                        struct hugi_complaint_match *m)
{
    struct hugi_err err;
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), m, &err), HUGI_OK);
    return m->cats;
}

static void test_rules(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int def, app, any;
    assert_int_equal(hugi_complaint_tax_add_category(t, "defect", false, &def, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "app", false, &app, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "any", false, &any, &err), HUGI_OK);
    assert_int_equal(cue(t, "part", "지퍼", &err), HUGI_OK);
    assert_int_equal(cue(t, "part", "zipper*", &err), HUGI_OK);
    assert_int_equal(cue(t, "break", "고장", &err), HUGI_OK);
    assert_int_equal(cue(t, "break", "broke", &err), HUGI_OK);
    assert_int_equal(cue(t, "fail", "작동이안", &err), HUGI_OK);
    assert_int_equal(cue(t, "appw", "앱", &err), HUGI_OK);
    assert_int_equal(cue(t, "bad name", "x1", &err), HUGI_E_PARSE);
    assert_int_equal(cue(t, "part", "-지퍼백", &err), HUGI_E_PARSE); /* no exclusion cues */
    assert_int_equal(add_pat(t, def, "{part} + {break}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, def, "{fail} & !{appw}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, app, "{fail} & {appw}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, any, "{appw}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, any, "업뎃 + 사라졌", &err), HUGI_OK); /* literal sides */
    assert_int_equal(add_pat(t, def, "-지퍼백", &err), HUGI_OK);
    assert_int_equal(add_pat(t, def, "{nope} + {break}", &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "r");
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t D = (uint64_t)1 << def, A = (uint64_t)1 << app, Y = (uint64_t)1 << any;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    /* near, either order, any spacing; the evidence spans both cues */
    const char *s = "좋은데 지퍼가 이틀 만에 고장났어요";
    assert_true(cats_in(t, s, &m) == D);
    assert_int_equal(m.nspans, 1);
    assert_int_equal(m.spans[0].start, strlen("좋은데 "));
    assert_int_equal(m.spans[0].end, strlen("좋은데 지퍼가 이틀 만에 고장"));
    assert_true(cats_in(t, "The zipper broke.", &m) == D);
    assert_true(cats_in(t, "broke my heart, the zippers are nice", &m) == D);
    /* alone, negated, too far apart or in another clause: nothing */
    assert_true(cats_in(t, "지퍼가 튼튼해요", &m) == 0);
    assert_true(cats_in(t, "지퍼가 고장 안 났어요", &m) == 0);
    assert_true(cats_in(t, "The zipper never broke", &m) == 0);
    assert_true(cats_in(t, "지퍼는 색깔도 예쁘고 모양도 좋고 다 좋은데 저번 건 고장", &m) == 0);
    assert_true(cats_in(t, "지퍼는 좋아요. 고장은 전화기가", &m) == 0);
    /* an exclusion still drops a rule's hit that overlaps it */
    assert_true(cats_in(t, "지퍼백 고장", &m) == 0);
    /* with and without a context cue */
    assert_true(cats_in(t, "작동이 안 돼요", &m) == D);
    assert_true(cats_in(t, "앱이 작동이 안 돼요", &m) == (A | Y));
    assert_true(cats_in(t, "업뎃하고 목록이 사라졌어요", &m) == Y);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
    /* "A + B & !C": a near pair with a condition on the whole text */
    t = hugi_complaint_tax_new();
    assert_int_equal(hugi_complaint_tax_add_category(t, "defect", false, &def, &err), HUGI_OK);
    assert_int_equal(cue(t, "part", "소리가", &err), HUGI_OK);
    assert_int_equal(cue(t, "break", "끊겨", &err), HUGI_OK);
    assert_int_equal(cue(t, "appw", "앱", &err), HUGI_OK);
    assert_int_equal(add_pat(t, def, "{part} + {break} & !{appw}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, def, "{part} + {break} + {appw}", &err), HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    D = (uint64_t)1 << def;
    assert_true(cats_in(t, "스피커 소리가 자꾸 끊겨요", &m) == D);
    assert_true(cats_in(t, "앱에서 방송 소리가 자꾸 끊겨요", &m) == 0);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
    /* a cue negated by the partner's own negation still pairs ("does not match" + "picture"),
     * one negated by anything else does not, nor one negated by 없 after it */
    t = hugi_complaint_tax_new();
    assert_int_equal(hugi_complaint_tax_add_category(t, "defect", false, &def, &err), HUGI_OK);
    assert_int_equal(cue(t, "differs", "does not match", &err), HUGI_OK);
    assert_int_equal(cue(t, "photo", "picture*", &err), HUGI_OK);
    assert_int_equal(cue(t, "photo", "사진", &err), HUGI_OK);
    assert_int_equal(cue(t, "differs", "안맞", &err), HUGI_OK);
    assert_int_equal(add_pat(t, def, "{photo} + {differs}", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    D = (uint64_t)1 << def;
    assert_true(cats_in(t, "Item does not match picture.", &m) == D);
    assert_true(cats_in(t, "The picture does not match", &m) == D);
    assert_true(cats_in(t, "Not the picture, it does not match my phone", &m) == 0);
    assert_true(cats_in(t, "사진이 안 맞아요", &m) == D);
    assert_true(cats_in(t, "안 맞는 건 사진 없는 쪽", &m) == 0);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round five: "-A + B" is an exclusion made of a rule (its hits drop the category's hits they
 * overlap, every occurrence), "A > B" is a near pair with B after A. */
static void test_rule_exclusions_and_order(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int crash, svc;
    assert_int_equal(hugi_complaint_tax_add_category(t, "crash", false, &crash, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "svc", false, &svc, &err), HUGI_OK);
    assert_int_equal(cue(t, "login", "로그인", &err), HUGI_OK);
    assert_int_equal(cue(t, "gen", "실패", &err), HUGI_OK);
    assert_int_equal(cue(t, "topic", "staff", &err), HUGI_OK);
    assert_int_equal(cue(t, "praise", "friendly", &err), HUGI_OK);
    assert_int_equal(add_pat(t, crash, "실패", &err), HUGI_OK);
    assert_int_equal(add_pat(t, crash, "튕", &err), HUGI_OK);
    assert_int_equal(add_pat(t, crash, "-{login} + {gen}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, svc, "staff", &err), HUGI_OK);
    assert_int_equal(add_pat(t, svc, "-{topic} > {praise}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, svc, "{topic} > {praise} > {topic}", &err), HUGI_E_PARSE);
    assert_int_equal(add_pat(t, svc, "-{nope} + {gen}", &err), HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t C = (uint64_t)1 << crash, S = (uint64_t)1 << svc;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    /* the generic failure next to the login word is not this category's, in either order */
    assert_true(cats_in(t, "로그인 실패", &m) == 0);
    assert_true(cats_in(t, "실패했대요 로그인이", &m) == 0);
    /* elsewhere, or another clause, it still counts; a failure that is not generic too */
    assert_true(cats_in(t, "결제 실패", &m) == C);
    assert_true(cats_in(t, "로그인은 돼요. 저장 실패", &m) == C);
    assert_true(cats_in(t, "로그인하면 튕겨요", &m) == C);
    /* every occurrence is excluded, not only the first */
    assert_true(cats_in(t, "로그인 실패 또 로그인 실패", &m) == 0);
    /* "A > B": praise after its topic excludes; before it, or negated, it does not */
    assert_true(cats_in(t, "The staff was friendly.", &m) == 0);
    assert_true(cats_in(t, "The staff was rude.", &m) == S);
    assert_true(cats_in(t, "Friendly place but the staff ignored us.", &m) == S);
    assert_true(cats_in(t, "The staff was not friendly.", &m) == S);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

static void test_shopping_traps(void **state)
{
    (void)state;
    /* praise that names a topic is not a complaint */
    static const char *const happy[] = {
        "배송 빨라요",     "파손 없이 잘 왔어요",         "사이즈 딱 맞아요",
        "품질도 좋아요",   "포장 꼼꼼하게 잘 해주셨어요", "No damage at all, works great.",
        "Fits perfectly.",
    };
    for (size_t i = 0; i < sizeof happy / sizeof happy[0]; i++)
        if (cats_of(happy[i]) != 0)
            fail_msg("'%s' should have no category", happy[i]);
    static const struct {
        const char *text, *cat;
    } cases[] = {
        {"배송이 넘 늦네여", "delivery"},
        {"포장이 너무 허술해서 다 깨졌어요", "packaging"},
        {"블랙 주문했는데 화이트가 왔어요", "wrong_item"},
        {"2개 주문했는데 1개만 왔어요", "wrong_item"},
        {"신발 밑창이 한 달 만에 떨어졌어요", "defect"},
        {"작동이 안되요", "defect"},
        {"The lid doesn't close properly.", "defect"},
        {"It stopped working after three days.", "defect"},
        {"결제가 두 번 됐어요", "billing"},
        {"사이즈가 넘 작아요", "size"},
        {"가격 대비 품질이 너무 별로예요", "price"},
        {"택배 송장에 제 전화번호가 다 보이게 붙어 왔어요", "privacy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (!has(cases[i].text, cases[i].cat))
            fail_msg("'%s' should be %s", cases[i].text, cases[i].cat);
    /* a device failure with an app word is the app's; a bare 안 돼 owned by another topic */
    assert_true(has("앱이 작동이 안 돼요", "app_crash"));
    assert_false(has("앱이 작동이 안 돼요", "defect"));
    assert_false(has("It stopped working after three days.", "app_crash"));
    assert_false(has("로그인이 계속 안 돼요", "app_crash"));
    assert_false(has("포인트 적립해 주셔서 좋아요", "billing"));
    /* a Latin word glued to Hangul is still a word for the English patterns; its evidence is
     * the word alone */
    const char *ui = "앱UI가 너무 불편해요";
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    struct hugi_err err;
    assert_int_equal(hugi_complaint_categorize(tax, ui, strlen(ui), &m, &err), HUGI_OK);
    assert_true(m.cats & bit("app_ui"));
    bool found = false;
    for (size_t i = 0; i < m.nspans; i++)
        found |=
            m.spans[i].end - m.spans[i].start == 2 && memcmp(ui + m.spans[i].start, "UI", 2) == 0;
    assert_true(found);
    hugi_complaint_match_release(&m);
}

/* Common phrasings of the critical categories (safety, legal, privacy), Korean and English: each
 * must categorise, since a critical complaint missed is the costliest error (round five's
 * checklist; 드라이기에서 불이 났어요 was missing). */
static void test_critical_checklist(void **state)
{
    (void)state;
    static const struct {
        const char *cat, *text;
    } list[] = {
        {"safety", "The charger caught fire overnight."},
        {"safety", "It burned my hand when I touched it."},
        {"safety", "Smoke started coming out of the battery."},
        {"safety", "The outlet sparked when I plugged it in."},
        {"safety", "My son got injured by the sharp edge."},
        {"safety", "I had an allergic reaction after eating there."},
        {"safety", "I broke out in hives after using the lotion."},
        {"safety", "We all got food poisoning from the chicken."},
        {"safety", "There was a piece of glass in my salad."},
        {"safety", "I ended up in the ER that night."},
        {"safety", "We had to go to urgent care after dinner."},
        {"safety", "The phone exploded in my pocket."},
        {"safety", "The battery is swelling up."},
        {"safety", "It overheated and melted the case."},
        {"safety", "My kid almost choked on a small part."},
        {"safety", "I got sick after eating the shrimp."},
        {"safety", "드라이기에서 불이 났어요"},
        {"safety", "충전기에서 연기가 나요"},
        {"safety", "손에 화상을 입었어요"},
        {"safety", "아이가 모서리에 다쳤어요"},
        {"safety", "먹고 식중독 걸렸어요"},
        {"safety", "바르고 나서 두드러기가 났어요"},
        {"safety", "배터리가 부풀어 올랐어요"},
        {"safety", "하마터면 폭발할 뻔했어요"},
        {"safety", "음식에서 이물질이 나왔어요"},
        {"safety", "전기 감전될 뻔했어요"},
        {"safety", "알레르기 반응이 올라왔어요"},
        {"safety", "유리 조각이 들어 있었어요"},
        {"legal", "소비자원에 신고하겠습니다"},
        {"legal", "공정위에 신고할게요"},
        {"legal", "경찰에 신고했습니다"},
        {"legal", "고소하겠습니다"},
        {"legal", "손해배상 청구할 겁니다"},
        {"legal", "민원 넣겠습니다"},
        {"legal", "변호사 선임했습니다"},
        {"legal", "소송 걸겠습니다"},
        {"legal", "I'm going to sue them."},
        {"legal", "I contacted my lawyer."},
        {"legal", "I filed a complaint with the BBB."},
        {"legal", "I will take them to small claims court."},
        {"legal", "I filed a police report."},
        {"legal", "This is a lawsuit waiting to happen."},
        {"privacy", "개인정보가 유출됐어요"},
        {"privacy", "제 계정이 해킹당했어요"},
        {"privacy", "명의 도용을 당했습니다"},
        {"privacy", "They leaked my personal data."},
        {"privacy", "The app is tracking my location without permission."},
    };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        if (!has(list[i].text, list[i].cat))
            fail_msg("'%s' is not %s", list[i].text, list[i].cat);
    }
}

/* Round five's precedence and praise rules on the shipped lexicons: a generic failure next to a
 * login word is app_login's, a requested update is not app_update, praise right after its topic
 * is not a complaint, ~해지는 is "to become", a dish's quality is taste's. */
static void test_round_five(void **state)
{
    (void)state;
    assert_true(has("신분증 인식이 안 돼요", "app_login"));
    assert_false(has("신분증 인식이 안 돼요", "app_crash"));
    assert_true(has("로그인하면 앱이 튕겨요", "app_crash"));
    assert_false(has("기능 업데이트 해주세요", "app_update"));
    assert_true(has("업데이트 후 자꾸 튕겨요", "app_update"));
    assert_false(has("Not bad for the price.", "price"));
    assert_true(has("Way too expensive for the price.", "price"));
    assert_false(has("The staff was friendly.", "service"));
    assert_true(has("The staff was rude.", "service"));
    assert_true(has("The staff was not friendly at all.", "service"));
    assert_false(has("The sound quality is excellent.", "defect"));
    assert_true(has("Good sound but the battery died in a week.", "defect"));
    assert_false(has("교환 빠르게 해주셨어요", "refund"));
    assert_true(has("교환 요청했는데 답이 없어요", "refund"));
    assert_false(has("보고 나면 마음이 따뜻해지는 영화", "billing"));
    assert_true(has("자동결제 해지가 안 돼요", "billing"));
    assert_false(has("비교가 안 될 만큼 좋아요", "app_crash"));
    assert_true(has("The phone gets extremely hot!", "defect"));
    assert_false(has("My sashimi was poor quality.", "defect"));
    assert_false(has("sd카드에 저장이 안 돼요", "billing"));
}

/* Round eight (domains): a literal with conditions ("차단 & !{food}") drops a chance two-syllable
 * hit across a space, as a plain pattern does; and a condition's cue counts only where it is not
 * such a chance hit ("진짜 장난" holds no 짜장). */
static void test_rule_literal_cross_space(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int mod, crash;
    assert_int_equal(hugi_complaint_tax_add_category(t, "moderation", false, &mod, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "app_crash", false, &crash, &err), HUGI_OK);
    assert_int_equal(cue(t, "food", "짜장", &err), HUGI_OK);
    assert_int_equal(cue(t, "food", "치킨", &err), HUGI_OK);
    assert_int_equal(cue(t, "appw", "앱", &err), HUGI_OK);
    assert_int_equal(add_pat(t, mod, "도배 & !{food}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, crash, "오류 & {appw}", &err), HUGI_OK);
    assert_int_equal(add_pat(t, crash, "오류 & !{food}", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t M = (uint64_t)1 << mod, C = (uint64_t)1 << crash;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    assert_true(cats_in(t, "광고 도배가 심해요", &m) == M);
    assert_true(cats_in(t, "앱 종료 시켜도 배터리 광탈", &m) == 0); /* 도 배: chance */
    assert_true(cats_in(t, "치킨집 광고 도배", &m) == 0);           /* a food text */
    /* the domain guard: a generic word counts with an app word, or in a text that is not food */
    assert_true(cats_in(t, "계속 오류가 나요", &m) == C);
    assert_true(cats_in(t, "치킨 주문했는데 오류라면서 취소됐어요", &m) == 0);
    assert_true(cats_in(t, "치킨 시키려는데 앱 오류가 나요", &m) == C);
    /* 짜장 only across a space ("진짜 장난") is no food word */
    assert_true(cats_in(t, "진짜 장난하나 계속 오류", &m) == C);
    assert_true(cats_in(t, "짜장면 먹는데 오류", &m) == 0);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round eight over the shipped lexicons: a generic word of an app, product or food category in a
 * text clearly about another domain. */
static void test_round_eight_domains(void **state)
{
    (void)state;
    /* app categories in food and goods texts, unless an app is named */
    assert_false(has("사장님이 오류라면서 다시 주문하래요", "app_crash"));
    assert_false(has("너무 매워서 못 먹겠어요 맵기 조절 안 돼요", "app_crash"));
    assert_false(has("배달이 오류 났는지 한시간째 안 와요", "app_crash"));
    assert_true(has("배달이 오류 났는지 한시간째 안 와요", "delivery"));
    assert_false(has("세탁기 오류 코드가 떠요 AS 불렀어요", "app_crash"));
    assert_false(has("The blender stopped and won't start again.", "app_crash"));
    assert_true(has("배달앱으로 주문하려는데 계속 오류나요", "app_crash"));
    assert_true(has("로봇청소기 앱이 자꾸 튕겨요", "app_crash"));
    assert_true(has("계속 오류가 나요", "app_crash"));
    assert_false(has("배달 너무 오래 걸려요", "app_slow"));
    assert_true(has("앱이 너무 느려서 메뉴 하나 보는데 한참 걸려요", "app_slow"));
    assert_false(has("예전엔 맛있었는데 요즘 왜이래요", "app_update"));
    /* moderation words in a food text */
    assert_false(has("리뷰 썼더니 사장님이 차단했어요", "moderation"));
    assert_true(has("이유 없이 차단당했어요", "moderation"));
    /* a dish that is small is a portion (price), not a size; clothes keep theirs */
    assert_false(has("만두가 너무 작아요", "size"));
    assert_true(has("만두가 너무 작아요", "price"));
    assert_true(has("신발 사이즈가 작아요 한 치수 크게 주문하세요", "size"));
    /* defect words in a food text */
    assert_false(has("Total brunch fail.", "defect"));
    assert_true(has("The zipper broke on day two.", "defect"));
    /* parcel tracking, "hooked on" */
    assert_false(has("배송 추적이 안 되고 판매자도 모른대요", "privacy"));
    assert_false(has("전화번호 공유해드렸는데 연락이 없네요", "privacy"));
    assert_true(has("택배 송장에 제 전화번호랑 주소가 다 보이게 붙어 왔어요", "privacy"));
    assert_false(has("사진이랑 너무 달라요 양이 반도 안 돼요", "app_crash"));
    assert_false(has("요즘 구경하는 재미에 푹 빠졌어요", "wrong_item"));
    assert_true(has("콜라 빠졌어요", "wrong_item"));
}

/* Round twelve, the mechanisms on a small taxonomy: a weak ("~") pattern needs a {problem} cue
 * near it in its clause, a negated problem does not count, and an off-topic text keeps only its
 * critical categories. */
static void test_round_twelve_mechanisms(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int svc, harm;
    assert_int_equal(hugi_complaint_tax_add_category(t, "service", false, &svc, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "harm", true, &harm, &err), HUGI_OK);
    static const char *const cues[][2] = {{"problem", "안받"},  {"problem", "문제"},
                                          {"problem", "rude"},  {"off_topic", "영화"},
                                          {"on_topic", "주문"}, {"app", "앱"}};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_cue(t, cues[i][0], cues[i][1], strlen(cues[i][1]), "c", &err),
            HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, svc, "~고객센터", 13, "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, svc, "~staff & !{app}", 15, "p", &err),
                     HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, svc, "불친절", 9, "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, harm, "화상", 6, "p", &err), HUGI_OK);
    /* a veto: service is not judged in a text naming an app and no order */
    assert_int_equal(
        hugi_complaint_tax_add_pattern(t, svc, "-* & {app} & !{on_topic}", 24, "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, harm, "-* & {app}", 10, "p", &err),
                     HUGI_E_PARSE); /* never a critical category */
    assert_int_equal(hugi_complaint_tax_add_pattern(t, svc, "-* & ", 5, "p", &err), HUGI_E_PARSE);
    /* a cue cannot be weak, nor an exclusion */
    assert_int_equal(hugi_complaint_tax_add_cue(t, "problem", "~x", 2, "c", &err), HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, svc, "~-x", 3, "p", &err), HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, svc, "~-{app} + {problem}", 19, "p", &err),
                     HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    static const struct {
        const char *text;
        uint64_t cats;
    } cases[] = {
        {"고객센터가 전화를 안받아요", 1},            /* the topic and its problem */
        {"고객센터에 물어보니 바로 알려주셨어요", 0}, /* the topic alone */
        {"고객센터는 문제 없이 잘 알려줬어요", 0},    /* a negated problem */
        {"고객센터에 전화했어요. 앱이 문제예요", 0},  /* the problem in another clause */
        {"The staff was rude.", 1},
        {"The staff was friendly.", 0},
        {"불친절한 연기가 영화를 망쳤다", 0},         /* a film: no normal category */
        {"영화 보다가 팝콘 기계에 화상 입었어요", 2}, /* ... but its critical ones */
        {"영화 예매 주문했는데 직원이 불친절", 1},    /* on topic: an order */
        {"앱 상담 직원이 불친절", 0},                 /* vetoed: an app, no order */
        {"앱으로 주문했는데 직원이 불친절", 1},       /* an order named */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            hugi_complaint_categorize(t, cases[i].text, strlen(cases[i].text), &m, &err), HUGI_OK);
        if (m.cats != cases[i].cats)
            fail_msg("'%s': categories %#llx, want %#llx", cases[i].text,
                     (unsigned long long)m.cats, (unsigned long long)cases[i].cats);
    }
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round twelve on the shipped lexicons: each rule with a text that must and one that must not get
 * the category. */
static void test_round_twelve(void **state)
{
    (void)state;
    /* weak topic words of service and delivery */
    assert_true(has("고객센터는 전화를 아예 안 받네요", "service"));
    assert_false(has("고객센터에서 알려준 대로 다시 설치해도 또 안됩니다", "service"));
    assert_false(has("팅김이 너무 많아요 조치 좀 부탁드립니다", "service"));
    assert_true(has("The staff was rude and ignored us.", "service"));
    assert_false(has("The staff brought our food quickly.", "service"));
    assert_true(has("배달원이 반말하고 음식 던지고 갔어요", "delivery") ||
                has("배달원이 반말하고 음식 던지고 갔어요", "service"));
    assert_false(has("독일에서 빨대꼽기로 고객,업주,배달원 모두를 괴롭힙니다.", "delivery"));
    /* a film review: no shop category, a critical one stays */
    assert_false(has("연기도 엉성하고 스토리도 허접한 영화", "defect"));
    assert_false(has("돈 아까운 영화. 배우들 연기가 안된다", "price"));
    assert_true(has("영화관 매점에서 산 음식에서 이물질이 나왔어요", "safety"));
    assert_true(has("영화 예매 앱이 계속 튕겨요", "app_crash"));
    /* a device that crashed is a defect; an app that crashed is app_crash */
    assert_true(has("The phone crashed completely and now I have to get it replaced.", "defect"));
    assert_false(
        has("The phone crashed completely and now I have to get it replaced.", "app_crash"));
    assert_true(has("The app crashed twice today.", "app_crash"));
    /* shoddiness of an app is not a defect */
    assert_false(has("어플이 너무 조잡하고 보기 힘들어요", "defect"));
    assert_true(has("마감이 너무 조잡해요 실밥이 다 터졌어요", "defect"));
    /* 메뉴 of a restaurant */
    assert_false(has("같은 메뉴를 다른 식당보다 비싸게 받아요", "app_ui"));
    assert_true(has("앱 메뉴가 너무 복잡해요", "app_ui"));
    /* a phone or system update */
    assert_false(has("폰 업데이트 이후 위젯에 종목이 안 나와요", "app_update"));
    assert_true(has("앱 업데이트 이후 위젯에 종목이 안 나와요", "app_update"));
    assert_false(has("업데이트된 메뉴판에 가격이 다 올랐어요", "app_update"));
    /* users' data passed on */
    assert_true(has("유저 정보 공유하는거 유저들이 알면 곤란할텐데요", "privacy"));
    assert_false(has("유용한 정보 공유해 주셔서 감사해요", "privacy"));
    /* a payment that fails is billing's, not a crash or a device's */
    assert_false(has("스푼 입금은 안 되고 문의 메일은 답이 없어요", "app_crash"));
    assert_false(has("결제했는데 보석 충전이 안 돼요", "defect"));
    assert_true(has("앱이 계속 안 돼요", "app_crash"));
    /* goods categories in a text about an app that names no goods (veto lines) */
    assert_false(has("나만의메뉴에 벌레 업뎃 좀 그만하세요 앱이 최악", "hygiene"));
    assert_false(has("정말 실망이크네요 앱 로그인도 안 되고", "size"));
    assert_false(has("앱 화살표가 너무 작아서 종목이 안 눌려요", "size"));
    assert_true(has("쏘카 앱으로 빌렸는데 차 내부가 더럽고 담배냄새 나요", "hygiene"));
    assert_true(has("쿠팡 앱에서 주문했는데 배송이 너무 늦어요", "delivery"));
    assert_true(has("바퀴벌레가 나왔어요", "hygiene"));
    /* a headache from a product, not from an app's slowness */
    assert_false(has("두통이 올 정도로 느려요", "safety"));
    assert_true(has("향이 너무 독해서 두통이 와요", "safety"));
    /* time wasted is not money */
    assert_false(has("Don't waste your time here.", "price"));
    assert_true(has("Don't waste your time and money here.", "price"));
    /* second pass (real10): a fee said to be free, a case of plastic, users reporting users, a
     * lawsuit ruled out, a remedy tried, a fix asked for, a film's genre */
    assert_false(has("수수료 평생무료로 이벤트해놓고 인증이 안 돼요", "billing"));
    assert_true(has("수수료가 너무 비싸게 나갔어요 결제 내역 확인해 주세요", "billing") ||
                has("수수료가 너무 비싸게 나갔어요 결제 내역 확인해 주세요", "price"));
    assert_false(has("The case is a flimsy piece of plastic.", "safety"));
    assert_true(has("Found a piece of plastic in my burger.", "safety"));
    assert_false(has("변태가 자꾸 보여줘 하길래 신고할려고 캡처했어요", "legal"));
    assert_true(has("환불 안 해주시면 소비자원에 신고할 거예요", "legal"));
    assert_false(has("저흰 어린이라 고소같은건 안하고 사과만 받고 싶어요", "legal"));
    assert_true(has("명예훼손으로 고소하겠습니다", "legal"));
    assert_false(has("로그아웃하고 다시해도 알람이 안 떠요", "app_login"));
    assert_true(has("알람이 안 떠요", "app_crash"));
    assert_false(has("멈춤현상이 심해요 개선 좀 했으면 좋겠네요", "app_ui"));
    assert_true(has("다크모드 기능이 있었으면 좋겠어요 앱 화면이 너무 밝아요", "app_ui"));
    assert_false(has("스릴러인데 스릴이 없음 죽이는 자나 도망치는 자나 개엉성", "defect"));
}

/* Round thirteen, the mechanisms on a small taxonomy: a category yields the words of a critical
 * hit ("-* critical", overlapping) or its clause ("-* ~key", near), a generic word ("^") yields to
 * another category's hit before it in its clause unless "-* ^key" keeps it, a {worry} marker
 * frames a fear that did not come true (Korean: the hit before it; English: after it, with a
 * {contrast} after the hit), and a cue's Korean tail after a digit is a stem. */
static void test_round_thirteen_mechanisms(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int svc, crash, ship, upd, harm, leak;
    assert_int_equal(hugi_complaint_tax_add_category(t, "service", false, &svc, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "app_crash", false, &crash, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "delivery", false, &ship, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "app_update", false, &upd, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "legal", true, &harm, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "privacy", true, &leak, &err), HUGI_OK);
    static const char *const cues[][2] = {{"worry", "줄알았는데"}, {"worry", "까봐"},
                                          {"worry", "worried"},    {"contrast", "but"},
                                          {"none", "1도없"},       {"smell", "잡내"}};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_cue(t, cues[i][0], cues[i][1], strlen(cues[i][1]), "c", &err),
            HUGI_OK);
    const struct {
        int *cat;
        const char *pat;
        hugi_rc rc;
    } pats[] = {
        {&svc, "답글", HUGI_OK},
        {&svc, "상담", HUGI_OK},
        {&svc, "-* critical", HUGI_OK},
        {&svc, "-* ~privacy", HUGI_OK},
        {&svc, "{smell} + {none}", HUGI_OK}, /* a stand-in: fires on 잡내 1도 없어요 */
        {&crash, "^안돼", HUGI_OK},
        {&crash, "^안됨 & !{none}", HUGI_OK},
        {&crash, "-* ^app_update", HUGI_OK},
        {&ship, "배송늦", HUGI_OK},
        {&ship, "runs small", HUGI_OK},
        {&ship, "배정", HUGI_OK},
        {&upd, "업데이트", HUGI_OK},
        {&harm, "소비자원에신고", HUGI_OK},
        {&harm, "상담후소송", HUGI_OK},
        {&leak, "주소를적어", HUGI_OK},
        {&harm, "-* critical", HUGI_E_PARSE}, /* a critical category yields to none */
        {&svc, "-* nosuch", HUGI_E_PARSE},
        {&svc, "-* ^nosuch", HUGI_E_PARSE},
        {&svc, "^~답장", HUGI_E_PARSE}, /* generic and weak at once */
        {&svc, "^-답장", HUGI_E_PARSE},
    };
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
        if (hugi_complaint_tax_add_pattern(t, *pats[i].cat, pats[i].pat, strlen(pats[i].pat), "p",
                                           &err) != pats[i].rc)
            fail_msg("pattern '%s': not rc %d", pats[i].pat, (int)pats[i].rc);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t S = 1u << svc, C = 1u << crash, D = 1u << ship, U = 1u << upd, L = 1u << harm,
             P = 1u << leak;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    const struct {
        const char *text;
        uint64_t cats;
    } cases[] = {
        {"리뷰 답글에 제 주소를 적어놨어요", P},      /* service yields near privacy */
        {"상담 직원이 소비자원에 신고하래요", S | L}, /* legal: overlap only, 상담 apart */
        {"상담후 소송하겠습니다", L},                 /* overlapping words are legal's */
        {"답글이 늦어요", S},                         /* no critical hit: kept */
        {"배정이 한참 안돼요", D},                    /* ^안돼 yields to delivery before it */
        {"안돼요 배정은 빨랐는데", C | D},            /* ... not to one after it */
        {"업데이트하고 안돼요", U | C},               /* -* ^app_update keeps it */
        {"앱이 안돼요", C},                           /* nothing else: a crash */
        {"배송 늦을 줄 알았는데 이틀만에 왔어요", 0}, /* a fear before 줄 알았는데 */
        {"빨리 올 줄 알았는데 배송 늦어요", D},       /* the complaint after it stands */
        {"I was worried it runs small, but it fits", 0},
        {"I was worried and it runs small.", D}, /* no contrast: a complaint */
        {"잡내 1도 없어요", S},                  /* 1도없 matches 1도 없어요 */
        {"잡내 1도 없어요 안됨", S},             /* ... and as a condition */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            hugi_complaint_categorize(t, cases[i].text, strlen(cases[i].text), &m, &err), HUGI_OK);
        if (m.cats != cases[i].cats)
            fail_msg("'%s': categories %#llx, want %#llx", cases[i].text,
                     (unsigned long long)m.cats, (unsigned long long)cases[i].cats);
    }
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round thirteen's drops are decided on every hit as found, before any is moved (as the
 * exclusions are): a generic word after a hit that itself yields to a critical one gets the same
 * answer whichever of the two overlapping hits the matcher reports first. */
static void test_round_thirteen_drop_order(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int ship, fail, legal;
    assert_int_equal(hugi_complaint_tax_add_category(t, "delivery", false, &ship, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "app_crash", false, &fail, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "legal", true, &legal, &err), HUGI_OK);
    const struct {
        int *cat;
        const char *pat;
    } pats[] = {
        {&ship, "배정"},      {&ship, "결제오류"},  {&ship, "-* critical"}, {&fail, "^안돼"},
        {&fail, "-* ^legal"}, {&legal, "배정오류"}, {&legal, "결제"},
    };
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
        assert_int_equal(hugi_complaint_tax_add_pattern(t, *pats[i].cat, pats[i].pat,
                                                        strlen(pats[i].pat), "p", &err),
                         HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    /* delivery's hit ends first in one, legal's in the other */
    static const char *const texts[] = {"배정오류 안돼요", "결제오류 안돼요"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(hugi_complaint_categorize(t, texts[i], strlen(texts[i]), &m, &err),
                         HUGI_OK);
        if (m.cats != (uint64_t)1 << legal)
            fail_msg("'%s': categories %#llx, want legal only", texts[i],
                     (unsigned long long)m.cats);
    }
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* "-* critical" names every critical category of the taxonomy, also one added after the line
 * (an extra category file, or any caller of the API that adds categories as it goes). */
static void test_round_thirteen_critical_later(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int svc, legal;
    assert_int_equal(hugi_complaint_tax_add_category(t, "service", false, &svc, &err), HUGI_OK);
    static const char *const svc_pats[] = {"신고", "-* critical", "-* ~critical"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(
            hugi_complaint_tax_add_pattern(t, svc, svc_pats[i], strlen(svc_pats[i]), "p", &err),
            HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "legal", true, &legal, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, legal, "소비자원에신고",
                                                    strlen("소비자원에신고"), "p", &err),
                     HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    const char *text = "소비자원에 신고하겠습니다";
    assert_int_equal(hugi_complaint_categorize(t, text, strlen(text), &m, &err), HUGI_OK);
    assert_int_equal(m.cats, (uint64_t)1 << legal);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round thirteen on the shipped lexicons: each cause found across the labelled sets with a text
 * that must and one that must not get the category. */
static void test_round_thirteen(void **state)
{
    (void)state;
    /* vanished data: app_crash only with no cause named */
    assert_true(has("관심종목이 다 사라졌어요", "app_crash"));
    assert_false(has("업데이트 후에 찜 목록이 다 사라졌어요", "app_crash"));
    assert_false(has("정지 풀리고 보석이 싹 사라졌어요", "app_crash"));
    assert_false(has("적립금이 사라졌어요", "app_crash"));
    /* a critical hit owns its words and, for some categories, its clause */
    assert_false(has("리뷰 답글에 제 이름이랑 주소를 그대로 써 놓으셨어요", "service"));
    assert_true(has("리뷰 답글에 제 이름이랑 주소를 그대로 써 놓으셨어요", "privacy"));
    assert_false(has("로그인했더니 남의 배송지랑 결제수단이 보여요", "app_login"));
    assert_true(has("로그인이 안 돼요", "app_login"));
    assert_false(has("허위광고로 공정위에 신고 넣었습니다", "moderation"));
    assert_true(has("허위광고로 공정위에 신고 넣었습니다", "legal"));
    assert_true(has("찌개에서 벌레가 나왔어요", "hygiene")); /* a bug in a dish stays both */
    assert_true(has("찌개에서 벌레가 나왔어요", "safety"));
    /* a product hazard is defect and safety; a melted food container safety only */
    assert_true(has("충전기 꽂자마자 연기 나고 탄내가 났어요", "defect"));
    assert_true(has("충전기 꽂자마자 연기 나고 탄내가 났어요", "safety"));
    assert_false(has("충전기 꽂자마자 연기 나고 탄내가 났어요", "taste"));
    assert_true(has("The space heater sparked and scorched the carpet.", "defect"));
    assert_false(has("전자레인지 돌렸더니 배달 용기가 녹았어요", "defect"));
    assert_false(has("the charger started smoking and smelled like burning plastic", "hygiene"));
    /* a fear that did not come true */
    assert_false(has("배송 늦을 줄 알았는데 이틀만에 도착했어요", "delivery"));
    assert_false(has("파손될까봐 걱정했는데 뽁뽁이로 감아서 멀쩡하게 왔어요", "packaging"));
    assert_true(has("빨리 올 줄 알았는데 일주일째 배송이 안 와요", "delivery"));
    assert_false(has("Everyone said it runs small, but mine fits just right.", "size"));
    assert_true(has("It runs small, order a size up.", "size"));
    /* clause ownership of a bare failure word */
    assert_false(has("예상시간 40분이라더니 1시간 반 걸림 라이더 배정도 한참 안되고", "app_crash"));
    assert_false(has("스푼 구매했는데 지급안됨", "app_crash"));
    assert_true(has("업데이트 했는데 실행이 안돼요", "app_crash"));
    assert_true(has("앱이 아예 안돼요", "app_crash"));
    assert_false(has("반품하려는데 반품 접수 버튼이 없어요", "app_ui"));
    /* "nothing works" and "it shut down" in a text naming a ban */
    assert_false(has("갑자기 꺼지길래 뭐지 했는데 차단당했어요", "app_crash"));
    assert_true(has("갑자기 꺼지길래 뭐지 했는데 계속 그래요", "app_crash"));
    /* English senses: a break-up, a bland-looking phone, a service that stinks */
    assert_false(
        has("Like a relationship where both can't wait for the other to break up.", "defect"));
    assert_true(has("The handle will break if you look at it.", "defect"));
    assert_false(has("The phone really looks rather bland in the black model.", "taste"));
    assert_true(has("The soup was bland.", "taste"));
    assert_false(has("Service stinks here!", "hygiene"));
    assert_true(has("Service stinks here!", "service"));
    /* a dish sent back, a bare "fries were", a non-answer repeated */
    assert_false(
        has("Chicken was pink in the middle. Sent it back and it came out dry.", "refund"));
    assert_true(has("The shirt was torn so I sent it back for a refund.", "refund"));
    assert_false(has("The fries were crispy and hot for once. love it", "taste"));
    assert_true(has("고객센터는 확인중이란 말만 반복해요", "service"));
    assert_true(
        has("Called three times about the missing rice, nobody ever picked up.", "service"));
    /* a fake's flaws are its evidence; stains with dirt are hygiene's */
    assert_false(has("Pretty sure this is a fake, the logo is crooked.", "defect"));
    assert_true(has("Pretty sure this is a fake, the logo is crooked.", "authenticity"));
    assert_false(has("정품이라는데 택 글씨 폰트가 이상해요", "app_ui"));
    assert_true(has("정품이라는데 택 글씨 폰트가 이상해요", "authenticity"));
    assert_false(has("누가 쓰던 걸 보낸 건지 얼룩이랑 때가 묻어 있어요", "defect"));
    assert_true(has("앱에 다크모드 버튼이 없어요", "app_ui"));
    assert_true(has("업데이트 후로 너무 번거롭고 사용하기 힘들어요", "app_ui"));
    /* damage next to a packing complaint is packaging's */
    assert_false(has("Poorly packed, no padding, the glass was shattered.", "defect"));
    assert_true(has("The zipper broke on day two.", "defect"));
    /* a refund told as done, with nothing wrong */
    assert_false(has("반품 요청하니까 바로 회수해가시고 환불도 이틀만에 됐어요", "refund"));
    assert_true(has("환불 요청했는데 일주일째 안 돼요", "refund"));
    /* "no X at all" after a digit, the missing verb after the item */
    assert_false(has("족발 야들야들하고 잡내 1도 없어요", "taste"));
    assert_false(has("잡내 1도 없어요 막국수도 서비스로 주셔서 감사합니다", "wrong_item"));
    assert_true(has("막국수 서비스 빠졌어요", "wrong_item"));
    /* weak fee and price topics */
    assert_false(has("수수료 평생 이벤트 보고 가입했어요. 접속이 자주 끊겨요", "billing"));
    assert_true(has("수수료만 뽑아가고 장난하나", "billing"));
    assert_false(has("평가손익(비용포함) 을 볼 수 없게 되어있네요", "price"));
    /* 컨트롤 holds 트롤 */
    assert_false(has("소중한 내재산 신속히 컨트롤안됨", "moderation"));
    /* recall families: a wait or cold food in a food text, a promise of arrival not kept */
    assert_true(has("비빔냉면인데 얼음이 다 녹아 미지근해요 배달만 50분", "delivery"));
    assert_true(has("식어서옴", "delivery"));
    assert_true(has("오늘도착 보장이라더니 사흘째 배송준비중", "delivery"));
    assert_false(has("자전거가 수요일에 온다더니 화요일에 오네요 빨라요", "delivery"));
    /* cheaper elsewhere (not cheaper than elsewhere), money paid for too little */
    assert_true(has("똑같은 제품 다른데선 만원 더 싸네요", "price"));
    assert_false(has("타사이트보다 쿠폰 쓰면 훨씬 저렴해요", "price"));
    assert_true(has("다른 곳보다 비싸게 팔아요", "price"));
    assert_true(has("만삼천원 주고 먹을건 아니네요", "price"));
    assert_true(has("$16 for a large salad that barely filled half the container.", "price"));
    /* fewer pieces than sold; a fit word next to a body part */
    assert_true(has("립스틱 3개 세트라더니 2개만 들어있어요", "wrong_item"));
    assert_true(has("의자 나사 4개가 부족함", "wrong_item"));
    assert_true(has("평소 M 입는데 팔뚝이 너무 껴요", "size"));
    assert_true(has("my toes are jammed against the front", "size"));
    assert_false(has("앱 화면에서 허리 운동 영상이 안 나와요", "size"));
    /* critical families */
    assert_true(has("리뷰 답글에 제 이름이랑 동호수를 그대로 적어놓으셨네요", "privacy"));
    assert_true(has("The seller texted me on my personal number after I left a 2 star review, "
                    "asking me to change it.",
                    "privacy"));
    assert_true(has("Their website emailed me someone else's order confirmation with her address.",
                    "privacy"));
    assert_true(has("모르는 사람이 제 신상정보를 다 알고있어요", "privacy"));
    assert_true(has("제 허락도 없이 초상권 침해예요", "privacy"));
    assert_true(has("얼굴 캡쳐해서 협박을 합니다", "privacy"));
    assert_true(has("장난감 나사가 빠져서 애가 입에 넣으려는 거 겨우 뺐어요", "safety"));
    assert_true(has("비닐 나옴", "safety"));
    assert_false(has("포장 비닐이 뜯어져 있었어요", "safety"));
}

/* Round fourteen: critical complaints told through what happened, on the shipped lexicons; each
 * mechanism with a text that must and a look-alike that must not get the category. */
static void test_round_fourteen(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        /* a skin or body part next to what happened to it; crying and praise are no harm */
        {"염색약 쓰고 두피가 벗겨지고 진물이 나요", "safety", true},
        {"After using this cream my cheeks burned and peeled for a week", "safety", true},
        {"너무 많이 울어서 눈이 퉁퉁 부었어요", "safety", false},
        {"토너 쓰고 눈이 따가워서 눈물이 멈추질 않았어요", "safety", true},
        {"크림이 부드럽게 발리고 얼굴이 촉촉해요", "safety", false},
        /* a cable, handle or blanket next to a melt or scorch mark */
        {"휴대폰 충전하다가 케이블이 녹아버렸어요", "safety", true},
        {"전원선 길어서 좋아요", "safety", false},
        /* a safety device that gave way; a person who fell, unless it would not hurt */
        {"카시트 버클이 주행 중에 풀렸어요", "safety", true},
        {"침대 프레임이 밤에 갑자기 주저앉아서 아이가 떨어졌어요", "safety", true},
        {"아이가 넘어져도 안 다치게 푹신해요", "safety", false},
        /* ill next to a cause; a scent praised as dizzying is praise */
        {"영양제 먹고 나서 심장이 두근거리고 어지러워요", "safety", true},
        {"향이 너무 좋아서 어지러울 정도예요 최고", "safety", false},
        {"심장이 두근거릴 만큼 예뻐요", "safety", false},
        /* a child and a small thing; too big to swallow is reassurance */
        {"아기 옷 단추가 쉽게 떨어져서 아기가 입에 물고 있더라고요", "safety", true},
        {"아이가 자꾸 입에 넣으려고 하는데 크기가 커서 괜찮아요", "safety", false},
        /* figures of speech holding a harm word */
        {"중독성 있는 맛이에요", "safety", false},
        {"가성비 폭발이에요", "safety", false},
        {"This hot sauce set my mouth on fire, in the best way", "safety", false},
        {"This blanket is so warm it's dangerous", "safety", false},
        /* an authority with an act of reporting; an authority as an endorsement */
        {"구청 위생과에 전화했습니다", "legal", true},
        {"가품이라서 세관에 신고했어요", "legal", true},
        {"소비자원 평가 1위라 샀어요", "legal", false},
        {"고소한 맛이 일품이에요", "legal", false},
        {"Got it for my attorney husband, he loves it", "legal", false},
        {"환불 안 해주시면 카드사에 차지백 요청합니다", "legal", true},
        /* my number or particulars misused or exposed; someone else in my account */
        {"판매자가 주문 정보로 제 번호 알아내서 카톡으로 연락했어요", "privacy", true},
        {"카드 번호가 영수증에 다 찍혀서 왔어요", "privacy", true},
        {"제 이름 각인 예쁘게 찍혀 왔어요", "privacy", false},
        {"모르는 사람이 제 계정으로 로그인해서 주문했어요", "privacy", true},
        {"앱 켤 때마다 사진첩 전체 접근을 요구해요", "privacy", true},
        {"앱 권한 최소로 요구해서 좋아요", "privacy", false},
        {"개인정보 입력 없이 주문돼서 편해요", "privacy", false},
        {"리뷰 쓰면 개인정보 노출될까 걱정했는데 닉네임만 나와요", "privacy", false},
        /* later passes: a fear of a present hazard is safety; in-word and negated look-alikes */
        {"콘센트가 젖었어요 감전될까봐 무서워요", "safety", true},
        {"조개탕 먹고 둘 다 밤새 토하고 난리 났어요", "safety", true},
        {"정지 검토하고 있대요", "safety", false},
        {"유해물질 불검출 인증 받았어요", "safety", false},
        {"정지먹이면 여기 신고하겟습니다", "legal", true},
        {"판매자가 제 직장까지 전화했어요", "privacy", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* Round fifteen on the shipped lexicons: each family written for the round's probe batches, with
 * a text of the family that is none of the probe rows, and a look-alike that must not fire. */
static void test_round_fifteen(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        /* a body part broken or a rash is the harm's, not a defect of the goods */
        {"Chipped a tooth on a bone in the wings.", "defect", false},
        {"Chipped a tooth on a bone in the wings.", "safety", true},
        {"The mug chipped after one week.", "defect", true},
        /* a person who hung up, the help desk's queue cut off: service's */
        {"직원이 제 말 끝나기도 전에 전화를 뚝 끊어버리네요", "defect", false},
        {"직원이 제 말 끝나기도 전에 전화를 뚝 끊어버리네요", "service", true},
        {"고객센터 대기하다 결국 끊김", "app_crash", false},
        {"블루투스 연결이 자꾸 끊겨요 이어폰 불량인가봐요", "defect", true},
        /* a product hazard is a defect next to the safety complaint */
        {"멀티탭 콘센트 부분이 까맣게 그을었어요", "defect", true},
        {"유모차 브레이크가 안 걸려서 굴러갔어요", "defect", true},
        /* a shop's person proposing to meet; someone asking whether the customer is alone */
        {"수리기사님이 다녀간 뒤에 따로 만나자고 연락이 왔어요", "privacy", true},
        {"택배기사님이 혼자 사시냐고 물어봐서 소름 돋았어요", "safety", true},
        {"기사님이 친절하게 설치해주셨어요", "privacy", false},
        /* a problem told as solved, a past praise, a delay announced as possible */
        {"예전엔 결제 오류 있었는데 지금은 잘 돼요", "app_crash", false},
        {"배송이 늦어질 수도 있다고 미리 문자 주셨어요", "delivery", false},
        {"예전엔 빠르고 좋았는데 요즘은 자꾸 튕겨요", "app_crash", true},
        /* the listing's claim contradicted; a battery that does not last; a machine's power fell */
        {"상세페이지엔 방수라더니 비 오니까 다 젖네요", "defect", true},
        {"배터리가 반나절도 못 가요", "defect", true},
        {"선풍기 바람세기가 한 달 만에 약해졌어요", "defect", true},
        /* a price called worth it; a fee raised */
        {"가격은 좀 있지만 돈값은 해요", "price", false},
        {"월정액 또 올렸네요", "price", true},
        {"월정액 또 올렸네요", "billing", false},
        /* a genuine-goods check that fails; another user who is a fake */
        {"홀로그램 스티커가 없고 일련번호 조회가 안 돼요", "authenticity", true},
        {"매칭 상대가 연예인 사진 도용한 가짜였어요", "moderation", true},
        {"매칭 상대가 연예인 사진 도용한 가짜였어요", "authenticity", false},
        /* an account banned is moderation's, other users' accounts are no login */
        {"아무 이유 없이 계정 정지 먹었어요", "app_login", false},
        {"스팸계정이 너무 많아요", "app_login", false},
        /* a parcel's tracking, an expired link, an old version asked back */
        {"Tracking still says out for delivery after a week.", "privacy", false},
        {"The reset link expired before I could click it.", "hygiene", false},
        {"예전 디자인으로 돌려주세요", "refund", false},
        {"환불해서 돈 돌려주세요", "refund", true},
        /* a fixture that leaks is a defect, no parcel; a part missing from the box */
        {"The kitchen faucet is leaking after two weeks.", "defect", true},
        {"The kitchen faucet is leaking after two weeks.", "packaging", false},
        {"책상 조립하려는데 볼트가 두 개 부족해요", "wrong_item", true},
        {"책상 조립하려는데 볼트가 두 개 부족해요", "safety", false},
        /* in-word and film look-alikes */
        {"짜장면이 불어서 왔어요", "taste", true},
        {"정품이랑 로고가 달라요 가품 같아요", "size", false},
        {"범인이 경찰에 쫓기는 장면이 압권", "legal", false},
        {"오류도 거의 없고 잘 돌아가요", "app_crash", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* A rule naming a cue with NUL bytes in the name (a lexicon line is bytes; found by fuzzing):
 * no read past the stored, shorter cue name, and no cue matched by the NUL-padded name. */
static void test_cue_name_nul(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int c;
    assert_int_equal(hugi_complaint_tax_add_category(t, "service", false, &c, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_cue(t, "praise", "friendly", 8, "c", &err), HUGI_OK);
    static const char rule[] = "-{praise\0\0\0\0\0\0\0\0} + {praise}";
    /* the padded name is no cue of the taxonomy: the line is refused or names a new, empty cue */
    hugi_rc rc = hugi_complaint_tax_add_pattern(t, c, rule, sizeof rule - 1, "p", &err);
    assert_true(rc == HUGI_OK || rc == HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, c, "{praise}", 8, "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    assert_int_equal(hugi_complaint_categorize(t, "very friendly", 13, &m, &err), HUGI_OK);
    assert_true(m.cats == (1u << c));
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round fifteen: a generic word ("^") yields to another category's hit up to GENERIC_GAP (45)
 * bytes before it in its clause, not only NEAR_GAP (30): "환불 요청한지 3주째인데 아직도 처리가
 * 안 됐어요" is refund's; farther away, or across a clause end, the generic word stands. */
static void test_generic_gap(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int ref, svc;
    assert_int_equal(hugi_complaint_tax_add_category(t, "refund", false, &ref, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "service", false, &svc, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, ref, "환불", strlen("환불"), "p", &err),
                     HUGI_OK);
    assert_int_equal(
        hugi_complaint_tax_add_pattern(t, svc, "^처리가안", strlen("^처리가안"), "p", &err),
        HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t R = 1u << ref, S = 1u << svc;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    const struct {
        const char *text;
        uint64_t cats;
    } cases[] = {
        /* 34 bytes of the joined view between the two: over NEAR_GAP, within GENERIC_GAP */
        {"환불 요청한지 3주째인데 아직도 처리가 안 됐어요", R},
        /* 11 syllables (33 bytes) + 3 = 36: still yields */
        {"환불 신청하고 기다린 지 한참인데 처리가 안 돼요", R},
        /* a clause end between them: the generic word stands */
        {"환불 요청했어요. 처리가 안 돼요", R | S},
        /* far apart (over 45 bytes): the generic word stands */
        {"환불 요청하고 나서 벌써 삼주가 지나도록 아무 연락도 없고 답답하게 처리가 안 돼요", R | S},
        {"처리가 안 돼요", S},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            hugi_complaint_categorize(t, cases[i].text, strlen(cases[i].text), &m, &err), HUGI_OK);
        if (m.cats != cases[i].cats)
            fail_msg("'%s': categories %#llx, want %#llx", cases[i].text,
                     (unsigned long long)m.cats, (unsigned long long)cases[i].cats);
    }
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Categorises text with t and checks the category mask (the round-sixteen unit tests). */
static void want_cats(const struct hugi_complaint_tax *t, const char *text, uint64_t want)
{
    struct hugi_err err;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    assert_int_equal(hugi_complaint_categorize(t, text, strlen(text), &m, &err), HUGI_OK);
    if (m.cats != want)
        fail_msg("'%s': categories %#llx, want %#llx", text, (unsigned long long)m.cats,
                 (unsigned long long)want);
    hugi_complaint_match_release(&m);
}

/* Round sixteen: "A * B" is a clause frame: the two cues anywhere in one clause within CLAUSE_GAP
 * (75 joined-view bytes), where "A + B" stops at NEAR_GAP (30); never across a clause end. */
static void test_clause_frame(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int near, frame;
    assert_int_equal(hugi_complaint_tax_add_category(t, "near", false, &near, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "frame", true, &frame, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_cue(t, "who", "아기가", strlen("아기가"), "c", &err),
                     HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_cue(t, "ev", "쏠렸", strlen("쏠렸"), "c", &err),
                     HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, near, "{who} + {ev}", 12, "p", &err),
                     HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, frame, "{ev} * {who}", 12, "p", &err),
                     HUGI_OK);
    /* '*' only between the first two parts, like '+' */
    assert_int_equal(hugi_complaint_tax_add_pattern(t, frame, "{ev} & {who} * {ev}", 19, "p", &err),
                     HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t N = 1u << near, F = 1u << frame;
    want_cats(t, "아기가 쏠렸어요", N | F);
    /* 14 syllables between (42 bytes): over NEAR_GAP, within CLAUSE_GAP; either order */
    want_cats(t, "아기가 유모차 앞바퀴가 내리막에서 갑자기 빠지는 바람에 쏠렸어요", F);
    want_cats(t, "앞으로 쏠렸는데 유모차 앞바퀴가 내리막에서 빠지는 바람에 아기가", F);
    /* a clause end between them */
    want_cats(t, "아기가 잘 놀아요. 앞으로 쏠렸어요", 0);
    /* farther than 75 bytes (26 syllables between) */
    want_cats(t,
              "아기가 오늘 아침에 유모차를 타고 공원에 가서 산책을 하다가 내리막길에서 바퀴가 "
              "빠지면서 쏠렸어요",
              0);
    hugi_complaint_tax_free(t);
}

/* Round sixteen: "+* K & C ..." implies the category from a hit of K when the conditions hold
 * (a product's hazard is a defect too); not when a condition fails, the category is vetoed or K
 * has no hit; a critical category cannot be implied, and K must be another category. */
static void test_implied(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int def, saf;
    assert_int_equal(hugi_complaint_tax_add_category(t, "defect", false, &def, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "safety", true, &saf, &err), HUGI_OK);
    static const char *const cues[][2] = {{"fail", "빠져서"}, {"food", "국밥"}, {"appw", "앱"}};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_cue(t, cues[i][0], cues[i][1], strlen(cues[i][1]), "c", &err),
            HUGI_OK);
    static const char *const ok[][2] = {
        {"safety", "베였"}, {"defect", "+* safety & {fail} & !{food}"}, {"defect", "-* & {appw}"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_int_equal(hugi_complaint_tax_add_pattern(t, !strcmp(ok[i][0], "defect") ? def : saf,
                                                        ok[i][1], strlen(ok[i][1]), "p", &err),
                         HUGI_OK);
    static const struct {
        int cat;
        const char *line;
    } bad[] = {
        {1, "+* defect"},           /* a critical category implied */
        {0, "+* defect & {fail}"},  /* implied by itself */
        {0, "+* nosuch & {fail}"},  /* no such category */
        {0, "+* safety {fail}"},    /* no '&' before the condition */
        {0, "+* safety & {nocue}"}, /* no such cue */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(hugi_complaint_tax_add_pattern(t, bad[i].cat ? saf : def, bad[i].line,
                                                        strlen(bad[i].line), "p", &err),
                         HUGI_E_PARSE);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t D = 1u << def, S = 1u << saf;
    want_cats(t, "칼날이 빠져서 손을 베였어요", D | S);
    want_cats(t, "손을 베였어요", S);                           /* no product failure told */
    want_cats(t, "국밥 먹다가 뚜껑이 빠져서 손을 베였어요", S); /* a food text */
    want_cats(t, "앱 켜다가 칼날이 빠져서 손을 베였어요", S);   /* defect vetoed */
    want_cats(t, "칼날이 빠져서 놀랐어요", 0);                  /* no safety hit */
    hugi_complaint_tax_free(t);
}

/* Round sixteen: {worry_past} (a fear told as past) frames critical hits as {worry} frames normal
 * ones; a present fear stays a hazard, and a fear that came true keeps its hit. */
static void test_worry_past_critical(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int saf;
    assert_int_equal(hugi_complaint_tax_add_category(t, "safety", true, &saf, &err), HUGI_OK);
    static const char *const cues[][2] = {{"worry", "까봐"},
                                          {"worry", "걱정했는데"},
                                          {"worry", "afraid"},
                                          {"worry_past", "걱정했는데"},
                                          {"worry_past", "was afraid"},
                                          {"contrast", "but"},
                                          {"problem", "결국"}};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_cue(t, cues[i][0], cues[i][1], strlen(cues[i][1]), "c", &err),
            HUGI_OK);
    static const char *const pats[] = {"화상", "감전", "overheat*"};
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_pattern(t, saf, pats[i], strlen(pats[i]), "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    uint64_t S = 1u << saf;
    want_cats(t, "화상 입을까 걱정했는데 손잡이가 안 뜨거워요", 0);
    want_cats(t, "감전될까봐 무서워요", S);
    want_cats(t, "걱정했는데 결국 화상 입었어요", S);
    want_cats(t, "I was afraid it would overheat but it stays cool.", 0);
    want_cats(t, "I was afraid it would overheat and it did.", S);
    hugi_complaint_tax_free(t);
}

/* Round sixteen on the shipped lexicons: each frame with a text of its family that is none of
 * the probe rows, and look-alikes that must not fire. */
static void test_round_sixteen(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        /* a harmed party and a harm event across a clause; a tooth; a safety device */
        {"조카가 그 장난감 갖고 놀다가 모서리에 부딪혀서 이마에서 피가 났어요", "safety", true},
        {"어금니 씹다가 금이 갔어요 호두 껍질이 들어있었나봐요", "safety", true},
        {"아기 카시트 어깨 벨트 버클이 운전하는 도중에 저절로 풀렸어요", "safety", true},
        {"아이가 너무 좋아해서 매일 가지고 놀아요", "safety", false},
        {"그릇 하나 이가 나가 있었어요", "safety", false},
        /* a product failing mechanically beside the harm: defect too; food and cosmetics not */
        {"의자 다리가 부러져서 아버지가 넘어지셨어요", "defect", true},
        {"크림 바르고 얼굴에 두드러기가 올라왔어요", "defect", false},
        /* an unknown person with my number; spam since a purchase; my account used */
        {"주문서에 남긴 번호로 모르는 사람이 자꾸 카톡을 보내요", "privacy", true},
        {"회원가입한 뒤로 광고문자가 매일 와요 가입한 적도 없는 곳에서도요", "privacy", true},
        {"구매한 뒤로 쿠폰 문자가 와서 잘 쓰고 있어요", "privacy", false},
        {"여기서 구매한 뒤로 스팸 문자가 쏟아져요", "privacy", true},
        {"누군가 제 아이디로 로그인해서 배송지를 바꿨어요", "privacy", true},
        {"모르는 번호로 전화 와서 받았더니 기사님이셨어요", "privacy", false},
        /* a report sent to an authority */
        {"보건소에 사진이랑 영수증 보냈습니다", "legal", true},
        /* fears that did not come true; an update praised; a vanished thing with no update */
        {"불날까 봐 걱정했는데 하루 종일 틀어도 겉이 안 뜨거워요", "safety", false},
        {"불날까 봐 걱정했는데 하루 종일 틀어도 겉이 안 뜨거워요", "app_crash", false},
        {"업데이트 후에 훨씬 가벼워졌네요", "app_update", false},
        {"충전소가 없어졌는데 무슨일이죠", "app_update", false},
        {"업데이트 후에 즐겨찾기 기능이 없어졌어요", "app_update", true},
        /* app terms in a text naming no goods: no defect; an app draining the battery stays */
        {"게임 출석 보상 받기 누르면 아무 반응이 없어요", "defect", false},
        {"앱 켜놓기만 해도 배터리가 금방 닳아요", "defect", true},
        /* an English wait of a delivery is no service complaint */
        {"The driver took forever and the food showed up cold.", "service", false},
        {"We waited 40 minutes to be seated even with a reservation.", "service", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* Round eighteen (mechanisms by kind, written in other words than its probe rows): a {purpose}
 * word after a hit names what the product fights; a tension that passed and a writer's disposition
 * frame the hits before them; billing, app_ui, privacy, hygiene and safety classes widened by kind;
 * a near miss or a fright beside a product's failure; a listing's claim contradicted. */
static void test_round_eighteen(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        {"물때 제거제 샀는데 세면대가 반짝반짝해졌어요", "hygiene", false},
        {"화재 방지 기능이 있어서 안심하고 써요", "safety", false},
        {"화재 방지 기능이 있다더니 콘센트에서 불꽃이 튀었어요", "safety", true},
        {"The privacy filter works well on my monitor.", "privacy", false},
        {"Bought this fire extinguisher for the kitchen, easy to mount.", "safety", false},
        {"피부가 예민한 편인데 이건 아무 자극 없이 잘 맞아요", "safety", false},
        {"피부가 예민한 편인데 이거 바르고 두드러기가 올라왔어요", "safety", true},
        {"냄새 날까 봐 긴장했는데 하나도 안 나요", "hygiene", false},
        {"해지한 지 두 달인데 월회비가 또 빠져나갔어요", "billing", true},
        {"The voucher wasn't applied at checkout.", "billing", true},
        {"영수증에 금액이 두 번 찍혀 있어요", "defect", false},
        {"I noticed unauthorized charges on my card after shopping here.", "privacy", true},
        {"The settings icon is buried three menus deep in the app.", "app_ui", true},
        {"I can't filter by price in this app.", "app_ui", true},
        {"선반 고정나사가 빠지면서 조카가 맞을 뻔했어요", "safety", true},
        {"텐트 폴대가 부러지면서 아들 얼굴 쪽으로 튕겨서 식겁했어요", "safety", true},
        {"국수에 구더기가 있었어요", "safety", true},
        {"There were maggots in my rice.", "safety", true},
        {"직원이 맨손으로 김밥 마는 거 보고 입맛 떨어졌어요", "hygiene", true},
        {"주문서에 제 주소가 가리지도 않고 그대로 적혀서 왔어요", "privacy", true},
        {"There was a packing slip with someone else's phone number in my box.", "privacy", true},
        {"가짜 후기가 너무 많아서 못 믿겠어요", "authenticity", false},
        {"I'll be filing for arbitration if this isn't fixed.", "legal", true},
        {"정형외과 선생님이 권해주신 베개예요 목이 편해요", "safety", false},
        {"5개입이라더니 4개만 들어 있어요", "wrong_item", true},
        {"스테인리스라더니 일주일 만에 녹이 슬었어요", "defect", true},
        {"판매자는 택배사 탓 택배사는 판매자 탓만 하네요", "service", true},
        {"앱 첫 화면 뜨는 데 15초 넘게 걸려요", "app_slow", true},
        {"전기장판이 밤새 켜 둬도 미지근하네요", "taste", false},
        /* a film's text: a critical word alone is the plot's; a pair or goods named still count */
        {"고소영의 발연기마저 이 영화의 아름다움을 해치지는 못했다", "legal", false},
        {"극장에서 보다 토할뻔 했음 주인공 연기가 최악", "safety", false},
        {"There's enough hypocrisy in this film to make me vomit.", "safety", false},
        {"영화관 매점에서 산 음식에서 이물질이 나왔어요", "safety", true},
        {"금융감독원에 민원 넣겠습니다", "legal", true},
        /* an event denied; a circuit breaker blocks no user */
        {"스파크 튀는 일은 없고 조용해요", "safety", false},
        {"감전될까봐 무서워요 콘센트 쪽에서 스파크가 튀어요", "safety", true},
        {"드라이기 켜자마자 차단기가 떨어졌어요", "moderation", false},
        /* hot liquid on a person; a compliment sent; an unknown device in the login record */
        {"냄비 손잡이가 빠지면서 끓는 물이 동생 발등에 쏟아졌어요", "safety", true},
        {"뜨거운 물 부어서 3분이면 완성이라 편해요", "safety", false},
        {"펜션 사장님이 체크아웃하고 나서 카톡으로 예쁘시던데 또 오라고 하네요", "privacy", true},
        {"제가 모르는 기기에서 로그인했다는 알림이 와요", "privacy", true},
        /* a comparison is no used item; a finish's mess is no dirt; the writer's own swearing */
        {"원래 쓰던 것보다 향이 약해요", "hygiene", false},
        {"누가 쓰던 거 보냈나 봐요 머리카락이 붙어 있어요", "hygiene", true},
        {"가방 박음질 부분이 지저분하고 실이 튀어나와 있어요", "hygiene", false},
        {"렉 걸릴 때마다 진짜 욕나오네요", "moderation", false},
        {"채팅하는데 상대방이 계속 욕해요", "moderation", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* Round nineteen: complaints told by their consequence rather than a category word, each a class
 * or a frame (docs/complaints.md, "Round nineteen"); written in other words than probe19a's rows,
 * with the look-alike each must not take. */
static void test_round_nineteen(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        {"원피스 세탁기에 한 번 돌렸더니 쪼그라들어서 못 입어요", "defect", true},
        {"후드티 한번 빨았더니 인형옷 됐네요", "defect", true},
        {"스웨터 세탁 후 줄었어요 설명서대로 했는데", "defect", true},
        {"구두 뒷굽 쪽이 한 달도 안 돼서 입 벌어졌어요", "defect", true},
        {"제습기 돌리면 바닥이 흥건해져요", "defect", true},
        {"제습기 덕분에 바닥이 뽀송해요", "defect", false},
        {"Speaker only plays from one side after a week.", "defect", true},
        {"The power bank barely lasts a day now.", "defect", true},
        {"펜션 온수가 안 나와서 씻지도 못했어요", "defect", true},
        {"펜션 온수가 안 나와서 씻지도 못했어요", "app_crash", false},
        {"냄새가 안 나서 좋아요", "defect", false},
        {"호텔 방 와이파이가 자꾸 끊겨서 일을 못 했어요", "defect", true},
        {"와이파이 끊기면 앱이 멈춰요", "defect", false},
        {"The heating in our room was broken all weekend.", "defect", true},
        {"택배 아저씨가 현관에 그냥 던져놓고 갔어요", "service", true},
        {"The delivery driver threw my parcel onto the porch from the gate.", "service", true},
        {"카키로 주문했는데 베이지가 와있네요", "wrong_item", true},
        {"베이지 주문했는데 베이지로 예쁘게 잘 왔어요", "wrong_item", false},
        {"I ordered black and they sent me navy.", "wrong_item", true},
        {"수저 세트 샀는데 젓가락이 한 개 모자라요", "wrong_item", true},
        {"양념 반만 해달라고 요청했는데 입에서 불나요", "wrong_item", true},
        {"맵기가 너무 매워요", "wrong_item", false},
        {"Asked for no mayo and it was loaded with mayo.", "wrong_item", true},
        {"치마 허리가 안 잠겨서 반품해요", "size", true},
        {"This large would fit two of me.", "size", true},
        {"주문하고 2주 만에 받았네요 잊어버릴 뻔", "delivery", true},
        {"The pizza took over an hour to get here.", "delivery", true},
        {"Took an hour to be seated and the server forgot us.", "delivery", false},
        {"The app signs me out whenever I lock my phone.", "app_login", true},
        {"The app closes itself every time I open the camera.", "app_crash", true},
        {"광고가 화면을 다 가려서 닫기 버튼을 못 찾겠어요", "app_ui", true},
        {"업데이트 이후로 장바구니 탭이 사라졌어요", "app_ui", true},
        {"앱 여는 데 한참 걸려서 답답해요", "app_slow", true},
        {"번개장터에서 선입금했는데 판매자가 잠수탔어요", "moderation", true},
        {"I got banned for no reason after one post.", "moderation", true},
        {"할인한다더니 정가를 올려놓고 깎아준 거였어요", "price", true},
        {"She refused my return even though the tag was on.", "refund", true},
        {"The minibar had rotting fruit in it.", "hygiene", true},
        {"위치 권한 허용해야만 쿠폰을 받을 수 있대요", "privacy", true},
        {"탈퇴한 지 석 달인데 아직도 마케팅 문자가 와요", "privacy", true},
        {"스피커 얘기했더니 인스타 광고가 제가 말한 제품으로 도배됐어요", "privacy", true},
        {"Someone else's parcel came with my name and address printed on its label.", "privacy",
         true},
        {"The front desk gave out my room number to a caller.", "privacy", true},
        {"게스트하우스 자고 일어났더니 다리에 벌레 물린 자국이 가득해요", "safety", true},
        {"Ordered the sage green, got orange.", "wrong_item", true},
        {"기사님이 옆 건물 현관에 두고 가셔서 한참 찾았어요", "delivery", true},
        {"배송완료 문자 왔는데 현관 앞에 아무것도 없어요", "delivery", true},
        {"건조기 돌리면 경운기소리가 나요", "defect", true},
        {"무선청소기 흡입력이 산 지 몇 달 만에 눈에 띄게 약해졌어요", "defect", true},
        {"쇼핑앱 상품 목록 불러오는데 한세월이에요", "app_slow", true},
        {"Four weeks on and my deposit still hasn't been refunded.", "refund", true},
        {"They keep closing my tickets without reading them.", "service", true},
        /* fourth pass: pairs as clause frames, the two words a phrase apart */
        {"운전면허증을 밝은 데서 열 번 넘게 다시 찍어봤는데도 계속 인식 실패예요", "app_login",
         true},
        {"배달 온 국그릇 바닥에 전에 먹은 사람 것 같은 밥풀이 말라붙어 있었어요", "hygiene", true},
        {"스피커 블루투스 연결을 설명서대로 몇 번이나 다시 해봐도 도무지 안 돼요", "defect", true},
        {"Tripped on the loose rug at the inn and broke my ankle.", "safety", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* Round fourteen's one new form, an exclusion in order: -{a} > {b} drops the hits of b that come
 * after a (crying, then swollen eyes) and keeps those before it (stinging eyes, then tears). */
static void test_exclusion_in_order(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int harm;
    assert_int_equal(hugi_complaint_tax_add_category(t, "safety", true, &harm, &err), HUGI_OK);
    static const char *const cues[][2] = {
        {"cry", "울어서"}, {"cry", "눈물"}, {"hurt", "부었"}, {"hurt", "따가"}};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_cue(t, cues[i][0], cues[i][1], strlen(cues[i][1]), "c", &err),
            HUGI_OK);
    static const char *const pats[] = {"{hurt}", "-{cry} > {hurt}"};
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_pattern(t, harm, pats[i], strlen(pats[i]), "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    const struct {
        const char *text;
        uint64_t cats;
    } cases[] = {
        {"울어서 눈이 부었어요", 0},
        {"눈이 따가워서 눈물이 나요", 1u << harm},
        {"눈이 부었어요", 1u << harm},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            hugi_complaint_categorize(t, cases[i].text, strlen(cases[i].text), &m, &err), HUGI_OK);
        if (m.cats != cases[i].cats)
            fail_msg("'%s': categories %#llx, want %#llx", cases[i].text,
                     (unsigned long long)m.cats, (unsigned long long)cases[i].cats);
    }
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round twenty: the " : " predicate frame. The judgement counts right after its topic (a particle
 * and an adverb between) or right before it ("최악의 배송", "terrible shipping"), not a clause
 * away, not across a sentence's end, not negated. */
static void test_pred_frame(void **state)
{
    (void)state;
    struct hugi_err err;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    assert_non_null(t);
    int dl;
    assert_int_equal(hugi_complaint_tax_add_category(t, "delivery", false, &dl, &err), HUGI_OK);
    static const char *const cues[][2] = {
        {"topic", "배송이"}, {"topic", "배송"}, {"topic", "shipping"},
        {"judge", "엉망"},   {"judge", "최악"}, {"judge", "terrible"},
    };
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        assert_int_equal(
            hugi_complaint_tax_add_cue(t, cues[i][0], cues[i][1], strlen(cues[i][1]), "c", &err),
            HUGI_OK);
    static const char pat[] = "{topic} : {judge}";
    assert_int_equal(hugi_complaint_tax_add_pattern(t, dl, pat, strlen(pat), "p", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    const struct {
        const char *text;
        uint64_t cats;
    } cases[] = {
        {"배송이 너무 엉망이에요", 1u << dl},
        {"배송이 진짜 너무 완전 엉망이에요",
         1u << dl}, /* five syllables between: still its predicate */
        {"최악의 배송", 1u << dl},
        {"The shipping was terrible", 1u << dl},
        {"terrible shipping", 1u << dl},
        {"배송이 빨라서 좋았는데 제품은 엉망이에요", 0}, /* another clause's judgement */
        {"최악인 줄 알았는데 배송은 빨랐어요", 0},       /* a judgement before, far */
        {"배송이 엉망. 아니 좋아요", 1u << dl},
        {"배송이 좋아요. 엉망인 건 포장", 0}, /* across a sentence's end */
        {"배송이 엉망이지 않았어요", 0},      /* negated */
        {"shipping was not terrible at all", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            hugi_complaint_categorize(t, cases[i].text, strlen(cases[i].text), &m, &err), HUGI_OK);
        if (m.cats != cases[i].cats)
            fail_msg("'%s': categories %#llx, want %#llx", cases[i].text,
                     (unsigned long long)m.cats, (unsigned long long)cases[i].cats);
    }
    /* the frame survives the compiled image */
    struct hugi_buf img;
    hugi_buf_init(&img, (size_t)1 << 26);
    static const uint8_t key[32] = {1};
    assert_int_equal(hugi_complaint_tax_image_write(t, key, &img, &err), HUGI_OK);
    struct hugi_complaint_tax *u = NULL;
    assert_int_equal(hugi_complaint_tax_image_load_mem(&u, key, img.data, img.len, &err), HUGI_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            hugi_complaint_categorize(u, cases[i].text, strlen(cases[i].text), &m, &err), HUGI_OK);
        assert_int_equal(m.cats, cases[i].cats);
    }
    hugi_complaint_tax_free(u);
    hugi_buf_release(&img);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

/* Round twenty with the shipped lexicons: a category's topic noun judged by a word of the shared
 * judgement class, and a part told broken by its state; written in other words than probe20a's
 * rows, each with the look-alike it must not take (docs/complaints.md, "Round twenty"). */
static void test_round_twenty(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        {"택배가 진짜 개판이에요", "delivery", true},
        {"택배가 빨라서 좋았어요", "delivery", false},
        {"택배 받아보니 제품이 최악이에요", "delivery", false},
        {"Delivery was a total disaster.", "delivery", true},
        {"The delivery fee is a joke.", "delivery", false},
        {"포장 상태가 너무 허술하네요", "packaging", true},
        {"포장이 허술하지 않고 튼튼했어요", "packaging", false},
        {"사이즈가 좀 애매해요", "size", true},
        {"사이즈 딱 맞고 예뻐요", "size", false},
        {"Sizing is a mess, ordered my usual and nothing fits.", "size", true},
        {"반품 절차가 너무 까다롭네요", "refund", true},
        {"반품도 빨리 처리해주셨어요", "refund", false},
        {"상담원 태도가 최악이에요", "service", true},
        {"상담원분이 친절하게 알려주셨어요", "service", false},
        {"마감 처리가 너무 엉성해요", "defect", true},
        {"강의 구성이 너무 허접해요", "defect", true},
        {"강의 구성이 알차요", "defect", false},
        {"서버 상태가 엉망이에요 맨날 점검", "app_crash", true},
        {"최적화가 최악이라 폰이 뜨거워요", "app_slow", true},
        {"서랍 레버가 뻑뻑해서 안 열려요", "defect", true},
        {"의자 팔걸이가 한 달 만에 삐걱거려요", "defect", true},
        {"The drawer latch snapped off.", "defect", true},
        {"의자 팔걸이가 튼튼해요", "defect", false},
        {"전기장판 틀고 누우니 다리가 풀려요", "defect", false},
        {"조립 설명서의 나사가 하나 빠져 있었어요", "defect", false},
        {"과금 안 해도 재밌어요", "billing", false},
        {"과금 유도가 너무 심해요", "price", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

static void test_critical(void **state)
{
    (void)state;
    assert_true(has("배터리가 부풀어서 위험해요", "safety"));
    assert_true(has("소비자원에 신고하겠습니다", "legal"));
    assert_true(has("개인정보 유출 아닌가요", "privacy"));
    assert_true(has("이물질이 나왔어요", "safety"));
    assert_true(has("I will contact my lawyer", "legal"));
}

/* Round twenty-one (shipped lexicons): after-sales service and what it did wrong; a generic failure
 * beside a payment, a login or a banking act; English biometric logins; a procedure praised as
 * simple; furniture and appliance parts in a failing state and the figurative look-alike; garments
 * that show through; word families read by their sense (a card's loss report, 매크로 as a bot, a
 * payment PIN, "fit is" praised, "forever to load", food that turned up cold); a fee's rise is
 * price not billing; a transfer's error is the app's; the 품 noun family is no fit; dairy gone
 * lumpy; a seller who stopped answering. Each in other words than complaints-probe21a.tsv; 9 of the
 * 27 cases hold on main's lexicons (the look-alikes), the others fail there. */
static void test_round_twenty_one(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        {"노트북 AS 접수했는데 보름째 연락이 없어요", "service", true},
        {"The repair shop sent it back unfixed after three weeks.", "service", true},
        {"보증기간이 길어서 믿고 샀어요", "service", false},
        {"Login failed again, the code never came.", "defect", false},
        {"My transfer failed twice this morning.", "defect", false},
        {"The toaster failed after a month.", "defect", true},
        {"Face ID stopped working after the update.", "app_login", true},
        {"반품 절차가 간단하고 빨랐어요", "refund", false},
        {"책장 선반이 한쪽으로 기울었어요", "defect", true},
        {"한쪽으로 기울어진 마음이 안타까운 영화", "defect", false},
        {"The desk wobbles when I type.", "defect", true},
        {"얇아서 속이 비쳐요", "defect", true},
        {"지갑을 잃어버려서 카드 분실 신고했어요", "legal", false},
        {"지갑을 잃어버려서 카드 분실 신고했어요", "moderation", false},
        {"티켓팅 매크로 쓰는 사람들 때문에 표를 못 샀어요", "service", false},
        {"문의하면 매크로 답변만 와요", "service", true},
        {"결제 비밀번호가 자꾸 틀렸다고 나와요", "app_login", false},
        {"The fit is perfect.", "size", false},
        {"The page takes forever to load.", "service", false},
        {"Our pizza turned up cold.", "delivery", true},
        {"월정액 요금이 또 올랐네요 알림도 없이", "billing", false},
        {"월정액 요금이 또 올랐네요 알림도 없이", "price", true},
        {"송금 누르니까 오류만 나요", "billing", false},
        {"구독료 생각하면 충분히 볼 게 많아요", "price", false},
        {"상품이 설명이랑 달라요", "size", false},
        {"요거트가 덩어리져서 왔어요", "hygiene", true},
        {"The seller stopped responding after I paid.", "service", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* Round twenty-two (lexicons only): classes by form and frames whose object names the category, for
 * domains no list holds: a provider person told by the honorific 님 or a role and what the person
 * did (service); a charge told by its noun's ending (X비가, X료는, X금이) and a relation that
 * judges it (두 배, 또 올랐; price), with the words that only end like a charge (준비가); a thing
 * left with a provider and what the work did (defect) or a wait (service); money that left and
 * nothing given (billing); a sum owed back and kept (refund); a thing the user tried that did not
 * answer (defect without an app, app_crash with one); a repair asked for and not done beside a
 * fixture (defect); an act with no notice (service); a wait for someone who did not come (service);
 * durations counted with 째 by form (delivery, service); an app's wait in a minute or a few
 * (app_slow); someone entering one's place with no consent, and information about a person (by its
 * noun's form: X 번호를, X 기록을, 점수를) given to other people (privacy). Each in other words
 * than complaints-probe22a.tsv; 19 of the 42 cases fail on main's lexicons (the rest are
 * look-alikes and cases main already holds). */
static void test_round_twenty_two(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        {"피아노 원장님이 레슨 시간을 연락도 없이 또 미루셨어요", "service", true},
        {"수영 코치가 수업 내내 핸드폰만 들여다봐요", "service", true},
        {"The plumber never called back after taking a deposit.", "service", true},
        {"원장님이 아이 이름을 다 외워 주셔서 감동이에요", "service", false},
        {"설치 기사님이 미리 연락 주시고 꼼꼼하게 설치해 주셨어요", "service", false},
        {"The coach was patient and never yelled once.", "service", false},
        {"헬스장 회비가 작년의 두 배예요", "price", true},
        {"주차비가 또 올랐네요", "price", true},
        {"The rent went up again this spring.", "price", true},
        {"준비가 두 배로 빨라졌어요", "price", false},
        {"이번 달 통신 요금이 두 배로 나왔는데 쓴 적도 없는 데이터래요", "price", false},
        {"수선 맡긴 바지가 길이가 삐뚤게 잘려 왔어요", "defect", true},
        {"The curtains came back from the cleaner shrunk.", "defect", true},
        {"세탁 맡긴 코트가 새 옷처럼 돌아왔어요", "defect", false},
        {"구두 수선 맡긴 지 보름째 소식이 없어요", "service", true},
        {"자판기가 돈만 먹고 음료가 안 나와요", "billing", true},
        {"The car wash took my money and never started.", "billing", true},
        {"결제했는데 바로 쿠폰이 들어왔어요", "billing", false},
        {"계약금 돌려받기로 했는데 두 달째 소식이 없어요", "refund", true},
        {"The landlord kept my whole deposit.", "refund", true},
        {"계약금은 당일에 바로 돌려받았어요", "refund", false},
        {"엘리베이터 버튼을 눌러도 반응이 없어요", "defect", true},
        {"앱에서 예약 버튼을 눌러도 반응이 없어요", "app_crash", true},
        {"앱에서 예약 버튼을 눌러도 반응이 없어요", "defect", false},
        {"버튼을 누르자마자 반응이 와요", "defect", false},
        {"관리인한테 변기 고쳐 달라고 했는데 일주일째 그대로예요", "defect", true},
        {"The super still hasn't fixed our shower.", "defect", true},
        {"앱 버그 좀 고쳐 달라고 했는데 그대로네요", "defect", false},
        {"요가 수업이 예고도 없이 취소됐어요", "service", true},
        {"구독료가 예고도 없이 올랐어요", "service", false},
        {"픽업 차량이 40분 넘게 안 와서 추위에 떨었어요", "service", true},
        {"배달이 40분 넘게 안 와서 전화했어요", "service", false},
        {"신발 배송이 닷새째 출고 전이에요", "delivery", true},
        {"예약 앱에서 결제 화면이 1분은 걸려요", "app_slow", true},
        {"택시 앱에서 기사님이 30분이 걸려도 못 오셨어요", "app_slow", false},
        {"운동화 세탁 맡겼는데 열흘 넘도록 아직 안 끝났대요", "service", true},
        {"관리인이 동의도 없이 문을 열고 방에 들어와 있었어요", "privacy", true},
        {"The plumber let himself into the house while we were out.", "privacy", true},
        {"허락 받고 들어오셔서 수리해 주셨어요", "privacy", false},
        {"약국에서 제 처방 기록을 다른 환자한테 읽어 줬어요", "privacy", true},
        {"코치님이 회원 점수를 다른 학부모한테 다 보냈더라고요", "privacy", true},
        {"주문 번호를 알려 드렸더니 바로 찾아 주셨어요", "privacy", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

/* Round twenty-three (docs/complaints.md): complaints told as facts in domains no round wrote
 * about, reached by frames and classes by form: an arrival "only at" a date (에야/서야), an agreed
 * time and a clock time, a provider's act by its manner, not one announcement, a busy line, a
 * booking not honoured, a count received against the count expected (a counter and 밖에/만), a
 * colour said of what came, a garment part reaching a body point, a treatment undone, a lamp's or a
 * plant's failure, a charge going on after a use ended, a fake listing, data handed over then a
 * stranger's contact, a price lowered after purchase; and the precision side (a nuisance gone is
 * relief, a subscription box is goods, a cancellation's penalty and money not back after a return
 * are refund's, a booked provider is no parcel). Written in other words than
 * complaints-probe23a.tsv; 25 of the 47 cases fail on main's lexicons. */
static void test_round_twenty_three(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key;
        bool want;
    } cases[] = {
        {"헬스장에서 락커 배정을 마음대로 바꿔 놓고 통보만 하네요", "service", true},
        {"캠핑장 측에서 일정이 바뀌었는데 안내 문자 한 통 없었어요", "service", true},
        {"관리실에 몇 번을 전화해도 계속 통화 중이에요", "service", true},
        {"예약하고 갔는데 명단에 없다고 하네요", "service", true},
        {"예약하고 갔더니 바로 자리 안내해 주셨어요", "service", false},
        {"고객센터 상담원 연결되자마자 끊겨요", "app_crash", false},
        {"고객센터 상담원 연결되자마자 끊겨요", "service", true},
        {"주문한 의자가 3주가 지나서야 도착했어요", "delivery", true},
        {"택배가 금요일에야 왔어요", "delivery", true},
        {"저녁 6시에 받기로 했는데 새벽 1시에 왔어요", "delivery", true},
        {"예약한 시간에 수리 기사님이 연락도 없이 안 오셨어요", "delivery", false},
        {"예약한 시간에 수리 기사님이 연락도 없이 안 오셨어요", "service", true},
        {"구성표에는 여섯 개였는데 박스에 네 개밖에 없어요", "wrong_item", true},
        {"양말 열 켤레 주문했는데 일곱 켤레만 왔어요", "wrong_item", true},
        {"네이비 주문했는데 받아보니 검정이네요", "wrong_item", true},
        {"네이비 주문했는데 받아보니 딱 네이비네요 맘에 들어요", "wrong_item", false},
        {"소매가 손가락까지 덮어서 매번 걷어야 해요", "size", true},
        {"담요가 발을 다 덮어서 따뜻해요", "size", false},
        {"거실 조명이 켤 때마다 깜빡거려요", "defect", true},
        {"앱 화면이 깜빡거려요", "defect", false},
        {"선물한 장미가 이틀 만에 다 시들었어요", "defect", true},
        {"다시 들어가 보니 괜찮네요", "defect", false},
        {"흰개미 방역 받고 한 달 됐는데 여전히 나와요", "defect", true},
        {"방역 받고 나서 개미가 싹 사라졌어요", "hygiene", false},
        {"방역 받고 나서 개미가 싹 사라졌어요", "app_crash", false},
        {"자전거 반납한 뒤에도 요금이 계속 올라가요", "billing", true},
        {"적립금 사용했는데 결제 금액에 반영이 안 됐어요", "billing", true},
        {"반품 보낸 지 열흘인데 돈이 안 들어왔어요", "billing", false},
        {"반품 보낸 지 열흘인데 돈이 안 들어왔어요", "refund", true},
        {"구독 박스에 들어 있는 과자가 눅눅해요", "billing", false},
        {"샀는데 일주일 만에 오천 원 내렸네요", "price", true},
        {"이 가격에 이 정도면 완전 만족해요", "price", false},
        {"교재비를 따로 받는 줄 몰랐어요", "price", true},
        {"교재비를 따로 내나요?", "price", false},
        {"구인 공고 보고 면접 갔더니 허위 공고였어요", "moderation", true},
        {"번호 남겼더니 모르는 대출업체에서 문자가 와요", "privacy", true},
        {"번호 남겼더니 바로 상담 전화 주셨어요", "privacy", false},
        {"I cancelled my membership and they haven't returned the money yet.", "refund", true},
        {"I cancelled my membership and they haven't returned the money yet.", "delivery", false},
        {"공연 예매 취소했는데 위약금을 떼네요", "refund", true},
        {"공연 예매 취소했는데 위약금을 떼네요", "billing", false},
        {"It keeps rejecting my driver's license photo.", "app_login", true},
        {"전자책 앱이 넘길 때마다 멈칫해요", "app_slow", true},
        {"The reading app closes every time I open a book.", "app_crash", true},
        {"트램펄린에서 다친 곳이 아직도 부어 있어요", "safety", true},
        {"아이가 다친 거 아니라서 다행이에요", "safety", false},
        {"접시를 비닐봉지 하나에 달랑 넣어 보내서 깨져 왔어요", "packaging", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].key) != cases[i].want)
            fail_msg("'%s': %s %s", cases[i].text, cases[i].key,
                     cases[i].want ? "missed" : "fired");
}

static void test_evidence(void **state)
{
    (void)state;
    const char *t = "좋은데 배송이 안 와요";
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    struct hugi_err err;
    assert_int_equal(hugi_complaint_categorize(tax, t, strlen(t), &m, &err), HUGI_OK);
    assert_true(m.nspans >= 1);
    const struct hugi_complaint_span *sp = &m.spans[0];
    assert_string_equal(hugi_complaint_tax_key(tax, sp->cat), "delivery");
    /* the span is on the original bytes, spaces inside kept, none outside */
    assert_true(sp->end <= strlen(t));
    assert_int_equal(sp->start, strlen("좋은데 "));
    assert_memory_equal(t + sp->start, "배송이", strlen("배송이"));
    assert_true(t[sp->end - 1] != ' ');
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_complaint_evidence_json(tax, &m, t, strlen(t), &b), HUGI_OK);
    assert_non_null(strstr(b.data, "\"category\":\"delivery\""));
    hugi_buf_reset(&b);
    assert_int_equal(hugi_complaint_cats_json(tax, m.cats, &b), HUGI_OK);
    assert_string_equal(b.data, "[\"delivery\"]");
    uint64_t back;
    int unknown;
    assert_int_equal(hugi_complaint_cats_parse(tax, b.data, b.len, &back, &unknown, &err), HUGI_OK);
    assert_true(back == m.cats);
    const char *objs = "[{\"category\":\"safety\",\"start\":1},{\"category\":\"zzz\"}]";
    assert_int_equal(hugi_complaint_cats_parse(tax, objs, strlen(objs), &back, &unknown, &err),
                     HUGI_OK);
    assert_true(back == bit("safety"));
    assert_int_equal(unknown, 1);
    assert_int_not_equal(hugi_complaint_cats_parse(tax, "[\"a", 3, &back, NULL, &err), HUGI_OK);
    hugi_buf_release(&b);
    hugi_complaint_match_release(&m);
}

static void test_custom_taxonomy(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    struct hugi_err err;
    int zip;
    assert_int_equal(hugi_complaint_tax_add_category(t, "zipper", false, &zip, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_category(t, "zipper", false, NULL, &err), HUGI_E_USAGE);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, zip, "지퍼 고장", 13, "x", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, zip, "zipper*", 7, "x", &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, zip, "a", 1, "x:3", &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "x:3");
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    /* not built yet */
    assert_int_equal(hugi_complaint_categorize(t, "x", 1, &m, &err), HUGI_E_USAGE);
    assert_int_equal(hugi_complaint_tax_build(t, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_tax_add_pattern(t, zip, "zip", 3, NULL, &err), HUGI_E_USAGE);
    const char *s = "지퍼가 아니라 지퍼고장이요, zippers too";
    assert_int_equal(hugi_complaint_categorize(t, s, strlen(s), &m, &err), HUGI_OK);
    assert_true(m.cats == 1);
    assert_int_equal(m.nspans, 2);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
}

static void test_load_errors(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    assert_int_equal(hugi_complaint_tax_load(&t, "/nonexistent/dir", &err), HUGI_E_IO);
    assert_null(t);
    assert_non_null(strstr(err.where, "categories.tsv"));
}

static void test_extra_lexicons(void **state)
{
    (void)state;
    const char *extra[] = {HUGI_TEST_DATA "/complaints-lexicon/zipper.tsv",
                           HUGI_TEST_DATA "/complaints-lexicon/delivery.tsv"};
    struct hugi_complaint_tax *t = NULL;
    struct hugi_err err;
    assert_int_equal(
        hugi_complaint_tax_load_extra(&t, HUGI_SOURCE_DIR "/lexicons/complaints", extra, 2, &err),
        HUGI_OK);
    assert_int_equal(hugi_complaint_tax_count(t), hugi_complaint_tax_count(tax) + 1);
    int zip = hugi_complaint_tax_find(t, "zipper", 6);
    int del = hugi_complaint_tax_find(t, "delivery", 8);
    assert_true(zip >= 0 && del >= 0);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    const char *s1 = "지퍼가 또 고장났어요";
    assert_int_equal(hugi_complaint_categorize(t, s1, strlen(s1), &m, &err), HUGI_OK);
    assert_true(m.cats & ((uint64_t)1 << zip));
    const char *s2 = "지퍼백 포장이 좋아요";
    assert_int_equal(hugi_complaint_categorize(t, s2, strlen(s2), &m, &err), HUGI_OK);
    assert_false(m.cats & ((uint64_t)1 << zip));
    const char *s3 = "배송이 거북이네요";
    assert_int_equal(hugi_complaint_categorize(t, s3, strlen(s3), &m, &err), HUGI_OK);
    assert_true(m.cats & ((uint64_t)1 << del));
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(t);
    const char *bad[] = {"/nonexistent/zipper.tsv"};
    assert_int_equal(
        hugi_complaint_tax_load_extra(&t, HUGI_SOURCE_DIR "/lexicons/complaints", bad, 1, &err),
        HUGI_E_IO);
    assert_null(t);
}

static void test_invalid_bytes(void **state)
{
    (void)state;
    const char bad[] = "\xff\xfe 배송이 \xc3 안 와요 \xed\xa0\x80";
    assert_true(has(bad, "delivery"));
    assert_int_equal(cats_of(""), 0);
}

/* 않 before a verb is a misspelt 안 (the complaint), not the -지 않다 negation. */
static void test_misspelt_an(void **state)
{
    (void)state;
    assert_true(has("로그인이 않돼요", "app_login"));
    assert_false(has("로그인이 않돼요", "app_crash"));
    assert_true(has("환불이 않되네요", "refund"));
    assert_false(has("불량 않이에요", "defect"));
    assert_false(has("배송 늦지 않았어요", "delivery"));
    assert_true(has("작동하지 않아요", "defect"));
    assert_true(has("배송이 않와요", "delivery"));
    assert_true(has("고객센터는 연락이 않되고", "service"));
}

/* A replacement character (bytes that were not UTF-8) is dropped from the joined view between
 * Korean words, but stays a word break between ASCII words. */
static void test_invalid_bytes_joined(void **state)
{
    (void)state;
    assert_true(has("주문한 음식이 \xc3 안 와요", "delivery"));
    assert_true(has("음식이\xff\xfe안와요", "delivery"));
    assert_true(has("it \xff broke after a week", "defect"));
    assert_true(has("it\xff"
                    "broke",
                    "defect"));
    assert_false(has("not \xff broken", "defect"));
}

/* ---- severity ------------------------------------------------------------------------------ */

static void test_severity(void **state)
{
    (void)state;
    struct hugi_complaint_sev_cfg c;
    hugi_complaint_sev_cfg_init(&c);
    int64_t now = 1700000000;
    struct hugi_complaint_sev_in in = {NAN, NAN, 0, -1, -1, now, now};
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_NONE);
    in.cats = bit("delivery"); /* nothing known but the category: a low complaint... */
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_MEDIUM);
    in.score = 0.6; /* ...unless the text is happy */
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_NONE);
    in.cats = bit("safety"); /* critical whatever the score */
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_CRITICAL);
    in.cats = 0;
    in.score = -0.2;
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_LOW);
    in.score = -0.8;
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_MEDIUM);
    in.cats = bit("refund");
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_HIGH);
    /* reach raises, age lowers */
    in.score = -0.2;
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_MEDIUM);
    in.likes = 7;
    in.replies = 3;
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_HIGH);
    in.date = now - 90 * 86400;
    assert_int_equal(hugi_complaint_severity(tax, &c, &in), HUGI_SEV_MEDIUM);
    /* a rating alone */
    struct hugi_complaint_sev_in r = {NAN, 1, 0, -1, -1, HUGI_NO_TIME, now};
    assert_int_equal(hugi_complaint_severity(tax, &c, &r), HUGI_SEV_MEDIUM);
    r.rating = 4;
    assert_int_equal(hugi_complaint_severity(tax, &c, &r), HUGI_SEV_NONE);
    /* thresholds are configurable */
    c.neg_rating = 4;
    assert_int_equal(hugi_complaint_severity(tax, &c, &r), HUGI_SEV_LOW);
    assert_string_equal(hugi_complaint_severity_name(HUGI_SEV_CRITICAL), "critical");
    assert_string_equal(hugi_complaint_severity_name(HUGI_SEV_NONE), "none");
}

/* ---- aggregation: synthetic timelines -------------------------------------------------------- */

#define DAY  86400
#define T0   1767225600 /* 2026-01-01T00:00:00Z */
#define MAXR 4000

struct timeline {
    struct hugi_complaint_rec r[MAXR];
    char ids[MAXR][16];
    size_t n;
};

static void add(struct timeline *tl, int64_t date, bool neg, uint64_t cats, const char *text)
{
    assert_true(tl->n < MAXR);
    struct hugi_complaint_rec *r = &tl->r[tl->n];
    snprintf(tl->ids[tl->n], sizeof tl->ids[0], "r%zu", tl->n);
    r->id = tl->ids[tl->n];
    r->key = (int64_t)tl->n + 1;
    r->date = date;
    r->negative = neg;
    r->cats = cats;
    r->score = neg ? -0.6 : 0.6;
    r->likes = (long)(tl->n % 5);
    r->text = text;
    r->text_len = strlen(text);
    tl->n++;
}

/* days [0, ndays): per day `total` reviews, of which counts[d] negative delivery complaints */
static struct timeline *make(int ndays, int total, const int *counts)
{
    struct timeline *tl = calloc(1, sizeof *tl);
    assert_non_null(tl);
    for (int d = 0; d < ndays; d++) {
        for (int k = 0; k < total; k++) {
            bool neg = k < counts[d];
            add(tl, T0 + (int64_t)d * DAY + 3600 + k * 60, neg, neg ? bit("delivery") : 0,
                neg ? "배송이 안 와요" : "좋아요 잘 쓰고 있어요");
        }
    }
    return tl;
}

static const struct hugi_complaint_group *find(const struct hugi_complaint_groups *g,
                                               enum hugi_complaint_kind kind, const char *key)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].kind == kind && (!key || strcmp(g->v[i].key, key) == 0))
            return &g->v[i];
    return NULL;
}

static void run(struct timeline *tl, int ndays, struct hugi_complaint_groups *g,
                const struct hugi_complaint_prior *prior, size_t nprior)
{
    struct hugi_complaint_agg_cfg c;
    hugi_complaint_agg_cfg_init(&c);
    c.now = T0 + (int64_t)ndays * DAY;
    struct hugi_err err;
    hugi_complaint_groups_init(g);
    assert_int_equal(hugi_complaint_aggregate(tax, &c, "P1", tl->r, tl->n, prior, nprior, g, &err),
                     HUGI_OK);
}

static void test_steady(void **state)
{
    (void)state;
    int counts[21];
    for (int i = 0; i < 21; i++)
        counts[i] = 2 + (i % 2); /* 2-3 complaints a day out of 20 */
    struct timeline *tl = make(21, 20, counts);
    struct hugi_complaint_groups g;
    run(tl, 21, &g, NULL, 0);
    assert_null(find(&g, HUGI_GROUP_SPIKE, NULL));
    /* 17 complaints of 140 reviews in the week: recurring (share 12% > 10%) */
    const struct hugi_complaint_group *r = find(&g, HUGI_GROUP_RECURRING, "recurring|P1|delivery");
    assert_non_null(r);
    assert_int_equal(r->count, 17);
    assert_int_equal(r->total, 140);
    assert_int_equal(r->nmembers, 17);
    assert_true(r->nexamples >= 1 && r->nexamples <= 3);
    assert_true(r->fresh);
    hugi_complaint_groups_release(&g);
    free(tl);
}

static void test_real_spike(void **state)
{
    (void)state;
    int counts[21] = {0};
    for (int i = 0; i < 20; i++)
        counts[i] = (i % 4 == 0); /* one every four days */
    counts[20] = 8;
    struct timeline *tl = make(21, 20, counts);
    struct hugi_complaint_groups g;
    run(tl, 21, &g, NULL, 0);
    const struct hugi_complaint_group *s = find(&g, HUGI_GROUP_SPIKE, "spike|P1|delivery");
    assert_non_null(s);
    assert_int_equal(s->count, 8);
    assert_true(s->stat < 0.001);
    assert_true(s->baseline < 0.5);
    assert_int_equal(s->nmembers, 8);
    assert_non_null(find(&g, HUGI_GROUP_SPIKE, "spike|P1|*")); /* all negatives spike too */
    /* cool-down: the same spike raised an hour ago is not fresh */
    struct hugi_complaint_prior prior = {"spike|P1|delivery", T0 + 21 * DAY + 3600};
    struct hugi_complaint_groups g2;
    run(tl, 21, &g2, &prior, 1);
    const struct hugi_complaint_group *s2 = find(&g2, HUGI_GROUP_SPIKE, "spike|P1|delivery");
    assert_non_null(s2);
    assert_false(s2->fresh);
    assert_true(find(&g2, HUGI_GROUP_SPIKE, "spike|P1|*")->fresh);
    /* an expired cool-down raises again */
    prior.cooldown_until = T0 + 20 * DAY;
    struct hugi_complaint_groups g3;
    run(tl, 21, &g3, &prior, 1);
    assert_true(find(&g3, HUGI_GROUP_SPIKE, "spike|P1|delivery")->fresh);
    hugi_complaint_groups_release(&g);
    hugi_complaint_groups_release(&g2);
    hugi_complaint_groups_release(&g3);
    free(tl);
}

static void test_hourly_spike(void **state)
{
    (void)state;
    /* a fast source: one complaint every few hours for two weeks, then 6 in the last hour */
    struct timeline *tl = calloc(1, sizeof *tl);
    assert_non_null(tl);
    for (int h = 0; h < 14 * 24; h++)
        add(tl, T0 + (int64_t)h * 3600 + 60, h % 5 == 0, h % 5 == 0 ? bit("app_crash") : 0,
            h % 5 == 0 ? "앱이 튕겨요" : "좋아요");
    for (int k = 0; k < 6; k++)
        add(tl, T0 + 14 * DAY + k * 300, true, bit("app_crash"), "앱이 또 튕겨요");
    struct hugi_complaint_agg_cfg c;
    hugi_complaint_agg_cfg_init(&c);
    c.now = T0 + 14 * DAY + 3600;
    c.bucket = 3600;
    c.baseline_buckets = 14 * 24;
    struct hugi_complaint_groups g;
    struct hugi_err err;
    hugi_complaint_groups_init(&g);
    assert_int_equal(hugi_complaint_aggregate(tax, &c, "P1", tl->r, tl->n, NULL, 0, &g, &err),
                     HUGI_OK);
    const struct hugi_complaint_group *s = find(&g, HUGI_GROUP_SPIKE, "spike|P1|app_crash");
    assert_non_null(s);
    assert_int_equal(s->count, 6);
    assert_int_equal(s->window_end - s->window_start, 3600);
    hugi_complaint_groups_release(&g);
    /* the same data in day buckets: the last day holds only the 6, like the days before */
    c.bucket = 86400;
    c.baseline_buckets = 14;
    c.now = T0 + 15 * DAY;
    hugi_complaint_groups_init(&g);
    assert_int_equal(hugi_complaint_aggregate(tax, &c, "P1", tl->r, tl->n, NULL, 0, &g, &err),
                     HUGI_OK);
    assert_null(find(&g, HUGI_GROUP_SPIKE, "spike|P1|app_crash"));
    hugi_complaint_groups_release(&g);
    free(tl);
}

static void test_slow_rise(void **state)
{
    (void)state;
    int counts[21];
    for (int i = 0; i < 21; i++)
        counts[i] = i / 4; /* 0 0 0 0 1 1 1 1 2 ... 5 */
    struct timeline *tl = make(21, 30, counts);
    struct hugi_complaint_groups g;
    run(tl, 21, &g, NULL, 0);
    /* no day stands out against its own baseline, but the category keeps coming back */
    assert_null(find(&g, HUGI_GROUP_SPIKE, "spike|P1|delivery"));
    const struct hugi_complaint_group *r = find(&g, HUGI_GROUP_RECURRING, "recurring|P1|delivery");
    assert_non_null(r);
    assert_true(r->count > r->prev_count); /* trend up */
    hugi_complaint_groups_release(&g);
    free(tl);
}

static void test_single_outlier(void **state)
{
    (void)state;
    int counts[21] = {0};
    counts[20] = 1; /* one angry review on a quiet product */
    struct timeline *tl = make(21, 10, counts);
    struct hugi_complaint_groups g;
    run(tl, 21, &g, NULL, 0);
    assert_int_equal(g.n, 0);
    hugi_complaint_groups_release(&g);
    free(tl);
}

static void test_new_product(void **state)
{
    (void)state;
    int counts[2] = {4, 5}; /* a product launched yesterday with many complaints */
    struct timeline *tl = make(2, 10, counts);
    struct hugi_complaint_groups g;
    run(tl, 2, &g, NULL, 0);
    assert_null(find(&g, HUGI_GROUP_SPIKE, NULL)); /* no baseline to spike against */
    assert_null(find(&g, HUGI_GROUP_EMERGING, NULL));
    assert_non_null(find(&g, HUGI_GROUP_RECURRING, "recurring|P1|delivery"));
    hugi_complaint_groups_release(&g);
    free(tl);
}

static void test_empty(void **state)
{
    (void)state;
    struct hugi_complaint_groups g;
    struct hugi_complaint_agg_cfg c;
    hugi_complaint_agg_cfg_init(&c);
    struct hugi_err err;
    hugi_complaint_groups_init(&g);
    assert_int_equal(hugi_complaint_aggregate(tax, &c, "P", NULL, 0, NULL, 0, &g, &err), HUGI_OK);
    assert_int_equal(g.n, 0);
    hugi_complaint_groups_release(&g);
}

static void test_poisson(void **state)
{
    (void)state;
    assert_true(fabs(hugi_complaint_poisson_sf(0, 3.0) - 1.0) < 1e-12);
    /* P(X >= 1 | 2) = 1 - e^-2 */
    assert_true(fabs(hugi_complaint_poisson_sf(1, 2.0) - (1 - exp(-2.0))) < 1e-12);
    /* P(X >= 10 | 1) ~ 1.11e-7 */
    double p = hugi_complaint_poisson_sf(10, 1.0);
    assert_true(p > 1.0e-7 && p < 1.2e-7);
    assert_true(hugi_complaint_poisson_sf(5, 0.0) == 0.0);
    assert_true(hugi_complaint_poisson_sf(100000, 10.0) < 1e-300 + 1e-300);
}

/* ---- emerging phrases and keys --------------------------------------------------------------- */

static const char *const history[] = {
    "배송 빠르고 좋아요", "가성비 좋은 보조배터리", "충전 잘 됩니다",
    "디자인 예뻐요",      "배터리 용량 넉넉해요",   "좋아요 재구매 의사 있어요",
    "무난합니다",         "선물용으로 샀어요",      "Great power bank, charges fast",
    "works as described"};

static void test_emerging(void **state)
{
    (void)state;
    struct timeline *tl = calloc(1, sizeof *tl);
    assert_non_null(tl);
    for (int d = 0; d < 60; d++)
        for (int k = 0; k < 5; k++)
            add(tl, T0 + (int64_t)d * DAY + k * 600, false, 0, history[(d * 5 + k) % 10]);
    /* this week: a problem no category names */
    const char *now[] = {"배터리 부풀어 올랐어요 무서워요",   "한달만에 배터리 부풀음",
                         "배터리 부풀어서 케이스가 벌어짐",   "배터리가 부풀어요",
                         "smells like burning when charging", "it smells like burning plastic",
                         "Smells like burning, returned it"};
    for (int i = 0; i < 7; i++)
        add(tl, T0 + 60 * DAY + (int64_t)i * 3600, true, 0, now[i]);
    struct hugi_complaint_groups g;
    run(tl, 61, &g, NULL, 0);
    bool ko = false, en = false;
    for (size_t i = 0; i < g.n; i++) {
        if (g.v[i].kind != HUGI_GROUP_EMERGING)
            continue;
        if (strstr(g.v[i].phrase, "부풀"))
            ko = true;
        if (strstr(g.v[i].phrase, "smells like burning") || strstr(g.v[i].phrase, "burning"))
            en = true;
        assert_true(strncmp(g.v[i].key, "emerging|P1|", 12) == 0);
        assert_true(g.v[i].count >= 3);
        assert_true(g.v[i].stat >= 2.0);
    }
    assert_true(ko);
    assert_true(en);
    hugi_complaint_groups_release(&g);
    free(tl);
}

static void test_key_stability(void **state)
{
    (void)state;
    int counts[21];
    for (int i = 0; i < 21; i++)
        counts[i] = i == 20 ? 9 : 1;
    struct timeline *a = make(21, 20, counts);
    /* the same records in reverse order give the same groups, keys and members */
    struct timeline *b = calloc(1, sizeof *b);
    assert_non_null(b);
    for (size_t i = 0; i < a->n; i++) {
        const struct hugi_complaint_rec *r = &a->r[a->n - 1 - i];
        add(b, r->date, r->negative, r->cats, r->text);
    }
    struct hugi_complaint_groups ga, gb;
    run(a, 21, &ga, NULL, 0);
    run(b, 21, &gb, NULL, 0);
    assert_int_equal(ga.n, gb.n);
    assert_true(ga.n >= 2);
    for (size_t i = 0; i < ga.n; i++) {
        assert_string_equal(ga.v[i].key, gb.v[i].key);
        assert_int_equal(ga.v[i].count, gb.v[i].count);
        assert_int_equal(ga.v[i].nmembers, gb.v[i].nmembers);
        for (size_t k = 0; k < ga.v[i].nmembers; k++)
            assert_int_equal(a->r[ga.v[i].members[k]].date, b->r[gb.v[i].members[k]].date);
    }
    hugi_complaint_groups_release(&ga);
    hugi_complaint_groups_release(&gb);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taxonomy),
        cmocka_unit_test(test_korean_in_word_and_spacing),
        cmocka_unit_test(test_korean_negation),
        cmocka_unit_test(test_subject_decides_category),
        cmocka_unit_test(test_exclusions_and_cross_space),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_shopping_examples),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rule_exclusions_and_order),
        cmocka_unit_test(test_shopping_traps),
        cmocka_unit_test(test_critical),
        cmocka_unit_test(test_critical_checklist),
        cmocka_unit_test(test_round_five),
        cmocka_unit_test(test_rule_literal_cross_space),
        cmocka_unit_test(test_round_eight_domains),
        cmocka_unit_test(test_round_twelve_mechanisms),
        cmocka_unit_test(test_round_twelve),
        cmocka_unit_test(test_round_thirteen_mechanisms),
        cmocka_unit_test(test_round_thirteen),
        cmocka_unit_test(test_round_thirteen_drop_order),
        cmocka_unit_test(test_round_thirteen_critical_later),
        cmocka_unit_test(test_round_fourteen),
        cmocka_unit_test(test_round_fifteen),
        cmocka_unit_test(test_generic_gap),
        cmocka_unit_test(test_cue_name_nul),
        cmocka_unit_test(test_exclusion_in_order),
        cmocka_unit_test(test_clause_frame),
        cmocka_unit_test(test_implied),
        cmocka_unit_test(test_worry_past_critical),
        cmocka_unit_test(test_round_sixteen),
        cmocka_unit_test(test_round_eighteen),
        cmocka_unit_test(test_round_nineteen),
        cmocka_unit_test(test_pred_frame),
        cmocka_unit_test(test_round_twenty),
        cmocka_unit_test(test_round_twenty_one),
        cmocka_unit_test(test_round_twenty_two),
        cmocka_unit_test(test_round_twenty_three),
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_custom_taxonomy),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_extra_lexicons),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_invalid_bytes_joined),
        cmocka_unit_test(test_misspelt_an),
        cmocka_unit_test(test_severity),
        cmocka_unit_test(test_steady),
        cmocka_unit_test(test_real_spike),
        cmocka_unit_test(test_hourly_spike),
        cmocka_unit_test(test_slow_rise),
        cmocka_unit_test(test_single_outlier),
        cmocka_unit_test(test_new_product),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_poisson),
        cmocka_unit_test(test_emerging),
        cmocka_unit_test(test_key_stability),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
