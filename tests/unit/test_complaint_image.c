/* SPDX-License-Identifier: MIT
 * The compiled complaint taxonomy image (hugi_complaint_src_*, hugi_complaint_tax_image_*): a
 * taxonomy loaded from its image categorises every text exactly as the one parsed from the TSVs
 * (the shipped lexicons and a small taxonomy with every kind of line); a stale, truncated,
 * corrupted or writable-by-others image is refused; images whose checksum was fixed up after a
 * change are refused or safe to use (ASan watches); the two-step loading reports the errors
 * file by file as loading one file after the other does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hugi/complaint.h"
#include "hugi/textmatch.h"

static const char *const pieces[] = {
    "배송이 안 와요",
    "배송이 빨라요",
    "배터리가 고장났어요",
    "앱이 자꾸 꺼져요",
    "튕겨요",
    "충전하다 불이 났어요",
    "화재 위험",
    "앱 오류",
    "배송 걱정했는데",
    "포장이 찢어져서 왔어요",
    "고객센터 연락이 안 돼요",
    "환불 요청한지 3주째",
    "가격 대비 별로",
    "사이즈가 작아요",
    "로그인이 안 돼요",
    "업데이트 후 느려요",
    "소비자원에 신고",
    "개인정보 유출",
    "맛없어요 싱거워요",
    "다른 상품이 왔어요",
    "the battery broke",
    "but late delivery",
    "not broken at all",
    "the app keeps crashing",
    "refund never came",
    "great value",
    "arrived damaged",
    "smells like burning",
    "않와요",
    "배송이안와",
    "\xff\xfe",
    "ㅠㅠ 진짜 별로",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* a text of two or three pieces, from i */
static size_t text_of(size_t i, char *buf, size_t cap)
{
    size_t a = i % NPIECES, b = (i / NPIECES) % NPIECES, c = (i * 7 + 3) % NPIECES;
    int n = i % 3 == 0 ? snprintf(buf, cap, "%s %s %s", pieces[a], pieces[b], pieces[c])
                       : snprintf(buf, cap, "%s %s", pieces[a], pieces[b]);
    return n < 0 ? 0 : (size_t)n;
}

/* Both taxonomies give the same categories, learned bits, context and evidence on every text. */
static void assert_same(const struct hugi_complaint_tax *a, const struct hugi_complaint_tax *b,
                        size_t ntexts)
{
    assert_int_equal(hugi_complaint_tax_count(a), hugi_complaint_tax_count(b));
    for (int i = 0; i < hugi_complaint_tax_count(a); i++) {
        assert_string_equal(hugi_complaint_tax_key(a, i), hugi_complaint_tax_key(b, i));
        assert_int_equal(hugi_complaint_tax_critical(a, i), hugi_complaint_tax_critical(b, i));
    }
    struct hugi_complaint_match ma, mb;
    hugi_complaint_match_init(&ma);
    hugi_complaint_match_init(&mb);
    struct hugi_err err;
    size_t found = 0;
    for (size_t i = 0; i < ntexts; i++) {
        char text[512];
        size_t len = text_of(i, text, sizeof text);
        assert_int_equal(hugi_complaint_categorize(a, text, len, &ma, &err), HUGI_OK);
        assert_int_equal(hugi_complaint_categorize(b, text, len, &mb, &err), HUGI_OK);
        assert_true(ma.cats == mb.cats);
        assert_true(ma.learned == mb.learned && ma.vetoed == mb.vetoed);
        assert_int_equal(ma.context, mb.context);
        assert_int_equal(ma.nspans, mb.nspans);
        for (size_t k = 0; k < ma.nspans; k++) {
            assert_int_equal(ma.spans[k].cat, mb.spans[k].cat);
            assert_int_equal(ma.spans[k].start, mb.spans[k].start);
            assert_int_equal(ma.spans[k].end, mb.spans[k].end);
        }
        found += ma.cats != 0;
    }
    assert_true(found > 0); /* the texts do hit categories */
    hugi_complaint_match_release(&ma);
    hugi_complaint_match_release(&mb);
}

