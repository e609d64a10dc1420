/* SPDX-License-Identifier: MIT
 * hugi_report: PII masking, CSV fields (formula injection), templates and the 350-character
 * limit, alert ids and JSON round trip, atomic files and run folders, digest escaping, webhook
 * (against a local Python server). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hugi/report.h"

static char *mask(const char *s)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_report_mask_pii(s, strlen(s), &b, NULL), HUGI_OK);
    return hugi_buf_detach(&b, NULL);
}

#define ASSERT_MASK(in, want)                                                                      \
    do {                                                                                           \
        char *got_ = mask(in);                                                                     \
        if (strcmp(got_, want))                                                                    \
            fail_msg("mask(%s)\n  got  %s\n  want %s", in, got_, want);                            \
        free(got_);                                                                                \
    } while (0)

static void mask_phones(void **state)
{
    (void)state;
    ASSERT_MASK("연락처 010-1234-5678 입니다", "연락처 [전화번호] 입니다");
    ASSERT_MASK("01012345678로 전화주세요", "[전화번호]로 전화주세요");
    ASSERT_MASK("010 1234 5678", "[phone]"); /* no Hangul: the English marker */
    ASSERT_MASK("call 010 1234 5678 now", "call [phone] now");
    ASSERT_MASK("+82 10-1234-5678 번호", "[전화번호] 번호");
    ASSERT_MASK("+82-10-1234-5678", "[phone]");
    ASSERT_MASK("매장 02-123-4567 로", "매장 [전화번호] 로");
    ASSERT_MASK("call me at 555-123-4567 today", "call me at [phone] today");
    ASSERT_MASK("call +1 (555) 123-4567", "call [phone]");
    ASSERT_MASK("+44 20 7946 0958", "[phone]");
}

static void mask_keeps_ordinary_numbers(void **state)
{
    (void)state;
    ASSERT_MASK("2024-01-15 에 주문했어요", "2024-01-15 에 주문했어요");
    ASSERT_MASK("2024.01.15. 배송", "2024.01.15. 배송");
    ASSERT_MASK("택배로 3일 걸렸어요", "택배로 3일 걸렸어요");
    ASSERT_MASK("3개 샀는데 2개 불량", "3개 샀는데 2개 불량");
    ASSERT_MASK("price 12,900 won, 4.5 stars", "price 12,900 won, 4.5 stars");
    ASSERT_MASK("빠른배송으로 좋아요", "빠른배송으로 좋아요");
    ASSERT_MASK("", "");
}

static void mask_email_address_order(void **state)
{
    (void)state;
    ASSERT_MASK("mail jane.doe+x@example.co.kr please", "mail [email] please");
    ASSERT_MASK("메일 hong_gd@naver.com 으로", "메일 [이메일] 으로");
    ASSERT_MASK("not@an-email", "not@an-email");
    ASSERT_MASK("서울시 강남구 테헤란로 123 으로 보내주세요", "[주소] 으로 보내주세요");
    ASSERT_MASK("선릉로86길 5-3 에 살아요", "[주소] 에 살아요");
    ASSERT_MASK("역삼동 123-45 번지", "[주소] 번지");
    ASSERT_MASK("래미안 101동 1203호 문앞", "래미안 [주소] 문앞");
    ASSERT_MASK("주문번호 2026011400123 확인 부탁", "주문번호 [주문번호] 확인 부탁");
    ASSERT_MASK("주문번호: A-2026-0114 입니다", "주문번호: [주문번호] 입니다");
    ASSERT_MASK("order no. 88812345 missing", "order no. [order no.] missing");
    ASSERT_MASK("ref 123456789012 arrived", "ref [order no.] arrived");
    size_t n = 0;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    const char *s = "010-1111-2222 a@b.co 주문번호 12345678";
    assert_int_equal(hugi_report_mask_pii(s, strlen(s), &b, &n), HUGI_OK);
    assert_int_equal(n, 3);
    hugi_buf_release(&b);
}

static char *csv(const char *s)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_report_csv_field(&b, s, strlen(s)), HUGI_OK);
    return hugi_buf_detach(&b, NULL);
}

#define ASSERT_CSV(in, want)                                                                       \
    do {                                                                                           \
        char *got_ = csv(in);                                                                      \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

static void csv_injection_and_quoting(void **state)
{
    (void)state;
    ASSERT_CSV("plain", "plain");
    ASSERT_CSV("=1+2", "'=1+2");
    ASSERT_CSV("+82", "+82"); /* a plain number stays a number */
    ASSERT_CSV("-0.700", "-0.700");
    ASSERT_CSV("+82 10-1234", "'+82 10-1234");
    ASSERT_CSV("-2+3", "'-2+3");
    ASSERT_CSV("@SUM(A1)", "'@SUM(A1)");
    ASSERT_CSV("\t=cmd", "\"'\t=cmd\"");
    ASSERT_CSV("\r=cmd", "\"'\r=cmd\"");
    ASSERT_CSV("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    ASSERT_CSV("a,b", "\"a,b\"");
    ASSERT_CSV("line\nbreak", "\"line\nbreak\"");
    ASSERT_CSV("say \"hi\"", "\"say \"\"hi\"\"\"");
    ASSERT_CSV("한글, 좋아요", "\"한글, 좋아요\"");
    ASSERT_CSV("", "");
}

static struct hugi_templates *shipped(void)
{
    struct hugi_templates *t = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_templates_load(HUGI_SOURCE_DIR "/templates", &t, &err))
        fail_msg("%s (%s)", err.msg, err.where);
    return t;
}

static void draft2(const struct hugi_templates *t, const char *lang, const char *cat,
                   const char *also, enum hugi_alert_sev sev, const char *author, char **reply,
                   char **note)
{
    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    o.shop = "후기상점";
    struct hugi_reply_vars v = {.lang = lang,
                                .author = author,
                                .product = "무선 충전기",
                                .category = cat,
                                .also = also,
                                .severity = sev};
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_reply_draft(t, &o, &v, reply, note, &err))
        fail_msg("%s (%s)", err.msg, err.where);
}

static void draft(const struct hugi_templates *t, const char *lang, const char *cat,
                  enum hugi_alert_sev sev, const char *author, char **reply, char **note)
{
    draft2(t, lang, cat, NULL, sev, author, reply, note);
}

