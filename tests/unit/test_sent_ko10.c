/* SPDX-License-Identifier: MIT
 * Session ten's Korean rules (ko10; bench/README.md "Session ten: Korean (ko10)"), one test a
 * rule: the negation reach of textmatch.c (a modifier's own noun before 없/아니, 일/적 as
 * dependent nouns, 절대/결코/아예 as degree adverbs) and the ko-seed.tsv families of the block
 * "session ten (ko10)", and session eleven's glued degree adverb (ko11), scored with the
 * hand-written rule lexicons only, so that no learned weight can hide a broken rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "hugi/sent.h"
#include "hugi/textmatch.h"

static struct hugi_sent *rules_model;

static int setup(void **state)
{
    (void)state;
    rules_model = hugi_sent_new();
    struct hugi_err err;
    static const char *const files[] = {"en-rules.tsv", "en-base.tsv", "ko-rules.tsv",
                                        "ko-seed.tsv", "emoji.tsv"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/lexicons/%s", HUGI_SOURCE_DIR, files[i]);
        if (hugi_sent_load_file(rules_model, path, &err) != HUGI_OK)
            fail_msg("%s (%s)", err.msg, err.where);
    }
    assert_int_equal(hugi_sent_build(rules_model, &err), HUGI_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hugi_sent_free(rules_model);
    return 0;
}

static double rs(const char *text)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    struct hugi_err err;
    assert_int_equal(hugi_sent_score(rules_model, text, strlen(text), &r, &err), HUGI_OK);
    double s = r.score;
    hugi_sent_result_release(&r);
    return s;
}

/* hugi_tm_negated() of the first `term` in `text`, with the scorer's reach (ko_wide) or not */
static enum hugi_tm_neg neg_of(const char *text, const char *term, bool ko_wide)
{
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    t.ko_wide = ko_wide;
    assert_int_equal(hugi_tm_normalize(&t, text, strlen(text), NULL), HUGI_OK);
    const char *p = strstr(t.s, term);
    assert_non_null(p);
    uint32_t a = (uint32_t)(p - t.s);
    enum hugi_tm_neg r = hugi_tm_negated(&t, a, a + (uint32_t)strlen(term), NULL, NULL);
    hugi_tm_text_release(&t);
    return r;
}