static const uint8_t key1[32] = {1, 2, 3};

/* The image of dir's taxonomy (parsed) in *img, and the parsed taxonomy. */
static struct hugi_complaint_tax *parse_dir(const char *dir)
{
    struct hugi_complaint_tax *t = NULL;
    struct hugi_err err;
    hugi_rc rc = hugi_complaint_tax_load(&t, dir, &err);
    if (rc != HUGI_OK)
        fail_msg("%s: %s (%s)", dir, err.msg, err.where);
    return t;
}

static void round_trip(const char *dir, size_t ntexts)
{
    struct hugi_complaint_tax *t = parse_dir(dir);
    struct hugi_buf img;
    hugi_buf_init(&img, 0);
    struct hugi_err err;
    assert_int_equal(hugi_complaint_tax_image_write(t, key1, &img, &err), HUGI_OK);
    struct hugi_complaint_tax *u = NULL;
    assert_int_equal(hugi_complaint_tax_image_load_mem(&u, key1, img.data, img.len, &err), HUGI_OK);
    assert_non_null(u);
    assert_same(t, u, ntexts);
    /* an image of an image is the same bytes */
    struct hugi_buf img2;
    hugi_buf_init(&img2, 0);
    assert_int_equal(hugi_complaint_tax_image_write(u, key1, &img2, &err), HUGI_OK);
    assert_int_equal(img.len, img2.len);
    assert_memory_equal(img.data, img2.data, img.len);
    hugi_buf_release(&img2);
    hugi_complaint_tax_free(u);
    /* another key is stale */
    uint8_t key2[32] = {9};
    assert_int_equal(hugi_complaint_tax_image_load_mem(&u, key2, img.data, img.len, &err),
                     HUGI_E_NOTFOUND);
    assert_null(u);
    hugi_buf_release(&img);
    hugi_complaint_tax_free(t);
}

static void test_shipped_round_trip(void **state)
{
    (void)state;
    round_trip(HUGI_SOURCE_DIR "/lexicons/complaints", NPIECES * NPIECES);
}

static void test_mini_round_trip(void **state)
{
    (void)state;
    round_trip(HUGI_TEST_DATA "/complaint_image/lexicons/complaints", NPIECES * NPIECES);
}

static void fix_checksum(unsigned char *p, size_t n)
{
    uint32_t version;
    memcpy(&version, p + 8, 4);
    uint64_t h = hugi_tm_image_sum(p + 32, n - 32, version);
    memcpy(p + 24, &h, 8);
}

/* Every byte of the taxonomy's own section changed (checksum fixed up): refused, or a taxonomy
 * that categorises safely; truncations and a broken checksum are refused. */
