/* SPDX-License-Identifier: MIT
 * Session twelve's Korean rules (ko12; bench/README.md "Session twelve: Korean (ko12)"), one test
 * a rule, found on the real app reviews: a star taken away or withheld in the words app and shop
 * reviews use (별 하나가 빠진 이유, 별 하나 뺏습니다, 별 하나는 안 눌렀어요, 별 한 개 더 드립니다)
 * is no stated rating; a wish (…면 좋겠어요) weighs nothing; ongoing use told in the present with
 * a word of ease is praise, told in the past (잘 쓰고 있었는데) it is not. Scored with the
 * hand-written rule lexicons only (and the shipped defaults for the stated ratings, as
 * test_sent.c does), so that no learned weight can hide a broken rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "sent_models.h"

/* the rule lexicons' weight of the evidence item whose text is `span` (0 when none) */
static double rule_item(const char *text, const char *span)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    (void)score_with(rules_model, text, &r);
    double w = 0;
    const char *at = strstr(text, span);
    for (size_t i = 0; at && i < r.nev; i++)
        if (r.ev[i].start == (uint32_t)(at - text) && r.ev[i].end == r.ev[i].start + strlen(span))
            w = r.ev[i].weight;
    hugi_sent_result_release(&r);
    return w;
}

static double rules_score(const char *text)
{
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    double s = score_with(rules_model, text, &r);
    hugi_sent_result_release(&r);
    return s;
}

static void test_ko12_star_withheld(void **state)
{
    (void)state;
    /* a star that went missing, was taken, not pressed, or added: not the writer's rating */
    assert_true(isnan(stated_weight("별한개가 빠진 이유는 배송 때문이에요", "별한개")));
    assert_true(isnan(stated_weight("별 하나 빠졌어요 배송이 늦어서", "별 하나")));
    assert_true(isnan(stated_weight("튕기는 문제 때문에 별하나 뺏습니다", "별하나")));
    assert_true(isnan(stated_weight("렉 때문에 별하나는 안눌렀어요", "별하나")));
    assert_true(isnan(stated_weight("일단 해보고 별 한개 더 드립니다", "별 한개")));
    assert_true(isnan(stated_weight("1점 덜 드려요 포장이 아쉬워서", "1점")));
    /* a rating that was, before what changed */
    assert_true(
        isnan(stated_weight("원래 별 다섯개였는데 이번 업데이트로 하나 드립니다", "별 다섯개")));
    assert_true(isnan(stated_weight("첨에 진짜 별5개였는데 이젠 아니에요", "별5개")));
    /* a score others gave or a site shows */
    assert_true(isnan(stated_weight("쓰레기같은게 9점이나 되네", "9점")));
    assert_true(isnan(stated_weight("이게 10점이라니 장난하냐", "10점")));
    assert_true(isnan(stated_weight("평점 10점 준애들 다 알바", "10점")));
    assert_true(isnan(stated_weight("1점 준 인간들이 있어서 올립니다", "1점")));
    assert_true(isnan(stated_weight("다운받아서 보면 10점을 안 주실 듯", "10점")));
    assert_true(stated_weight("불쌍해서 1점 준다", "1점") < -9);
    /* the ratings the writer gives are still read */
    assert_true(stated_weight("별 하나도 아까워요", "별 하나") < -9);
    assert_true(stated_weight("별 하나 드립니다 최악", "별 하나") < -9);
    assert_true(stated_weight("별 다섯 개 드립니다", "별 다섯 개") > 9);
    assert_true(stated_weight("1점이 아깝네요", "1점") < -9);
}

static void test_ko12_wish(void **state)
{
    (void)state;
    /* a wish names what is missing and weighs nothing, and its 좋 is no praise */
    assert_true(fabs(rules_score("색상이 더 다양했으면 좋겠어요")) < 0.02);
    assert_true(fabs(rule_item("색상이 더 다양했으면 좋겠어요", "면 좋겠")) < 1e-9);
    assert_true(rules_score("잘 쓰고 있어요 다크모드도 있으면 좋겠어요") > 0.3);
    /* a wish against something asks that it stop: a complaint */
    assert_true(rules_score("더이상 만들지 않았으면 좋겠다..") < -0.3);
    assert_true(rules_score("광고 좀 안 했으면 좋겠어요") < -0.3);
}

static void test_ko12_ongoing_use(void **state)
{
    (void)state;
    /* present: the verdict, at more than the 잘 쓰고 it holds */
    assert_true(rule_item("잘 쓰고 있어요", "잘 쓰고 있") > 5);
    assert_true(rule_item("잘쓰고있습니다", "잘쓰고있") > 5);
    assert_true(rule_item("유용하게 잘 사용하고 있습니다", "유용하게 잘 사용하고 있") > 5);
    assert_true(rules_score("잘 쓰고 있어요 가끔 느려요") > 0);
    /* past: what changed, not praise */
    assert_true(rule_item("잘 쓰고 있었는데 고장났어요", "잘 쓰고 있었") < 0);
    assert_true(rule_item("잘 쓰고 있었는데 고장났어요", "잘 쓰고 있") == 0);
    assert_true(rules_score("잘 쓰고 있었는데 업데이트 후 안 돼요") < 0);
    assert_true(rules_score("잘 쓰다가 갑자기 안 켜져요") < 0);
}

/* the app and shop families of the block: charged twice, data lost, nothing as good (이만한
 * before 없 is not a denied modifier), can't do without, no hindrance */
static void test_ko12_app_families(void **state)
{
    (void)state;
    assert_true(rules_score("두 번 결제됐어요 취소 어떻게 하나요") < 0);
    assert_true(rules_score("배송비를 왜 두 번 받나요") < 0);
    assert_true(rules_score("저장한 메모가 다 날아갔어요") < 0);
    assert_true(rules_score("가끔 튕기긴 해도 이만한 앱이 없어요") > 0);
    assert_true(rules_score("이거 없으면 일을 못해요") > 0);
    assert_true(rules_score("자잘한 버그가 있긴 한데 쓰는데 지장 없어요") > 0);
    assert_true(rules_score("볼만한 게 없어요") < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ko12_star_withheld),
        cmocka_unit_test(test_ko12_wish),
        cmocka_unit_test(test_ko12_ongoing_use),
        cmocka_unit_test(test_ko12_app_families),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