/* a modifier's own noun between it and 없/아니: the modified noun is denied, so the modifier is */
static void test_ko_modified_noun(void **state)
{
    (void)state;
    assert_int_equal(neg_of("볼만한 콘텐츠는 없어요", "볼만", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("친절한 직원이 없어요", "친절", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("좋은 제품은 아니에요", "좋", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("예쁜 편은 아니에요", "예쁜", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("불친절한 직원이 하나도 없어요", "불친절", true), HUGI_TM_NEG_AFTER);
    /* not a modifier (a noun ending in ㄹ/ㄴ), not a particle, nor a longer rest */
    assert_int_equal(neg_of("연결 끊김도 없어요", "연결", true), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("좋은 가격에 없어요", "좋", true), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("좋은데 직원이 없어요", "좋", true), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("친절한 직원이 많아요", "친절", true), HUGI_TM_NEG_NONE);
    /* the complaint stage's reach (no ko_wide) is unchanged */
    assert_int_equal(neg_of("친절한 직원이 없어요", "친절", false), HUGI_TM_NEG_NONE);
    /* scored: praise denied is a complaint, a complaint denied is praise */
    assert_true(rs("친절한 직원이 없어요") < 0);
    assert_true(rs("좋은 제품은 아니에요") < 0);
    assert_true(rs("불친절한 직원이 하나도 없어요") > 0);
}

/* 일/적 as dependent nouns (불편할 일이 없었어요, 고장난 적이 없), 절대/결코/아예 as degree adverbs
 * of the negation reach (재구매는 절대 없습니다) */
static void test_ko_dep_noun_degree(void **state)
{
    (void)state;
    assert_int_equal(neg_of("불편할 일이 없었어요", "불편", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("불편한 적이 없어요", "불편", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("재구매는 절대 없습니다", "재구매", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("재구매는 결코 없을 거예요", "재구매", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("불편할 일이 많아요", "불편", true), HUGI_TM_NEG_NONE);
    assert_true(rs("불편할 일이 없었어요") > 0);
}

/* a noun that went away or lessened (사라지/줄어 after it) is denied as by 없, also past a degree
 * adverb of how much went (싹, 많이, 다, 금방) or "not a single one" (상처 하나 없어요) */
static void test_ko_gone(void **state)
{
    (void)state;
    assert_int_equal(neg_of("각질이 싹 사라졌어요", "각질", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("소음이 많이 줄었어요", "소음", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("재미가 사라졌어요", "재미", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("친절함이 사라졌어요", "친절", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("냄새가 금방 사라져요", "냄새", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("상처 하나 없어요", "상처", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("냄새가 다 없어졌어요", "냄새", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("소음이 많이 나요", "소음", true), HUGI_TM_NEG_NONE);
    assert_int_equal(neg_of("재미가 사라졌어요", "재미", false), HUGI_TM_NEG_NONE);
    assert_true(rs("소음이 많이 줄었어요") > 0);
    assert_true(rs("냄새가 금방 사라져요") > 0);
    assert_true(rs("친절함이 사라졌어요") < 0);
    assert_true(rs("소음 적고 조용해요") > 0);
}

/* every entry of textmatch.c's lists behind the third-byte filters (lit_may) is still
 * reached: a degree adverb, a dependent noun, "little of it", 안 나 and the verbs of going away,
 * each in a frame of its own */
static void test_ko_list_masks(void **state)
{
    (void)state;
    static const char *const degree[] = {
        "거의", "전혀",   "하나도", "1도",  "일도", "별로", "그다지", "딱히", "싹", "절대",
        "결코", "절대로", "아예",   "하나", "많이", "다",   "좀",     "확",   "꽤", "금방"};
    static const char *const dep[] = {"점이",   "점은", "점도", "점",   "부분이", "부분은",
                                      "부분도", "부분", "곳이", "곳은", "곳도",   "데가",
                                      "데는",   "건",   "게",   "거",   "것이",   "것은",
                                      "것도",   "일이", "일은", "일도", "적이",   "적도"};
    static const char *const little[] = {"적고", "적은", "적음",   "적네",   "적다",
                                         "적었", "적습", "적어요", "적어서", "적어 봐요"};
    static const char *const gone[] = {"사라지네요", "사라졌어요", "사라져요",
                                       "사라짐",     "줄었어요",   "줄어들었어요"};
    char buf[128];
    for (size_t i = 0; i < sizeof(degree) / sizeof(degree[0]); i++) {
        snprintf(buf, sizeof(buf), "냄새 %s 없어요", degree[i]);
        assert_int_equal(neg_of(buf, "냄새", true), HUGI_TM_NEG_AFTER);
    }
    for (size_t i = 0; i < sizeof(dep) / sizeof(dep[0]); i++) {
        snprintf(buf, sizeof(buf), "불편한 %s 없어요", dep[i]);
        assert_int_equal(neg_of(buf, "불편", true), HUGI_TM_NEG_AFTER);
    }
    for (size_t i = 0; i < sizeof(little) / sizeof(little[0]); i++) {
        snprintf(buf, sizeof(buf), "소음 %s", little[i]);
        assert_int_equal(neg_of(buf, "소음", true), HUGI_TM_NEG_AFTER);
    }
    for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
        snprintf(buf, sizeof(buf), "냄새가 %s", gone[i]);
        assert_int_equal(neg_of(buf, "냄새", true), HUGI_TM_NEG_AFTER);
    }
    assert_int_equal(neg_of("냄새 안 나요", "냄새", true), HUGI_TM_NEG_AFTER);
    assert_int_equal(neg_of("냄새 안나요", "냄새", true), HUGI_TM_NEG_AFTER);
}

/* how soon a thing broke: [a span]만에 + a verb of breaking; arrival after a day is praise */
static void test_ko_broke_soon(void **state)
{
    (void)state;
    assert_true(rs("이틀만에 부러졌어요") < 0);
    assert_true(rs("일주일 만에 터졌어요") < 0);
    assert_true(rs("한달만에 들떠요") < 0);
    assert_true(rs("금방 터져요") < 0);
    assert_true(rs("하루만에 도착했어요") > 0);
}

/* a better choice elsewhere, in the conditional; a regret for a change */
static void test_ko_better_elsewhere(void **state)
{
    (void)state;
    assert_true(rs("이 가격이면 모텔이 낫겠네요") < 0);
    assert_true(rs("무료강의가 더 나을 듯") < 0);
    assert_true(rs("예전 게 낫네요") < 0);
    assert_true(rs("괜히 바꿨어요") < 0);
}

/* words whose sense the frame decides: 밤샜 is no leak, 급이 달라 no "not as shown", 필요 없는 X
 * is pushed on you while 말이 필요 없 is praise, 찾기 어렵 denies what is hard to find */
static void test_ko_frames(void **state)
{
    (void)state;
    assert_true(rs("재밌어서 밤샜어요") > 0);
    assert_true(rs("물이 샜어요") < 0);
    assert_true(rs("퀄리티가 달라요") > 0);
    assert_true(rs("색상이 달라요") < 0);
    assert_true(rs("필요 없는 검사를 권하네요") < 0);
    assert_true(rs("말이 필요 없는 맛") > 0);
    assert_true(rs("좋은 점을 찾기가 어렵네요") < 0);
    assert_true(rs("단점을 찾기 힘들어요") > 0);
    assert_true(rs("안 좋은 점을 찾기가 어렵네요") > 0);
    assert_true(rs("없는 게 없는 숙소") > 0);
    assert_true(rs("버그를 바로 고쳐주셨어요") > 0);
    assert_true(rs("고쳐 주세요") < 0);
    assert_true(rs("강사님 말이 너무 빨라요") < 0);
    assert_true(rs("상태 최상이에요 새거 수준") > 0);
}

/* ko11: a degree adverb glued to its negator (트러블 하나도없어요) denies the complaint noun as
 * the spaced form does: praise, scored with the rule lexicons only */
static void test_ko11_glued_degree(void **state)
{
    (void)state;
    assert_true(rs("트러블 하나도 없어요") > 0);
    assert_true(rs("트러블 하나도없어요") > 0);
    assert_true(rs("트러블하나도없어요") > 0);
    assert_true(rs("냄새가 전혀없어요") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ko_modified_noun), cmocka_unit_test(test_ko_dep_noun_degree),
        cmocka_unit_test(test_ko_broke_soon),    cmocka_unit_test(test_ko_better_elsewhere),
        cmocka_unit_test(test_ko_frames),        cmocka_unit_test(test_ko_gone),
        cmocka_unit_test(test_ko_list_masks),    cmocka_unit_test(test_ko11_glued_degree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