static void test_corrupted(void **state)
{
    (void)state;
    struct hugi_complaint_tax *t = parse_dir(HUGI_TEST_DATA "/complaint_image/lexicons/complaints");
    struct hugi_buf img;
    hugi_buf_init(&img, 0);
    struct hugi_err err;
    assert_int_equal(hugi_complaint_tax_image_write(t, key1, &img, &err), HUGI_OK);
    unsigned char *p = malloc(img.len);
    assert_non_null(p);
    const unsigned char *sec = NULL;
    for (size_t i = 0; i + 8 <= img.len && !sec; i++)
        if (!memcmp(img.data + i, "HUGI-CAT", 8))
            sec = (const unsigned char *)img.data + i;
    assert_non_null(sec);
    size_t at = (size_t)(sec - (const unsigned char *)img.data);
    size_t refused = 0, accepted = 0;
    for (size_t i = at; i < img.len; i++) {
        for (int v = 0; v < 3; v++) {
            memcpy(p, img.data, img.len);
            unsigned char x = v == 0 ? p[i] ^ 0x01 : v == 1 ? 0xFF : (unsigned char)(p[i] + 0x40);
            if (x == p[i])
                continue;
            p[i] = x;
            fix_checksum(p, img.len);
            struct hugi_complaint_tax *u = NULL;
            if (hugi_complaint_tax_image_load_mem(&u, NULL, p, img.len, &err) == HUGI_OK) {
                accepted++;
                struct hugi_complaint_match m;
                hugi_complaint_match_init(&m);
                for (size_t k = 0; k < 40; k++) {
                    char text[512];
                    size_t len = text_of(k * 13, text, sizeof text);
                    assert_int_equal(hugi_complaint_categorize(u, text, len, &m, &err), HUGI_OK);
                }
                hugi_complaint_match_release(&m);
                hugi_complaint_tax_free(u);
            } else {
                assert_null(u);
                assert_int_equal(err.code, HUGI_E_PARSE);
                refused++;
            }
        }
    }
    assert_true(refused > 0);
    /* the magic, a count and a trailing byte are always caught */
    memcpy(p, img.data, img.len);
    p[at] = 'X';
    fix_checksum(p, img.len);
    struct hugi_complaint_tax *u = NULL;
    assert_int_equal(hugi_complaint_tax_image_load_mem(&u, NULL, p, img.len, &err), HUGI_E_PARSE);
    /* truncated anywhere, or one byte changed without fixing the checksum */
    for (size_t n = 0; n < img.len; n += img.len / 37 + 1)
        assert_int_not_equal(hugi_complaint_tax_image_load_mem(&u, NULL, img.data, n, &err),
                             HUGI_OK);
    memcpy(p, img.data, img.len);
    p[img.len / 2] ^= 0x10;
    assert_int_equal(hugi_complaint_tax_image_load_mem(&u, NULL, p, img.len, &err), HUGI_E_PARSE);
    assert_non_null(strstr(err.msg, "checksum"));
    free(p);
    hugi_buf_release(&img);
    hugi_complaint_tax_free(t);
}

/* The file route: saved beside and renamed, mapped back by the files' key; a taxonomy of other
 * files does not use it; a corrupted or group-writable file is refused. */
static void test_src_files(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/hugi-cimg-XXXXXX";
    char *tmp = mkdtemp(tmpl);
    assert_non_null(tmp);
    char path[4200];
    snprintf(path, sizeof path, "%s/complaints.img", tmp);
    const char *mini = HUGI_TEST_DATA "/complaint_image/lexicons/complaints";
    struct hugi_err err;
    struct hugi_complaint_src *s = NULL;
    assert_int_equal(hugi_complaint_src_read(&s, mini, NULL, 0, &err), HUGI_OK);
    char hex[33];
    assert_true(hugi_complaint_src_key(s, hex));
    assert_int_equal(strlen(hex), 32);
    struct hugi_complaint_tax *t = NULL, *u = NULL;
    assert_int_equal(hugi_complaint_src_image(s, path, &u, &err), HUGI_E_NOTFOUND);
    assert_int_equal(hugi_complaint_src_parse(s, &t, &err), HUGI_OK);
    assert_int_equal(hugi_complaint_src_image_save(s, t, path, &err), HUGI_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 077, 0);
    hugi_complaint_src_free(s);
    /* a second process: same files, so the same key and the image is used */
    assert_int_equal(hugi_complaint_src_read(&s, mini, NULL, 0, &err), HUGI_OK);
    char hex2[33];
    assert_true(hugi_complaint_src_key(s, hex2));
    assert_string_equal(hex, hex2);
    assert_int_equal(hugi_complaint_src_image(s, path, &u, &err), HUGI_OK);
    assert_same(t, u, NPIECES * 4);
    hugi_complaint_tax_free(u);
    hugi_complaint_src_free(s);
    /* an extra file is part of the key: the image is stale for it */
    char extra[4200];
    snprintf(extra, sizeof extra, "%s/zipper.tsv", tmp);
    FILE *f = fopen(extra, "w");
    assert_non_null(f);
    fputs("지퍼가 고장\nzipper broke\n", f);
    fclose(f);
    const char *ex[] = {extra};
    assert_int_equal(hugi_complaint_src_read(&s, mini, ex, 1, &err), HUGI_OK);
    assert_true(hugi_complaint_src_key(s, hex2));
    assert_string_not_equal(hex, hex2);
    assert_int_equal(hugi_complaint_src_image(s, path, &u, &err), HUGI_E_NOTFOUND);
    assert_non_null(strstr(err.msg, "stale"));
    assert_null(u);
    hugi_complaint_src_free(s);
    /* writable by the group: never mapped */
    assert_int_equal(hugi_complaint_src_read(&s, mini, NULL, 0, &err), HUGI_OK);
    assert_int_equal(chmod(path, 0660), 0);
    assert_int_equal(hugi_complaint_src_image(s, path, &u, &err), HUGI_E_DENIED);
    assert_int_equal(chmod(path, 0600), 0);
    /* a byte changed on disk */
    f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 4000, SEEK_SET);
    int c = fgetc(f);
    fseek(f, 4000, SEEK_SET);
    fputc(c ^ 0x55, f);
    fclose(f);
    assert_int_equal(hugi_complaint_src_image(s, path, &u, &err), HUGI_E_PARSE);
    assert_null(u);
    hugi_complaint_src_free(s);
    hugi_complaint_tax_free(t);
    remove(path);
    remove(extra);
    rmdir(tmp);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Files are read before any is parsed, yet errors come in load order: a bad cues.tsv line is
 * reported before a category file that is missing, and a missing file gives no key. */