static void templates_draft_korean_and_english(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    char *r, *n;
    draft(t, "ko", "delivery", HUGI_ALERT_SEV_MEDIUM, "김민지", &r, &n);
    assert_non_null(strstr(r, "김민지님"));
    assert_non_null(strstr(r, "배송이 늦어져"));
    assert_non_null(strstr(r, "1:1 문의"));
    assert_non_null(strstr(r, "후기상점"));
    assert_null(strstr(r, "{{"));
    assert_null(n);
    free(r);
    /* severity-specific file wins */
    draft(t, "ko", "defect", HUGI_ALERT_SEV_HIGH, "박", &r, &n);
    assert_non_null(strstr(r, "먼저 보내"));
    free(r);
    draft(t, "en", "wrong_item", HUGI_ALERT_SEV_LOW, NULL, &r, &n);
    assert_non_null(strstr(r, "Hi there,"));
    assert_non_null(strstr(r, "wrong item"));
    free(r);
    /* unknown category: generic; app_login: app.txt */
    draft(t, "en", "no_such_category", HUGI_ALERT_SEV_LOW, "Ann", &r, &n);
    assert_non_null(strstr(r, "fell short"));
    free(r);
    draft(t, "ko", "app_login", HUGI_ALERT_SEV_LOW, "Ann", &r, &n);
    assert_non_null(strstr(r, "앱 버전"));
    free(r);
    /* critical: escalation, internal note, no promise of a refund in public */
    draft(t, "ko", "safety", HUGI_ALERT_SEV_CRITICAL, "이하늘", &r, &n);
    assert_non_null(strstr(r, "책임자"));
    assert_null(strstr(r, "환불"));
    assert_non_null(n);
    assert_non_null(strstr(n, "긴급"));
    free(r);
    free(n);
    draft(t, "en", "thanks", HUGI_ALERT_SEV_LOW, "Kim", &r, &n);
    assert_non_null(strstr(r, "thank you"));
    free(r);
    hugi_templates_free(t);
}

/* Writes text into DIR/LANG/NAME (the folders made as needed). */
static void put_template(const char *dir, const char *lang, const char *name, const char *text)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, lang);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s", dir, lang, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void rm_rf(const char *dir);

/* {{greeting}} greets by name, or without one ("Hi there," / "고객님,") when the name is unknown
 * or not fit to print; {{author}} keeps its documented fallback ("customer" / "고객") for
 * templates that use the name in another place. */
static void greeting_needs_no_name(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    static const struct {
        const char *lang, *cat, *author, *start;
        enum hugi_alert_sev sev;
    } cases[] = {
        {"en", "delivery", NULL, "Hi there, ", HUGI_ALERT_SEV_MEDIUM},
        {"en", "delivery", "Jane", "Hi Jane, ", HUGI_ALERT_SEV_MEDIUM},
        {"en", "safety", NULL, "Hi there, ", HUGI_ALERT_SEV_CRITICAL},
        {"en", "thanks", NULL, "Hi there, ", HUGI_ALERT_SEV_LOW},
        {"ko", "delivery", NULL, "고객님, ", HUGI_ALERT_SEV_MEDIUM},
        {"ko", "delivery", "김민지", "김민지님, ", HUGI_ALERT_SEV_MEDIUM},
        {"ko", "safety", NULL, "고객님, ", HUGI_ALERT_SEV_CRITICAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *r, *n;
        draft(t, cases[i].lang, cases[i].cat, cases[i].sev, cases[i].author, &r, &n);
        if (strncmp(r, cases[i].start, strlen(cases[i].start)))
            fail_msg("%s %s: reply starts '%.30s', want '%s'", cases[i].lang, cases[i].cat, r,
                     cases[i].start);
        assert_null(strstr(r, "customer,"));
        free(r);
        free(n);
    }
    hugi_templates_free(t);

    /* a shop's own template written before {{greeting}}: {{author}} still fills in */
    char dir[] = "/tmp/hugi-greet-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put_template(dir, "en", "generic.txt",
                 "[reply]\nDear {{author}}, sorry {{problem}}. {{greeting}} again.\n"
                 "[problem]\nit broke\n[fix]\nWe fix it.\n");
    struct hugi_err err;
    hugi_err_clear(&err);
    assert_int_equal(hugi_templates_load(dir, &t, &err), HUGI_OK);
    char *r, *n;
    draft(t, "en", "delivery", HUGI_ALERT_SEV_MEDIUM, NULL, &r, &n);
    assert_string_equal(r, "Dear customer, sorry it broke. Hi there, again.");
    free(r);
    draft(t, "en", "delivery", HUGI_ALERT_SEV_MEDIUM, "Jane", &r, &n);
    assert_string_equal(r, "Dear Jane, sorry it broke. Hi Jane, again.");
    free(r);
    hugi_templates_free(t);
    rm_rf(dir);
}

