/* SPDX-License-Identifier: MIT
 * Session thirteen's Korean rules (ko13; bench/README.md "Session thirteen: Korean (ko13)"), one
 * test a rule, found on composed shop reviews of product kinds no earlier probe covered: a term
 * written in its 아/어 form also stands with the noun ending -ㅁ on its stem (부러져 → 부러짐),
 * the way reviews end a plain fact; defect nouns of many product kinds (pain, fogging, soot,
 * smudging, a measuring error, condensation) are complaints, and their absence praise through
 * the negators already there. Scored with the hand-written rule lexicons only, so that no
 * learned weight can hide a broken rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "sent_models.h"

static void test_ko13_noun_ending(void **state)
{
    (void)state;
    /* each scored 0 before: 부러져, 뜯어져 and 아까워 had no 부러짐, 뜯어짐, 아까움 */
    assert_true(rs("텐트 폴대 부러짐") < 0);
    assert_true(rs("운동화 밑창 뜯어짐") < 0);
    assert_true(rs("돈이 너무 아까움") < 0);
    /* and a negator before it turns it as it turns the term (안 부러짐) */
    assert_true(rs("떨어뜨려도 안 부러짐") > 0);
}

static void test_ko13_defect_nouns(void **state)
{
    (void)state;
    assert_true(rs("허리 통증이 심해졌어요") < 0);
    assert_true(rs("쓰고 나서 무릎 통증 사라짐") > 0);
    assert_true(rs("마스크 쓰면 안경에 김서림 심함") < 0);
    assert_true(rs("렌즈에 김서림 전혀 없어요") > 0);
    assert_true(rs("그을음 없이 깨끗하게 타요") > 0);
    assert_true(rs("손에 닿으면 바로 번짐") < 0);
    assert_true(rs("잉크 번짐 없어요") > 0);
    assert_true(rs("재보니 오차 없이 정확해요") > 0);
    assert_true(rs("창문에 결로 생김") < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ko13_noun_ending),
        cmocka_unit_test(test_ko13_defect_nouns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