static void test_error_order(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/hugi-cerr-XXXXXX";
    char *tmp = mkdtemp(tmpl);
    assert_non_null(tmp);
    write_file(tmp, "categories.tsv", "a\tnormal\tA\nb\tnormal\tB\n");
    write_file(tmp, "cues.tsv", "# cues\nnoname\n");
    write_file(tmp, "a.tsv", "배송 늦\n");
    struct hugi_complaint_tax *t = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_complaint_tax_load(&t, tmp, &err), HUGI_E_PARSE);
    assert_non_null(strstr(err.where, "cues.tsv:2"));
    struct hugi_complaint_src *s = NULL;
    assert_int_equal(hugi_complaint_src_read(&s, tmp, NULL, 0, &err), HUGI_OK);
    char hex[33];
    assert_false(hugi_complaint_src_key(s, hex)); /* b.tsv is missing */
    assert_int_equal(hugi_complaint_src_image(s, "/nonexistent.img", &t, &err), HUGI_E_NOTFOUND);
    assert_int_equal(hugi_complaint_src_parse(s, &t, &err), HUGI_E_PARSE);
    assert_non_null(strstr(err.where, "cues.tsv:2"));
    assert_null(t);
    hugi_complaint_src_free(s);
    write_file(tmp, "cues.tsv", "late\t늦\n");
    assert_int_equal(hugi_complaint_tax_load(&t, tmp, &err), HUGI_E_IO);
    assert_non_null(strstr(err.where, "/b.tsv"));
    write_file(tmp, "categories.tsv", "a\tbad-level\tA\n");
    assert_int_equal(hugi_complaint_src_read(&s, tmp, NULL, 0, &err), HUGI_E_PARSE);
    assert_null(s);
    assert_non_null(strstr(err.where, "categories.tsv:1"));
    char path[4200];
    const char *names[] = {"categories.tsv", "cues.tsv", "a.tsv"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, names[i]);
        remove(path);
    }
    rmdir(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_round_trip), cmocka_unit_test(test_mini_round_trip),
        cmocka_unit_test(test_corrupted),          cmocka_unit_test(test_src_files),
        cmocka_unit_test(test_error_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