/* Occurrences of needle in s. */
static int count_of(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void reply_answers_a_second_problem(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    char *r, *n;
    /* late and unanswered: both problems, both fixes, one apology, still the private channel */
    draft2(t, "ko", "delivery", "service", HUGI_ALERT_SEV_HIGH, "윤서아", &r, &n);
    assert_non_null(strstr(r, "배송이 늦어져, 문의에 제때 답변드리지 못해 불편을 드려"));
    assert_non_null(strstr(r, "배송 상황을 확인"));
    assert_non_null(strstr(r, "연락드리겠습니다"));
    assert_int_equal(count_of(r, "죄송합니다"), 1);
    assert_non_null(strstr(r, "1:1 문의"));
    free(r);
    draft2(t, "en", "delivery", "service", HUGI_ALERT_SEV_MEDIUM, "Ann", &r, &n);
    assert_non_null(strstr(r, "sorry your order arrived late and we didn't answer you in time."));
    assert_non_null(strstr(r, "contact you shortly"));
    free(r);
    /* a defect's fix already offers the refund the review asks for ([covers]) */
    draft2(t, "ko", "defect", "refund", HUGI_ALERT_SEV_HIGH, "김도현", &r, &n);
    assert_null(strstr(r, "환불·교환 처리가 늦어져"));
    assert_int_equal(count_of(r, "불량"), 2);
    free(r);
    /* the same file twice (app_login, app_crash: app.txt) is said once */
    draft2(t, "en", "app_login", "app_crash", HUGI_ALERT_SEV_HIGH, "Ann", &r, &n);
    assert_int_equal(count_of(r, "the app gave you trouble"), 1);
    free(r);
    /* a critical second category never adds a promise to an ordinary reply */
    draft2(t, "ko", "delivery", "safety", HUGI_ALERT_SEV_HIGH, "Ann", &r, &n);
    assert_null(strstr(r, "안전"));
    free(r);
    /* an unknown second category adds nothing (no generic "이용에" tacked on) */
    draft2(t, "ko", "delivery", "no_such_category", HUGI_ALERT_SEV_HIGH, "Ann", &r, &n);
    assert_null(strstr(r, "이용에"));
    assert_non_null(strstr(r, "배송이 늦어져 불편을"));
    free(r);
    /* a category without a file of its own (generic wording) lists nothing after it */
    draft2(t, "ko", "users_own_category", "delivery", HUGI_ALERT_SEV_HIGH, "Ann", &r, &n);
    assert_null(strstr(r, "배송이 늦어져"));
    assert_non_null(strstr(r, "이용에 불편을"));
    free(r);
    /* a long name: the second problem yields before the move to a private channel does */
    struct hugi_buf name;
    hugi_buf_init(&name, 0);
    int joined = 0, kept = 0;
    for (int len = 0; len <= 200; len += 10) {
        char *one;
        draft(t, "ko", "delivery", HUGI_ALERT_SEV_HIGH, name.data, &one, &n);
        draft2(t, "ko", "delivery", "service", HUGI_ALERT_SEV_HIGH, name.data, &r, &n);
        assert_true(hugi_utf8_ncp(r, strlen(r)) <= HUGI_REPLY_MAX);
        if (strstr(one, "1:1 문의")) {
            assert_non_null(strstr(r, "1:1 문의"));
            kept++;
        }
        joined += strstr(r, "답변드리지 못해") != NULL;
        free(one);
        free(r);
        for (int k = 0; k < 10; k++)
            hugi_buf_addstr(&name, "가");
    }
    assert_true(joined > 0 && joined < 21); /* both happen: joined, then the main one alone */
    assert_true(kept > joined);
    hugi_buf_release(&name);
    hugi_templates_free(t);
}

static void reply_never_over_350_code_points(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    /* a 300-character Hangul name pushes every template over the limit */
    struct hugi_buf name;
    hugi_buf_init(&name, 0);
    for (int i = 0; i < 300; i++)
        hugi_buf_addstr(&name, "가");
    const char *cats[] = {"delivery", "safety", "generic", "app_crash", "thanks"};
    for (size_t k = 0; k < 5; k++)
        for (int lang = 0; lang < 2; lang++) {
            char *r, *n;
            draft(t, lang ? "en" : "ko", cats[k], HUGI_ALERT_SEV_HIGH, name.data, &r, &n);
            size_t ncp = hugi_utf8_ncp(r, strlen(r));
            if (ncp > HUGI_REPLY_MAX)
                fail_msg("%s/%s: %zu code points", lang ? "en" : "ko", cats[k], ncp);
            assert_true(hugi_utf8_valid(r, strlen(r)));
            free(r);
            free(n);
        }
    hugi_buf_release(&name);
    hugi_templates_free(t);
}

static void reply_fit_cuts_at_sentences(void **state)
{
    (void)state;
    bool ell;
    const char *s = "첫 문장입니다. 두 번째 문장입니다. 세 번째.";
    size_t n = hugi_reply_fit(s, strlen(s), 100, &ell);
    assert_int_equal(n, strlen(s));
    assert_false(ell);
    n = hugi_reply_fit(s, strlen(s), 20, &ell);
    assert_false(ell);
    assert_memory_equal(s, "첫 문장입니다. 두 번째 문장입니다.", n);
    /* no sentence end: cut at a space, the caller adds the ellipsis */
    const char *w = "aaaa bbbb cccc dddd eeee";
    n = hugi_reply_fit(w, strlen(w), 12, &ell);
    assert_true(ell);
    assert_true(n <= 11);
    assert_memory_equal(w, "aaaa bbbb", n);
}

static hugi_rc check(const char *text, struct hugi_err *err)
{
    hugi_err_clear(err);
    return hugi_template_check(text, strlen(text), "t.txt", err);
}

static void template_errors_name_file_and_line(void **state)
{
    (void)state;
    struct hugi_err err;
    assert_int_equal(check("# ok\n[reply]\nHi {{author}}\n", &err), HUGI_OK);
    assert_int_equal(check("[reply]\nHi {{autor}}\n", &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t.txt:2");
    assert_non_null(strstr(err.msg, "{{autor}}"));
    assert_int_equal(check("[reply]\nok\nHi {{author\n", &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t.txt:3");
    assert_non_null(strstr(err.msg, "unclosed"));
    assert_int_equal(check("Hello\n[reply]\nx\n", &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t.txt:1");
    assert_int_equal(check("[reply]\nx\n[replay]\n", &err), HUGI_E_PARSE);
    assert_string_equal(err.where, "t.txt:3");
    assert_int_equal(check("[reply]\nx\n[reply]\ny\n", &err), HUGI_E_PARSE);
    assert_int_equal(check("# only comments\n", &err), HUGI_E_PARSE);
    assert_int_equal(check("[reply]\n\xff\n", &err), HUGI_E_PARSE);
    assert_int_equal(check("[reply]\n{{ author }} {{ shop}}\n", &err), HUGI_OK);

    /* a broken file in a folder stops the load, naming it */
    char dir[] = "/tmp/hugi-tpl-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/ko", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/ko/generic.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("[reply]\n\n{{author}}님 {{prodct}}\n", f);
    fclose(f);
    struct hugi_templates *t = NULL;
    hugi_err_clear(&err);
    assert_int_equal(hugi_templates_load(dir, &t, &err), HUGI_E_PARSE);
    assert_null(t);
    char want[300];
    snprintf(want, sizeof want, "%s/ko/generic.txt:3", dir);
    assert_string_equal(err.where, want);
    unlink(path);
    snprintf(path, sizeof path, "%s/ko", dir);
    rmdir(path);
    rmdir(dir);
    assert_int_equal(hugi_templates_load(dir, &t, &err), HUGI_E_NOTFOUND);
}

static void make_review(struct hugi_review *r, const char *id, const char *text, double rating)
{
    hugi_review_init(r);
    r->source = hugi_strdup("shop");
    r->product = hugi_strdup("P1");
    r->id = hugi_strdup(id);
    r->author = hugi_strdup("홍길동");
    r->text = hugi_strdup(text);
    r->lang = hugi_strdup("ko");
    r->rating = rating;
    hugi_time_parse_iso("2026-01-14", 10, &r->date);
}

static void alert_ids_and_severity(void **state)
{
    (void)state;
    char a[16], b[16], c[16], d[16];
    hugi_alert_id(HUGI_ALERT_REVIEW, "shop", "r1", 1, NULL, a);
    hugi_alert_id(HUGI_ALERT_REVIEW, "shop", "r1", 1, NULL, b);
    hugi_alert_id(HUGI_ALERT_EDITED, "shop", "r1", 2, NULL, c);
    hugi_alert_id(HUGI_ALERT_RECURRING, NULL, NULL, 0, "recurring|P1|delivery", d);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 14);
    assert_int_equal(a[0], 'r');
    assert_int_equal(c[0], 'e');
    assert_int_equal(d[0], 'g');

    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    struct hugi_review r;
    make_review(&r, "r1", "별로예요", 2);
    const char *cats[] = {"delivery"};
    struct hugi_report_score s = {
        .score = -0.3, .label = "neg", .verdict = "neg", .categories = cats, .ncategories = 1};
    struct hugi_alert al;
    bool raised;
    struct hugi_err err;
    assert_int_equal(
        hugi_report_alert_review(&o, NULL, &r, NULL, 1, false, &s, 1000, &al, &raised, &err),
        HUGI_OK);
    assert_true(raised);
    assert_int_equal(al.severity, HUGI_ALERT_SEV_MEDIUM);
    assert_int_equal(al.due, 1000 + 72 * 3600);
    assert_string_equal(al.id, a);
    hugi_alert_release(&al);
    /* positive: no alert; mixed below min severity: none */
    s.verdict = "pos";
    assert_int_equal(
        hugi_report_alert_review(&o, NULL, &r, NULL, 1, false, &s, 1000, &al, &raised, &err),
        HUGI_OK);
    assert_false(raised);
    s.verdict = "mixed";
    s.label = "pos";
    s.score = 0.3;
    r.rating = 4;
    assert_int_equal(
        hugi_report_alert_review(&o, NULL, &r, NULL, 1, false, &s, 1000, &al, &raised, &err),
        HUGI_OK);
    assert_false(raised);
    /* thank_positive: a positive review gets a low alert with a thank-you */
    struct hugi_templates *tt = shipped();
    o.thank_positive = true;
    s.verdict = "pos";
    s.ncategories = 0;
    r.rating = 5;
    assert_int_equal(
        hugi_report_alert_review(&o, tt, &r, NULL, 1, false, &s, 1000, &al, &raised, &err),
        HUGI_OK);
    assert_true(raised);
    assert_int_equal(al.severity, HUGI_ALERT_SEV_LOW);
    assert_non_null(strstr(al.reply, "감사합니다"));
    hugi_alert_release(&al);
    hugi_templates_free(tt);
    o.thank_positive = false;
    s.ncategories = 1;
    /* a critical category is raised whatever the score, due in 1 h */
    const char *crit[] = {"safety"};
    s.categories = crit;
    assert_int_equal(
        hugi_report_alert_review(&o, NULL, &r, NULL, 2, true, &s, 1000, &al, &raised, &err),
        HUGI_OK);
    assert_true(raised);
    assert_int_equal(al.severity, HUGI_ALERT_SEV_CRITICAL);
    assert_int_equal(al.kind, HUGI_ALERT_EDITED);
    assert_int_equal(al.due, 1000 + 3600);
    hugi_alert_release(&al);
    hugi_review_release(&r);
}

/* A delivery complaint's alert for a review in `lang` by `author` (NULL: make_review's). */
static void delivery_alert(const struct hugi_report_opts *o, const struct hugi_templates *t,
                           const char *text, const char *lang, const char *author,
                           struct hugi_alert *a)
{
    const char *cats[] = {"delivery"};
    struct hugi_report_score s = {
        .score = -0.8, .label = "neg", .categories = cats, .ncategories = 1};
    struct hugi_review r;
    make_review(&r, "r1", text, 1);
    free(r.lang);
    r.lang = hugi_strdup(lang);
    if (author) {
        free(r.author);
        r.author = hugi_strdup(author);
    }
    bool raised;
    struct hugi_err err;
    assert_int_equal(
        hugi_report_alert_review(o, t, &r, "충전기", 1, false, &s, 5000, a, &raised, &err),
        HUGI_OK);
    assert_non_null(a->reply);
    hugi_review_release(&r);
}

/* The demo shop's options: a Korean shop name and channel, and the English ones. */
static void demo_opts(struct hugi_report_opts *o)
{
    hugi_report_opts_init(o);
    o->shop = "데모 스토어";
    o->channel = "카카오톡 채널 '데모 스토어'";
    o->shop_en = "Demo Store";
    o->channel_en = "our KakaoTalk channel 'Demo Store'";
}

/* A shop that answers in Korean names its channel in Korean; its English replies name the
 * channel and the shop in the English words set for them ([alerts] channel_en, shop_name_en), and
 * fall back to the Korean ones when none is set. */
static void english_reply_names_the_english_channel(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    struct hugi_report_opts o;
    demo_opts(&o);
    struct hugi_alert a;
    delivery_alert(&o, t, "It never arrived, two weeks now.", "en", NULL, &a);
    assert_non_null(strstr(a.reply, "via our KakaoTalk channel 'Demo Store'"));
    assert_non_null(strstr(a.reply, "— Demo Store"));
    assert_null(strstr(a.reply, "카카오톡"));
    assert_string_equal(a.channel, "public reply + our KakaoTalk channel 'Demo Store'");
    hugi_alert_release(&a);
    delivery_alert(&o, t, "배송이 안 와요", "ko", NULL, &a);
    assert_non_null(strstr(a.reply, "카카오톡 채널 '데모 스토어'로"));
    assert_null(strstr(a.reply, "Demo Store"));
    hugi_alert_release(&a);
    /* unset: the English reply uses the one channel there is */
    o.shop_en = o.channel_en = NULL;
    delivery_alert(&o, t, "It never arrived, two weeks now.", "en", NULL, &a);
    assert_non_null(strstr(a.reply, "카카오톡 채널"));
    hugi_alert_release(&a);
    hugi_templates_free(t);
}

/* The reply greets the reviewer by name only when the name is fit to print in public: not an
 * insult, and not an e-mail address or phone number (which masking turned into "[email]님"). */
static void reply_greets_only_printable_names(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    static const struct {
        const char *author, *greeting;
    } cases[] = {
        {"kim.jiwoo@example.com", "고객님,"}, {"010-1234-5678", "고객님,"}, {"개새끼", "고객님,"},
        {"Fuck_This_Shop", "고객님,"},        {"김**", "김**님,"},          {"이서연", "이서연님,"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int mask = 0; mask < 2; mask++) {
            o.mask_pii = mask;
            struct hugi_alert a;
            delivery_alert(&o, t, "배송이 일주일 넘게 안 와요", "ko", cases[i].author, &a);
            if (strncmp(a.reply, cases[i].greeting, strlen(cases[i].greeting)))
                fail_msg("author '%s' (mask %d): reply starts '%.30s'", cases[i].author, mask,
                         a.reply);
            assert_null(strstr(a.reply, "["));
            hugi_alert_release(&a);
        }
    }
    hugi_templates_free(t);
}

/* A complaint group of `kind` on product "무선 충전기" with three examples in `lang`. */
static void group_alert(const struct hugi_report_opts *o, const struct hugi_templates *t,
                        enum hugi_alert_kind kind, const char *category, const char *phrase,
                        const char *lang, struct hugi_alert *a)
{
    struct hugi_review ex[3];
    for (int i = 0; i < 3; i++) {
        make_review(&ex[i],
                    i == 0   ? "x1"
                    : i == 1 ? "x2"
                             : "x3",
                    strcmp(lang, "ko") ? "It stopped charging after a week."
                                       : "일주일 만에 충전이 안 돼요",
                    1);
        free(ex[i].lang);
        ex[i].lang = hugi_strdup(lang);
    }
    int64_t since = 0, now = 0;
    hugi_time_parse_iso("2026-01-08T03:00:00Z", 20, &since);
    hugi_time_parse_iso("2026-01-15T00:00:00Z", 20, &now);
    struct hugi_report_group g = {.key = "recurring|P1|defect@2026-01-15",
                                  .kind = kind,
                                  .product = "P1",
                                  .product_name = "무선 충전기",
                                  .category = category,
                                  .phrase = phrase,
                                  .count = 6,
                                  .total = 20,
                                  .baseline = kind == HUGI_ALERT_SPIKE ? 0.5 : NAN,
                                  .window_start = now - 7 * 86400,
                                  .first = since,
                                  .window_end = now,
                                  .examples = ex,
                                  .nexamples = 3};
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_report_alert_group(o, t, &g, now, a, &err))
        fail_msg("%s (%s)", err.msg, err.where);
    for (int i = 0; i < 3; i++)
        hugi_review_release(&ex[i]);
}

/* A complaint group is not one customer: its draft is a notice (the product, what is happening,
 * since when, how many reviews, the fix, where to write), in the examples' language, and no
 * customer is greeted. A shop's own template folder without notice.txt keeps the reply it had. */
static void group_alert_drafts_a_notice(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    struct hugi_report_opts o;
    demo_opts(&o);
    struct hugi_alert a;

    group_alert(&o, t, HUGI_ALERT_RECURRING, "defect", NULL, "ko", &a);
    assert_non_null(a.reply);
    assert_null(strstr(a.reply, "님,"));
    assert_null(strstr(a.reply, "{{"));
    assert_non_null(strstr(a.reply, "무선 충전기"));
    assert_non_null(strstr(a.reply, "6건"));
    assert_non_null(strstr(a.reply, "2026-01-08"));
    assert_non_null(strstr(a.reply, "품질·불량"));
    assert_non_null(strstr(a.reply, "카카오톡 채널"));
    assert_non_null(strstr(a.reply, "새 상품")); /* defect-high.txt's fix (6 reviews: high) */
    assert_non_null(a.note);                     /* for staff: what to do with the notice */
    assert_non_null(strstr(a.note, "6"));
    hugi_alert_release(&a);

    group_alert(&o, t, HUGI_ALERT_RECURRING, "defect", NULL, "en", &a);
    assert_null(strstr(a.reply, "Hi "));
    assert_non_null(strstr(a.reply, "6 reviews"));
    assert_non_null(strstr(a.reply, "2026-01-08"));
    assert_non_null(strstr(a.reply, "our KakaoTalk channel"));
    assert_null(strstr(a.reply, "카카오톡"));
    hugi_alert_release(&a);

    /* the spike of all negative reviews has no category: no "이용에" filler */
    group_alert(&o, t, HUGI_ALERT_SPIKE, NULL, NULL, "ko", &a);
    /* the summary says what the baseline counts (a day's reviews), not "a baseline of 0.0" */
    assert_string_equal(a.summary, "spike: negative reviews (all categories) — 6 reviews in the "
                                   "last day, against 0.5 a day before");
    assert_null(strstr(a.reply, "이용에"));
    assert_non_null(strstr(a.reply, "6건"));
    assert_non_null(strstr(a.reply, "무선 충전기"));
    hugi_alert_release(&a);
    group_alert(&o, t, HUGI_ALERT_SPIKE, NULL, NULL, "en", &a);
    assert_null(strstr(a.reply, "fell short"));
    assert_non_null(strstr(a.reply, "6 reviews"));
    hugi_alert_release(&a);

    /* an emerging phrase is named to the staff (a raw phrase is no public wording) */
    group_alert(&o, t, HUGI_ALERT_EMERGING, NULL, "충전이 안", "ko", &a);
    assert_non_null(strstr(a.note, "충전이 안"));
    assert_non_null(strstr(a.reply, "무선 충전기"));
    assert_null(strstr(a.reply, "{{"));
    hugi_alert_release(&a);

    /* critical: a holding notice, no promise in public, escalation in the note */
    group_alert(&o, t, HUGI_ALERT_RECURRING, "safety", NULL, "ko", &a);
    assert_int_equal(a.severity, HUGI_ALERT_SEV_CRITICAL);
    assert_null(strstr(a.reply, "환불"));
    assert_non_null(strstr(a.note, "긴급"));
    hugi_alert_release(&a);

    /* every notice fits the public limit */
    for (int k = 0; k < 3; k++) {
        enum hugi_alert_kind kinds[] = {HUGI_ALERT_RECURRING, HUGI_ALERT_SPIKE,
                                        HUGI_ALERT_EMERGING};
        const char *langs[] = {"ko", "en"};
        for (int l = 0; l < 2; l++) {
            group_alert(&o, t, kinds[k], k == 2 ? NULL : "delivery", k == 2 ? "late" : NULL,
                        langs[l], &a);
            assert_true(hugi_utf8_ncp(a.reply, strlen(a.reply)) <= HUGI_REPLY_MAX);
            hugi_alert_release(&a);
        }
    }
    hugi_templates_free(t);

    /* a shop's own folder with no notice.txt: the group gets the reply it got before */
    char dir[] = "/tmp/hugi-notice-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put_template(dir, "ko", "generic.txt",
                 "[reply]\n{{greeting}} {{problem}} 죄송합니다.\n[problem]\n이용에\n[fix]\n확인\n");
    struct hugi_err err;
    hugi_err_clear(&err);
    assert_int_equal(hugi_templates_load(dir, &t, &err), HUGI_OK);
    group_alert(&o, t, HUGI_ALERT_RECURRING, "defect", NULL, "ko", &a);
    assert_string_equal(a.reply, "고객님, 이용에 죄송합니다.");
    hugi_alert_release(&a);
    hugi_templates_free(t);
    rm_rf(dir);
}

static void alert_json_round_trip_and_masking(void **state)
{
    (void)state;
    struct hugi_templates *t = shipped();
    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    struct hugi_review r;
    make_review(&r, "r9", "불량이에요 010-9999-8888 로 연락주세요\n\"급함\"", 1);
    const char *cats[] = {"defect"};
    const char *ev[] = {"불량"};
    struct hugi_report_score s = {.score = -0.9,
                                  .label = "neg",
                                  .categories = cats,
                                  .ncategories = 1,
                                  .evidence = ev,
                                  .nevidence = 1};
    struct hugi_alert a, b;
    bool raised;
    struct hugi_err err;
    assert_int_equal(
        hugi_report_alert_review(&o, t, &r, "충전기", 1, false, &s, 5000, &a, &raised, &err),
        HUGI_OK);
    assert_true(raised);
    assert_int_equal(a.severity, HUGI_ALERT_SEV_HIGH);
    assert_non_null(a.reply);
    struct hugi_buf j;
    hugi_buf_init(&j, 0);
    assert_int_equal(hugi_alert_to_json(&a, true, &j), HUGI_OK);
    assert_null(strstr(j.data, "9999"));
    assert_non_null(strstr(j.data, "[전화번호]"));
    assert_int_equal(j.data[j.len - 1], '\n');
    assert_int_equal(hugi_alert_from_json(j.data, j.len - 1, &b, &err), HUGI_OK);
    assert_string_equal(b.id, a.id);
    assert_int_equal(b.kind, a.kind);
    assert_int_equal(b.severity, a.severity);
    assert_int_equal(b.due, a.due);
    assert_string_equal(b.reply, a.reply);
    assert_string_equal(b.product_name, "충전기");
    assert_int_equal(b.ncategories, 1);
    assert_string_equal(b.categories[0], "defect");
    assert_true(fabs(b.score + 0.9) < 1e-9);
    assert_int_equal(b.review.rating, 1);
    hugi_alert_release(&b);
    /* unmasked keeps the text */
    hugi_buf_reset(&j);
    assert_int_equal(hugi_alert_to_json(&a, false, &j), HUGI_OK);
    assert_non_null(strstr(j.data, "010-9999-8888"));
    /* broken JSON names the place */
    assert_int_equal(hugi_alert_from_json("{\"id\":\"x\",\"kind\":\"nope\"}", 24, &b, &err),
                     HUGI_E_PARSE);
    assert_string_equal(err.where, "$.kind");
    assert_int_equal(hugi_alert_from_json("[1,2", 4, &b, &err), HUGI_E_PARSE);
    /* a version or count that no C integer holds is an error at its path, not a conversion (UB) */
    static const char *const huge[] = {
        "{\"id\":\"x\",\"kind\":\"review\",\"severity\":\"high\",\"version\":1.1e98}",
        "{\"id\":\"x\",\"kind\":\"review\",\"severity\":\"high\",\"version\":-3}",
        "{\"id\":\"x\",\"kind\":\"review\",\"severity\":\"high\",\"group_count\":1e300}",
        "{\"id\":\"x\",\"kind\":\"review\",\"severity\":\"high\",\"group_count\":2.5}"};
    static const char *const huge_at[] = {"$.version", "$.version", "$.group_count",
                                          "$.group_count"};
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        assert_int_equal(hugi_alert_from_json(huge[i], strlen(huge[i]), &b, &err), HUGI_E_PARSE);
        assert_string_equal(err.where, huge_at[i]);
    }
    static const char ok_count[] =
        "{\"id\":\"x\",\"kind\":\"review\",\"severity\":\"high\",\"version\":3,\"group_count\":12}";
    assert_int_equal(hugi_alert_from_json(ok_count, sizeof ok_count - 1, &b, &err), HUGI_OK);
    assert_int_equal(b.review_version, 3);
    assert_int_equal(b.group_count, 12);
    hugi_alert_release(&b);
    /* CSV row: masked, injection-safe, CRLF */
    hugi_buf_reset(&j);
    free(a.review.author);
    a.review.author = hugi_strdup("=cmd|' /C calc'!A0");
    assert_int_equal(hugi_alert_csv_row(&a, true, &j), HUGI_OK);
    assert_non_null(strstr(j.data, ",'=cmd|"));
    assert_null(strstr(j.data, "9999"));
    assert_string_equal(j.data + j.len - 2, "\r\n");
    /* the staff's ack note is the last column (it was missing from the CSV), injection-safe */
    hugi_buf_reset(&j);
    free(a.ack_note);
    a.ack_note = hugi_strdup("=1+2 refunded");
    assert_int_equal(hugi_alert_csv_row(&a, true, &j), HUGI_OK);
    assert_true(j.len > 20);
    assert_string_equal(j.data + j.len - 17, ",'=1+2 refunded\r\n");
    hugi_buf_reset(&j);
    assert_int_equal(hugi_alert_csv_header(&j), HUGI_OK);
    assert_string_equal(j.data + j.len - 19, ",summary,ack_note\r\n");
    hugi_buf_release(&j);
    hugi_alert_release(&a);
    hugi_review_release(&r);
    hugi_templates_free(t);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hugi_buf_add(&b, chunk, n);
    fclose(f);
    return hugi_buf_detach(&b, len);
}

static int count_entries(const char *dir, const char *needle)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strstr(e->d_name, needle))
            n++;
    if (d)
        closedir(d);
    return n;
}

static void rm_rf(const char *dir)
{
    /* fixed argv, no shell: the directory comes from mkdtemp */
    pid_t pid = fork();
    if (pid == 0) {
        execlp("rm", "rm", "-rf", dir, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
}

static void files_atomic_and_never_overwritten(void **state)
{
    (void)state;
    char dir[] = "/tmp/hugi-alerts-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct hugi_err err;
    char path[300];
    snprintf(path, sizeof path, "%s/x.txt", dir);
    assert_int_equal(hugi_report_write_atomic(path, "one", 3, &err), HUGI_OK);
    assert_int_equal(hugi_report_write_atomic(path, "two!", 4, &err), HUGI_OK);
    size_t len;
    char *got = slurp(path, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(got, "two!", 4);
    free(got);
    assert_int_equal(count_entries(dir, ".tmp."), 0);
    /* a write into a missing folder fails cleanly, naming it */
    snprintf(path, sizeof path, "%s/missing/x.txt", dir);
    assert_int_equal(hugi_report_write_atomic(path, "x", 1, &err), HUGI_E_IO);
    assert_non_null(strstr(err.where, "missing"));

    struct hugi_review r;
    make_review(&r, "r1", "=1+1 배송 안 와요 a@b.com", 1);
    const char *cats[] = {"delivery"};
    struct hugi_report_score s = {
        .score = -0.8, .label = "neg", .categories = cats, .ncategories = 1};
    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    struct hugi_alert a;
    bool raised;
    assert_int_equal(
        hugi_report_alert_review(&o, NULL, &r, NULL, 1, false, &s, 1763888400, &a, &raised, &err),
        HUGI_OK);
    char *run1 = NULL, *run2 = NULL;
    assert_int_equal(hugi_report_write_run(dir, "run7", 1763888400, &a, 1, true, &run1, &err),
                     HUGI_OK);
    assert_int_equal(hugi_report_write_run(dir, "run7", 1763888400, &a, 1, true, &run2, &err),
                     HUGI_OK);
    assert_string_not_equal(run1, run2);
    assert_non_null(strstr(run1, "2025-11-23T0900Z-run7"));
    snprintf(path, sizeof path, "%s/alerts.csv", run1);
    got = slurp(path, &len);
    assert_non_null(got);
    assert_memory_equal(got, HUGI_CSV_BOM "id,kind,", 11);
    assert_non_null(strstr(got, ",'=1+1 배송 안 와요 [이메일],"));
    free(got);
    snprintf(path, sizeof path, "%s/alerts.jsonl", run2);
    got = slurp(path, &len);
    assert_non_null(got);
    assert_non_null(strstr(got, "\"id\":\"r-"));
    free(got);
    /* open-alerts.csv holds only open alerts */
    assert_int_equal(hugi_report_write_open(dir, &a, 1, true, &err), HUGI_OK);
    snprintf(path, sizeof path, "%s/open-alerts.csv", dir);
    got = slurp(path, &len);
    assert_non_null(strstr(got, a.id));
    free(got);
    free(a.status);
    a.status = hugi_strdup("acked");
    assert_int_equal(hugi_report_write_open(dir, &a, 1, true, &err), HUGI_OK);
    got = slurp(path, &len);
    assert_null(strstr(got, a.id));
    free(got);
    free(run1);
    free(run2);
    hugi_alert_release(&a);
    hugi_review_release(&r);
    rm_rf(dir);
}

static void digest_escapes_review_text(void **state)
{
    (void)state;
    struct hugi_review r[3];
    make_review(&r[0], "x1",
                "<script>alert('x')</script> <img src=x onerror=alert(1)> 010-1234-5678", 1);
    make_review(&r[1], "x2", "좋아요 **굵게** | [링크](javascript:alert(1))", 5);
    make_review(&r[2], "x3", "보통", 3);
    free(r[0].author);
    r[0].author = hugi_strdup("<b>\"Mallory\"</b>");
    const char *cats[] = {"defect"};
    struct hugi_report_score s = {
        .score = -0.9, .label = "neg", .categories = cats, .ncategories = 1};
    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    struct hugi_templates *t = shipped();
    struct hugi_alert a;
    bool raised;
    struct hugi_err err;
    int64_t now;
    hugi_time_parse_iso("2026-01-15", 10, &now);
    assert_int_equal(
        hugi_report_alert_review(&o, t, &r[0], NULL, 1, false, &s, now, &a, &raised, &err),
        HUGI_OK);
    struct hugi_digest_item items[3] = {
        {.review = &r[0], .score = -0.9, .verdict = "neg", .categories = cats, .ncategories = 1},
        {.review = &r[1], .score = 0.8, .verdict = "pos"},
        {.review = &r[2], .score = 0, .verdict = "neu"},
    };
    struct hugi_digest_input in = {.now = now,
                                   .since = HUGI_NO_TIME,
                                   .items = items,
                                   .nitems = 3,
                                   .alerts = &a,
                                   .nalerts = 1,
                                   .opts = &o};
    struct hugi_buf h;
    hugi_buf_init(&h, 0);
    assert_int_equal(hugi_report_digest(&in, HUGI_DIGEST_HTML, &h, &err), HUGI_OK);
    assert_null(strstr(h.data, "<script"));
    assert_null(strstr(h.data, "<img"));
    assert_null(strstr(h.data, "<b>&quot;Mallory"));
    assert_non_null(strstr(h.data, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert_non_null(strstr(h.data, "&lt;b&gt;&quot;Mallory&quot;&lt;/b&gt;"));
    assert_null(strstr(h.data, "1234-5678"));
    assert_non_null(strstr(h.data, "<svg"));
    assert_null(strstr(h.data, "http://"));  /* no external assets... */
    assert_null(strstr(h.data, "https://")); /* ...of any kind */
    assert_non_null(strstr(h.data, "Noto Sans CJK KR"));
    /* NPS proxy: 1 promoter, 2 detractors of 3 rated = -33 */
    assert_non_null(strstr(h.data, "NPS proxy -33"));
    hugi_buf_reset(&h);
    assert_int_equal(hugi_report_digest(&in, HUGI_DIGEST_MD, &h, &err), HUGI_OK);
    assert_null(strstr(h.data, "<script"));
    assert_non_null(strstr(h.data, "&lt;script&gt;"));
    assert_null(strstr(h.data, "1234-5678"));
    assert_non_null(strstr(h.data, "| 1★ | 1 |"));
    hugi_buf_release(&h);
    hugi_alert_release(&a);
    for (int i = 0; i < 3; i++)
        hugi_review_release(&r[i]);
    hugi_templates_free(t);
}

/* ---- webhook against a local server -------------------------------------------------------- */

struct server {
    pid_t pid;
    int port;
    char out[64];
};

static bool server_start(struct server *s, int fails)
{
    snprintf(s->out, sizeof s->out, "/tmp/hugi-hook-XXXXXX");
    int fd = mkstemp(s->out);
    if (fd < 0)
        return false;
    close(fd);
    int p[2];
    if (pipe(p))
        return false;
    char nfails[16];
    snprintf(nfails, sizeof nfails, "%d", fails);
    s->pid = fork();
    if (s->pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execlp("python3", "python3", HUGI_SOURCE_DIR "/tests/http_server.py", "--post-fail", nfails,
               "--post-log", s->out, "--timeout", "30", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    /* read up to the newline: the port may arrive in more than one write, and closing the pipe
     * early would kill the server with EPIPE */
    char buf[32] = {0};
    size_t got = 0;
    while (got < sizeof buf - 1 && !memchr(buf, '\n', got)) {
        ssize_t n = read(p[0], buf + got, sizeof buf - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(p[0]);
    s->port = memchr(buf, '\n', got) ? atoi(buf) : 0;
    return s->port > 0;
}

static void server_stop(struct server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int st;
        waitpid(s->pid, &st, 0);
    }
    unlink(s->out);
}

static void webhook_posts_with_retries(void **state)
{
    (void)state;
    if (access("/usr/bin/python3", X_OK))
        skip();
    struct hugi_review r;
    make_review(&r, "w1", "화재 위험! 충전 중 불꽃 010-2222-3333", 1);
    const char *cats[] = {"safety"};
    struct hugi_report_score s = {
        .score = -0.9, .label = "neg", .categories = cats, .ncategories = 1};
    struct hugi_report_opts o;
    hugi_report_opts_init(&o);
    struct hugi_alert a;
    bool raised;
    struct hugi_err err;
    assert_int_equal(
        hugi_report_alert_review(&o, NULL, &r, "충전기", 1, false, &s, 0, &a, &raised, &err),
        HUGI_OK);
    struct hugi_buf body;
    hugi_buf_init(&body, 0);
    size_t sent;
    assert_int_equal(hugi_report_webhook_body(&a, 1, HUGI_ALERT_SEV_HIGH, true, &body, &sent),
                     HUGI_OK);
    assert_int_equal(sent, 1);
    assert_non_null(strstr(body.data, "{\"text\":\"hugi: 1 new alert (1 critical)"));
    assert_null(strstr(body.data, "2222"));

    struct server srv;
    assert_true(server_start(&srv, 2));
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/hook", srv.port);
    /* two 500s, then 200: succeeds on the third try */
    if (hugi_report_webhook_post(url, body.data, body.len, 3, 20, 5000, &err))
        fail_msg("%s (%s)", err.msg, err.where);
    size_t len;
    char *got = slurp(srv.out, &len);
    int lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += got[i] == '\n';
    assert_int_equal(lines, 3);
    assert_non_null(strstr(got, "\"alerts\":[{\"id\":\"r-"));
    free(got);
    server_stop(&srv);

    /* always failing: reported with the status and the URL */
    assert_true(server_start(&srv, 100));
    snprintf(url, sizeof url, "http://127.0.0.1:%d/hook", srv.port);
    assert_int_equal(hugi_report_webhook_post(url, body.data, body.len, 1, 10, 5000, &err),
                     HUGI_E_HTTP);
    assert_int_equal(err.http_status, 500);
    assert_string_equal(err.where, url);
    server_stop(&srv);
    /* nobody listening (the server is gone): a network error, no crash */
    assert_int_equal(hugi_report_webhook_post(url, body.data, body.len, 0, 10, 2000, &err),
                     HUGI_E_NET);
    assert_int_equal(hugi_report_webhook_post("file:///etc/passwd", "x", 1, 0, 10, 100, &err),
                     HUGI_E_CONFIG);
    hugi_buf_release(&body);
    hugi_alert_release(&a);
    hugi_review_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mask_phones),
        cmocka_unit_test(mask_keeps_ordinary_numbers),
        cmocka_unit_test(mask_email_address_order),
        cmocka_unit_test(csv_injection_and_quoting),
        cmocka_unit_test(templates_draft_korean_and_english),
        cmocka_unit_test(reply_answers_a_second_problem),
        cmocka_unit_test(reply_never_over_350_code_points),
        cmocka_unit_test(reply_fit_cuts_at_sentences),
        cmocka_unit_test(template_errors_name_file_and_line),
        cmocka_unit_test(alert_ids_and_severity),
        cmocka_unit_test(reply_greets_only_printable_names),
        cmocka_unit_test(english_reply_names_the_english_channel),
        cmocka_unit_test(greeting_needs_no_name),
        cmocka_unit_test(group_alert_drafts_a_notice),
        cmocka_unit_test(alert_json_round_trip_and_masking),
        cmocka_unit_test(files_atomic_and_never_overwritten),
        cmocka_unit_test(digest_escapes_review_text),
        cmocka_unit_test(webhook_posts_with_retries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
